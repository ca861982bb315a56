"""Chinese interface strings: the book's own message catalogs in `_locales/`.

`_locales/zh_CN/LC_MESSAGES/sphinx.po` covers Sphinx's and pydata-sphinx-theme's
strings; Sphinx finds it through `locale_dirs` and compiles it itself.
`booktheme.po` covers sphinx-book-theme's buttons ("Suggest edit", "Open issue", …):
Sphinx does not compile other domains, so it is compiled here (Babel, a Sphinx
dependency) and registered before the theme registers its own catalog, which then
only fills in what ours lacks.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx import locale

DOMAINS = ("booktheme",)


def register_catalogs(app, config) -> None:
    base = Path(app.confdir, "_locales")
    folder = base / config.language / "LC_MESSAGES"
    for domain in DOMAINS:
        po, mo = folder / f"{domain}.po", folder / f"{domain}.mo"
        if not po.is_file():
            continue
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as source:
                catalog = read_po(source, locale=config.language)
            with mo.open("wb") as target:
                write_mo(target, catalog)
        locale.init([str(base)], config.language, domain)


def setup(app):
    app.connect("config-inited", register_catalogs)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
