"""A bibliography per note, with author–year labels.

sphinxcontrib-bibtex resolves citation keys book-wide: when two notes cite the same
work, each in its own `{bibliography}`, it warns "duplicate citation" and links both
citations to one of the two lists. Its remedy is a key prefix per bibliography; this
module applies it for the contributor, who writes plain keys:

- `source-read`: in every page, `{cite…}` roles get the page's prefix and the page's
  `{bibliography}` directive gets `:keyprefix:` (same lines, so locations hold);
- the pybtex style `book`: the `plain` style with author–year labels
  ("Breiman et al., 2001"), matching the author–year citations in the text.
"""

from __future__ import annotations

import re

from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle

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


class BookStyle(PlainStyle):
    default_label_style = "book-author-year"


register_plugin("pybtex.style.labels", "book-author-year", AuthorYearLabels)
register_plugin("pybtex.style.formatting", "book", BookStyle)


def setup(app):
    app.connect("source-read", on_source_read)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
