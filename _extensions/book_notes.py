"""Notes: what a note is, how its front matter is read and checked, how it is shown.

A note is `<part>/<slug>.md` (every Markdown file in a part folder except the part's
`index.md`). Its front matter carries `date`, optional `updated`, `tags` and `summary`
(see CONTRIBUTING.md). This module is the one place that reads them: the updates page,
the feed, the part cards and the tests all call `load_notes`.

Sphinx side:
- `source-read`: a malformed front matter is a build error naming the file, the line
  and the fix;
- `doctree-read`: a note page shows its date, last update and update history under
  its title;
- directive `note-cards`: a part's landing page lists its notes, in reading order, as
  a hidden toctree plus one card per note;
- `env-get-outdated`: landing pages are re-read when any note changes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

PARTS = ("python", "deep-learning", "generative-models", "detection", "ensemble")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
H1 = re.compile(r"^# (.+?)\s*$", re.M)
TAG = re.compile(r"^[a-z0-9][a-z0-9+.-]*$")
SUMMARY_MAX = 100
# A part's reading order: the slugs in its index.md `note-cards` block (group 1).
NOTE_CARDS = re.compile(r"^```\{note-cards\}\n(.*?)^```", re.S | re.M)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _Loader(yaml.SafeLoader):
    """YAML without implicit timestamps: dates stay strings and are checked here."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class FrontMatterError(ValueError):
    """A note's front matter is wrong: `line` is 1-based within the file."""

    def __init__(self, path: Path, line: int, message: str, hint: str):
        super().__init__(f"{path}:{line}: {message} — {hint}")
        self.path, self.line, self.message, self.hint = path, line, message, hint


@dataclass(frozen=True)
class Update:
    date: dt.date
    note: str


@dataclass(frozen=True)
class Note:
    path: Path
    part: str
    slug: str
    title: str
    date: dt.date
    summary: str
    tags: tuple[str, ...]
    updated: tuple[Update, ...] = field(default=())

    @property
    def docname(self) -> str:
        return f"{self.part}/{self.slug}"

    @property
    def last_change(self) -> dt.date:
        return self.updated[0].date if self.updated else self.date


def is_note_path(root: Path, path: Path) -> bool:
    rel = path.relative_to(root)
    return len(rel.parts) == 2 and rel.parts[0] in PARTS and rel.suffix == ".md" and rel.stem != "index"


def _key_line(block: str, key: str, offset: int) -> int:
    match = re.search(rf"^{re.escape(key)}\s*:", block, re.M)
    return offset + (block.count("\n", 0, match.start()) if match else 0)


def _as_date(value, path: Path, line: int, what: str) -> dt.date:
    if isinstance(value, str) and ISO_DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise FrontMatterError(
        path, line, f"{what} {value!r} is not a date",
        "write an ISO date without quotes, e.g. `date: 2026-01-11`",
    )


def parse_note(path: Path, root: Path) -> Note:
    """Read and validate one note; raise FrontMatterError with the line to fix."""
    text = path.read_text(encoding="utf-8")
    rel = path.relative_to(root)
    match = FRONT_MATTER.match(text)
    if not match:
        raise FrontMatterError(
            rel, 1, "the note has no front matter",
            "start the file with a `---` block holding date, tags and summary "
            "(copy _templates/note.md or run `make new`)",
        )
    block = match.group(1)
    try:
        data = yaml.load(block, Loader=_Loader) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = 2 + (mark.line if mark else 0)
        problem = getattr(err, "problem", None) or err
        raise FrontMatterError(rel, line, f"front matter is not valid YAML ({problem})",
                               "check indentation and quote values that contain `:`") from None
    if not isinstance(data, dict):
        raise FrontMatterError(rel, 2, "front matter is not a mapping", "write `key: value` lines")
    first = 2  # line of the first front-matter key

    if "date" not in data:
        raise FrontMatterError(rel, 1, "front matter has no `date`",
                               "add the first-publication date, e.g. `date: 2026-01-11`")
    date = _as_date(data["date"], rel, _key_line(block, "date", first), "date")

    summary = data.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        raise FrontMatterError(rel, _key_line(block, "summary", first) if "summary" in data else 1,
                               "front matter has no `summary`",
                               "add one Chinese sentence (≤ 100 characters): `summary: …`")
    summary = " ".join(summary.split())
    if len(summary) > SUMMARY_MAX:
        raise FrontMatterError(rel, _key_line(block, "summary", first),
                               f"summary has {len(summary)} characters",
                               f"shorten it to at most {SUMMARY_MAX}")

    tags = data.get("tags")
    tag_line = _key_line(block, "tags", first) if "tags" in data else 1
    if not isinstance(tags, list) or not tags:
        raise FrontMatterError(rel, tag_line, "front matter has no `tags` list",
                               "add a YAML list of lowercase English tags: `tags: [cart, sklearn]`")
    bad = [t for t in tags if not isinstance(t, str) or not TAG.match(t)]
    if bad:
        raise FrontMatterError(rel, tag_line, f"tags {bad!r} are not lowercase English words",
                               "use lowercase ASCII words joined by `-`, e.g. `decision-tree`")

    updated_raw = data.get("updated") or []
    upd_line = _key_line(block, "updated", first)
    if not isinstance(updated_raw, list):
        raise FrontMatterError(rel, upd_line, "`updated` is not a list",
                               "write `updated:` then items `- date: …` / `note: …`")
    updates = []
    for item in updated_raw:
        if not isinstance(item, dict) or "date" not in item or not str(item.get("note") or "").strip():
            raise FrontMatterError(rel, upd_line, f"update entry {item!r} needs `date` and `note`",
                                   "write `- date: 2026-11-30` and `  note: 一句话说明改了什么`")
        when = _as_date(item["date"], rel, upd_line, "updated date")
        if when < date:
            raise FrontMatterError(rel, upd_line, f"update {when} is earlier than the note's date {date}",
                                   "an update comes after first publication: fix either date")
        updates.append(Update(when, " ".join(str(item["note"]).split())))
    if [u.date for u in updates] != sorted((u.date for u in updates), reverse=True):
        raise FrontMatterError(rel, upd_line, "`updated` entries are not newest first",
                               "put the most recent update at the top of the list")

    body = text[match.end():]
    title_match = H1.search(body)
    if not title_match:
        raise FrontMatterError(rel, text.count("\n", 0, match.end()) + 1, "the note has no `# ` title",
                               "add one H1 line with the Chinese title after the front matter")
    return Note(path=path, part=rel.parts[0], slug=path.stem, title=title_match.group(1).strip(),
                date=date, summary=summary, tags=tuple(tags), updated=tuple(updates))


def note_paths(root: Path) -> list[Path]:
    return sorted(p for part in PARTS for p in (root / part).glob("*.md") if p.stem != "index")


def reading_order(root: Path, part: str) -> list[str]:
    """The slugs listed in a part's `note-cards` block, in order."""
    match = NOTE_CARDS.search((root / part / "index.md").read_text(encoding="utf-8"))
    return [line.strip() for line in match.group(1).splitlines() if line.strip()] if match else []


def load_notes(root: Path) -> list[Note]:
    """Every note of the book (raises FrontMatterError on the first bad one)."""
    return [parse_note(p, root) for p in note_paths(root)]


# --------------------------------------------------------------------------- Sphinx
try:  # the module is also imported by the tests and tools, without Sphinx
    from docutils import nodes
    from docutils.statemachine import StringList
    from sphinx.util import logging
    from sphinx.util.docutils import SphinxDirective
except ImportError:  # pragma: no cover
    SphinxDirective = object  # type: ignore[misc,assignment]

if SphinxDirective is not object:
    logger = logging.getLogger(__name__)

    def _root(app) -> Path:
        return Path(app.srcdir)

    DATE_VALUE = re.compile(r"^(\s*(?:-\s+)?date\s*:\s*)(\d{4}-\d{2}-\d{2})[ \t]*$", re.M)

    def check_front_matter(app, docname: str, source: list[str]) -> None:
        # MyST-NB stores front matter as notebook metadata, which must be JSON: pass
        # YAML dates on as ISO strings (same lines, so locations are unchanged).
        match = FRONT_MATTER.match(source[0])
        if match:
            block = DATE_VALUE.sub(r'\1"\2"', match.group(1))
            source[0] = f"---\n{block}---\n" + source[0][match.end():]
        path = Path(app.env.doc2path(docname))
        if not is_note_path(_root(app), path):
            return
        try:
            parse_note(path, _root(app))
        except FrontMatterError as err:
            logger.warning("%s\n  hint: %s", err.message, err.hint,
                           location=(docname, err.line), type="book", subtype="frontmatter")

    def _meta_line(note: Note) -> nodes.Element:
        box = nodes.container(classes=["note-meta"])
        para = nodes.paragraph()
        para += nodes.Text(f"发布于 {note.date.isoformat()}")
        if note.updated:
            para += nodes.Text(f" · 最后更新 {note.updated[0].date.isoformat()}")
        para += nodes.Text(" · 标签：" + "、".join(note.tags))
        box += para
        if note.updated:
            history = nodes.bullet_list(classes=["note-history"])
            for upd in note.updated:
                item = nodes.list_item()
                item += nodes.paragraph(text=f"{upd.date.isoformat()}：{upd.note}")
                history += item
            box += nodes.rubric(text="更新记录")
            box += history
        return box

    def add_note_meta(app, doctree: nodes.document) -> None:
        docname = app.env.docname
        path = Path(app.env.doc2path(docname))
        if not is_note_path(_root(app), path):
            return
        try:
            note = parse_note(path, _root(app))
        except FrontMatterError:
            return  # already reported by check_front_matter
        section = next(iter(doctree.findall(nodes.section)), None)
        if section is None:
            return
        title = next(iter(section.findall(nodes.title)))
        section.insert(section.index(title) + 1, _meta_line(note))

    class NoteCards(SphinxDirective):
        """List a part's notes in reading order: a hidden toctree and a card each.

        The content is one slug per line, in reading order.
        """

        has_content = True

        def run(self) -> list[nodes.Node]:
            root = _root(self.env.app)
            part = self.env.docname.split("/")[0]
            slugs = [s.strip() for s in self.content if s.strip()]
            if not slugs:
                return []
            lines = ["```{toctree}", ":hidden:", ":numbered:", ":maxdepth: 1", ""] + slugs + ["```", ""]
            cards: list[str] = []
            for number, slug in enumerate(slugs, start=1):
                path = root / part / f"{slug}.md"
                if not path.exists():
                    continue  # the toctree reports the missing document with its line
                self.env.note_dependency(str(path))
                try:
                    note = parse_note(path, root)
                except FrontMatterError:
                    continue
                cards += [
                    f":::{{grid-item-card}} {number}. {note.title}",
                    f":link: {slug}",
                    ":link-type: doc",
                    f":footer: {note.date.isoformat()} · " + " ".join(f"`{t}`" for t in note.tags),
                    "",
                    note.summary,
                    ":::",
                    "",
                ]
            if cards:
                lines += ["::::{grid} 1 1 2 2", ":gutter: 3", ""] + cards + ["::::", ""]
            container = nodes.container(classes=["note-cards"])
            self.state.nested_parse(StringList(lines, source=self.get_source_info()[0]),
                                    self.content_offset, container)
            return [container]

    def setup(app):
        app.connect("source-read", check_front_matter)
        app.connect("doctree-read", add_note_meta)
        app.add_directive("note-cards", NoteCards)
        return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
