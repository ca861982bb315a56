"""Measure the build and the pages; print tables and write _build/bench.json.

    .venv/bin/python tools/bench.py [--runs N] [--pages-only]      (make bench)

Works on a scratch copy of the committed book (the real _build/ and cache untouched):
- cold HTML build with execution (empty execution cache), then medians of N no-op
  rebuilds, one-note prose edits and one-note code edits;
- cold PDF (LaTeX + xelatex) with the warm execution cache;
- every page served as a static host serves it (gzip, ETag, max-age=600) and opened in
  headless Chromium: bytes over the wire and requests of a first load (empty cache)
  and of a second load (after another page), and ms from navigation start until the
  page's math is drawn (typeset at build time: the document parsed and the MathJax
  fonts it uses arrived); medians of N runs;
- the search index size.
`--pages-only` measures the pages of the existing _build/html and skips the builds.
Targets (issue #8) are printed beside the figures.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import http.server
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from conftest import html_pages  # noqa: E402

SPHINX = [str(ROOT / ".venv/bin/sphinx-build"), "-j", "auto", "-W", "-n", "--keep-going", "-q"]
NOTE = "ensemble/cart-decision-tree"


def timed(cmd, cwd) -> float:
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    return time.perf_counter() - start


def copy_book(target: Path) -> None:
    """The committed book (what a clean clone builds), not work in progress."""
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serves files the way a static host does: gzip for text, ETag revalidation and
    `Cache-Control: max-age=600` (GitHub Pages' policy), so that a second page load
    fetches only what it has not cached."""

    COMPRESS = (".html", ".js", ".css", ".svg", ".json", ".xml", ".txt", ".map")
    gzipped: dict[str, bytes] = {}

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        etag = f'"{hashlib.sha1(body).hexdigest()[:16]}"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if path.suffix in self.COMPRESS and "gzip" in self.headers.get("Accept-Encoding", ""):
            if str(path) not in self.gzipped:
                self.gzipped[str(path)] = gzip.compress(body, compresslevel=6)
            body = self.gzipped[str(path)]
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


# When the page's math is drawn (ms after navigation start). Formulas arrive typeset in
# the HTML and are laid out with the first paint; their glyphs show once the MathJax
# fonts the page uses have arrived. So: the later of the first contentful paint and the
# arrival of the last MathJax font the page actually used.
MATH_DRAWN = """async () => {
  await document.fonts.ready;
  const family = f => f.replace(/["']/g, '').trim();
  const used = new Set([...document.fonts].filter(f => f.status === 'loaded')
                                           .map(f => family(f.family)));
  const urls = new Set();
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (!(rule instanceof CSSFontFaceRule)) continue;
      const found = rule.style.getPropertyValue('src').match(/url\\("?([^")]+)/);
      if (found && used.has(family(rule.style.getPropertyValue('font-family'))))
        urls.add(new URL(found[1], sheet.href).href);
    }
  }
  const ends = performance.getEntriesByType('resource').filter(r => urls.has(r.name))
                                                        .map(r => r.responseEnd);
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return Math.max(fcp ? fcp.startTime : 0, ...ends);
}"""


def load(tab, cdp, url: str) -> dict:
    """One page load: bytes over the wire and network requests (cache hits excluded),
    and when its math was rendered."""
    sent, cached, wire = set(), set(), {}
    cdp.on("Network.requestWillBeSent", lambda e: sent.add(e["requestId"]))
    cdp.on("Network.requestServedFromCache", lambda e: cached.add(e["requestId"]))
    cdp.on("Network.responseReceived", lambda e: cached.add(e["requestId"])
           if e["response"].get("fromDiskCache") else None)
    cdp.on("Network.loadingFinished", lambda e: wire.__setitem__(e["requestId"], e["encodedDataLength"]))
    cdp.send("Network.enable")
    tab.goto(url, wait_until="load")
    tab.wait_for_load_state("networkidle")  # idle-time prefetches count as this load's
    has_math = tab.evaluate("() => !!document.querySelector('mjx-container')")
    drawn = tab.evaluate(MATH_DRAWN)
    fetched = [r for r in sent if r not in cached]
    return {"bytes": sum(wire.get(r, 0) for r in fetched), "requests": len(fetched),
            "math_ms": round(drawn) if has_math else None}


def page_loads(html: Path, runs: int) -> dict:
    """For every page: a first load (empty cache) and a second load (after another
    page of the book has been opened), each the median of `runs` runs."""
    from browser import CHROMIUM, CHROMIUM_ARGS
    from playwright.sync_api import sync_playwright

    pages = sorted(str(p.relative_to(html)) for p in html_pages(html))
    handler = functools.partial(StaticHost, directory=str(html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    results: dict = {}
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for page in pages:
            warm_with = "glossary.html" if page == "index.html" else "index.html"
            first, second = [], []
            for _ in range(runs):
                for visited_before, loads in (([], first), ([warm_with], second)):
                    context = chromium.new_context(viewport={"width": 1280, "height": 900})
                    for url in visited_before + [page]:
                        tab = context.new_page()
                        measured = load(tab, context.new_cdp_session(tab), base + url)
                        tab.close()
                    loads.append(measured)
                    context.close()
            results[page] = {"first": _median_load(first), "second": _median_load(second)}
        chromium.close()
    server.shutdown()
    return results


def _median_load(runs: list[dict]) -> dict:
    math = [r["math_ms"] for r in runs if r["math_ms"] is not None]
    return {"bytes": round(statistics.median(r["bytes"] for r in runs)),
            "requests": round(statistics.median(r["requests"] for r in runs)),
            "math_ms": round(statistics.median(math)) if math else None}


TARGETS = {  # issue #8, two cores
    "cold_html_s": 90, "noop_html_s": 3, "prose_edit_s": 3,
    "first_load_max_bytes": 1_000_000, "second_load_max_bytes": 150_000, "math_max_ms": 1000,
}


def summarize(pages: dict) -> dict:
    first = {p: v["first"] for p, v in pages.items()}
    second = {p: v["second"] for p, v in pages.items()}
    math = {p: v["math_ms"] for p, v in first.items() if v["math_ms"] is not None}
    worst = lambda d, key: max(d, key=lambda p: d[p][key])  # noqa: E731
    return {
        "first_load_max_bytes": first[worst(first, "bytes")]["bytes"],
        "first_load_max_page": worst(first, "bytes"),
        "first_load_median_bytes": round(statistics.median(v["bytes"] for v in first.values())),
        "second_load_max_bytes": second[worst(second, "bytes")]["bytes"],
        "second_load_max_page": worst(second, "bytes"),
        "second_load_median_bytes": round(statistics.median(v["bytes"] for v in second.values())),
        "math_max_ms": max(math.values()),
        "math_max_page": max(math, key=math.get),
        "math_median_ms": round(statistics.median(math.values())),
    }


def print_report(results: dict) -> None:
    print(f"{'page':<52} {'1st KB':>7} {'req':>4} {'2nd KB':>7} {'req':>4} {'math ms':>8}")
    for page, v in results["pages"].items():
        f, s = v["first"], v["second"]
        math = "-" if f["math_ms"] is None else f["math_ms"]
        print(f"{page:<52} {f['bytes'] / 1000:7.0f} {f['requests']:4d} "
              f"{s['bytes'] / 1000:7.0f} {s['requests']:4d} {math:>8}")
    print()
    print(f"{'figure':<28} {'measured':>12} {'target':>10}")
    for key, value in results.items():
        if key == "pages":
            continue
        target = TARGETS.get(key)
        shown = f"{value:.1f}" if isinstance(value, float) else str(value)
        verdict = "" if target is None else ("  ok" if value <= target else "  over")
        print(f"{key:<28} {shown:>12} {'' if target is None else target:>10}{verdict}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3, help="runs per median")
    parser.add_argument("--pages-only", action="store_true",
                        help="only the page loads, over the existing _build/html")
    args = parser.parse_args()
    results: dict = {}
    if args.pages_only:
        html = ROOT / "_build" / "html"
    else:
        tmp = tempfile.TemporaryDirectory()
        book = Path(tmp.name) / "book"
        copy_book(book)
        results.update(build_times(book, args.runs))
        html = book / "_build" / "html"
    results["search_index_bytes"] = (html / "searchindex.js").stat().st_size
    pages = page_loads(html, args.runs)
    results.update(summarize(pages))
    results["pages"] = pages
    out = ROOT / "_build" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print_report(results)
    print(f"(written to {out.relative_to(ROOT)})")


def build_times(book: Path, runs: int) -> dict:
    """Cold build (empty execution cache), then medians of warm rebuilds."""
    results: dict = {}
    html = ["-b", "html", ".", "_build/html"]
    results["cold_html_s"] = timed(SPHINX + html, book)
    results["noop_html_s"] = statistics.median(timed(SPHINX + html, book) for _ in range(runs))
    note = book / f"{NOTE}.md"
    text = note.read_text(encoding="utf-8")
    prose, code = [], []
    for i in range(runs):
        note.write_text(text.replace("## 推导", f"## 推导\n\n（基准测试修改 {i}）", 1), encoding="utf-8")
        prose.append(timed(SPHINX + html, book))
        note.write_text(text.replace("import numpy as np", f"import numpy as np\n_bench = {i}", 1),
                        encoding="utf-8")
        code.append(timed(SPHINX + html, book))
    note.write_text(text, encoding="utf-8")
    results["prose_edit_s"] = statistics.median(prose)
    results["code_edit_s"] = statistics.median(code)
    start = time.perf_counter()
    subprocess.run(SPHINX + ["-b", "latex", ".", "_build/latex"], cwd=book, check=True,
                   capture_output=True)
    subprocess.run(["latexmk", "-pdfxe", "-interaction=nonstopmode", "-halt-on-error", "ml-notes.tex"],
                   cwd=book / "_build/latex", check=True, capture_output=True)
    results["cold_pdf_s"] = time.perf_counter() - start
    results["pdf_bytes"] = (book / "_build/latex/ml-notes.pdf").stat().st_size
    return results


if __name__ == "__main__":
    main()
