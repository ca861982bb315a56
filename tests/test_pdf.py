"""Promise: the PDF builds with every font embedded, contains every note, and has
no missing glyph."""

import re
import subprocess

import pytest
from conftest import LATEX

PDF = LATEX / "ml-notes.pdf"


@pytest.fixture(scope="module")
def pdf():
    if not PDF.is_file():
        pytest.fail("no PDF: run `make pdf` (or `make test`, which builds it)")
    return PDF


def test_every_font_is_embedded(pdf):
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, "pdffonts found no fonts"
    not_embedded = [r for r in rows if r.split()[-5] != "yes"]
    assert not not_embedded, not_embedded
    assert any("NotoSerifCJK" in r or "NotoSansCJK" in r for r in rows), "Chinese text needs Noto CJK"


def test_pdf_contains_every_note_title(pdf, notes):
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    for note in notes:
        assert re.sub(r"\s+", "", note.title) in flat, f"{note.title} not in the PDF"
    assert "目录" in flat.replace("\u3000", "") or "目录" in re.sub(r"\s", "", text)
    assert "第1章" in flat, "chapters are headed 第 N 章"
    assert "参考文献" in flat


def test_no_missing_glyph(pdf):
    log = (LATEX / "ml-notes.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    assert (LATEX / "ml-notes.log").stat().st_mtime >= pdf.stat().st_mtime - 60


def test_pdf_is_a4(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size and abs(float(size.group(1)) - 595.28) < 1 and abs(float(size.group(2)) - 841.89) < 1
