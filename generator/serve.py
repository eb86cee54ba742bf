"""`gongkai serve`: rebuild when data/, content/ or site_config/ change, and reload the page.

A clerk looks at the browser, not the terminal: while the last build failed,
every page they open (or have open: it reloads) shows its problems instead,
and the site comes back by itself once the data is fixed.

The page is what the clerk waits for: the steps that change nothing a previewed
page shows (the search index, the nginx header file) run after the browsers
reload, and the leak scan then reads what they wrote.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from jinja2 import Environment, PackageLoader
from mkdocs.livereload import LiveReloadServer

from .build import build
from .checks.leaks import leak_scan
from .context import BuildContext
from .pipeline import PIPELINE
from .problems import Problem, ProblemsError
from .progress import Progress
from .search.step import index_site
from .site.csp import write_header_policy
from .workers import in_child

WATCHED = ("data", "content", "site_config", "mkdocs.yml")
# The preview's own files; no site page lives under this name.
ASSETS = "/__gongkai__/"
ASSET_TYPES = {"reload.js": "application/javascript", "problems.css": "text/css"}
# Steps whose output no previewed page shows: they run once the browsers have reloaded.
AFTER_RELOAD = tuple(step for step in PIPELINE.steps if step.run in (index_site, write_header_policy))
PREVIEW = replace(PIPELINE, steps=tuple(step for step in PIPELINE.steps if step not in AFTER_RELOAD))
LEAK_SCAN = next(step for step in PIPELINE.steps if step.run is leak_scan)

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
        tag = _TEMPLATES.get_template("reload_tag.html.j2").render(
            assets=ASSETS, epoch=epoch, request=time.monotonic_ns()).encode()
        return content[:body_end] + tag + content[body_end:]

    def reload_browsers(self) -> None:
        """Open pages reload now, showing the site or the problems as they are."""
        with self._epoch_cond:
            # An epoch as MkDocs makes them: milliseconds of the monotonic clock.
            self._wanted_epoch = self._visible_epoch = time.monotonic_ns() // 1_000_000
            self._epoch_cond.notify_all()

    def change_waiting(self) -> bool:
        with self._rebuild_cond:
            return self._want_rebuild


def after_reload(context: BuildContext, progress: Progress) -> list[Problem]:
    """The steps the preview left out, on the published site, then the leak scan (files
    it read before come from its cache); their errors (warnings do not stop a preview)."""
    found = []
    for step in (*AFTER_RELOAD, LEAK_SCAN):
        with progress.stage("刷新后：" + step.name):
            found += in_child(step.run, context)
    return [problem for problem in found if problem.level == "error"]


def _is_page(path: str) -> bool:
    last = path.rsplit("/", 1)[-1]
    return last == "" or last.endswith(".html") or "." not in last


def serve(root: Path, as_of: date | None, host: str, port: int) -> None:
    server = PreviewServer(builder=lambda: rebuild(), host=host, port=port,
                           root=str(root / "build" / "site"))

    def show(problems) -> None:
        server.problems = problems
        for problem in problems:
            print(problem)
        print(f"发现 {len(problems)} 个问题，浏览器里打开的页面会显示它们；改好后自动刷新。")

    def rebuild() -> None:
        progress = Progress()    # stage lines on a terminal or with GONGKAI_PROGRESS=1
        try:
            result = build(root, as_of, incremental=True, progress=progress,
                           pipeline=PREVIEW)
        except ProblemsError as err:
            show(err.problems)   # the last good site stays on disk; the browser shows what to fix
            return
        server.problems = ()
        print(f"已重新生成（{result.seconds:.1f} 秒）")
        server.reload_browsers()
        if server.change_waiting():
            return     # the next build runs these steps after its own reload
        problems = after_reload(result.context, progress)
        if problems:
            show(problems)
            server.reload_browsers()

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
