"""The static files of build/docs are hard-linked into the site, not copied
(site/mkdocs_adapter.py LinkedFile): safe only while nothing writes into either
file in place, so a failed rebuild that rewrote them in build/docs must leave the
last good site as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.build import build
from generator.problems import ProblemsError

from gitsite import AS_OF


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def statics(docs: Path) -> dict[str, bytes]:
    return {rel: content for rel, content in files(docs).items() if not rel.endswith(".md")}


def test_only_the_static_files_of_build_docs_are_linked(minimal):
    build(minimal.root, AS_OF)
    site, docs = minimal.root / "build/site", minimal.root / "build/docs"
    linked = {p.relative_to(site).as_posix() for p in site.rglob("*")
              if p.is_file() and p.stat().st_nlink > 1}
    # Pages, 404.html, sitemap.xml (written into by MkDocs) and the theme's assets are not.
    assert linked and linked == set(statics(docs))
    assert all(os.path.samefile(site / rel, docs / rel) for rel in linked)


def test_a_failed_rebuild_leaves_the_last_sites_linked_files(minimal):
    build(minimal.root, AS_OF)
    site, docs = minimal.root / "build/site", minimal.root / "build/docs"
    last_site, last_statics = files(site), statics(docs)
    # Rewrites static files in build/docs (the item's title is in the open data and
    # feeds), then fails in MkDocs on the broken link.
    minimal.replace("data/policies/xize.yaml", "title: ", "title: 已修订的")
    minimal.write("content/about.md", "# 关于\n\n见[办事须知](notes.md)。\n")
    with pytest.raises(ProblemsError):
        build(minimal.root, AS_OF)
    assert statics(docs) != last_statics
    assert files(site) == last_site
