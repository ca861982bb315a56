"""The updates page, the home page's latest entries and the Atom feed.

All three come from the notes' front matter (`book_notes.load_notes`) and nothing
else: a note's publication is one entry, each item of its `updated` list another.

- directive `book-updates` (option `:limit: N`): entries newest first, grouped by
  month unless limited, each "date · part · linked title · summary";
- `feed.xml` in the HTML output: the same entries as Atom, links absolute from
  `html_baseurl`;
- `env-get-outdated`: the pages holding the directive are re-read whenever a note is
  added or removed (changes to a note's file are tracked as dependencies).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from book_notes import FrontMatterError, Note, load_notes

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Entry:
    date: dt.date
    kind: str  # "发布" or "更新"
    note: Note
    text: str  # the note's summary, or what the update changed

    @property
    def anchor(self) -> str:
        return f"{self.note.docname}#{self.date.isoformat()}-{'published' if self.kind == '发布' else 'updated'}"


def entries(notes: list[Note]) -> list[Entry]:
    """Every publication and update, newest first (ties: updates before, then title)."""
    items = [Entry(n.date, "发布", n, n.summary) for n in notes]
    items += [Entry(u.date, "更新", n, u.note) for n in notes for u in n.updated]
    return sorted(items, key=lambda e: (e.date, e.kind == "更新", e.note.title), reverse=True)


def atom_feed(items: list[Entry], base_url: str, title: str, parts: dict[str, str]) -> bytes:
    ET.register_namespace("", ATOM)
    base = base_url.rstrip("/") + "/"
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "zh-CN"})
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"{title} · 更新"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = base + "feed.xml"
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": base + "feed.xml"})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": base + "updates.html"})
    newest = items[0].date if items else dt.date(2026, 1, 1)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = f"{newest.isoformat()}T00:00:00Z"
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = title
    for item in items:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"[{item.kind}] {item.note.title}"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = base + item.anchor
        ET.SubElement(entry, f"{{{ATOM}}}link", {"href": f"{base}{item.note.docname}.html"})
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = f"{item.date.isoformat()}T00:00:00Z"
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": parts.get(item.note.part, item.note.part)})
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = item.text
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8")


# --------------------------------------------------------------------------- Sphinx
from docutils import nodes  # noqa: E402
from docutils.parsers.rst import directives  # noqa: E402
from sphinx import addnodes  # noqa: E402
from sphinx.util import logging  # noqa: E402
from sphinx.util.docutils import SphinxDirective  # noqa: E402

logger = logging.getLogger(__name__)


def _notes(srcdir) -> list[Note]:
    try:
        return load_notes(Path(srcdir))
    except FrontMatterError:
        return []  # the bad note itself is reported with its line by book_notes


class BookUpdates(SphinxDirective):
    option_spec = {"limit": directives.positive_int}

    def run(self) -> list[nodes.Node]:
        notes = _notes(self.env.srcdir)
        for note in notes:
            self.env.note_dependency(str(note.path))
        items = entries(notes)
        limit = self.options.get("limit")
        if limit:
            items = items[:limit]
        parts = self.config.book_parts
        result: list[nodes.Node] = []
        month = None
        current: nodes.bullet_list | None = None
        for item in items:
            key = (item.date.year, item.date.month)
            if current is None or (not limit and key != month):
                month = key
                if not limit:
                    result.append(nodes.rubric(text=f"{key[0]} 年 {key[1]} 月", classes=["updates-month"]))
                current = nodes.bullet_list(classes=["book-updates"])
                result.append(current)
            para = nodes.paragraph()
            para += nodes.literal(text=item.date.isoformat(), classes=["updates-date"])
            para += nodes.Text(f" · {parts.get(item.note.part, item.note.part)} · ")
            ref = addnodes.pending_xref("", refdomain="std", reftype="doc", refexplicit=True,
                                        reftarget="/" + item.note.docname, refdoc=self.env.docname,
                                        refwarn=True)
            ref += nodes.inline(text=item.note.title)
            para += ref
            para += nodes.Text(f" · {item.kind}：{item.text}")
            li = nodes.list_item()
            li += para
            current += li
        if not items:
            result.append(nodes.paragraph(text="还没有笔记。"))
        return result


def outdated_pages(app, env, added, changed, removed):
    if not (added or removed):
        return []
    return [d for d in env.found_docs if d in ("index", "updates")]


def write_feed(app, exception) -> None:
    if exception or app.builder.format != "html":
        return
    data = atom_feed(entries(_notes(app.srcdir)), app.config.html_baseurl, app.config.project, app.config.book_parts)
    Path(app.outdir, "feed.xml").write_bytes(data)


def add_feed_and_pdf_links(app, pagename, templatename, context, doctree) -> None:
    """The feed in every page's head; the feed and the PDF (`make pdf` puts
    ml-notes.pdf at the top of the HTML book) in every page's footer, relative to it."""
    to = context["pathto"]
    feed, pdf = to("feed.xml", 1), to("ml-notes.pdf", 1)
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="alternate" type="application/atom+xml" title="更新" href="{feed}">'
    )
    context["theme_extra_footer"] = f'<a href="{feed}">Atom 订阅</a> · <a href="{pdf}">PDF 下载</a>'


def setup(app):
    app.add_config_value("book_parts", {}, "env", types=[dict])
    app.add_directive("book-updates", BookUpdates)
    app.connect("env-get-outdated", outdated_pages)
    app.connect("build-finished", write_feed)
    app.connect("html-page-context", add_feed_and_pdf_links)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
