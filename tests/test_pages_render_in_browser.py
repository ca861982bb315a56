"""Promise: in a real browser (Debian's Chromium, every non-loopback request blocked)
every page loads cleanly, every formula and image renders, Chinese search returns the
right note, and dark mode keeps math and figures legible."""

import pytest
from browser import browser, new_tab, serve_html, wait_for_math
from conftest import BUILD, PAGES
from test_chinese_search_finds_words import QUERIES

CHECK_PAGE = """() => {
  // prose only: code may legitimately contain \\( or $$ (e.g. a regex for "(Pdb)")
  const prose = document.querySelector('main, article, body').cloneNode(true);
  prose.querySelectorAll('pre, code, script, style, mjx-container').forEach(e => e.remove());
  const text = prose.textContent;
  return {
    merrors: document.querySelectorAll('mjx-merror').length,
    formulas: document.querySelectorAll('mjx-container').length,
    rawMath: /\\\\\\(|\\\\\\[|\\$\\$/.test(text),
    brokenImages: [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src),
    missingAlt: [...document.images].filter(i => !i.alt.trim()).map(i => i.src),  // figures too
    lang: document.documentElement.lang,
  };
}"""


@pytest.fixture(scope="module")
def site(html_dir):
    with serve_html(html_dir) as base, browser() as chromium:
        yield base, chromium


@pytest.mark.parametrize("page", PAGES)
def test_page_loads_cleanly_and_renders_math(site, page):
    base, chromium = site
    with new_tab(chromium) as (tab, report):
        tab.goto(base + page + ".html", wait_until="load")
        wait_for_math(tab)
        tab.evaluate("document.fonts.ready.then(() => true)")
        # Figures load lazily: scroll to each one, as a reader does, and let it load
        # (decode() rejects for a broken image, which CHECK_PAGE then reports).
        tab.evaluate("""async () => { for (const img of document.images) {
            img.scrollIntoView(); await img.decode().catch(() => null); } }""")
        state = tab.evaluate(CHECK_PAGE)
    assert report.console_errors == [], report.console_errors
    assert report.failed_requests == [], report.failed_requests
    assert report.blocked_requests == [], f"page asked other hosts for {report.blocked_requests}"
    assert state["merrors"] == 0, "MathJax reported a TeX error"
    assert not state["rawMath"], "unrendered TeX delimiters left on the page"
    assert state["brokenImages"] == [], state["brokenImages"]
    assert state["missingAlt"] == [], f"images without alternative text: {state['missingAlt']}"
    assert state["lang"] == "zh-CN"


def test_notes_have_rendered_formulas(site, notes):
    base, chromium = site
    with new_tab(chromium) as (tab, _):
        for note in notes:
            tab.goto(base + note.docname + ".html", wait_until="load")
            wait_for_math(tab)
            assert tab.evaluate(CHECK_PAGE)["formulas"] > 0, f"{note.docname} shows no formula"


@pytest.mark.parametrize("query, note", sorted(QUERIES.items()))
def test_search_page_returns_the_note(site, query, note):
    base, chromium = site
    with new_tab(chromium) as (tab, report):
        tab.goto(f"{base}search.html?q={query}", wait_until="load")
        # Sphinx appends results one by one; the summary line with the count comes last.
        tab.wait_for_function("() => { const s = document.querySelector('.search-summary');"
                              " return s && /[0-9]/.test(s.textContent); }", timeout=30000)
        hrefs = tab.eval_on_selector_all("ul.search li a", "els => els.map(e => e.href)")
    assert report.console_errors == [], report.console_errors
    assert any(f"{note}.html" in h for h in hrefs), hrefs


def test_dark_mode_keeps_math_and_figures_legible(site, notes):
    base, chromium = site
    shots = BUILD / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    with new_tab(chromium, dark=True) as (tab, report):
        for note in notes:
            tab.goto(base + note.docname + ".html", wait_until="load")
            wait_for_math(tab)
            assert tab.evaluate("document.documentElement.dataset.theme") == "dark"
            colours = tab.evaluate("""() => {
              const lum = c => { const [r, g, b] = c.match(/\\d+/g).map(Number);
                                 return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; };
              const math = document.querySelector('mjx-container');
              return {math: math ? lum(getComputedStyle(math).color) : null,
                      page: lum(getComputedStyle(document.body).backgroundColor)};
            }""")
            tab.screenshot(path=str(shots / f"{note.slug}-dark.png"))
            assert colours["page"] < 0.3, "dark mode did not darken the page"
            if colours["math"] is not None:
                assert colours["math"] > 0.6, "math is dark on a dark page"
    assert report.console_errors == []


def test_figures_carry_their_own_light_background(html_dir):
    """Figures are opaque with a white background (figures.mplstyle), so their dark
    text stays legible on the dark page; a transparent figure would not."""
    from PIL import Image

    figures = sorted((html_dir / "_images").glob("*.png"))
    assert figures, "no figure was built"
    for path in figures:
        with Image.open(path) as image:
            rgba = image.convert("RGBA")
            w, h = rgba.size
            corners = [rgba.getpixel(p) for p in ((0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1))]
        assert all(a == 255 and min(r, g, b) >= 240 for r, g, b, a in corners), \
            f"{path.name}: figure background is not opaque white: {corners}"
