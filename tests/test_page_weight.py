"""What pages load (issue #8): the theme's icon script and the search index are not
loaded by every page, the icons still render, figures load lazily.
`make bench` measures the weights; these tests keep the mechanisms in place."""

from __future__ import annotations

import re

from browser import open_page, serve_html
from conftest import html_pages


def test_only_the_search_page_loads_the_search_index(html_dir):
    loading = [str(p.relative_to(html_dir)) for p in html_pages(html_dir)
               if re.search(r'<script src="[^"]*searchindex\.js"', p.read_text(encoding="utf-8"))]
    assert not loading, f"pages loading the 517 KB search index (see _templates/layout.html): {loading}"
    assert "searchindex.js" in (html_dir / "search.html").read_text(encoding="utf-8")


def test_the_icon_script_is_the_books_stub(html_dir):
    script = html_dir / "_static" / "scripts" / "fontawesome.js"
    assert script.stat().st_size < 2000, (
        f"{script} is {script.stat().st_size} bytes: the theme's 1.5 MB Font Awesome script "
        "replaced the book's stub (_static/scripts/fontawesome.js)")


def test_figures_load_lazily(html_dir):
    eager = []
    for page in html_pages(html_dir):
        for tag in re.findall(r"<img [^>]*>", page.read_text(encoding="utf-8")):
            if 'loading="lazy"' not in tag:
                eager.append(f"{page.relative_to(html_dir)}: {tag[:120]}")
    assert not eager, "images without loading=\"lazy\" (book_weight.LazyImages):\n" + "\n".join(eager)


def test_icons_render_from_the_webfont(html_dir):
    """Without the icon script, <i class="fa-…"> icons are drawn by the theme's Font
    Awesome webfont: the glyph's font must be loaded and the icon must have a width."""
    with serve_html(html_dir) as base, open_page(base, "ensemble/cart-decision-tree") as (tab, report):
        tab.evaluate("document.fonts.ready.then(() => true)")
        icons = tab.evaluate("""() => [...document.querySelectorAll('i.fa-solid, i.fa-brands')]
            .filter(i => i.offsetParent !== null)
            .map(i => ({cls: i.className, width: i.getBoundingClientRect().width,
                        font: getComputedStyle(i, '::before').fontFamily,
                        glyph: getComputedStyle(i, '::before').content}))""")
        loaded = tab.evaluate("""() => document.fonts.check('900 16px "Font Awesome 7 Free"')
                                 && document.fonts.check('400 16px "Font Awesome 7 Brands"')""")
    assert icons, "no visible Font Awesome icon on the page"
    bad = [i for i in icons if i["width"] < 8 or "Font Awesome" not in i["font"] or i["glyph"] in ("none", "")]
    assert not bad, f"icons not drawn by the webfont: {bad}"
    assert loaded, "the Font Awesome webfonts did not load"
    assert not report.failed_requests, report.failed_requests
