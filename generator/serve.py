"""`gongkai serve`: rebuild when data/, content/ or site_config/ change, and reload the page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from .build import build
from .problems import ProblemsError

WATCHED = ("data", "content", "site_config", "mkdocs.yml")


def serve(root: Path, as_of: date | None, host: str, port: int) -> None:
    def rebuild() -> None:
        try:
            result = build(root, as_of, incremental=True)
            print(f"已重新生成（{result.seconds:.1f} 秒）")
        except ProblemsError as err:
            # Keep serving the last good site; show what to fix.
            for problem in err.problems:
                print(problem)

    rebuild()
    server = LiveReloadServer(builder=rebuild, host=host, port=port,
                              root=str(root / "build" / "site"))
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
