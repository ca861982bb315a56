"""Shared paths and fixtures. The tests read what `make html` and `make pdf` built
(`make test` runs both first); the contributor-mistake tests build small books of
their own."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "_build"
HTML = BUILD / "html"
LATEX = BUILD / "latex"
sys.path.insert(0, str(ROOT / "_extensions"))
sys.path.insert(0, str(ROOT / "tests"))

from book_notes import load_notes  # noqa: E402


@pytest.fixture(scope="session")
def notes():
    return load_notes(ROOT)


@pytest.fixture(scope="session")
def html_dir() -> Path:
    if not (HTML / "index.html").is_file():
        pytest.fail("no HTML build: run `make html` (or `make test`, which builds it)")
    return HTML


def html_pages(html_dir: Path) -> list[Path]:
    skip = {"genindex.html", "search.html", "py-modindex.html"}
    return sorted(p for p in html_dir.rglob("*.html")
                  if p.name not in skip and not p.relative_to(html_dir).parts[0].startswith("_"))


# Every page a reader can open, as docnames (for parametrized browser tests): the
# book's pages plus the search page.
PAGES = ([str(p.relative_to(HTML).with_suffix("")) for p in html_pages(HTML)] if HTML.exists()
         else []) + ["search"]
