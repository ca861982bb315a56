"""Promise: axe-core finds no serious or critical accessibility violation on any page,
in light mode (every rule) and in dark mode (the colour rules, the only ones a colour
mode changes). axe-core is the copy bundled with axe-playwright-python, run in Debian's
Chromium on the pages served from loopback; each page is loaded once, in one tab, and
switched between the modes with the theme's own colour-mode menu. Alternative text and
`lang` are asserted in test_pages_render_in_browser.py."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser import browser, new_tab, serve_html, wait_for_math
from conftest import PAGES
from test_chinese_search_finds_words import QUERIES

# The search page is checked with results listed, so the results are checked too.
SEARCH_QUERY = sorted(QUERIES)[0]
BLOCKING = ("serious", "critical")
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
AXE = Axe()

# A code token's colours depend only on its class, its parent (a highlighted line has
# its own background) and its code block's kind. Checking every token costs most of
# axe's time (thousands per page); one token per such style is kept as a span, the
# others become plain text of the block, whose own colour is checked as well.
ONE_TOKEN_PER_STYLE = """() => {
  const seen = new Set();
  for (const span of document.querySelectorAll('.highlight span')) {
    const block = span.closest('div[class*="highlight-"]');
    const style = [block && block.className, span.parentElement.className, span.className].join('|');
    if (seen.has(style)) span.replaceWith(...span.childNodes); else seen.add(style);
  }
}"""


@pytest.fixture(scope="module")
def site(html_dir):
    with serve_html(html_dir) as base, browser() as chromium:
        yield base, chromium


@pytest.fixture(scope="module")
def tab(site):
    with new_tab(site[1]) as (tab, _):
        yield tab


def open_page(base, tab, page) -> None:
    if page == "search":
        tab.goto(f"{base}search.html?q={SEARCH_QUERY}", wait_until="load")
        tab.wait_for_function("() => { const s = document.querySelector('.search-summary');"
                              " return s && /[0-9]/.test(s.textContent); }", timeout=30000)
    else:
        tab.goto(base + page + ".html", wait_until="load")
        wait_for_math(tab)
    tab.evaluate(ONE_TOKEN_PER_STYLE)


def switch_mode(tab, mode: str) -> None:
    """Pick a colour mode in the theme's own menu; wait until its colours have settled."""
    tab.evaluate("""async mode => {
      document.querySelector(`.theme-change-button[data-mode="${mode}"]`).click();
      await Promise.all(document.getAnimations().filter(a => a instanceof CSSTransition)
                                                .map(a => a.finished.catch(() => null)));
    }""", mode)
    assert tab.evaluate("document.documentElement.dataset.theme") == mode, f"{tab.url}: no {mode} mode"


def blocking_violations(tab, where, options) -> str:
    """axe-core's serious and critical violations on the open page, one block per rule."""
    results = AXE.run(tab, options={"resultTypes": ["violations"], **options}).response
    lines = []
    for rule in results["violations"]:
        if rule["impact"] not in BLOCKING:
            continue
        lines.append(f"{where}: {rule['id']} ({rule['impact']}): {rule['help']}, "
                     f"{len(rule['nodes'])} element(s):")
        for node in rule["nodes"][:10]:
            target = " ".join(map(str, node["target"]))
            why = " ".join(node["failureSummary"].split("\n")[1:2]).strip()
            lines.append(f"  {target}: {' '.join(node['html'].split())[:200]}\n    {why}")
    return "".join(line + "\n" for line in lines)


@pytest.mark.parametrize("page", PAGES)
def test_no_serious_violations_in_light_or_dark_mode(site, tab, page):
    open_page(site[0], tab, page)
    switch_mode(tab, "light")
    report = blocking_violations(tab, f"{page}.html, light mode", {})
    switch_mode(tab, "dark")
    report += blocking_violations(tab, f"{page}.html, dark mode", {"runOnly": COLOUR_RULES})
    if report:
        pytest.fail("axe-core found:\n" + report, pytrace=False)
