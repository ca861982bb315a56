"""Check the spacing and punctuation of Chinese/English prose with AutoCorrect.

AutoCorrect (autocorrect-py) lints Markdown prose with the rules in `.autocorrectrc`:
a space between CJK and Latin words or numbers, fullwidth punctuation in Chinese text,
no space inside fullwidth punctuation. Before it sees a file, every non-prose block
found by the book's own Markdown parser (MyST, with conf.py's extensions) is blanked
line for line: front matter, code fences and code cells, `$$` and amsmath math, HTML.
So line numbers stay those of the file and nothing in those blocks can change.
Files listed in `.autocorrectignore` are skipped.

    .venv/bin/python tools/check_prose.py FILE.md ...        # report file:line:col
    .venv/bin/python tools/check_prose.py --fix FILE.md ...  # rewrite the prose in place
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import autocorrect_py as autocorrect
from markdown_it.renderer import RendererHTML
from myst_parser.parsers.mdit import create_md_parser

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_cells import ROOT, myst_config  # noqa: E402  (the same MyST settings)

NOT_PROSE = {"front_matter", "fence", "code_block", "math_block", "math_block_label", "amsmath", "html_block"}
PROSE_FENCES = ("{glossary}",)  # fenced directives whose content is prose


def prose_only(text: str) -> tuple[str, set[int]]:
    """The text with every non-prose line emptied, and the 0-based indexes emptied."""
    parser = create_md_parser(myst_config(), RendererHTML)
    lines = text.split("\n")
    blank: set[int] = set()
    for token in parser.parse(text):
        if token.type not in NOT_PROSE or not token.map:
            continue
        start, end = token.map
        if token.type == "fence" and token.info.strip().startswith(PROSE_FENCES):
            blank |= {start, end - 1}  # only the fence lines
        else:
            blank |= set(range(start, end))
    return "\n".join("" if i in blank else line for i, line in enumerate(lines)), blank


def check(path: Path, fix: bool) -> list[str]:
    text = path.read_text(encoding="utf-8")
    prose, blank = prose_only(text)
    result = autocorrect.lint_for(prose, str(path))
    if fix and result.lines:
        fixed = autocorrect.format_for(prose, str(path)).split("\n")
        original = text.split("\n")
        if len(fixed) != len(original):
            return [f"{path}: AutoCorrect changed the number of lines; not rewritten"]
        path.write_text("\n".join(o if i in blank else f for i, (o, f) in enumerate(zip(original, fixed, strict=True))),
                        encoding="utf-8")
    what = "fixed" if fix else "write it as below, or run tools/check_prose.py --fix"
    return [f"{path}:{item.line}:{item.col}: spacing/punctuation between Chinese and English ({what})\n"
            f"  - {item.old}\n  + {item.new}" for item in result.lines]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fix", action="store_true", help="rewrite the files instead of only reporting")
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    autocorrect.load_config((ROOT / ".autocorrectrc").read_text(encoding="utf-8"))
    ignorer = autocorrect.Ignorer(str(ROOT))
    problems = [message for path in args.files if not ignorer.is_ignored(str(path))
                for message in check(path, args.fix)]
    if problems:
        print("\n".join(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
