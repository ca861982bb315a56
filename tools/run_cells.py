"""Run the code cells of MyST notes in plain Python, outside Sphinx.

A quick check while writing: each note's cells run top to bottom in one
namespace, in the note's own folder, and the time of each note is printed.
The build (`make html`) remains the judge; this only shortens the loop.

    .venv/bin/python tools/run_cells.py ensemble/cart-decision-tree.md
"""

import os
import re
import sys
import time
from pathlib import Path

CELL = re.compile(r"^(`{3,}|~{3,})\{code-cell\}[^\n]*\n(.*?)^\1[ \t]*$", re.S | re.M)
CELL_OPTIONS = re.compile(r"\A---\n.*?\n---\n|\A(?::[\w-]+:.*\n)+", re.S)


def code_cells(text: str) -> list[tuple[int, str]]:
    """Return (line number, source) for every code cell, options stripped."""
    cells = []
    for match in CELL.finditer(text):
        body = CELL_OPTIONS.sub("", match.group(2), count=1)
        cells.append((text.count("\n", 0, match.start()) + 1, body))
    return cells


def run_note(path: Path) -> float:
    os.environ.setdefault("MPLBACKEND", "Agg")
    start = time.perf_counter()
    namespace: dict = {"__name__": "__main__"}
    here = Path.cwd()
    os.chdir(path.parent)
    try:
        for line, source in code_cells(path.read_text(encoding="utf-8")):
            try:
                exec(compile(source, f"{path}:{line}", "exec"), namespace)
            except Exception:
                print(f"{path}:{line}: the code cell starting here failed", file=sys.stderr)
                raise
    finally:
        os.chdir(here)
    return time.perf_counter() - start


if __name__ == "__main__":
    for name in sys.argv[1:]:
        seconds = run_note(Path(name).resolve())
        print(f"{name}: all cells ran in {seconds:.1f} s")
