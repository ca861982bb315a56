"""Check the front matter of notes with the book's own rules (_extensions/book_notes.py).

Files that are not notes (part index pages, other Markdown) are skipped; with no
arguments every note of the book is checked. A bad note is reported as
`part/slug.md:LINE: message` followed by the fix, as the build reports it.

    .venv/bin/python tools/check_front_matter.py [FILE.md ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_extensions"))

from book_notes import FrontMatterError, is_note_path, note_paths, parse_note  # noqa: E402


def main(argv: list[str]) -> int:
    paths = [Path(name).resolve() for name in argv] or note_paths(ROOT)
    problems = []
    for path in paths:
        if not path.is_relative_to(ROOT) or not is_note_path(ROOT, path):
            continue
        try:
            parse_note(path, ROOT)
        except FrontMatterError as err:
            problems.append(f"{err.path}:{err.line}: {err.message}\n  hint: {err.hint}")
    if problems:
        print("\n".join(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
