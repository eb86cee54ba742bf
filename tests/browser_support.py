"""Helpers for tests that drive the built site in a real headless Chromium: a folder served
over HTTP, Chromium itself (started once per test process: conftest's `browser` fixture), and
a context of it that one test opens and closes:

    with serve_folder(site_dir) as base_url, own_context(browser) as context:
        page = context.new_page()
        page.goto(base_url + "/")
"""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

from playwright.sync_api import Browser, BrowserContext, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking"]
META_CSP = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="[^"]*">')


class _QuietHandler(SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}
    strip_csp_meta = False

    def do_GET(self):
        page = self._html_file()
        if page is None:
            super().do_GET()
            return
        body = META_CSP.sub(b"", page.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _html_file(self) -> Path | None:
        """The HTML file a request for a page reads, when its <meta> policy is to be taken out."""
        if not self.strip_csp_meta:
            return None
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        file = Path(self.translate_path(path))
        if path.endswith("/"):
            file = file / "index.html"
        return file if file.suffix == ".html" and file.is_file() else None

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve_folder(folder: Path, headers: dict[str, str] | None = None, *,
                 strip_csp_meta: bool = False) -> Iterator[str]:
    """Serve folder over HTTP on 127.0.0.1 (a free port) in a thread, with `headers` on
    every response; yields the base URL. With strip_csp_meta, pages arrive without their
    <meta> Content-Security-Policy: what a page does on its own, or the baseline a policy
    must not change. (Taken out here, not by a browser route: routing turns the browser's
    cache off, and every page would fetch Material's scripts and styles again.)"""
    handler = type("Handler", (_QuietHandler,), {"extra_headers": dict(headers or {}),
                                                 "strip_csp_meta": strip_csp_meta})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def chromium() -> Iterator[Browser]:
    """The system's Chromium, headless, through Playwright (never a downloaded browser)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def own_context(browser: Browser, **options) -> Iterator[BrowserContext]:
    """A context of the shared browser for one test, closed with its pages at the end."""
    context = browser.new_context(**options)
    try:
        yield context
    finally:
        context.close()
