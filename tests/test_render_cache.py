"""Pages whose inputs did not change come from the cache, and a page from the
cache is always the page a full render would write."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from generator.cache.fingerprint import fingerprint
from generator.cache.store import Store
from generator.pipeline import PIPELINE
from generator.render import make_context
from generator.render.cache import KIND, render_into
from generator.render.context_key import context_key
from generator.render.lookups import EVERYTHING, NotedDict, Whole, noting
from generator.render.writer import tree_stats
from generator.validate.personal import public_numbers
from generator.validated import load_and_validate

AS_OF = date(2026, 11, 28)
ITEM_PAGE = re.compile(r"(fees|policies|services|subsidies|notices)/[^/]+/(index\.md|v/|compare/|list/)")


def render(root: Path, docs: Path, reuse: bool, as_of: date = AS_OF) -> tuple[set[str], set[str]]:
    """Render the site into docs, with the cache beside it or (reuse False) none;
    returns the pages rendered and the pages taken from the cache."""
    site, _ = load_and_validate(root)
    store = Store(docs.parent / "cache" if reuse else None, KIND, fingerprint(root, public_numbers(site)))
    files, kept = render_into(make_context(site, as_of), PIPELINE, docs, store,
                              Store(None, "clerk-html", ""))
    tree_stats(docs, files)      # removes the files no longer made, as a build does
    return {path for path in files if path.endswith(".md")} - kept, kept


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def same_as_full_render(example, docs: Path, as_of: date = AS_OF) -> tuple[set[str], set[str]]:
    """Render with the cache, then from nothing elsewhere: the trees must be equal."""
    rendered, kept = render(example.root, docs, reuse=True, as_of=as_of)
    fresh = example.root / "fresh" / "docs"
    render(example.root, fresh, reuse=False, as_of=as_of)
    assert tree(docs) == tree(fresh)
    return rendered, kept


def test_an_unchanged_site_renders_no_item_page_again(example, tmp_path):
    docs = tmp_path / "out" / "docs"
    rendered, kept = render(example.root, docs, reuse=True)
    assert not kept and "fees/shehui-fuyangfei/index.md" in rendered
    rendered, kept = render(example.root, docs, reuse=True)
    assert "fees/shehui-fuyangfei/v/1/index.md" in kept
    # What is rendered again is only what lists many items.
    assert rendered and not [path for path in rendered if ITEM_PAGE.match(path)]


def test_an_edit_renders_the_item_and_the_pages_that_name_it(example, tmp_path):
    docs = tmp_path / "out" / "docs"
    render(example.root, docs, reuse=True)
    # The fee is named on the service that charges it and on the items related to it.
    example.replace("data/fees/jisheng-zhengjian-gongbenfei.yaml",
                    "title: 计划生育证件工本费（免收）", "title: 计划生育证件工本费（一律免收）")
    rendered, kept = same_as_full_render(example, docs)
    assert "fees/jisheng-zhengjian-gongbenfei/index.md" in rendered
    # Its version in force has only a stub, made afresh by every render.
    stub = docs / "fees/jisheng-zhengjian-gongbenfei/v/1/index.html"
    assert "（一律免收）（第1版）" in stub.read_text(encoding="utf-8")
    assert "services/dusheng-zinv-guangrongzheng/index.md" in rendered
    assert "（一律免收）" in (docs / "services/dusheng-zinv-guangrongzheng/index.md").read_text()
    assert "fees/shehui-fuyangfei/index.md" in kept
    assert "subsidies/nongcun-jiangli-fuzhu/index.md" in kept


def test_kept_pages_match_a_full_render_whatever_changed(example, tmp_path):
    docs = tmp_path / "out" / "docs"
    render(example.root, docs, reuse=True)
    # An item others relate to is held back until next year: it leaves their pages.
    example.replace("data/subsidies/jisheng-tebie-fuzhu.yaml", "published: 2023-01-09", "published: 2027-01-09")
    rendered, kept = same_as_full_render(example, docs)
    assert kept and "services/jiangli-fuzhu-zige-queren/index.md" in rendered
    assert "subsidies/jisheng-tebie-fuzhu/index.md" not in rendered | kept
    # A name list: only its notice's pages change.
    example.append("data/notices/jiangli-fuzhu-gongshi-2027-mingdan.csv", "")
    same_as_full_render(example, docs)
    # A contact's number is on many pages; settings change every page.
    example.replace("data/contacts.yaml", '"0883-3621234"', '"0883-3621235"')
    rendered, kept = same_as_full_render(example, docs)
    assert not kept
    # So does the build date: statuses and notice periods move with it.
    rendered, kept = same_as_full_render(example, docs, as_of=AS_OF + timedelta(days=40))
    assert not kept


def test_a_page_file_changed_by_hand_is_written_again_from_the_cache(example, tmp_path):
    docs = tmp_path / "out" / "docs"
    render(example.root, docs, reuse=True)
    page = docs / "fees/shehui-fuyangfei/index.md"
    original = page.read_bytes()
    page.write_bytes(original + b"\n")
    rendered, kept = render(example.root, docs, reuse=True)
    assert "fees/shehui-fuyangfei/index.md" in kept and page.read_bytes() == original


def test_the_cache_needs_no_earlier_docs_tree(example, tmp_path):
    # A CI runner restores build/cache into a fresh checkout: no build/docs, other mtimes.
    docs = tmp_path / "out" / "docs"
    render(example.root, docs, reuse=True)
    before = tree(docs)
    shutil.rmtree(docs)
    rendered, kept = render(example.root, docs, reuse=True)
    assert tree(docs) == before
    assert "services/zaishengyu-shenpi/index.md" in kept
    assert not [path for path in rendered if ITEM_PAGE.match(path)]


def test_reading_a_whole_table_or_the_site_notes_everything():
    public = NotedDict(a=1, b=2)
    with noting() as one:
        assert public["a"] == 1 and "c" not in public and public.get("b") == 2
    assert one == {"a", "b", "c"}
    with noting() as outer:
        with noting() as inner:
            list(public)
        assert inner == {EVERYTHING}
    assert outer == {EVERYTHING}
    with noting() as seen:
        assert Whole({"x": [1]})["x"] == [1]
    assert seen == {EVERYTHING}
    public["a"]     # noting nothing outside a page: no error, nothing kept


def test_a_listing_is_kept_until_an_item_it_shows_changes(example, tmp_path):
    docs = tmp_path / "out" / "docs"
    render(example.root, docs, reuse=True)
    rendered, kept = render(example.root, docs, reuse=True)
    assert {"fees/index.md", "policies/index.md", "catalog/index.md"} <= kept
    example.replace("data/fees/jisheng-zhengjian-gongbenfei.yaml",
                    "title: 计划生育证件工本费（免收）", "title: 计划生育证件工本费（一律免收）")
    rendered, kept = same_as_full_render(example, docs)
    assert {"fees/index.md", "catalog/index.md"} <= rendered
    assert "（一律免收）" in (docs / "fees/index.md").read_text(encoding="utf-8")
    assert "policies/index.md" in kept


def test_a_page_context_is_keyed_by_its_items_files(example):
    site, _ = load_and_validate(example.root)
    state = make_context(site, AS_OF).states[0]
    items = {state.item.slug: b"one"}
    context = {"states": [state], "rows": [{"n": 1}], "page": 2}
    assert context_key(context, items) == context_key(context, dict(items))
    assert context_key(context, items) != context_key(context, {state.item.slug: b"two"})
    # An item the keys lack, or the whole site, is not keyed: the page is rendered.
    assert context_key(context, {}) is None
    assert context_key({"site": Whole(site)}, items) is None


def test_a_version_is_keyed_alike_in_every_process(example):
    # Its changed fields are a set of strings, which pickles in an order set by each
    # process's hash seed.
    code = ("import sys; from pathlib import Path; from generator.validated import load_and_validate; "
            "from generator.render.context_key import context_key; "
            "site, _ = load_and_validate(Path(sys.argv[1])); "
            "sys.stdout.write(context_key({'v': [v for i in site.items for v in i.versions]}, {}).hex())")
    keys = {subprocess.run([sys.executable, "-c", code, str(example.root)], capture_output=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}, text=True, check=True).stdout
            for seed in "123"}
    assert len(keys) == 1
