"""Promise: no built page loads a script, stylesheet, font or image from another
host (readers in mainland China, offline readers), and math is served locally."""

import re
from html.parser import HTMLParser

import pytest
from conftest import HTML, html_pages

EXTERNAL = re.compile(r"^(?:https?:)?//", re.I)


class Resources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "video", "audio", "embed"):
            self.urls += [attrs.get("src") or ""]
        if tag == "link" and (attrs.get("rel") or "") not in ("canonical", "alternate"):
            self.urls += [attrs.get("href") or ""]
        if tag == "img" and attrs.get("srcset"):
            self.urls += [u.split()[0] for u in attrs["srcset"].split(",")]


@pytest.mark.parametrize("page", html_pages(HTML) if HTML.exists() else [],
                         ids=lambda p: str(p.relative_to(HTML)))
def test_no_third_party_resource(page):
    text = page.read_text(encoding="utf-8")
    parser = Resources()
    parser.feed(text)
    external = [u for u in parser.urls if EXTERNAL.match(u)]
    assert not external, f"{page.name} loads {external}"
    css_urls = re.findall(r"url\((['\"]?)((?:https?:)?//[^)'\"]+)\1\)", text)
    assert not css_urls, f"{page.name} inline CSS loads {css_urls}"


def test_stylesheets_load_nothing_remote(html_dir):
    for css in html_dir.rglob("*.css"):
        remote = re.findall(r"@import\s+url\(['\"]?https?:|url\(['\"]?https?://", css.read_text("utf-8", "replace"))
        assert not remote, f"{css.relative_to(html_dir)} loads remote resources"


def test_math_is_typeset_at_build_time_with_local_fonts(html_dir):
    """Pages carry their formulas typeset (no MathJax runs in the browser); the one
    stylesheet they share points at MathJax fonts shipped with the book."""
    css = (html_dir / "_static/mathjax/chtml.css").read_text("utf-8")
    fonts = re.findall(r'url\("([^"]+\.woff)"\)', css)
    assert fonts and "MJXTEX-I" in css, "the math stylesheet declares no MathJax font"
    for font in fonts:
        assert (html_dir / "_static/mathjax" / font).is_file(), f"{font} is missing"
    for page in html_pages(html_dir):
        text = page.read_text("utf-8")
        assert "tex-chtml" not in text and "MathJax.startup" not in text, page
    sd3 = (html_dir / "generative-models/stable-diffusion-3.html").read_text("utf-8")
    assert sd3.count("<mjx-container") > 50 and "<mjx-assistive-mml" in sd3
