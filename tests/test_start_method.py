"""Without fork (Windows, macOS) gongkai validates, serves and builds the same site.

The example, PDFs included, is built from one commit with one --as-of date and
one SOURCE_DATE_EPOCH with forked processes (Linux's default) and, forced by
GONGKAI_START_METHOD=spawn, as on a platform without fork.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import workers
from generator.build import build
from generator.workers import START_METHOD

from conftest import REPO, copy_site
from gitsite import AS_OF, commit, git
from test_reproducible import tree
from test_serve import fetch, free_port, wait_for

METHODS = ("fork", "spawn")
EPOCH = "1893456000"


def _gongkai(root, method, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, START_METHOD: method, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "1"}
    return subprocess.run([sys.executable, "-m", "generator.cli", "-C", str(root), *args],
                          env=env, capture_output=True, text=True, cwd=REPO, timeout=600)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """fork: Linux's default, run as `gongkai build`. Without fork, built in this
    process, where the thresholds of a large site can be lowered: spawn, each stage
    done here (as for this small site on Windows) and every list of work that can be
    pickled given to spawned workers; spawn-all, every stage in a spawned process."""
    source = copy_site(REPO, tmp_path_factory.mktemp("source") / "site")
    git(source.root, "init", "-q")
    commit(source.root, "示例")
    results = {}
    for method, lowered in (("fork", None), ("spawn", "MANY"), ("spawn-all", "SPAWN_AT")):
        root = tmp_path_factory.mktemp(method) / "copy"
        shutil.copytree(source.root, root, symlinks=True)
        if lowered:
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv(START_METHOD, "spawn")
                patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
                patch.setattr(workers, lowered, 2)
                build(root, AS_OF, pdf=True)
        else:
            result = _gongkai(root, method, "build", "--pdf", "--as-of", AS_OF.isoformat())
            assert result.returncode == 0, result.stderr
        results[method] = (root, tree(root / "build/docs"), tree(root / "build/site"))
    return results


@pytest.mark.parametrize("method", ["spawn", "spawn-all"])
def test_spawn_build_matches_fork_build_byte_for_byte(builds, method):
    (_, fork_docs, fork_site), (_, spawn_docs, spawn_site) = builds["fork"], builds[method]
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
                              env={**os.environ, START_METHOD: "spawn"})
    url = f"http://127.0.0.1:{port}/policies/xize/"
    try:
        assert wait_for(lambda: "社会抚养费征收管理实施细则" in (fetch(url) or ""), 120)
        minimal.replace("data/policies/xize.yaml", "实施细则", "实施细则（修订）")
        assert wait_for(lambda: "实施细则（修订）" in (fetch(url) or ""), 120)
        # The page is shown from a preview first; the whole site, built with spawned
        # processes, lands on disk after it.
        on_disk = minimal.root / "build/site/policies/xize/index.html"
        assert wait_for(lambda: "实施细则（修订）" in on_disk.read_text(encoding="utf-8"), 120)
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "Traceback" not in output and "问题" not in output
