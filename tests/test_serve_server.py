"""The preview's web server alone (generator/serve/server.py): what a browser's reload
script is answered while problems are shown."""

from __future__ import annotations

import re
import time
import urllib.request

import pytest
from test_serve import free_port

from generator.problems import Problem
from generator.serve.server import PreviewServer


@pytest.fixture
def server(tmp_path):
    (tmp_path / "index.html").write_text("<html><body><h1>首页</h1></body></html>",
                                         encoding="utf-8")
    running = PreviewServer(builder=None, host="127.0.0.1", port=free_port(),
                            root=str(tmp_path), watched=[tmp_path])
    running.poll_response_timeout = 1
    running.server_bind()
    running.server_activate()
    running.serve_thread.start()
    try:
        yield running
    finally:
        running.shutdown()


def get(server: PreviewServer, path: str) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}{path}",
                                timeout=10) as response:
        return response.read().decode("utf-8")


def test_a_page_showing_problems_waits_for_the_next_change(server):
    server.problems = [Problem("data/policies/xize.yaml", 3, "publisher", "找不到机构「nobody」")]
    page = get(server, "/")
    assert "找不到机构「nobody」" in page
    epoch = re.search(r'data-epoch="(\d+)"', page)[1]
    # Its reload script asks whether there is something newer: the answer is a number,
    # after the server's wait, not the problem page at once (the script would ask again
    # at once, without end).
    started = time.monotonic()
    answer = get(server, f"/livereload/{epoch}/1?page=/")
    assert answer == epoch
    assert time.monotonic() - started >= 0.9
    assert "" in server.open_pages()
    server.problems = ()
    server.reload_browsers()
    assert int(get(server, f"/livereload/{epoch}/2?page=/")) > int(epoch)
    assert "首页" in get(server, "/")
