"""The header search box in headless Chromium, against a real mkdocs site served
over HTTP: exact results, the same ranking as the reference, filters, keyboard, and
nothing loaded from another host."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from browser_support import serve_folder
from search_site import QUERIES, build_search_site

from generator.search.build import build_search_index
from generator.search.query import IndexReader, search, shown

# Frequent grams of this small site become heavy, so the browser reads both kinds of
# postings files and checks adjacency across them.
SMALL_HEAVY_BYTES = 40


@pytest.fixture(scope="module")
def served(tmp_path_factory, browser):
    site = build_search_site(tmp_path_factory.mktemp("search-browser"))
    build_search_index(site.site_dir, heavy_bytes=SMALL_HEAVY_BYTES)
    with serve_folder(site.site_dir) as base_url:
        yield site, base_url, browser


@pytest.fixture
def page(served):
    site, base_url, browser = served
    context = browser.new_context()
    tab = context.new_page()
    tab.requests = []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.goto(base_url + "/fees/p0/")
    yield tab
    context.close()


def ranked(site, query: str, **filters) -> list[str]:
    reader = IndexReader(site.site_dir)
    return [reader.doc(hit.page)["u"] for hit in search(reader, query, **filters).hits]


def wait_for_results(page, query: str, count: int | None = None) -> None:
    """Until the box holds query and its results (count of them, if given) are listed."""
    page.wait_for_function(
        """([q, n]) => {
             const meta = document.querySelector('.md-search-result__meta').textContent;
             const shown = parseInt(meta.replace(/\\D+/g, ' ').trim() || '0', 10);
             return document.querySelector('.md-search__input').value === q &&
               /找到|没有/.test(meta) && (n === null || shown === n) &&
               document.querySelectorAll('.md-search-result__item').length === Math.min(10, shown);
           }""", arg=[query, count])


def test_page_script_finds_exactly_the_pages_and_ranks_like_the_reference(served, page):
    site = served[0]
    for query in QUERIES + ["社会抚养费 举报电话", "计生委 委"] + site.sampled_queries(30):
        found = page.evaluate("q => gongkaiSearch.query(q)", query)
        assert set(found) == site.expected(query), query
        assert found == ranked(site, query), query


def test_typing_in_the_header_box_lists_highlighted_results(served, page):
    site = served[0]
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.type("计生委")
    wait_for_results(page, "计生委")
    expected = ranked(site, "计生委")
    meta = page.text_content(".md-search-result__meta")
    assert str(len(expected)) in meta
    links = page.eval_on_selector_all(
        ".md-search-result__link", "links => links.map(a => a.getAttribute('href'))")
    base = page.url.split("/fees/")[0] + "/"
    assert links == [base + url for url in expected[:10]]
    items = page.query_selector_all(".md-search-result__item")
    for item in items:
        assert item.query_selector("[data-slot=title]").text_content()
        assert item.query_selector("[data-slot=kind]").text_content()
        assert item.query_selector("[data-slot=date]").text_content().startswith("20") or \
            item.query_selector("[data-slot=kind]").text_content() == "其他"
    marks = page.eval_on_selector_all(".md-search-result__item mark",
                                      "marks => marks.map(m => m.textContent)")
    assert marks and set(marks) == {"计生委"}


def test_filter_by_kind_and_status(served, page):
    site = served[0]
    page.click(".md-search__input")
    page.fill(".md-search__input", "计划生育")
    wait_for_results(page, "计划生育")
    page.select_option("[data-gongkai-filter=kind]", "收费标准")
    expected = ranked(site, "计划生育", kind="收费标准")
    wait_for_results(page, "计划生育", len(expected))
    kinds = page.eval_on_selector_all("[data-slot=kind]", "k => k.map(e => e.textContent)")
    assert set(kinds) == {"收费标准"}
    page.select_option("[data-gongkai-filter=kind]", "")
    page.select_option("[data-gongkai-filter=status]", "history")
    expected = ranked(site, "计划生育", current=False)
    assert expected != ranked(site, "计划生育")
    wait_for_results(page, "计划生育", len(expected))
    statuses = page.eval_on_selector_all("[data-slot=status]", "s => s.map(e => e.textContent)")
    assert statuses and not {"现行有效", "公示中"} & set(statuses)


def test_keyboard_moves_through_results_and_escape_closes(page):
    page.keyboard.press("s")
    page.keyboard.type("光荣证")
    wait_for_results(page, "光荣证")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.getAttribute('href')")
    links = page.eval_on_selector_all(".md-search-result__link",
                                      "l => l.map(a => a.getAttribute('href'))")
    assert second == links[1]
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    assert page.evaluate("!document.activeElement.classList.contains('md-search__input')")


def test_single_character_searches_titles_and_says_so(served, page):
    page.click(".md-search__input")
    page.keyboard.type("费")
    expected = ranked(served[0], "费")
    assert expected
    wait_for_results(page, "费", len(expected))
    assert "标题" in page.text_content(".md-search-result__meta")
    titles = page.eval_on_selector_all("[data-slot=title]", "t => t.map(e => e.textContent)")
    assert titles and all("费" in title for title in titles)


def test_first_query_is_small_and_everything_is_local(served, page, record_property):
    fetched = []
    page.on("response", lambda response: fetched.append(response))
    page.click(".md-search__input")
    page.keyboard.type("社会抚养费")
    wait_for_results(page, "社会抚养费")
    index_files = {urlparse(r.url).path.split("/search/")[1]: len(r.body())
                   for r in fetched if "/search/" in r.url}
    search_bytes = sum(index_files.values())
    record_property("first_query_bytes", search_bytes)
    print(f"first query fetched {search_bytes} bytes of index")
    assert 0 < search_bytes < 300_000
    # The benchmark counts bytes with the reference reader: it must fetch what the page does.
    reader = IndexReader(served[0].site_dir)
    shown(reader, search(reader, "社会抚养费").hits)
    assert reader.fetched == index_files
    hosts = {urlparse(url).hostname for url in page.requests}
    assert hosts == {"127.0.0.1"}
    assert not [url for url in page.requests if "search_index" in url or "lunr" in url]
