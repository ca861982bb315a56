"""Promise: in every note, figures are numbered 图 N.1, N.2, … and equations (N.1),
(N.2), … where N is the note's chapter number in its part, with no gap and no number
carried over from another part (book_rebuild restarts Sphinx's counters per part)."""

import re

import pytest
from conftest import HTML, html_pages

NOTES = [p for p in html_pages(HTML) if p.name != "index.html" and p.parent != HTML] if HTML.exists() else []
KINDS = {"figure": r'caption-number">图 (\d+)\.(\d+)', "equation": r'class="eqno">\((\d+)\.(\d+)\)'}


@pytest.mark.parametrize("page", NOTES, ids=lambda p: str(p.relative_to(HTML)))
def test_numbers_restart_in_every_chapter(page):
    text = page.read_text(encoding="utf-8")
    chapter = re.search(r'<span class="section-number">(\d+)\. </span>', text)
    assert chapter, f"{page.name}: no chapter number in its title"
    for kind, pattern in KINDS.items():
        numbers = [(int(a), int(b)) for a, b in re.findall(pattern, text)]
        if not numbers:
            continue
        assert {a for a, _ in numbers} == {int(chapter.group(1))}, f"{page.name}: {kind} numbers {numbers}"
        assert [b for _, b in numbers] == list(range(1, len(numbers) + 1)), \
            f"{page.name}: {kind} numbers are not 1, 2, 3, …: {[b for _, b in numbers]}"
