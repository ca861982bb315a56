"""What a page costs a reader to load (issue #8: first page ≤ 1 MB, later pages ≤ 150 KB).

- Figures are loaded lazily (`<img loading="lazy">`): a note's figures are fetched as
  the reader scrolls to them, not all at once with the page.
- Two things the theme loads on every page are not needed by this book and are
  replaced elsewhere, each with its reason beside it:
  `_static/scripts/fontawesome.js` (the icon script; the theme's CSS webfont draws the
  icons) and, in `_templates/layout.html`, the search index and search scripts (only
  the search page uses them, since search-as-you-type is off).
`make bench` measures the result for every page.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform


class LazyImages(SphinxPostTransform):
    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for image in self.document.findall(nodes.image):
            image.setdefault("loading", "lazy")


def setup(app):
    app.add_post_transform(LazyImages)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
