"""A build writes into the site two builds old (the spare) and trusts nothing in it
(generator/build.py, generator/output.py): what it holds that the build did not
make goes, what differs is corrected, and what is the same is left untouched."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from generator.build import SPARE, build
from generator.pipeline import PIPELINE, Step
from generator.problems import Problem, ProblemsError
from generator.replace import exchanged

AS_OF = date(2026, 6, 1)
DELETED = "data/notices/gonggao.yaml"


@pytest.fixture(autouse=True)
def fixed_stamp(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")


def files(folder: Path) -> dict[str, tuple[int, int, int]]:
    """Each file's inode, modification and change times."""
    return {p.relative_to(folder).as_posix(): (s.st_ino, s.st_mtime_ns, s.st_ctime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file() for s in [p.stat()]}


def contents(folder: Path) -> dict[str, bytes]:
    return {rel: (folder / rel).read_bytes() for rel in files(folder)}


def linked_file(site: Path, docs: Path) -> str:
    """A file of the site that is a hard link to its build/docs original."""
    return next(rel for rel, stat in files(site).items()
                if (docs / rel).is_file() and (docs / rel).stat().st_ino == stat[0])


def test_a_build_into_the_spare_corrects_everything_in_it(minimal, tmp_path):
    build(minimal.root, AS_OF)
    built_first = contents(minimal.path("build/site"))
    assert any("gonggao" in rel for rel in built_first)
    minimal.path(DELETED).unlink()
    build(minimal.root, AS_OF)
    expected = contents(minimal.path("build/site"))
    assert not any("gonggao" in rel for rel in expected)
    spare, docs = minimal.path(f"build/{SPARE}"), minimal.path("build/docs")
    assert contents(spare) == built_first       # the first build's site, kept
    # Hand-edited in place, added to, a link to another file than build/docs has.
    (spare / "index.html").write_bytes(b"<p>edited</p>")
    (spare / "stray" / "page").mkdir(parents=True)
    (spare / "stray/page/index.html").write_text("<p>stray</p>", encoding="utf-8")
    (spare / "search/manifest.json.partial").write_bytes(b"{")
    # A file where the new site has a folder, and a folder where it has a file.
    shutil.rmtree(spare / "policies/xize")
    (spare / "policies/xize").write_text("a file", encoding="utf-8")
    (spare / "404.html").unlink()
    (spare / "404.html/folder").mkdir(parents=True)
    linked = linked_file(spare, docs)
    other = tmp_path / "other"
    other.write_bytes(b"an older file")
    (spare / linked).unlink()
    os.link(other, spare / linked)
    build(minimal.root, AS_OF)
    site = minimal.path("build/site")
    assert contents(site) == expected
    assert (site / linked).stat().st_ino == (docs / linked).stat().st_ino
    assert other.read_bytes() == b"an older file"
    assert not list(minimal.path("build").glob(".site-*"))


def test_unchanged_files_keep_their_inode_and_times(minimal):
    build(minimal.root, AS_OF)
    build(minimal.root, AS_OF)
    spare = minimal.path(f"build/{SPARE}")
    before, old = files(spare), contents(spare)
    minimal.replace("data/policies/xize.yaml", "title: ", "title: （修订）")
    build(minimal.root, AS_OF)
    site = minimal.path("build/site")
    after, new = files(site), contents(site)
    same = [rel for rel in new if old.get(rel) == new[rel]]
    changed = [rel for rel in new if rel in old and old[rel] != new[rel]]
    assert len(same) > 100 and changed
    for rel in same:
        assert after[rel] == before[rel], rel
    for rel in changed:
        assert after[rel][0] != before[rel][0], rel


def spoil(ctx) -> list[Problem]:
    """A late step that writes into the staged site in place, then fails."""
    with open(ctx.site_dir / "index.html", "r+b") as page:
        page.write(b"spoiled")
    (ctx.site_dir / "spoiled.html").write_text("<p>spoiled</p>", encoding="utf-8")
    return [Problem("test", None, "", "失败")]


def test_a_build_failing_late_leaves_the_site_and_the_next_build_is_right(minimal):
    build(minimal.root, AS_OF)
    build(minimal.root, AS_OF)
    site = minimal.path("build/site")
    stats, good = files(site), contents(site)
    failing = PIPELINE.__class__(**{**vars(PIPELINE), "steps": (
        *PIPELINE.steps[:-1], Step("test_site_output:spoil", "失败的步骤"), PIPELINE.steps[-1])})
    with pytest.raises(ProblemsError):
        build(minimal.root, AS_OF, pipeline=failing)
    assert files(site) == stats and contents(site) == good
    assert (minimal.path(f"build/{SPARE}") / "spoiled.html").exists()   # the failed folder
    build(minimal.root, AS_OF)
    assert contents(site) == good


def test_two_folders_trade_names_at_once(tmp_path):
    one, other = tmp_path / "one", tmp_path / "other"
    one.mkdir()
    other.mkdir()
    (one / "a").write_text("one", encoding="utf-8")
    (other / "b").write_text("other", encoding="utf-8")
    assert exchanged(one, other)     # Linux with glibc 2.28+, as here and in CI
    assert [p.name for p in one.iterdir()] == ["b"]
    assert [p.name for p in other.iterdir()] == ["a"]
    with pytest.raises(FileNotFoundError):
        exchanged(one, tmp_path / "missing")


def test_the_site_is_never_missing_while_builds_replace_it(minimal):
    build(minimal.root, AS_OF)
    page = minimal.path("build/site/policies/xize/index.html")
    # Another process looks as a web server or serve would, as fast as it can.
    watcher = subprocess.Popen(
        [sys.executable, "-c", "import os, sys\n"
         "while not os.path.exists(sys.argv[2]):\n"
         "    if not os.path.exists(sys.argv[1]): sys.exit('missing')\n",
         str(page), str(minimal.path("stop"))], stderr=subprocess.PIPE, text=True)
    try:
        for title in ("实施细则（一）", "实施细则（二）", "实施细则（三）"):
            minimal.replace("data/policies/xize.yaml", "实施细则", title)
            build(minimal.root, AS_OF)
    finally:
        minimal.path("stop").touch()
    assert watcher.wait(timeout=30) == 0, watcher.stderr.read()
