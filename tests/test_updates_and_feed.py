"""Promise: the updates page and the Atom feed list every publication and every
update, newest first, and the feed is valid Atom with absolute links."""

import re
import xml.etree.ElementTree as ET

from conftest import ROOT

from book_updates import entries

ATOM = "{http://www.w3.org/2005/Atom}"


def expected(notes):
    return [(e.date.isoformat(), e.kind, e.note.docname) for e in entries(notes)]


def test_one_entry_per_note_and_per_update(notes):
    items = entries(notes)
    assert len(items) == len(notes) + sum(len(n.updated) for n in notes)
    dates = [e.date for e in items]
    assert dates == sorted(dates, reverse=True)


def test_feed_parses_and_matches_front_matter(html_dir, notes):
    import conf  # noqa: F401  (ROOT is on sys.path through pytest's rootdir)

    feed = ET.parse(html_dir / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    got = []
    for entry in feed.findall(f"{ATOM}entry"):
        kind = "更新" if entry.find(f"{ATOM}title").text.startswith("[更新]") else "发布"
        link = entry.find(f"{ATOM}link").get("href")
        assert link.startswith("https://"), f"feed links must be absolute: {link}"
        docname = re.sub(r"^https://[^/]+/[^/]*/?|\.html$", "", link)
        got.append((entry.find(f"{ATOM}updated").text[:10], kind, docname))
        assert entry.find(f"{ATOM}summary").text
    assert got == expected(notes)


def test_updates_page_lists_entries_in_order(html_dir, notes):
    page = (html_dir / "updates.html").read_text(encoding="utf-8")
    body = page[page.index('<h1>'):]
    rows = re.findall(r'updates-date[^>]*>(?:<span class="pre">)?([0-9-]+)(?:</span>)?</code>'
                      r'.*?href="([^"#]+)\.html', body)
    got = [(date, href.removeprefix("./")) for date, href in rows]
    assert got == [(d, doc) for d, _, doc in expected(notes)]
    months = re.findall(r'class="[^"]*updates-month[^"]*"[^>]*>\s*(\d{4}) 年 (\d+) 月', body)
    assert months, "entries are grouped under month headings"


def test_home_page_shows_latest_five(html_dir, notes):
    page = (html_dir / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'updates-date[^>]*>(?:<span class="pre">)?([0-9-]+)', page)
    assert len(rows) == min(5, len(expected(notes)))
    assert rows == [d for d, _, _ in expected(notes)][:5]


def test_updates_page_is_generated_not_edited():
    source = (ROOT / "updates.md").read_text(encoding="utf-8")
    assert "```{book-updates}" in source
    assert not re.search(r"\d{4}-\d{2}-\d{2}", source), "dates belong in notes' front matter"
