"""Lint the code cells of MyST notes with ruff; report lines of the note itself.

The cells are read by MyST-NB's own reader with the book's MyST settings, i.e. exactly
the code the build executes. They go to ruff as a notebook (so ruff applies its
notebook rules: imports sorted per cell, a cell may end with a bare expression) under
the note's own path, so ruff.toml's per-file-ignores for `*.md` apply. Each message is
printed as `part/slug.md:LINE:COL: CODE message`, LINE being the line in the `.md` file.

    .venv/bin/python tools/check_cells.py ensemble/cart-decision-tree.md ...
"""

from __future__ import annotations

import json
import runpy
import subprocess
import sys
from functools import cache
from pathlib import Path

import nbformat
from myst_nb.core.read import read_myst_markdown_notebook
from myst_parser.config.main import MdParserConfig

ROOT = Path(__file__).resolve().parent.parent
RUFF = Path(sys.executable).with_name("ruff")


@cache
def myst_config() -> MdParserConfig:
    """The MyST settings of conf.py (extensions change what counts as a block)."""
    conf = runpy.run_path(str(ROOT / "conf.py"))
    return MdParserConfig(enable_extensions=set(conf.get("myst_enable_extensions", ())),
                          dmath_double_inline=conf.get("myst_dmath_double_inline", False))


def code_cells(text: str) -> list[tuple[int, str]]:
    """(line of the cell's first code line in the note, 1-based; source) per code cell."""
    notebook = read_myst_markdown_notebook(text, myst_config(), add_source_map=True)
    lines = text.split("\n")
    cells = []
    for cell, fence_line in zip(notebook.cells, notebook.metadata["source_map"], strict=True):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        body = cell.source.split("\n")
        # the body follows the fence line and the cell's option lines, verbatim (a cell
        # whose code is loaded from a file is reported from the line after its fence)
        first = next((i for i in range(fence_line, len(lines)) if lines[i:i + len(body)] == body), fence_line)
        cells.append((first + 1, cell.source))
    return cells


def lint(path: str) -> list[str]:
    cells = code_cells(Path(path).read_text(encoding="utf-8"))
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(src) for _, src in cells])
    notebook.metadata["language_info"] = {"name": "python"}
    run = subprocess.run(
        [str(RUFF), "check", "--extension", "md:ipynb", "--output-format", "json",
         "--stdin-filename", path, "-"],
        input=nbformat.writes(notebook), text=True, capture_output=True, check=False,
    )
    if run.returncode not in (0, 1):
        return [f"{path}: ruff failed: {run.stderr.strip()}"]
    found = []
    for item in json.loads(run.stdout):
        first = cells[item["cell"] - 1][0] if item.get("cell") else 1
        line, col = first + item["location"]["row"] - 1, item["location"]["column"]
        found.append((line, col, f"{path}:{line}:{col}: {item['code'] or 'syntax'} {item['message']}"))
    return [message for *_, message in sorted(found)]


def main(paths: list[str]) -> int:
    messages = [message for path in paths for message in lint(path)]
    if messages:
        print("\n".join(messages))
    return 1 if messages else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
