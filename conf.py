"""Sphinx configuration of the book 《机器学习手记》.

The book's own behaviour lives in `_extensions/`, one module per concern; this file
only chooses packages and sets their options.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "_extensions"))

# -- The book ---------------------------------------------------------------------
project = "机器学习手记"
subtitle = "Python · 深度学习 · 生成模型 · 目标检测 · 集成学习"
author = "机器学习手记作者"
copyright = "2026, 机器学习手记作者"
language = "zh_CN"

# Where the book is published and where its sources live. The Atom feed and the
# repository buttons are built from these two values only.
html_baseurl = os.environ.get("BOOK_BASE_URL", "https://ml-notes-zh.github.io/ml-notes/")
repository_url = "https://github.com/ml-notes-zh/ml-notes"

extensions = [
    "myst_nb",
    "sphinx_copybutton",
    "sphinx_design",
    "sphinxcontrib.bibtex",
    # the book's own extensions (folder _extensions/)
    "book_notes",
    "book_updates",
    "book_search_zh",
    "book_math",
    "book_execution",
    "book_hints",
    "book_latex",
    "book_cjk",
    "book_citations",
    "book_rebuild",
    "book_weight",
    "book_i18n",
]

root_doc = "index"
exclude_patterns = [
    "_build", ".venv", ".jupyter_cache", "README.md", "CONTRIBUTING.md",
    "_templates", "tests", "tools", ".ci", ".github", "**/.ipynb_checkpoints",
    ".pytest_cache", "**/.pytest_cache",
]
templates_path = ["_templates"]
locale_dirs = ["_locales"]  # the book's Chinese interface strings (book_i18n)

# -- MyST and MyST-NB -------------------------------------------------------------
myst_enable_extensions = ["amsmath", "colon_fence", "deflist", "dollarmath"]
myst_heading_anchors = 3
myst_dmath_double_inline = True

numfig = True
math_numfig = True
numfig_secnum_depth = 1  # 图 2.3 / 式 (2.3): note 2 of its part, as in the PDF
math_eqref_format = "式 ({number})"
numfig_format = {"figure": "图 %s", "table": "表 %s", "code-block": "代码 %s", "section": "%s 节"}

nb_execution_mode = "cache"
nb_execution_cache_path = str(ROOT / ".jupyter_cache")
nb_execution_timeout = 180
nb_execution_raise_on_error = False  # every failing notebook is reported, not just the first
nb_execution_show_tb = True
nb_output_stderr = "warn"  # with -W any stderr output from a cell fails the build
nb_merge_streams = True
nb_mime_priority_overrides = [
    ("latex", "image/svg+xml", None),  # LaTeX gets the PNG of every figure
]
# A book-wide matplotlib style, inherited by every kernel through the environment.
os.environ["MATPLOTLIBRC"] = str(ROOT / "_static" / "figures.mplstyle")

# -- Citations ----------------------------------------------------------------------
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year"
bibtex_default_style = "book"  # plain, with author–year labels (book_citations)

# -- HTML ---------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = project
html_static_path = ["_static"]
html_css_files = ["book.css"]
html_last_updated_fmt = None
html_copy_source = True
html_show_sourcelink = False
html_context = {"default_mode": "auto"}  # avoids the theme's "invalid theme mode" error
html_theme_options = {
    "repository_url": repository_url,
    "repository_branch": "main",
    "path_to_docs": "",
    "use_repository_button": True,
    "use_edit_page_button": True,
    "use_issues_button": True,
    "use_source_button": True,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
    "show_toc_level": 2,
    "navigation_with_keys": False,
    "announcement": "",
    # "extra_footer" (feed and PDF links) is set per page by book_updates
}
html_sidebars = {"**": ["navbar-logo.html", "search-button-field.html", "sbt-sidebar-nav.html"]}
html_domain_indices = False
html_use_index = False
copybutton_exclude = ".linenos, .gp, .go"
copybutton_prompt_text = r">>> |\.\.\. |\$ |\(Pdb\) "
copybutton_prompt_is_regexp = True

# Parts of the book: folder name -> Chinese name (used by updates, feed and cards).
book_parts = {
    "python": "Python",
    "deep-learning": "深度学习",
    "generative-models": "生成模型",
    "detection": "目标检测",
    "ensemble": "集成学习",
}

# -- External links (`make linkcheck`, needs a network) -----------------------------
linkcheck_timeout = 20
linkcheck_retries = 2
linkcheck_rate_limit_timeout = 120
# doi.org answers a robot with 403 at the publisher it redirects to; zhihu.com asks it
# to log in: both would be reported broken while they work for readers.
linkcheck_ignore = [r"https://doi\.org/", r"https://(www|zhuanlan)\.zhihu\.com/"]
# GitHub builds the anchors of a README or a file view with JavaScript.
linkcheck_anchors_ignore_for_url = [r"https://github\.com/"]

# -- LaTeX / PDF (options in _extensions/book_latex.py) ------------------------------
latex_engine = "xelatex"
latex_documents = [("index", "ml-notes.tex", project, author, "manual")]
latex_toplevel_sectioning = "part"
latex_domain_indices = False
latex_show_urls = "no"

# Bibliography labels are display text ("Breiman, 2001"); each citation is identified by
# its per-note prefixed key (book_citations), so two different works that happen to
# share an author–year label in two notes' bibliographies are not an error.
suppress_warnings = ["bibtex.duplicate_label"]
