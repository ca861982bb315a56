"""Rebuilds that read no page skip Sphinx's figure renumbering.

With `numfig`, Sphinx renumbers every figure, table and code block of the book after
every reading phase, unpickling all doctrees to do it (about 1.7 s for this book on two
cores), even when no page was read. Numbers depend only on the doctrees and the
toctrees, so when this build read no page and removed none, the numbers saved with the
environment are still right and the walk is skipped. Any read page, removed page or
configuration change (which re-reads every page) renumbers as before.
"""

from __future__ import annotations

from sphinx.environment.collectors.toctree import TocTreeCollector

_assign_figure_numbers = TocTreeCollector.assign_figure_numbers
_pages_changed = True  # one Sphinx application per process (sphinx-build, autobuild)


def assign_figure_numbers(self, env) -> list[str]:
    if not _pages_changed and env.toc_fignumbers:
        return []
    return _assign_figure_numbers(self, env)


def on_purge(app, env, docname) -> None:
    global _pages_changed
    _pages_changed = True


def on_before_read(app, env, docnames) -> None:
    global _pages_changed
    _pages_changed = _pages_changed or bool(docnames)


def on_builder_inited(app) -> None:
    global _pages_changed
    _pages_changed = False


def setup(app):
    TocTreeCollector.assign_figure_numbers = assign_figure_numbers
    app.connect("builder-inited", on_builder_inited)
    app.connect("env-purge-doc", on_purge)
    app.connect("env-before-read-docs", on_before_read)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
