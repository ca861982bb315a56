"""Clear errors for contributors: each common mistake's warning carries a hint.

Sphinx and its extensions already name the file and, where they know it, the line;
this filter appends what to do. It sits on Sphinx's log handlers, so it also sees
the warnings that parallel workers send back to the main process.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

HINTS = [
    (re.compile(r"could not find bibtex key|citation not found", re.I),
     "add the entry to references.bib (key: first author's family name, year, first "
     "content word) or fix the key in {cite:p}`…`"),
    (re.compile(r"duplicate label|duplicate explicit target name|duplicate citation"
                r"|duplicate object description", re.I),
     "labels are unique in the whole book: prefix them with kind and slug, "
     "e.g. eq-<slug>-…, fig-<slug>-…, sec-<slug>-…"),
    (re.compile(r"undefined label|unknown document|equation not found|"
                r"Failed to create a cross reference|reference target not found", re.I),
     "check the target: {doc}`/part/slug` for notes, {ref}`label` for `(label)=`, "
     "{eq}`label` for `$$ … $$ (label)`, {numref}`label` for figures"),
    (re.compile(r"Executing notebook failed|CellExecutionError|notebook execution|"
                r"cell execution", re.I),
     "a code cell raised an error: the traceback is above and in _build/html/reports/; "
     "reproduce quickly with `.venv/bin/python tools/run_cells.py <note>.md`"),
    (re.compile(r"stderr", re.I),
     "a code cell wrote to stderr (often a warning): fix its cause rather than hiding it"),
    (re.compile(r"toctree contains reference to nonexisting document", re.I),
     "no such note file: create it (`make new PART=… SLUG=… TITLE=…`) or remove the slug "
     "from the part's index.md `note-cards` block"),
    (re.compile(r"document isn't included in any toctree", re.I),
     "list the note's slug in its part's index.md `note-cards` block (`make new` does it)"),
]


FAILED_CELL = re.compile(r"executing the following cell:\n-+\n(.*?)\n-+\n", re.S)


def failed_cell_line(path: str, message: str) -> int | None:
    """Line of the `{code-cell}` fence whose source MyST-NB reports as failing."""
    match = FAILED_CELL.search(message)
    if not match or not Path(path).is_file():
        return None
    text = Path(path).read_text(encoding="utf-8")
    first = next((ln for ln in match.group(1).splitlines() if ln.strip()), None)
    at = text.find(first) if first else -1
    if at < 0:
        return None
    fence = text.rfind("{code-cell}", 0, at)
    return text.count("\n", 0, fence if fence >= 0 else at) + 1


class HintFilter(logging.Filter):
    def __init__(self, app) -> None:
        super().__init__()
        self.app = app

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING or getattr(record, "_book_hinted", False):
            return True
        message = logging.LogRecord.getMessage(record)  # without Sphinx's location prefix
        location = getattr(record, "location", None)
        if isinstance(location, str) and "CellExecutionError" in message:
            path = location if Path(location).is_file() else str(self.app.env.doc2path(location))
            line = failed_cell_line(path, message)
            if line:
                record.location = (location, line) if path != location else f"{path}:{line}"
        if "hint:" not in message:
            for pattern, hint in HINTS:
                if pattern.search(message):
                    record.msg, record.args = f"{message}\n  hint: {hint}", ()
                    break
        record._book_hinted = True
        return True


def install(app) -> None:
    hint_filter = HintFilter(app)
    for handler in logging.getLogger("sphinx").handlers:
        handler.addFilter(hint_filter)


def setup(app):
    install(app)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
