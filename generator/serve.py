"""`gongkai serve`: rebuild when data/, content/ or site_config/ change, and reload the page.

A clerk looks at the browser, not the terminal: while the last build failed,
every page they open (or have open: it reloads) shows its problems instead,
and the site comes back by itself once the data is fixed.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from jinja2 import Environment, PackageLoader
from mkdocs.livereload import LiveReloadServer

from .build import build
from .problems import Problem, ProblemsError

WATCHED = ("data", "content", "site_config", "mkdocs.yml")
# The preview's own files; no site page lives under this name.
ASSETS = "/__gongkai__/"
ASSET_TYPES = {"reload.js": "application/javascript", "problems.css": "text/css"}

_TEMPLATES = Environment(loader=PackageLoader("generator", "serve_page"), autoescape=True)


def problems_page(problems) -> str:
    errors = sum(1 for p in problems if p.level == "error")
    return _TEMPLATES.get_template("problems.html.j2").render(problems=problems, errors=errors,
                                                              assets=ASSETS)


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, serving the problem page instead of any page while the
    last build failed, and its reload script from a file."""

    problems: tuple[Problem, ...] | list[Problem] = ()   # of the last build; none once it passed

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"]
        if path.startswith(ASSETS) and path[len(ASSETS):] in ASSET_TYPES:
            name = path[len(ASSETS):]
            content = (Path(__file__).parent / "serve_page" / name).read_bytes()
            start_response("200 OK", [("Content-Type", ASSET_TYPES[name]),
                                      ("Content-Length", str(len(content)))])
            return [content]
        problems = self.problems
        if problems and _is_page(path):
            with self._epoch_cond:
                self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
                epoch = self._visible_epoch
            content = self._inject_js_into_html(problems_page(problems).encode(), epoch)
            start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                      ("Content-Length", str(len(content))),
                                      ("Cache-Control", "no-store")])
            return [content]
        return super()._serve_request(environ, start_response)

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        try:
            body_end = content.rindex(b"</body>")
        except ValueError:
            body_end = len(content)
        tag = (f'<script src="{ASSETS}reload.js" data-epoch="{epoch}" '
               f'data-request="{time.monotonic_ns()}"></script>').encode()
        return content[:body_end] + tag + content[body_end:]


def _is_page(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return last == "" or last.endswith(".html") or "." not in last


def serve(root: Path, as_of: date | None, host: str, port: int) -> None:
    server = PreviewServer(builder=lambda: rebuild(), host=host, port=port,
                           root=str(root / "build" / "site"))

    def rebuild() -> None:
        try:
            result = build(root, as_of, incremental=True)
        except ProblemsError as err:
            # Keep the last good site on disk; the browser shows what to fix.
            server.problems = err.problems
            for problem in server.problems:
                print(problem)
            print(f"发现 {len(server.problems)} 个问题，浏览器里打开的页面会显示它们；改好后自动刷新。")
            return
        server.problems = ()
        print(f"已重新生成（{result.seconds:.1f} 秒）")

    rebuild()
    for name in WATCHED:
        if (root / name).exists():
            server.watch(str(root / name))
    print(f"预览地址：http://{host}:{port}/ （按 Ctrl+C 停止）")
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
