"""Promise: every note's front matter is valid, nothing is left as a placeholder,
every note is in a table of contents, and every citation resolves to a complete
bibliography entry."""

import re

import pybtex.database
import pytest
from conftest import ROOT

from book_citations import CITE
from book_notes import PARTS, note_paths, reading_order

PLACEHOLDER = re.compile(r"\[公式\]|\[代码\]|\[Math\]|\bTODO\b|\bTBD\b|\bFIXME\b|\bXXX\b|待补|待完善|待续")
# Equations are numbered by Sphinx (`$$ … $$ (label)` + {eq}), identically in HTML and
# PDF; TeX's own numbering would give "(???)" or a second number.
TEX_NUMBERING = re.compile(r"\\label\{|\\eqref\b|\\tag\{|\\begin\{equation\*?\}")


def book_sources():
    top = [ROOT / n for n in ("index.md", "updates.md", "glossary.md")]
    return top + [p for part in PARTS for p in sorted((ROOT / part).glob("*.md"))]


def test_there_are_notes(notes):
    assert notes, "the book has no notes"


def test_front_matter_is_valid(notes):
    # load_notes raised already if any note were malformed; check what it returned
    for note in notes:
        assert note.title and note.summary and note.tags, note.docname


@pytest.mark.parametrize("path", book_sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_placeholder_left(path):
    found = PLACEHOLDER.findall(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(ROOT)} still has {found}"


@pytest.mark.parametrize("path", book_sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_equations_use_sphinx_numbering(path):
    found = TEX_NUMBERING.findall(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(ROOT)} uses {found}: write `$$ … $$ (label)` and {{eq}}"


def test_every_note_is_in_its_part_toc():
    listed = {f"{part}/{slug}" for part in PARTS for slug in reading_order(ROOT, part)}
    on_disk = {f"{p.parent.name}/{p.stem}" for p in note_paths(ROOT)}
    assert on_disk - listed == set(), "notes missing from their part's note-cards"
    assert listed - on_disk == set(), "note-cards name notes that do not exist"


def test_every_cited_key_exists_and_entries_are_complete():
    bib = pybtex.database.parse_file(str(ROOT / "references.bib"))
    cited = set()
    for path in book_sources():
        for _role, keys in CITE.findall(path.read_text(encoding="utf-8")):
            cited |= {k.strip() for k in keys.split(",")}
    assert cited - set(bib.entries) == set(), "cited keys missing from references.bib"
    for key, entry in bib.entries.items():
        fields = {f.lower() for f in entry.fields}
        assert fields & {"doi", "eprint", "url"}, f"{key}: needs a doi, eprint (arXiv) or url"
        assert "title" in fields and "year" in fields, f"{key}: needs title and year"
        assert entry.persons.get("author") or entry.persons.get("editor") or "organization" in fields, \
            f"{key}: needs authors"
