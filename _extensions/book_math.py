"""Math typeset at build time, offline, and checked.

- MathJax 3.2.2 comes from the pinned PyPI package `django-static-mathjax` (never a
  CDN, never committed).
- Every formula is typeset once, under Node.js, by that MathJax (`book_math_render.js`)
  into CommonHTML with hidden MathML for screen readers, and written into the page. A
  reader's browser runs no MathJax: the page arrives with its math laid out, and needs
  only one stylesheet (`_static/mathjax/chtml.css`, the same for every page, so it is
  fetched once) and the MathJax fonts its glyphs use.
- The TeX a formula is given is exactly what Sphinx's MathJax writer would hand the
  browser (`split` for a part with line breaks, `align`/`aligned` for several parts).
- A TeX error fails the build with the file, the line and MathJax's message, instead
  of showing a red formula to readers; a formula with an error is never cached, so it
  is reported again on every build until it is fixed.
- Fonts: a page with math preloads the MathJax fonts its formulas use, so they arrive
  with the stylesheet instead of after layout; and every page prefetches, at idle, the
  fonts that at least a third of the book's pages with math use, so that after the
  first page the next ones usually find their fonts in the browser cache.
- Typeset formulas are cached by (TeX, display) in `<doctrees>/book-math.pickle`, so a
  rebuild typesets only formulas it has not seen; the cold build of the whole book runs
  one Node.js process per core.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from docutils import nodes
from sphinx.errors import ExtensionError
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

logger = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
FONTS = "output/chtml/fonts/woff-v2"  # from MathJax's es5 folder into _static/mathjax/
STYLESHEET = "mathjax/chtml.css"  # under _static/
CHUNK = 400  # formulas per Node.js process, at least
FONT_FACE = re.compile(r'font-family: (MJX[\w-]+);\s*src: url\("([^"]+)"\)')
FONT_CLASS = re.compile(r"\bTEX-([A-Z0-9]+)\b")
ALWAYS = {"MJXZERO", "MJXTEX"}  # the zero-width font and the main font: any formula


def mathjax_es5() -> Path:
    import mathjax  # the django-static-mathjax package

    folder = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
    if not (folder / "node-main.js").is_file():
        raise ExtensionError(f"MathJax not found in {folder}: reinstall requirements.txt")
    return folder


def formula(node: nodes.Element) -> tuple[str, bool]:
    """(TeX, display) for a math node, as Sphinx's MathJax writer would send it."""
    text = node.astext()
    if isinstance(node, nodes.math):
        return text, False
    if node.get("no-wrap", node.get("nowrap", False)):
        return text, True
    parts = [p for p in text.split("\n\n") if p.strip()]
    parts = [rf"\begin{{split}}{p}\end{{split}}" if r"\\" in p else p for p in parts]
    if len(parts) > 1:
        return r"\begin{align}\begin{aligned}" + r"\\".join(parts) + r"\end{aligned}\end{align}", True
    return (parts[0] if parts else ""), True


# -- what each page holds ---------------------------------------------------------------
def collect_formulas(app, doctree: nodes.document) -> None:
    env = app.env
    found = []
    for node in doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block))):
        line = node.line or (node.parent.line if node.parent is not None else None) or 0
        found.append((line, *formula(node)))
    env.book_formulas = getattr(env, "book_formulas", {})
    env.book_formulas[env.docname] = found


def purge(app, env, docname) -> None:
    getattr(env, "book_formulas", {}).pop(docname, None)


def merge(app, env, docnames, other) -> None:
    env.book_formulas = getattr(env, "book_formulas", {})
    for docname in docnames:
        if docname in getattr(other, "book_formulas", {}):
            env.book_formulas[docname] = other.book_formulas[docname]


# -- typesetting ----------------------------------------------------------------------
def _cache_file(app) -> Path:
    return Path(app.doctreedir) / "book-math.pickle"


def load_cache(app) -> None:
    app.book_math = {"html": {}, "fonts": {}, "css": None, "common": frozenset()}
    saved = _cache_file(app)
    if saved.is_file():
        try:
            app.book_math = pickle.loads(saved.read_bytes())
        except Exception:  # an unreadable cache is rebuilt
            pass


def _run_node(es5: Path, formulas: list, css: bool) -> dict:
    node = shutil.which("node")
    if node is None:
        raise ExtensionError("Node.js is needed to typeset formulas: `apt-get install nodejs`")
    result = subprocess.run([node, str(HERE / "book_math_render.js"), str(es5)],
                            input=json.dumps({"formulas": formulas, "css": css}),
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ExtensionError(f"typesetting formulas failed to run: {result.stderr.strip()}")
    return json.loads(result.stdout)


def typeset(app, env) -> None:
    """Typeset every formula of the book not yet in the cache; report TeX errors; work
    out which fonts every page should prefetch."""
    cache = app.book_math
    before = (len(cache["html"]), cache.get("common"))
    where: dict[tuple[str, bool], tuple[str, int]] = {}
    for docname in sorted(getattr(env, "book_formulas", {})):
        for line, tex, display in env.book_formulas[docname]:
            where.setdefault((tex, display), (docname, line))
    cache["html"] = {key: html for key, html in cache["html"].items() if key in where}
    todo = [[i, tex, display] for i, (tex, display) in enumerate(where)
            if (tex, display) not in cache["html"]]
    if todo or not cache["css"]:
        _typeset_new(cache, todo, list(where), where)
    cache["fonts"] = {key: cache.get("fonts", {}).get(key) or fonts_used(html)
                      for key, html in cache["html"].items()}
    cache["common"] = _common_fonts(cache, env)
    cache["font_files"] = dict(FONT_FACE.findall(cache["css"] or ""))  # family -> file
    if (len(cache["html"]), cache["common"]) != before or todo:
        _cache_file(app).write_bytes(pickle.dumps(cache))


def _typeset_new(cache: dict, todo: list, keys: list, where: dict) -> None:
    workers = max(1, min(os.cpu_count() or 1, len(todo) // CHUNK))
    chunks = [todo[k::workers] for k in range(workers)]
    es5 = mathjax_es5()
    with ThreadPoolExecutor(workers) as pool:
        results = list(pool.map(lambda k: _run_node(es5, chunks[k], k == 0 and not cache["css"]),
                                range(workers)))
    for result in results:
        cache["css"] = cache["css"] or result["css"]
        for index, html in result["html"]:
            cache["html"][keys[index]] = html
        for index, message in result["errors"]:
            tex, display = keys[index]
            logger.warning("LaTeX error in formula: %s\n  formula: %s\n  hint: fix the TeX "
                           "(MathJax's message above); write equations as `$$ … $$ (label)`",
                           message, tex.strip(), location=where[keys[index]],
                           type="book", subtype="math")


def _common_fonts(cache: dict, env) -> frozenset[str]:
    """Font families that at least a third of the pages with math use."""
    fonts = cache["fonts"]
    pages = [set().union(*(fonts.get((tex, display), ()) for _, tex, display in formulas))
             for formulas in getattr(env, "book_formulas", {}).values() if formulas]
    families = set().union(*pages) if pages else set()
    return frozenset(f for f in families if 3 * sum(f in used for used in pages) >= len(pages))


def _typeset_html(self, node: nodes.Element) -> str:
    html = self.builder.app.book_math["html"].get(formula(node))
    if html is None:  # a TeX error, already reported: show the source
        return f'<code class="math-error">{self.encode(node.astext())}</code>'
    return html


def visit_math(self, node: nodes.math) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    self.body.append(_typeset_html(self, node) + "</span>")
    raise nodes.SkipNode


def visit_math_block(self, node: nodes.math_block) -> None:
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node["number"] and not node.get("no-wrap", node.get("nowrap", False)):
        self.body.append(f'<span class="eqno">({get_node_equation_number(self, node)})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    self.body.append(_typeset_html(self, node) + "</div>\n")
    raise nodes.SkipNode


# -- the files a page needs -----------------------------------------------------------
def fonts_used(html: str) -> set[str]:
    """MathJax font families a piece of typeset HTML draws with."""
    return ALWAYS | {f"MJXTEX-{name}" for name in FONT_CLASS.findall(html)}


def add_font_links(app, pagename, templatename, context, doctree) -> None:
    if app.builder.format != "html" or "pathto" not in context:
        return
    files = app.book_math["font_files"]
    common = app.book_math["common"] & set(files)
    body = context.get("body", "")
    preload = fonts_used(body) & set(files) if "<mjx-container" in body else set()
    links = []
    for family in sorted(preload | common):
        href = context["pathto"](f"_static/mathjax/{files[family]}", 1)
        rel = "preload" if family in preload else "prefetch"
        links.append(f'<link rel="{rel}" href="{href}" as="font" type="font/woff" crossorigin>')
    context["metatags"] = context.get("metatags", "") + "\n".join(links)


def write_assets(app, exception) -> None:
    if exception or app.builder.format != "html":
        return
    target = Path(app.outdir, "_static", "mathjax")
    shutil.copytree(mathjax_es5() / FONTS, target / FONTS, dirs_exist_ok=True)
    css = Path(app.outdir, "_static", STYLESHEET)
    if not css.is_file() or css.read_text(encoding="utf-8") != app.book_math["css"]:
        css.write_text(app.book_math["css"] or "", encoding="utf-8")


def use_prerendered_math(app, config) -> None:
    config.html_math_renderer = "book"


def setup(app):
    app.add_html_math_renderer("book", (visit_math, None), (visit_math_block, None))
    app.add_css_file(STYLESHEET)
    app.connect("config-inited", use_prerendered_math)
    app.connect("builder-inited", load_cache)
    app.connect("doctree-read", collect_formulas)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-updated", typeset)
    app.connect("html-page-context", add_font_links)
    app.connect("build-finished", write_assets)
    return {"version": "2.0", "env_version": 2, "parallel_read_safe": True,
            "parallel_write_safe": True}
