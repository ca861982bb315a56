"""Promise: the front-matter rules of CONTRIBUTING.md are enforced, each violation
reported at its line with a fix; updates become feed entries of their own."""

import datetime as dt
import textwrap
import xml.etree.ElementTree as ET

import pytest

from book_notes import FrontMatterError, parse_note
from book_updates import atom_feed, entries

GOOD = """\
---
file_format: mystnb
date: 2026-01-11
updated:
  - date: 2026-11-30
    note: 补充一节
  - date: 2026-03-01
    note: 修正一个符号
tags: [optimizer, pytorch]
summary: 一句话摘要。
---

# 标题
"""


def write(tmp_path, text):
    part = tmp_path / "ensemble"
    part.mkdir(exist_ok=True)
    path = part / "demo.md"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_good_front_matter_parses(tmp_path):
    note = parse_note(write(tmp_path, GOOD), tmp_path)
    assert note.date == dt.date(2026, 1, 11)
    assert [u.date for u in note.updated] == [dt.date(2026, 11, 30), dt.date(2026, 3, 1)]
    assert note.last_change == dt.date(2026, 11, 30)
    assert note.part == "ensemble" and note.title == "标题"


BAD = {
    "impossible date": (("date: 2026-01-11", "date: 2026-02-30"), 3, "not a date"),
    "quoted non-ISO date": (("date: 2026-01-11", "date: '11/01/2026'"), 3, "not a date"),
    "summary too long": (("summary: 一句话摘要。", "summary: " + "长" * 101), 10, "characters"),
    "uppercase tag": (("tags: [optimizer, pytorch]", "tags: [Optimizer]"), 9, "lowercase"),
    "tags not a list": (("tags: [optimizer, pytorch]", "tags: optimizer"), 9, "tags"),
    "updates out of order": (("2026-11-30", "2026-02-01"), 4, "newest first"),
    "update before publication": (("2026-03-01", "2025-03-01"), 4, "earlier than"),
    "update without note": (("    note: 修正一个符号", "    note: ''"), 4, "needs `date` and `note`"),
    "no title": (("# 标题", "标题"), 12, "no `# ` title"),
}


@pytest.mark.parametrize("case", BAD)
def test_each_violation_names_its_line(tmp_path, case):
    (old, new), line, message = BAD[case]
    with pytest.raises(FrontMatterError) as err:
        parse_note(write(tmp_path, GOOD.replace(old, new)), tmp_path)
    assert err.value.line == line, err.value
    assert message in err.value.message
    assert err.value.hint


def test_updates_are_entries_of_their_own(tmp_path):
    note = parse_note(write(tmp_path, GOOD), tmp_path)
    items = entries([note])
    assert [(e.date.isoformat(), e.kind) for e in items] == [
        ("2026-11-30", "更新"), ("2026-03-01", "更新"), ("2026-01-11", "发布")]
    feed = ET.fromstring(atom_feed(items, "https://example.org/book/", "书", {"ensemble": "集成学习"}))
    atom = "{http://www.w3.org/2005/Atom}"
    links = [e.find(f"{atom}link").get("href") for e in feed.findall(f"{atom}entry")]
    assert links == ["https://example.org/book/ensemble/demo.html"] * 3
    ids = [e.find(f"{atom}id").text for e in feed.findall(f"{atom}entry")]
    assert len(set(ids)) == 3, "every entry needs its own id"
