"""Measure the build and the pages; print a table and write _build/bench.json.

    .venv/bin/python tools/bench.py [--runs N] [--skip-cold]

Works on a scratch copy of the book (so the real _build/ and cache are untouched):
- cold HTML build with execution (empty execution cache), no-op rebuild, one-note
  prose edit and one-note code edit rebuilds (medians of N runs for the warm ones);
- cold PDF (LaTeX + xelatex) with a warm execution cache;
- for a note page: bytes and requests of a first load (empty browser cache);
- the search index size.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
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


def page_weight(html: Path, page: str) -> dict:
    from browser import browser, new_tab, serve_html, wait_for_math

    with serve_html(html) as base, browser() as chromium, new_tab(chromium) as (tab, _):
        responses: list = []
        tab.on("response", lambda response: responses.append(response))
        start = time.perf_counter()
        tab.goto(base + page + ".html", wait_until="load")
        wait_for_math(tab)
        math_ms = (time.perf_counter() - start) * 1000
        tab.evaluate("document.fonts.ready.then(() => true)")
        sizes = [len(r.body()) for r in responses if r.ok]
    return {"requests": len(responses), "bytes": sum(sizes), "load_to_math_ms": round(math_ms)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-cold", action="store_true", help="reuse the real execution cache")
    args = parser.parse_args()
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "book"
        copy_book(book)
        if args.skip_cold and (ROOT / ".jupyter_cache").exists():
            shutil.copytree(ROOT / ".jupyter_cache", book / ".jupyter_cache")
        html = ["-b", "html", ".", "_build/html"]
        results["cold_html_s"] = timed(SPHINX + html, book)
        results["noop_html_s"] = statistics.median(timed(SPHINX + html, book) for _ in range(args.runs))
        note = book / f"{NOTE}.md"
        text = note.read_text(encoding="utf-8")
        prose, code = [], []
        for i in range(args.runs):
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
        results["search_index_bytes"] = (book / "_build/html/searchindex.js").stat().st_size
        results["first_load_" + NOTE] = page_weight(book / "_build/html", NOTE)
    out = ROOT / "_build" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    width = max(len(k) for k in results)
    for key, value in results.items():
        shown = f"{value:.1f}" if isinstance(value, float) else value
        print(f"{key:<{width}}  {shown}")
    print(f"(written to {out.relative_to(ROOT)})")


if __name__ == "__main__":
    main()
