"""A bibliography per note, with author–year labels.

sphinxcontrib-bibtex resolves citation keys book-wide: when two notes cite the same
work, each in its own `{bibliography}`, it warns "duplicate citation" and links both
citations to one of the two lists. Its remedy is a key prefix per bibliography; this
module applies it for the contributor, who writes plain keys:

- `source-read`: in every page, `{cite…}` roles get the page's prefix and the page's
  `{bibliography}` directive gets `:keyprefix:` (same lines, so locations hold);
- the pybtex style `book`: the `plain` style with author–year labels
  ("Breiman et al., 2001"), matching the author–year citations in the text.
- `html-page-context`: docutils gives each entry of a `role="list"` the DPUB-ARIA role
  `doc-biblioentry`, which DPUB-ARIA 1.1 deprecated; assistive technology (and axe-core,
  tests/test_accessibility.py) then sees a list without items. Entries become
  `role="listitem"`.

Speed: sphinxcontrib-bibtex recomputes every bibliography after every build's reading
phase, even when nothing was read. Two things made that cost seconds per rebuild:
- its filter scans all citation references once per (bibliography, entry) pair;
  `BookBibtexDomain` indexes the references once per build instead (same filter);
- pybtex formats each entry twice (list and tooltip) on every build; `BookStyle`
  memoizes the formatted entries, and the memo is kept in the build environment, so a
  rebuild formats only entries whose fields or label changed.
"""

from __future__ import annotations

import re
from collections import defaultdict

from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.names.plain import NameStyle as PlainNames
from pybtex.style.sorting.author_year_title import SortingStyle as AuthorYearTitleSorting
from sphinxcontrib.bibtex.domain import BibtexDomain, _FilterVisitor

CITE = re.compile(r"\{(cite(?::[a-z]+)?)\}`([^`]+)`")
BIBLIOGRAPHY = re.compile(r"^(```+|:::+)\{bibliography\}[^\n]*\n", re.M)


def key_prefix(docname: str) -> str:
    return docname.replace("/", ".") + ":"


def prefix_citations(text: str, prefix: str) -> str:
    def cite(match: re.Match) -> str:
        keys = ",".join(prefix + k.strip() for k in match.group(2).split(","))
        return f"{{{match.group(1)}}}`{keys}`"

    text = CITE.sub(cite, text)
    return BIBLIOGRAPHY.sub(lambda m: f"{m.group(0)}:keyprefix: {prefix}\n", text)


def on_source_read(app, docname: str, source: list[str]) -> None:
    if "{cite" in source[0] or "{bibliography}" in source[0]:
        source[0] = prefix_citations(source[0], key_prefix(docname))


def _plain(text: str) -> str:
    """BibTeX protects words with braces ("{scikit-learn developers}"); labels drop them."""
    return text.replace("{", "").replace("}", "")


def _family(person) -> str:
    return _plain(" ".join(person.prelast_names + person.last_names) or str(person))


class AuthorYearLabels(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        for entry in sorted_entries:
            people = entry.persons.get("author") or entry.persons.get("editor") or []
            if not people:
                who = _plain(entry.fields.get("organization") or entry.fields.get("publisher")
                             or entry.key)
            elif len(people) == 1:
                who = _family(people[0])
            elif len(people) == 2:
                who = f"{_family(people[0])} & {_family(people[1])}"
            else:
                who = f"{_family(people[0])} et al."
            yield f"{who}, {entry.fields.get('year', 'n.d.')}"


def _fingerprint(entry) -> tuple:
    persons = tuple((role, tuple(str(p) for p in people)) for role, people in entry.persons.items())
    return entry.key, entry.type, tuple(sorted(entry.fields.items())), persons


class BookStyle(PlainStyle):
    # Classes, not names: pybtex looks a name up among the installed entry points,
    # which costs ~40 ms per lookup, three lookups per bibliography on every build.
    default_label_style = AuthorYearLabels
    default_name_style = PlainNames
    default_sorting_style = AuthorYearTitleSorting
    memo: dict = {}  # (label, entry fingerprint) -> formatted entry; see on_env_updated

    def format_entry(self, label, entry, bib_data=None):
        key = (label, _fingerprint(entry))
        if key not in self.memo:
            self.memo[key] = super().format_entry(label, entry, bib_data=bib_data)
        return self.memo[key]


class BookBibtexDomain(BibtexDomain):
    """sphinxcontrib-bibtex's domain, with the citation references indexed by key."""

    def env_updated(self):
        self._cited_in = defaultdict(set)
        for ref in self.citation_refs:
            for target in ref.targets:
                self._cited_in[target.key].add(ref.docname)
        try:
            return super().env_updated()
        finally:
            del self._cited_in

    def get_filtered_entries(self, bibliography_key):
        bibliography = self.bibliographies[bibliography_key]
        selected = []
        try:
            for entry in self.get_entries(bibliography.bibfiles):
                key = bibliography.keyprefix + entry.key
                visitor = _FilterVisitor(entry=entry, docname=bibliography_key.docname,
                                         cited_docnames=self._cited_in.get(key, set()))
                if visitor.visit(bibliography.filter_) or entry.key in bibliography.keys:
                    selected.append((key, entry))
        except ValueError:  # a bad :filter: expression: upstream warns with its location
            selected = list(super().get_filtered_entries(bibliography_key))
        return selected


def on_env_before_read_docs(app, env, docnames) -> None:
    BookStyle.memo = getattr(env, "book_bibtex_memo", {})


def on_env_updated(app, env) -> list[str]:
    env.book_bibtex_memo = BookStyle.memo
    return []


def list_items_for_citations(app, pagename, templatename, context, doctree) -> None:
    if "body" in context:
        context["body"] = context["body"].replace('role="doc-biblioentry"', 'role="listitem"')


register_plugin("pybtex.style.formatting", "book", BookStyle)


def setup(app):
    app.setup_extension("sphinxcontrib.bibtex")
    app.add_domain(BookBibtexDomain, override=True)
    app.connect("source-read", on_source_read)
    app.connect("env-before-read-docs", on_env_before_read_docs)
    app.connect("env-updated", on_env_updated, priority=900)
    app.connect("html-page-context", list_items_for_citations)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
