"""Figure and equation numbers that restart in every part, and rebuilds that skip
renumbering when nothing numbered changed.

Numbers per part. Each part has its own numbered toctree, so chapter numbers repeat
across parts (CART is chapter 1 of 集成学习, garbage collection chapter 1 of Python).
Sphinx keys its figure/equation counters on the chapter number alone, so the counters
ran on across parts: CART's first equation was (1.45), after the 44 of the other four
chapters 1. After Sphinx numbers, the counters are restarted per part, keeping the
order: every chapter's first figure is N.1 and its first equation (N.1).

Skipping. With `numfig`, Sphinx renumbers every figure, table, code block and equation of the
book after every reading phase, unpickling all doctrees to do it (about 2 s for this
book on two cores), even when nothing that carries a number changed. The numbers depend
only on each page's *numbering outline*: the order of its sections, its toctree
entries, and its numbered elements (kind, id, whether captioned). The outline of every
page is recorded when it is read; the walk is skipped when

- the configuration is unchanged (a change re-reads every page and renumbers), and
- every page read in this build existed before and has the same outline as before, and
  no page was removed.

So a no-op rebuild, or an edit to prose or code that adds no section, figure, table or
numbered equation, keeps the numbers saved with the environment; anything else
renumbers as Sphinx does (and then restarts the counters per part).
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.domains.std import StandardDomain
from sphinx.environment import CONFIG_OK
from sphinx.environment.collectors.toctree import TocTreeCollector

_assign_figure_numbers = TocTreeCollector.assign_figure_numbers
# one Sphinx application per process (sphinx-build, autobuild's subprocess)
_before: dict[str, tuple | None] = {}  # outlines of the pages purged in this build
_numbers: dict[str, dict] = {}  # and their numbers, which Sphinx drops with the page
_read: set[str] = set()


def outline(env, doctree: nodes.Node) -> tuple:
    """What Sphinx's figure numbering reads from a page, in document order."""
    items = []
    for node in doctree.findall(nodes.Element):
        if isinstance(node, nodes.section):
            items.append(("section", node["ids"][0] if node["ids"] else ""))
        elif isinstance(node, addnodes.toctree):
            items.append(("toctree", tuple(name for _, name in node["entries"])))
        else:
            for domain in env.domains.sorted():
                figtype = domain.get_enumerable_node_type(node)
                if figtype:
                    captioned = (not isinstance(domain, StandardDomain)
                                 or bool(domain.get_numfig_title(node)))
                    items.append((figtype, tuple(node["ids"]), captioned))
                    break
    return tuple(items)


def on_doctree_read(app, doctree) -> None:
    env = app.env
    if not hasattr(env, "book_outlines"):
        env.book_outlines = {}
    env.book_outlines[env.docname] = outline(env, doctree)


def on_merge(app, env, docnames, other) -> None:
    if not hasattr(env, "book_outlines"):
        env.book_outlines = {}
    for docname in docnames:
        if docname in getattr(other, "book_outlines", {}):
            env.book_outlines[docname] = other.book_outlines[docname]


def on_purge(app, env, docname) -> None:
    _before[docname] = getattr(env, "book_outlines", {}).pop(docname, None)
    if docname in env.toc_fignumbers:
        _numbers[docname] = env.toc_fignumbers[docname]


def on_before_read(app, env, docnames) -> None:
    _read.update(docnames)


def on_builder_inited(app) -> None:
    _before.clear()
    _numbers.clear()
    _read.clear()


def numbering_unchanged(env) -> bool:
    if env.config_status != CONFIG_OK or not env.toc_fignumbers:
        return False
    if not _read <= set(_before):  # a new page
        return False
    now = getattr(env, "book_outlines", {})
    return all(old is not None and now.get(docname) == old for docname, old in _before.items())


def restart_per_part(env) -> None:
    """Renumber so that counters are kept per (part, kind, chapter), in Sphinx's order."""
    groups: dict[tuple, list] = {}
    for docname, kinds in env.toc_fignumbers.items():
        part = docname.split("/")[0]
        for figtype, numbers in kinds.items():
            for node_id, number in numbers.items():
                groups.setdefault((part, figtype, number[:-1]), []).append(
                    (number[-1], docname, node_id))
    for (_, figtype, chapter), items in groups.items():
        for counter, (_, docname, node_id) in enumerate(sorted(items), start=1):
            env.toc_fignumbers[docname][figtype][node_id] = (*chapter, counter)


def assign_figure_numbers(self, env) -> list[str]:
    if numbering_unchanged(env):
        env.toc_fignumbers.update(_numbers)
        return []
    before = env.toc_fignumbers
    _assign_figure_numbers(self, env)
    restart_per_part(env)
    return [docname for docname, numbers in env.toc_fignumbers.items()
            if numbers != before.get(docname)]


def setup(app):
    TocTreeCollector.assign_figure_numbers = assign_figure_numbers
    app.connect("builder-inited", on_builder_inited)
    app.connect("doctree-read", on_doctree_read)
    app.connect("env-merge-info", on_merge)
    app.connect("env-purge-doc", on_purge, priority=100)  # before Sphinx drops the numbers
    app.connect("env-before-read-docs", on_before_read)
    return {"version": "2.0", "env_version": 2, "parallel_read_safe": True,
            "parallel_write_safe": True}
