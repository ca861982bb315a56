"""Serve the built book on loopback and open its pages in Debian's Chromium.

Used by the browser tests and by tools/screenshot.py. Every request to a host other
than 127.0.0.1 is blocked and recorded, so a page that needs the network fails.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@dataclass
class PageReport:
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"console errors {len(self.console_errors)}, failed requests "
                f"{len(self.failed_requests)}, blocked {len(self.blocked_requests)}")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve_html(root: Path):
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@contextlib.contextmanager
def new_tab(chromium, dark: bool = False, phone: bool = False):
    viewport = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    context = chromium.new_context(viewport=viewport, color_scheme="dark" if dark else "light",
                                   device_scale_factor=1)
    if dark:
        context.add_init_script("localStorage.setItem('mode','dark');localStorage.setItem('theme','dark');")
    report = PageReport()

    def route(route_, request):
        if urlparse(request.url).hostname in ("127.0.0.1", "localhost"):
            route_.continue_()
        else:
            report.blocked_requests.append(request.url)
            route_.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.on("console", lambda msg: report.console_errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda err: report.console_errors.append(str(err)))
    tab.on("requestfailed", lambda req: report.failed_requests.append(req.url))
    tab.on("response", lambda res: report.failed_requests.append(f"{res.status} {res.url}")
           if res.status >= 400 else None)
    try:
        yield tab, report
    finally:
        context.close()


def wait_for_math(tab) -> None:
    """Wait until the page's math is drawn: it arrives typeset (book_math), so that is
    when the MathJax fonts it uses have loaded."""
    tab.evaluate("document.fonts.ready.then(() => true)")


@contextlib.contextmanager
def open_page(base: str, docname: str, dark: bool = False, phone: bool = False, chromium=None):
    with contextlib.ExitStack() as stack:
        if chromium is None:
            chromium = stack.enter_context(browser())
        tab, report = stack.enter_context(new_tab(chromium, dark=dark, phone=phone))
        tab.goto(base + docname + ".html", wait_until="load")
        wait_for_math(tab)
        yield tab, report
