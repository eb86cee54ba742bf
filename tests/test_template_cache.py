"""Templates kept compiled in build/cache (site/templatecache.py): a build that finds
them compiles none of them, and writes the pages a build that compiled them writes."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import jinja2

from generator.build import build
from generator.site.mkdocs_build import run_mkdocs
from generator.site.stamp import BuildStamp

from gitsite import AS_OF

STAMP = BuildStamp(datetime(2026, 11, 28, 2, 0, tzinfo=timezone.utc), "abc1234", False, AS_OF)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_build_with_the_templates_kept_compiles_none(minimal, tmp_path, monkeypatch):
    build(minimal.root, AS_OF, cache=False)      # renders build/docs
    compiled: list[str] = []
    compile_ = jinja2.Environment.compile

    def counted(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return compile_(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    cache = tmp_path / "cache"
    # MkDocs in this process; the pages outside the navigation are built in workers,
    # but for the first, built here after the navigation's pages.
    assert run_mkdocs(minimal.root, tmp_path / "first", STAMP, cache, "fp") == []
    assert "main.html" in compiled and list(cache.glob("templates-*.pickle"))
    compiled.clear()
    assert run_mkdocs(minimal.root, tmp_path / "second", STAMP, cache, "fp") == []
    assert compiled == []
    assert tree(tmp_path / "second") == tree(tmp_path / "first")
