"""The preview's web server: MkDocs' live-reload server, with the pages serve shows.

While the last build failed, every page a browser asks for is the problem page
(in Chinese, with each problem's file and fix), so a clerk who looks only at
the browser sees what to change. Pages built alone by a preview are served from
memory before the site on disk; each page carries the reload script, which also
tells the server which pages are open.
"""

from __future__ import annotations

import threading
import time
import traceback
from pathlib import Path
from urllib.parse import parse_qs, unquote

from jinja2 import Environment, PackageLoader
from mkdocs.livereload import LiveReloadServer

from ..problems import Problem
from .watch import watch

# The preview's own files; no site page lives under this name.
ASSETS = "/__gongkai__/"
ASSET_TYPES = {"reload.js": "application/javascript", "problems.css": "text/css"}
# A page whose browser asked for a reload this recently is open (it asks again each minute).
OPEN_SECONDS = 90
_TEMPLATES = Environment(loader=PackageLoader("generator.serve", "page"), autoescape=True)


def problems_page(problems) -> str:
    errors = sum(1 for p in problems if p.level == "error")
    return _TEMPLATES.get_template("problems.html.j2").render(problems=problems, errors=errors,
                                                              assets=ASSETS)


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, serving the problem page instead of any page while the
    last build failed, pages built alone (`pages`) before the site on disk, and its
    reload script from a file. It watches by system events (watch.py) and hands
    the builder the files a save changed."""

    problems: tuple[Problem, ...] | list[Problem] = ()   # of the last build; none once it passed

    def __init__(self, builder, host: str, port: int, root: str, watched: list[Path]) -> None:
        super().__init__(builder=builder, host=host, port=port, root=root)
        self.watched = watched
        self._watched_paths = {str(path): 1 for path in watched}   # pages get the reload script
        self.pages: dict[str, bytes] = {}     # site-relative URL → HTML, newer than the disk's
        self.changed: set[str] = set()        # files saved since the builder last looked
        self.seen: dict[str, float] = {}      # URL of a page a browser has open → when it asked
        self._chosen = threading.local()      # the epoch a request's page was chosen at

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if path.startswith(ASSETS) and path[len(ASSETS):] in ASSET_TYPES:
            name = path[len(ASSETS):]
            content = (Path(__file__).parent / "page" / name).read_bytes()
            start_response("200 OK", [("Content-Type", ASSET_TYPES[name]),
                                      ("Content-Length", str(len(content)))])
            return [content]
        if path.startswith("/livereload/"):
            page = parse_qs(environ.get("QUERY_STRING", "")).get("page")
            if page:
                self.seen[unquote(page[0]).lstrip("/")] = time.monotonic()
            return super()._serve_request(environ, start_response)   # never a problem page
        if not _is_page(path):
            return super()._serve_request(environ, start_response)
        # The epoch is read before the page is chosen: a change made while it is served
        # (problems found, pages built) comes with a newer epoch, and the page reloads.
        with self._epoch_cond:
            self._chosen.epoch = self._visible_epoch
        try:
            problems, built = self.problems, self.pages.get(path.lstrip("/"))
            if not problems and built is None:
                return super()._serve_request(environ, start_response)
            content = self._inject_js_into_html(problems_page(problems).encode() if problems
                                                else built, self._chosen.epoch)
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                      ("Content-Length", str(len(content))),
                                      ("Cache-Control", "no-store")])
            return [content]
        finally:
            del self._chosen.epoch

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        # MkDocs' own pages pass the epoch it read when it opened the file, later than ours.
        epoch = getattr(self._chosen, "epoch", epoch)
        try:
            body_end = content.rindex(b"</body>")
        except ValueError:
            body_end = len(content)
        tag = _TEMPLATES.get_template("reload_tag.html.j2").render(
            assets=ASSETS, epoch=epoch, request=time.monotonic_ns()).encode()
        return content[:body_end] + tag + content[body_end:]

    def open_pages(self) -> set[str]:
        """Site-relative URLs of the pages browsers have open ("" is the home page)."""
        now = time.monotonic()
        return {url for url, when in list(self.seen.items()) if now - when < OPEN_SECONDS}

    def reload_browsers(self) -> None:
        """Open pages reload now, showing the site or the problems as they are."""
        with self._epoch_cond:
            # An epoch as MkDocs makes them: milliseconds of the monotonic clock.
            self._wanted_epoch = self._visible_epoch = time.monotonic_ns() // 1_000_000
            self._epoch_cond.notify_all()

    def saved(self, paths: set[str]) -> None:
        with self._rebuild_cond:
            self.changed |= paths
            self._rebuild_cond.notify_all()

    def change_waiting(self) -> bool:
        with self._rebuild_cond:
            return bool(self.changed)

    def serve(self, *, open_in_browser=False):
        self.server_bind()
        self.server_activate()
        self.observer = watch(self.watched, self.saved)
        self.serve_thread.start()
        self._build_loop()

    def _build_loop(self):
        """Hands the builder each burst of saves (MkDocs' loop, with the files)."""
        while True:
            with self._rebuild_cond:
                # Woken now and then: on Windows a Ctrl+C waits for the wait to end.
                while not self._rebuild_cond.wait_for(lambda: self.changed or self._shutdown,
                                                      timeout=self.shutdown_delay):
                    pass
                if self._shutdown:
                    return
                while self._rebuild_cond.wait(timeout=self.build_delay):
                    pass     # an editor's save may write several files
                changed, self.changed = self.changed, set()
            try:
                self.builder(changed)
            except Exception:   # noqa: BLE001 — as MkDocs' own loop: serve goes on
                traceback.print_exc()


def _is_page(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return last == "" or last.endswith(".html") or "." not in last
