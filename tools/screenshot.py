"""Screenshots of built pages in Debian's Chromium, to look at what a reader sees.

    .venv/bin/python tools/screenshot.py ensemble/cart-decision-tree [--dark] [--phone]

Serves _build/html on 127.0.0.1, blocks every other host, waits for MathJax, and
writes _build/screenshots/<page>[-dark][-phone].png (full page).
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import open_page, serve_html  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pages", nargs="+", help="docnames, e.g. ensemble/cart-decision-tree")
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--phone", action="store_true")
    parser.add_argument("--height", type=int, default=0, help="clip to this many pixels")
    args = parser.parse_args()
    out = Path("_build/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    with serve_html(Path("_build/html")) as base:
        for page in args.pages:
            with open_page(base, page, dark=args.dark, phone=args.phone) as (tab, report):
                name = page.replace("/", "__") + ("-dark" if args.dark else "") + ("-phone" if args.phone else "")
                target = out / f"{name}.png"
                if args.height:
                    width = tab.viewport_size["width"]
                    tab.screenshot(path=str(target), clip={"x": 0, "y": 0, "width": width, "height": args.height})
                else:
                    tab.screenshot(path=str(target), full_page=True)
                print(target, report)


if __name__ == "__main__":
    main()
