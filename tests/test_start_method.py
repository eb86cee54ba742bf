"""Without fork (Windows, macOS) gongkai validates, serves and builds the same site.

The example, PDFs included, is built twice from one commit with one --as-of
date and one SOURCE_DATE_EPOCH: once with forked processes (Linux's default)
and once with GONGKAI_START_METHOD=spawn, as on a platform without fork.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, copy_site
from gitsite import AS_OF, commit, git
from test_reproducible import tree
from test_serve import fetch, free_port, wait_for

METHODS = ("fork", "spawn")


def _gongkai(root, method, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, "GONGKAI_START_METHOD": method, "SOURCE_DATE_EPOCH": "1893456000",
           "PYTHONHASHSEED": "1"}
    return subprocess.run([sys.executable, "-m", "generator.cli", "-C", str(root), *args],
                          env=env, capture_output=True, text=True, cwd=REPO, timeout=600)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    source = copy_site(REPO, tmp_path_factory.mktemp("source") / "site")
    git(source.root, "init", "-q")
    commit(source.root, "示例")
    results = {}
    for method in METHODS:
        root = tmp_path_factory.mktemp(method) / "copy"
        shutil.copytree(source.root, root, symlinks=True)
        result = _gongkai(root, method, "build", "--pdf", "--as-of", AS_OF.isoformat())
        assert result.returncode == 0, result.stderr
        results[method] = (root, tree(root / "build/docs"), tree(root / "build/site"))
    return results


def test_spawn_build_matches_fork_build_byte_for_byte(builds):
    (_, fork_docs, fork_site), (_, spawn_docs, spawn_site) = builds["fork"], builds["spawn"]
    assert any(name.endswith(".pdf") for name in fork_site)
    assert fork_docs == spawn_docs
    assert fork_site.keys() == spawn_site.keys()
    assert [name for name in fork_site if fork_site[name] != spawn_site[name]] == []


def test_validate_reports_the_same_problems_either_way(builds, tmp_path):
    root = builds["spawn"][0]
    broken = tmp_path / "broken"
    shutil.copytree(root, broken, symlinks=True, ignore=shutil.ignore_patterns("build"))
    fee = next((broken / "data/fees").glob("*.yaml"))
    fee.write_text(fee.read_text(encoding="utf-8").replace("title:", "titel:", 1),
                   encoding="utf-8")
    outcomes = [_gongkai(broken, method, "validate") for method in METHODS]
    assert [o.returncode for o in outcomes] == [1, 1]
    assert outcomes[0].stdout + outcomes[0].stderr == outcomes[1].stdout + outcomes[1].stderr
    assert fee.name in outcomes[1].stdout + outcomes[1].stderr


def test_serve_rebuilds_with_spawned_processes(minimal):
    port = free_port()
    gongkai = Path(sys.executable).parent / "gongkai"    # the console script, as clerks run it
    server = subprocess.Popen([gongkai, "-C", str(minimal.root), "serve", "--port", str(port),
                               "--as-of", "2026-06-01"], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True,
                              env={**os.environ, "GONGKAI_START_METHOD": "spawn"})
    url = f"http://127.0.0.1:{port}/policies/xize/"
    try:
        assert wait_for(lambda: "社会抚养费征收管理实施细则" in (fetch(url) or ""), 120)
        minimal.replace("data/policies/xize.yaml", "实施细则", "实施细则（修订）")
        assert wait_for(lambda: "实施细则（修订）" in (fetch(url) or ""), 120)
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "已重新生成" in output and "Traceback" not in output
