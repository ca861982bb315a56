"""Check every link between the built book's own files, and every #anchor, offline.

    .venv/bin/python tools/check_links.py [_build/html [LinkChecker options, e.g. -v]]

Runs LinkChecker with tools/linkcheckerrc, starting at every HTML page of the build
(so pages the toctree does not reach, like search.html, are read too), and prints its
CSV report of the links with an error or a warning on stdout; the exit status is 1 if
there is any. Only file: URLs are opened, so nothing is fetched from the network.
tests/test_internal_links.py reads the report.

LinkChecker's AnchorCheck plugin reads the target page's anchors (every id= and
<a name=>) again for each distinct #anchor it checks; a book page has hundreds of
elements and the book has about 3000 anchor links, which made the check take more than
ten minutes. Here a page's anchors are found once per page content and reused.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "tools" / "linkcheckerrc"


def find_anchors_once() -> None:
    from linkcheck.htmlutil import htmlsoup, linkparse
    from linkcheck.plugins import anchorcheck

    @functools.lru_cache(maxsize=64)
    def anchors(content: bytes) -> tuple:
        found = anchorcheck.UrlAnchorCheck()
        linkparse.find_links(htmlsoup.make_soup(content), found.add_anchor, linkparse.AnchorTags)
        return tuple(found.anchors)

    def check(self, url_data) -> None:
        target = anchorcheck.UrlAnchorCheck()
        target.anchors = list(anchors(url_data.get_raw_content()))
        target.check_anchor(url_data)

    anchorcheck.AnchorCheck.check = check


def main(html_dir: Path, options: list[str]) -> int:
    from linkcheck.command import linkchecker

    find_anchors_once()
    # Run by root, LinkChecker would switch to the user nobody, who cannot read a build
    # inside a private directory such as /root; it only reads the book's own files here.
    linkchecker.drop_privileges = lambda: None
    # _static/ holds the theme's Jinja macro files (*.html), not pages
    pages = sorted(p.resolve().as_uri() for p in html_dir.rglob("*.html")
                   if p.relative_to(html_dir).parts[0] != "_static")
    if not pages:
        sys.exit(f"no HTML pages in {html_dir}: build the book first (`make html`)")
    sys.argv = ["linkchecker", "--config", str(CONFIG), *options, *pages]
    return linkchecker.linkchecker()


if __name__ == "__main__":
    args = sys.argv[1:] or [str(ROOT / "_build" / "html")]
    sys.exit(main(Path(args[0]), args[1:]))
