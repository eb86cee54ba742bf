"""`gongkai serve` on loopback: serves the site and rebuilds when data changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from browser_support import own_context

from generator.publish.buildinfo import read_build_info
from generator.search.query import IndexReader, search


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


@contextmanager
def gongkai_serve(root: Path):
    """`gongkai serve` on a free port; yields its base URL, then the lines it printed."""
    port = free_port()
    gongkai = Path(sys.executable).parent / "gongkai"
    server = subprocess.Popen([gongkai, "-C", str(root), "serve", "--port", str(port),
                               "--as-of", "2026-06-01"], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    output: list[str] = []
    try:
        yield f"http://127.0.0.1:{port}", output
    finally:
        server.terminate()
        output += server.communicate(timeout=20)[0].splitlines()


def test_serve_rebuilds_when_data_changes(minimal):
    with gongkai_serve(minimal.root) as (base, output):
        url = f"{base}/policies/xize/"
        assert wait_for(lambda: "社会抚养费征收管理实施细则" in (fetch(url) or ""), 60)
        minimal.replace("data/policies/xize.yaml", "实施细则", "实施细则（修订）")
        assert wait_for(lambda: "实施细则（修订）" in (fetch(url) or ""), 60)
        # The page is shown first; the whole site on disk follows.
        on_disk = minimal.root / "build/site/policies/xize/index.html"
        assert wait_for(lambda: "实施细则（修订）" in on_disk.read_text(encoding="utf-8"), 120)
        # Bad data: the page says what to fix; the last good site stays on disk.
        minimal.replace("data/policies/xize.yaml", "publisher: town", "publisher: nobody")
        assert wait_for(lambda: "找不到机构「nobody」" in (fetch(url) or ""), 60)
        assert "实施细则（修订）" in minimal.read("build/site/policies/xize/index.html")
    assert any("找不到机构「nobody」" in line for line in output)


def searched(site: Path, query: str) -> list[str]:
    """Addresses of the pages the built search index finds for query."""
    try:
        reader = IndexReader(site)
        return [reader.doc(hit.page)["u"] for hit in search(reader, query).hits]
    except (OSError, ValueError, KeyError):
        return []    # between two files of the index being replaced


def test_serve_indexes_after_the_reload_and_never_looks_publishable(minimal):
    site = minimal.root / "build/site"
    with gongkai_serve(minimal.root) as (base, _):
        url = f"{base}/policies/xize/"
        assert wait_for(lambda: "社会抚养费征收管理实施细则" in (fetch(url) or ""), 60)
        assert wait_for(lambda: searched(site, "征收管理实施细则"), 60)
        # Even the first, full build: its steps ran after the leak scan, so gongkai
        # publish must refuse the site.
        assert read_build_info(site)["full_scan"] is False
        minimal.replace("data/policies/xize.yaml", "实施细则", "实施细则勘误稿")
        assert wait_for(lambda: "实施细则勘误稿" in (fetch(url) or ""), 60)
        # The search index follows the page, after the reload.
        assert wait_for(lambda: "policies/xize/" in searched(site, "勘误稿"), 60)


def test_serve_shows_problems_in_every_open_page_until_fixed(minimal, browser):
    with gongkai_serve(minimal.root) as (base, _), own_context(browser) as context:
        assert wait_for(lambda: fetch(f"{base}/policies/xize/") is not None, 60)
        # The first build settled (its search index comes last): saves during it wait for
        # a whole build of their own, at low priority, which a loaded machine may slow past
        # the waits below.
        assert wait_for(lambda: searched(minimal.root / "build/site", "征收管理实施细则"), 60)
        pages = [context.new_page() for _ in range(2)]
        pages[0].goto(f"{base}/policies/xize/")
        pages[1].goto(f"{base}/services/guangrongzheng/")
        for page in pages:
            page.wait_for_selector("h1", timeout=30_000)
        minimal.replace("data/policies/xize.yaml", "publisher: town", "publisher: nobody")
        minimal.replace("data/services/guangrongzheng.yaml", "title: 独生子女父母光荣证办理",
                        "title：独生子女父母光荣证办理")
        for page in pages:    # both reload by themselves and show every problem
            page.wait_for_selector("main.gongkai-problems", timeout=60_000)
            text = page.inner_text("main")
            assert "找不到机构「nobody」" in text and "中文冒号「：」" in text
            assert "data/services/guangrongzheng.yaml:1:6" in text
            # The problem page runs nothing inline: a strict Content-Security-Policy allows it.
            assert page.eval_on_selector_all("script", "all => all.filter(s => !s.src).length") == 0
            assert page.eval_on_selector_all("script[src]", "all => all.length") == 1
        minimal.replace("data/policies/xize.yaml", "publisher: nobody", "publisher: town")
        minimal.replace("data/services/guangrongzheng.yaml", "title：", "title: ")
        pages[0].wait_for_selector("h1:has-text('社会抚养费征收管理实施细则')", timeout=60_000)
        pages[1].wait_for_selector("h1:has-text('独生子女父母光荣证办理')", timeout=60_000)
        assert pages[0].query_selector("main.gongkai-problems") is None
