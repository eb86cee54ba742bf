"""Compiled templates kept in build/cache (cache/bytecode.py): a process that finds
gongkai's page templates or Material's frame there compiles none of them, and writes
the pages a build that compiled them writes (render: tests/test_warm_cold.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import jinja2

from generator.build import build
from generator.site.mkdocs_build import run_mkdocs
from generator.site.stamp import BuildStamp

from gitsite import AS_OF

STAMP = BuildStamp(datetime(2026, 11, 28, 2, 0, tzinfo=timezone.utc), "abc1234", False, AS_OF)

# Counts the templates Jinja compiles from source.
PROBE = """
import json, sys
from pathlib import Path
import jinja2
compiled = []
original = jinja2.Environment._compile
jinja2.Environment._compile = lambda self, source, filename: compiled.append(filename) or original(self, source, filename)
from generator.cache.store import Store
from generator.render.environment import TEMPLATES_KIND, compile_templates, make_environment
store = Store(Path(sys.argv[1]), TEMPLATES_KIND, "fingerprint")
compile_templates(store)
store.save()
print(json.dumps([len(compiled), len(make_environment().list_templates())]))
"""


def probe(folder) -> list:
    done = subprocess.run([sys.executable, "-c", PROBE, str(folder)], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def test_templates_found_in_the_store_are_not_compiled_again(tmp_path):
    compiled, templates = probe(tmp_path)
    assert compiled == templates > 10
    assert list(tmp_path.glob("templates-*.pickle"))
    assert probe(tmp_path) == [0, templates]


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
    assert "main.html" in compiled and list(cache.glob("theme-templates-*.pickle"))
    compiled.clear()
    assert run_mkdocs(minimal.root, tmp_path / "second", STAMP, cache, "fp") == []
    assert compiled == []
    assert tree(tmp_path / "second") == tree(tmp_path / "first")
