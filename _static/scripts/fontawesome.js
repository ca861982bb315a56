/* Replaces the theme's _static/scripts/fontawesome.js (Font Awesome's SVG+JS build,
   1.5 MB, 0.5 MB gzipped, loaded by every page). The theme's stylesheet already
   carries Font Awesome's webfont CSS, so its <i class="fa-…"> icons are drawn by the
   woff2 fonts instead (115 KB solid + 110 KB brands, fetched once, only when used).
   Kept as a file, not removed, because the theme's template always requests it.
   tests/test_page_weight.py checks that the icons still render. */
