"""Math that renders offline, and formulas checked at build time.

- MathJax 3.2.2 comes from the pinned PyPI package `django-static-mathjax` (never a
  CDN, never committed). Only what the book needs is copied into `_static/mathjax/`:
  `tex-chtml.js`, the `woff-v2` fonts and `input/tex/extensions` (without the
  extensions one autoloaded macro such as `\\boldsymbol` leaves a page's math raw).
- Every formula read in this build is typeset by that same MathJax under Node.js
  (`book_math_check.js`); a TeX error fails the build with the file, the line and
  MathJax's message, instead of showing a red formula to readers.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
NEEDED = ("tex-chtml.js", "output/chtml/fonts/woff-v2", "input/tex/extensions")


def mathjax_es5() -> Path:
    import mathjax  # the django-static-mathjax package

    folder = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5"
    if not (folder / "tex-chtml.js").is_file():
        raise ExtensionError(f"MathJax not found in {folder}: reinstall requirements.txt")
    return folder


def copy_mathjax(app, exception) -> None:
    if exception or app.builder.format != "html":
        return
    source, target = mathjax_es5(), Path(app.outdir, "_static", "mathjax")
    for item in NEEDED:
        src, dst = source / item, target / item
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        elif not dst.exists() or dst.stat().st_size != src.stat().st_size:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)


# -- formula check -------------------------------------------------------------------
def _parts(node: nodes.Element) -> list[str]:
    """The TeX that MathJax is given for a node, as Sphinx's HTML writer builds it."""
    text = node.astext()
    if isinstance(node, nodes.math) or node.get("nowrap"):
        return [text]
    parts = [p for p in text.split("\n\n") if p.strip()]
    return [rf"\begin{{split}}{p}\end{{split}}" if r"\\" in p else p for p in parts]


def collect_formulas(app, doctree: nodes.document) -> None:
    env = app.env
    found = []
    for node in doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block))):
        line = node.line or (node.parent.line if node.parent is not None else None) or 0
        display = isinstance(node, nodes.math_block)
        found += [(line, tex, display) for tex in _parts(node)]
    env.book_formulas = getattr(env, "book_formulas", {})
    env.book_formulas[env.docname] = found


def purge(app, env, docname) -> None:
    getattr(env, "book_formulas", {}).pop(docname, None)


def merge(app, env, docnames, other) -> None:
    env.book_formulas = getattr(env, "book_formulas", {})
    for docname in docnames:
        if docname in getattr(other, "book_formulas", {}):
            env.book_formulas[docname] = other.book_formulas[docname]


def remember_read(app, env, docnames) -> None:
    app.book_docs_read = list(docnames)


def check_formulas(app, env) -> None:
    todo = []
    for docname in getattr(app, "book_docs_read", []):
        for _line, tex, display in getattr(env, "book_formulas", {}).get(docname, []):
            todo.append([len(todo), tex, display])
    if not todo:
        return
    where = [(docname, line) for docname in app.book_docs_read
             for line, _, _ in env.book_formulas.get(docname, [])]
    node = shutil.which("node")
    if node is None:
        raise ExtensionError("Node.js is needed to check formulas: `apt-get install nodejs`")
    result = subprocess.run([node, str(HERE / "book_math_check.js"), str(mathjax_es5())],
                            input=json.dumps(todo), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ExtensionError(f"formula check failed to run: {result.stderr.strip()}")
    for index, message in json.loads(result.stdout):
        docname, line = where[index]
        logger.warning("LaTeX error in formula: %s\n  formula: %s\n  hint: fix the TeX "
                       "(MathJax's message above); write equations as `$$ … $$ (label)`",
                       message, todo[index][1].strip(), location=(docname, line),
                       type="book", subtype="math")


def use_local_mathjax(app, config) -> None:
    config.mathjax_path = "mathjax/tex-chtml.js"  # relative to _static/


def setup(app):
    app.connect("config-inited", use_local_mathjax)
    app.connect("doctree-read", collect_formulas)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-before-read-docs", remember_read)
    app.connect("env-updated", check_formulas)
    app.connect("build-finished", copy_mathjax)
    return {"version": "1.0", "env_version": 1, "parallel_read_safe": True,
            "parallel_write_safe": True}
