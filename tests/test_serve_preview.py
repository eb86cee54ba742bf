"""`gongkai serve`'s quick path: pages built alone match the whole build, saves are seen
by system events (and reads are not), and a save reaches the page open in Chromium."""

from __future__ import annotations

import re
import threading
import time
from datetime import date

from browser_support import own_context
from test_serve import fetch, free_port, gongkai_serve, wait_for

from generator.build import build
from generator.load.site_loader import load_site
from generator.serve.session import PREVIEW, Site
from generator.serve.preview import PagePreview
from generator.serve.watch import watch
from generator.site.stamp import make_stamp
from generator.validated import load_and_validate

AS_OF = date(2026, 6, 1)


def test_a_page_built_alone_is_the_page_the_whole_build_makes(minimal, monkeypatch):
    # One build time for both: the footers' stamps are then the same.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    build(minimal.root, AS_OF)
    preview = PagePreview(minimal.root.resolve(), make_stamp(minimal.root, AS_OF))
    try:
        minimal.replace("data/policies/xize.yaml", "实施细则", "实施细则（第二稿）")
        minimal.replace("data/policies/xize.yaml", "第二条", "第二条 征收标准另行公布。\n\n      第三条")
        site, _ = load_and_validate(minimal.root.resolve(), PREVIEW)
        paths = {preview.source(url) for url in ("policies/xize/", "", "policies/")}
        pages = preview.build(site, AS_OF, PREVIEW, paths, make_stamp(minimal.root, AS_OF))
        assert set(pages) == {"policies/xize/", "", "policies/"}
        assert "实施细则（第二稿）" in pages["policies/xize/"].decode()
        build(minimal.root, AS_OF)
        for url, page in pages.items():
            assert page == (minimal.root / "build/site" / url / "index.html").read_bytes(), url
    finally:
        preview.close()


def test_a_save_before_the_first_build_is_previewed_on_the_last_runs_docs(minimal):
    build(minimal.root, AS_OF)     # a build of an earlier run: serve starts beside it
    site = Site(minimal.root, AS_OF, "127.0.0.1", free_port())
    try:
        site.open_last_build()     # what serve does while its first build goes on
        minimal.replace("data/policies/xize.yaml", "实施细则", "实施细则（第二稿）")
        assert site.quick(["data/policies/xize.yaml"]) is True
        assert "实施细则（第二稿）" in site.server.pages["policies/xize/"].decode()
        # A rule across files, checked in a process of its own while the page is built:
        # its problem is shown, and not the page.
        site.server.pages = {}
        minimal.replace("data/policies/xize.yaml", "publisher: town", "publisher: nobody")
        assert site.quick(["data/policies/xize.yaml"]) is None
        assert any("找不到机构「nobody」" in problem.message for problem in site.server.problems)
        assert site.server.pages == {}
    finally:
        site.checker.shutdown()
        if site.preview is not None:
            site.preview.close()


def test_a_save_loads_and_checks_again_only_the_file_it_changed(minimal):
    build(minimal.root, AS_OF)
    site = Site(minimal.root, AS_OF, "127.0.0.1", free_port())
    changed = "data/policies/xize.yaml"
    try:
        site.open_last_build()     # loads and checks every file once
        items = {rel: loaded for rel, (_, loaded) in site.parsed.loaded.items()}
        checked = dict(site.checks.entries)
        assert changed in items and len(items) >= 5 and checked
        minimal.replace(changed, "实施细则", "实施细则（第二稿）")
        assert site.quick([changed]) is True
        for rel, (_, loaded) in site.parsed.loaded.items():
            assert (loaded is items[rel]) == (rel != changed), rel
        assert "（第二稿）" in site.parsed.loaded[changed][1].item.meta.title
        learned = site.checks.entries.keys() - checked.keys()
        assert len(learned) == len(PREVIEW.file_checks)
        # The keys the checks' results are kept by are those a build gives the files.
        keys: dict[str, bytes] = {}
        site.parsed(minimal.root.resolve(), sorted(items), keys)
        built, _ = load_site(minimal.root.resolve())
        assert keys == {rel: key for rel, key in built.doc_keys.items() if rel in items}
        # What a file check finds in the changed file is found, kept results or not.
        minimal.replace(changed, "第二条", "第二条 联系人身份证号 11010519491231002X。\n\n      第三条")
        assert site.quick([changed]) is None
        assert any(problem.file == changed and "身份证" in problem.message
                   for problem in site.server.problems), site.server.problems
    finally:
        site.checker.shutdown()
        if site.preview is not None:
            site.preview.close()


def test_saves_are_seen_and_reads_are_not(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.yaml").write_text("title: 甲\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text("x", encoding="utf-8")
    seen: list[set[str]] = []
    arrived = threading.Event()

    def saved(paths):
        seen.append(paths)
        arrived.set()

    observer = watch([data, tmp_path / "mkdocs.yml"], saved)
    try:
        (data / "a.yaml").read_bytes()
        (tmp_path / "mkdocs.yml").read_bytes()
        (tmp_path / "other.txt").write_text("y", encoding="utf-8")    # not watched
        (data / ".a.yaml.swp").write_text("editor", encoding="utf-8")
        time.sleep(1.5)
        assert seen == []
        (data / "a.yaml").write_text("title: 乙\n", encoding="utf-8")
        assert arrived.wait(5)
        assert str(data / "a.yaml") in set().union(*seen)
        arrived.clear()
        seen.clear()
        # An editor that writes a new file and moves it over the old one.
        (data / "b.tmp").write_text("title: 丙\n", encoding="utf-8")
        (data / "b.tmp").rename(data / "a.yaml")
        assert arrived.wait(5)
        assert wait_for(lambda: str(data / "a.yaml") in set().union(*seen), 5)
    finally:
        observer.stop()
        observer.join()


def test_a_save_reaches_the_open_page_before_the_whole_site(minimal, browser):
    on_disk = minimal.root / "build/site/policies/xize/index.html"
    with gongkai_serve(minimal.root) as (base, output), own_context(browser) as context:
        assert wait_for(lambda: fetch(f"{base}/policies/xize/") is not None, 60)
        page = context.new_page()
        page.goto(f"{base}/policies/xize/")
        page.wait_for_selector("h1:has-text('社会抚养费征收管理实施细则')", timeout=30_000)
        time.sleep(0.5)    # the page's reload request tells serve it is open
        # Saved twice: the first save may come before MkDocs is opened for the previews.
        for title in ("社会抚养费征收管理办法", "社会抚养费征收管理规定"):
            text = minimal.read("data/policies/xize.yaml")
            minimal.write("data/policies/xize.yaml", re.sub(r"^title: .*$", "title: " + title,
                                                            text, count=1, flags=re.M))
            page.wait_for_selector(f"h1:has-text('{title}')", timeout=60_000)
            assert wait_for(lambda: title in on_disk.read_text(encoding="utf-8"), 120)
        # Breaking the data shows the problems, in Chinese, in the page the clerk has open.
        minimal.replace("data/policies/xize.yaml", "publisher: town", "publisher: nobody")
        page.wait_for_selector("main.gongkai-problems", timeout=60_000)
        assert "找不到机构「nobody」" in page.inner_text("main")
    assert any("已预览改过的页面" in line for line in output)
