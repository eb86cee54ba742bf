"""The example site's own search, in Chromium through the header box's code.

Expected pages come from a plain substring test over each indexed page's text;
the index, the Python reference reader and the page's script must all agree.
"""

from __future__ import annotations

from datetime import date

import pytest

from browser_support import chromium, serve_folder
from generator.build import build
from generator.search.collect import collect_pages
from generator.search.fold import fold
from generator.search.query import IndexReader, search

QUERIES = ["奖励扶助", "社会抚养费", "光荣证", "举报电话", "计生委", "抚养费", "依法行政", "扶助",
           "11530921MB1234567X/2021-00011", "720", "领导接待日", "流动人口婚育证明"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from conftest import REPO, copy_site
    folder = copy_site(REPO, tmp_path_factory.mktemp("search-example"))
    build(folder.root, date(2026, 11, 28))
    return folder.root / "build/site"


@pytest.fixture(scope="module")
def expected(site):
    pages = collect_pages(site)
    return {q: {p.url for p in pages if fold(q) in fold(p.text.title + "\n" + p.text.body)}
            for q in QUERIES}


def test_reference_reader_finds_exactly_the_pages_with_the_text(site, expected):
    reader = IndexReader(site)
    urls = [p.url for p in collect_pages(site)]
    for query in QUERIES:
        found = {urls[hit.page] for hit in search(reader, query)}
        assert found == expected[query], query


def test_the_right_pages_for_the_citizens_words(expected):
    assert "fees/shehui-fuyangfei/" in expected["社会抚养费"]
    assert "services/dusheng-zinv-guangrongzheng/" in expected["光荣证"]
    assert "contacts/" in expected["举报电话"]
    assert "subsidies/nongcun-jiangli-fuzhu/" in expected["奖励扶助"]
    assert "services/zaishengyu-dengji/" in expected["11530921MB1234567X/2021-00011"]


def test_header_search_in_chromium_returns_the_same_pages(site, expected):
    with serve_folder(site) as base, chromium() as browser:
        page = browser.new_page()
        hosts = set()
        page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
        page.goto(base + "/")
        for query in QUERIES:
            found = page.evaluate("q => gongkaiSearch.query(q)", query)
            assert {url.split("/", 3)[-1] if url.startswith("http") else url.lstrip("/")
                    for url in found} == expected[query], query
        page.keyboard.press("/")
        page.keyboard.type("社会抚养费")
        page.wait_for_selector(".md-search-result__item a[href*='fees/shehui-fuyangfei/']")
        assert "<mark>" in page.inner_html(".md-search-result")
        assert hosts == {base.split("/")[2]}


def test_name_lists_are_never_in_the_index(site):
    text = "".join(p.read_text(encoding="utf-8") for p in (site / "search/doc").rglob("*.json"))
    assert "5329**********" not in text and "张*梅" not in text
