"""gongkai publish / rollback on a folder served by a real HTTP server on loopback."""

from __future__ import annotations

import functools
import http.client
import shutil
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from generator.build import build
from generator.cli import main
from generator.commands import publish as publish_command
from generator.publish.release import list_releases, publish

from conftest import FIXTURES, SiteFolder, copy_site
from gitsite import AS_OF, commit, make_repo

PAGES = ("/", "/fees/fuyangfei/", "/notices/gonggao/", "/assets/gongkai/gongkai.css")


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A repository whose build/site is B (its HEAD); a copy of A's site, one commit older."""
    folder = tmp_path_factory.mktemp("publish")
    site = copy_site(FIXTURES / "minimal", folder / "repo")
    make_repo(site)
    build(site.root, AS_OF)
    shutil.copytree(site.root / "build/site", folder / "site-a")
    site.replace("data/fees/fuyangfei.yaml", "amount: 1500", "amount: 1800")
    commit(site.root, "再次调整收费")
    build(site.root, AS_OF)
    return site, folder / "site-a"


@pytest.fixture(autouse=True)
def today_is_as_of(monkeypatch):
    """gongkai publish refuses a build made as of another day; the tests' day is AS_OF."""
    monkeypatch.setattr(publish_command, "today", lambda zone=None: AS_OF)


@pytest.fixture
def two_builds(built, tmp_path):
    """Release A published to a fresh folder; build/site (B) ready to publish."""
    site, site_a = built
    dest = tmp_path / "www"
    a = publish(site_a, dest)
    return site, dest, a.name


def fetch(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def test_requests_never_fail_while_publishing_and_rolling_back(two_builds):
    site, dest, a = two_builds
    # The handler joins `directory` and the request path on every request, so a
    # symlinked document root is followed anew each time (checked below).
    handler = functools.partial(Quiet, directory=str(dest / "current"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    old = {p: fetch(port, p)[1] for p in PAGES}
    results, stop = [], threading.Event()

    def hammer():
        deadline = time.monotonic() + 20
        while not stop.is_set() and len(results) < 5000 and time.monotonic() < deadline:
            for path in PAGES:
                results.append((path, *fetch(port, path)))

    worker = threading.Thread(target=hammer)
    try:
        worker.start()
        while len(results) < 20:
            time.sleep(0.01)
        assert main(["-C", str(site.root), "publish", str(dest)]) == 0
        b = next(r.name for r in list_releases(dest) if r.current)
        new = {p: (dest / "releases" / b / p.lstrip("/") / ("index.html" if p.endswith("/") else ""))
               .read_bytes() for p in PAGES}
        assert fetch(port, "/fees/fuyangfei/")[1] == new["/fees/fuyangfei/"]
        assert b"1,800" in new["/fees/fuyangfei/"] and b"1,800" not in old["/fees/fuyangfei/"]
        switches = 1
        while len(results) < 400 and switches < 400:
            switches += 2
            assert main(["rollback", str(dest)]) == 0
            assert fetch(port, "/fees/fuyangfei/")[1] == old["/fees/fuyangfei/"]
            assert main(["rollback", str(dest), "--to", b]) == 0
            assert fetch(port, "/fees/fuyangfei/")[1] == new["/fees/fuyangfei/"]
    finally:
        stop.set()
        worker.join()
        server.shutdown()
        server.server_close()
    assert len(results) >= 400
    for path, status, body in results:
        assert status == 200, (path, status)
        assert body in (old[path], new[path]), path
    # The loop really ran across the switches: it saw both versions.
    assert {body for path, _, body in results if path == "/fees/fuyangfei/"} == {
        old["/fees/fuyangfei/"], new["/fees/fuyangfei/"]}
    print(f"{len(results)} requests during {switches} switches")


def test_keep_prunes_old_releases_but_never_the_current_one(two_builds, capsys):
    site, dest, a = two_builds
    for _ in range(3):
        assert main(["-C", str(site.root), "publish", str(dest), "--keep", "2"]) == 0
    names = [r.name for r in list_releases(dest)]
    assert len(names) == 2 and a not in names
    assert (dest / "current").resolve().name == names[-1]
    assert main(["rollback", str(dest)]) == 0
    assert main(["rollback", str(dest)]) == 2
    assert "已是最早的版本" in capsys.readouterr().err
    assert main(["-C", str(site.root), "publish", str(dest), "--keep", "1"]) == 0
    assert [r.name for r in list_releases(dest)] == [next(r.name for r in list_releases(dest))]
    assert main(["rollback", str(dest), "--list"]) == 0
    assert "← 当前" in capsys.readouterr().out


def test_refuses_missing_stale_or_uncommitted_builds(two_builds, tmp_path, capsys):
    _, dest, _ = two_builds
    site = SiteFolder(tmp_path / "repo")
    shutil.copytree(two_builds[0].root, site.root, symlinks=True)
    site.replace("data/fees/fuyangfei.yaml", "amount: 1800", "amount: 1900")
    commit(site.root, "未重新生成就发布")
    assert main(["-C", str(site.root), "publish", str(dest)]) == 2
    assert "请先运行 gongkai build 再发布" in capsys.readouterr().err
    site.replace("data/fees/fuyangfei.yaml", "amount: 1900", "amount: 2000")
    build(site.root, AS_OF)
    assert main(["-C", str(site.root), "publish", str(dest)]) == 2
    assert "未提交的修改" in capsys.readouterr().err
    assert main(["-C", str(site.root), "publish", str(dest), "--force"]) == 0
    commit(site.root, "提交")
    build(site.root, AS_OF.replace(day=27))
    assert main(["-C", str(site.root), "publish", str(dest)]) == 2
    assert "不是今天" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["-C", str(empty), "publish", str(dest)]) == 2
    assert "请先运行 gongkai build" in capsys.readouterr().err


def test_a_plain_current_folder_is_not_replaced(two_builds, tmp_path, capsys):
    site, _, _ = two_builds
    dest = tmp_path / "plain"
    (dest / "current").mkdir(parents=True)
    (dest / "current" / "index.html").write_text("old site")
    assert main(["-C", str(site.root), "publish", str(dest)]) == 2
    assert "不是符号链接" in capsys.readouterr().err.replace("而不是符号链接", "不是符号链接")
    assert (dest / "current" / "index.html").read_text() == "old site"


def test_refuses_a_build_whose_leak_scan_was_not_full(two_builds, tmp_path, capsys):
    _, dest, _ = two_builds
    site = SiteFolder(tmp_path / "repo")
    shutil.copytree(two_builds[0].root, site.root, symlinks=True)
    # Every build scans every file, --incremental ones (warm from build/cache) too.
    assert build(site.root, AS_OF, incremental=True).incremental
    assert main(["-C", str(site.root), "publish", str(dest)]) == 0
    # An older gongkai's incremental build scanned only the files it wrote.
    site.replace("build/site/.gongkai-build.json", '"full_scan": true', '"full_scan": false')
    for force in ([], ["--force"]):
        assert main(["-C", str(site.root), "publish", str(dest), *force]) == 2
        assert "没有对每个文件做个人信息泄露扫描" in capsys.readouterr().err


def test_a_half_copied_release_from_a_killed_publish_is_removed(two_builds):
    site, dest, _ = two_builds
    leftover = dest / "releases" / ".incoming-0002-20261128T020000Z-abc"
    (leftover / "notices").mkdir(parents=True)
    (leftover / "notices" / "index.html").write_text("<td>张*英</td>", encoding="utf-8")
    publish(site.root / "build/site", dest)
    assert list((dest / "releases").glob(".incoming-*")) == []
    leftover.mkdir()
    assert main(["rollback", str(dest)]) == 0
    assert not leftover.exists()
