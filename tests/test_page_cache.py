"""Pages outside the navigation come from build/cache when their inputs did not change
(site/pagecache.py), with this build's stamp in the footer: a warm build writes the
very bytes a cold one does, from build/cache alone (CI keeps no build/site)."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from generator.build import build
from generator.cache.store import CACHE_DIR
from generator.problems import ProblemsError
from generator.site.pagecache import KIND, PLACEHOLDER

from conftest import copy_site
from gitsite import AS_OF

PAGE = "subsidies/jiangli/index.html"     # an item page the edit leaves alone
CANONICAL = b'rel="canonical" href="https://test.example.gov.cn/subsidies/jiangli/"'


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def shard_files(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR / KIND).glob("*.pickle"))


def test_a_warm_build_is_the_cold_build_byte_for_byte(minimal, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    build(minimal.root, AS_OF)
    old_stamp = minimal.read(f"build/site/{PAGE}")
    minimal.replace("data/policies/xize.yaml", "第二条 本细则", "第二条 本细则（已修订）")
    shutil.rmtree(minimal.root / "build/site")      # as in CI: the cache only
    # Another build time, so every page's footer changes, cached or not.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780090000")
    build(minimal.root, AS_OF)
    cold = copy_site(minimal.root, tmp_path / "cold")
    build(cold.root, AS_OF)

    warm_site, cold_site = tree(minimal.root / "build/site"), tree(cold.root / "build/site")
    assert warm_site.keys() == cold_site.keys()
    assert [name for name in warm_site if warm_site[name] != cold_site[name]] == []
    assert minimal.read(f"build/site/{PAGE}") != old_stamp
    assert "（已修订）" in minimal.read("build/site/policies/xize/index.html")


def test_unchanged_pages_are_taken_from_the_cache(minimal, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    build(minimal.root, AS_OF)
    shards = {path: pickle.loads(path.read_bytes()) for path in shard_files(minimal.root)}
    # Every page outside the navigation, each once, and the stamp kept out of them.
    assert all(PLACEHOLDER in built.output for entries in shards.values() for built in entries.values())
    [(path, page)] = [(path, built) for path, entries in shards.items()
                      for built in entries.values() if CANONICAL in built.output]
    page.packed = page.pack(page.output.replace(b"</body>", b"<!-- from the cache --></body>"))
    path.write_bytes(pickle.dumps(shards[path]))
    build(minimal.root, AS_OF)
    assert "<!-- from the cache --></body>" in minimal.read(f"build/site/{PAGE}")


def test_a_build_rewrites_only_the_shards_whose_pages_changed(minimal):
    build(minimal.root, AS_OF)
    before = {path: path.stat().st_mtime_ns for path in shard_files(minimal.root)}
    minimal.replace("data/policies/xize.yaml", "第二条 本细则", "第二条 本细则（已修订）")
    build(minimal.root, AS_OF)
    after = {path: path.stat().st_mtime_ns for path in shard_files(minimal.root)}
    rewritten = [path for path in after if after[path] != before.get(path)]
    assert 0 < len(rewritten) < len(before) / 2


def test_a_page_that_warned_is_built_again_once_its_link_target_exists(minimal):
    # Outside the navigation, and linking to a page the clerk has not written yet.
    minimal.write("content/about.md", "# 关于\n\n见[办事须知](notes.md)。\n")
    with pytest.raises(ProblemsError) as caught:
        build(minimal.root, AS_OF)
    assert "链接「notes.md」指向的页面不存在" in str(caught.value)
    minimal.write("content/notes.md", "# 办事须知\n")
    build(minimal.root, AS_OF)
    assert 'href="../notes/"' in minimal.read("build/site/about/index.html")
