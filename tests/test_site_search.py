"""The example site's own search, in Chromium through the header box's code.

Expected pages come from a plain substring test over each indexed page's text; the
index, the Python reference reader and the page's script must all agree. The
relevance set (fixtures/search_relevance.txt) says which page a citizen's query must
put first: top-1 accuracy and mean reciprocal rank must both be 1.0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from browser_support import own_context, serve_folder
from generator.search.collect import collect_pages
from generator.search.fold import fold
from generator.search.query import IndexReader, search
from generator.search.synonyms import expand, read_synonyms

QUERIES = ["奖励扶助", "社会抚养费", "光荣证", "举报电话", "计生委", "抚养费", "依法行政", "扶助",
           "11530921MB1234567X/2021-00011", "720", "领导接待日", "流动人口婚育证明", "目录"]
# Besides: several words, a single character beside a word, single characters alone.
MIXED = ["计生委 委", "县计生办电话 光荣证", "费", "证 费"]
REPO = Path(__file__).resolve().parent.parent
RELEVANCE = REPO / "tests" / "fixtures" / "search_relevance.txt"
FILTERS = {"状态": "status", "类别": "kind"}


@dataclass(frozen=True)
class Case:
    line: int
    query: str
    first: str
    absent: list[str]
    filters: dict[str, str]     # as the page's filters: {"status": "history"} …

    def reference(self) -> dict:
        """The same filters for query.search."""
        status = self.filters.get("status")
        return {"kind": self.filters.get("kind"),
                "current": None if status is None else status == "current"}


def relevance_cases() -> list[Case]:
    cases = []
    for number, line in enumerate(RELEVANCE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        query, first, absent, *rest = [part.strip() for part in line.split("|")] + [""]
        filters = {}
        for spec in " ".join(rest).split():
            name, value = spec.split("=")
            filters[FILTERS[name]] = {"历史": "history", "现行有效": "current"}.get(value, value)
        cases.append(Case(number, query, "" if first == "/" else first,
                          ["" if url == "/" else url for url in absent.split()], filters))
    return cases


def scores(cases: list[Case], results: list[list[str]]) -> tuple[float, float, list[str]]:
    """Top-1 accuracy, mean reciprocal rank, and what went wrong (line: query: why)."""
    top, reciprocal, wrong = 0, 0.0, []
    for case, found in zip(cases, results):
        rank = found.index(case.first) + 1 if case.first in found else 0
        top += rank == 1
        reciprocal += 1 / rank if rank else 0
        if rank != 1:
            wrong.append(f"{case.line}: {case.query}: {case.first or '/'} 排第 {rank or '—'}，"
                         f"前三是 {found[:3]}")
        shown = [url for url in case.absent if url in found]
        if shown:
            wrong.append(f"{case.line}: {case.query}: 不该出现 {shown}")
    return top / len(cases), reciprocal / len(cases), wrong


@pytest.fixture(scope="module")
def site(example_built):
    return example_built.root / "build/site"


@pytest.fixture(scope="module")
def pages(site):
    return collect_pages(site)


def owner(page, urls: set[str]) -> str:
    """The URL of the document a page belongs to."""
    return page.text.of if page.text.of and page.text.of in urls else page.url


def expected(pages, query: str) -> tuple[set[str], set[str]]:
    """(documents, pages) a one-word query must reach: each document (its own page's
    URL) with a page holding the word or one of its synonyms, and those pages, versions
    folded in; lists only when no document has the text."""
    urls = {p.url for p in pages}
    forms = [fold(query), *expand(fold(query), read_synonyms(REPO)[0])]
    found = [p for p in pages
             if any(form in fold(f"{p.text.title} {p.text.headings} {p.text.body}")
                    for form in forms)]
    documents = {owner(p, urls) for p in found if p.text.role != "list"}
    if not documents:
        return {p.url for p in found}, {p.url for p in found}
    return documents, {p.url for p in found if p.text.role != "list"}


def reference(site: Path, query: str, **filters) -> list[str]:
    reader = IndexReader(site)
    return [reader.doc(hit.page)["u"] for hit in search(reader, query, **filters).hits]


def test_reference_reader_reaches_every_document_with_the_text_once(site, pages):
    reader = IndexReader(site)
    urls = [p.url for p in pages]
    owners = {p.url: owner(p, set(urls)) for p in pages}
    for query in QUERIES:
        documents, found = expected(pages, query)
        hits = search(reader, query).hits
        shown = [urls[hit.page] for hit in hits]
        assert set(shown) | {urls[p] for hit in hits for p in hit.folded} == found, query
        assert sorted(owners[url] for url in shown) == sorted(documents), query


def test_the_right_pages_for_the_citizens_words(pages):
    assert "fees/shehui-fuyangfei/" in expected(pages, "社会抚养费")[0]
    assert "services/dusheng-zinv-guangrongzheng/" in expected(pages, "光荣证")[0]
    assert "contacts/" in expected(pages, "举报电话")[0]
    assert "subsidies/nongcun-jiangli-fuzhu/" in expected(pages, "奖励扶助")[0]
    # The catalogues hold 目录 too, but documents do: lists are not results then.
    assert "services/zaishengyu-dengji/" in expected(pages, "11530921MB1234567X/2021-00011")[0]
    assert "catalog/" not in expected(pages, "目录")[1] and expected(pages, "目录")[0]


def test_versions_fold_into_their_document_with_its_page_first(site):
    reader = IndexReader(site)
    hits = search(reader, "社会抚养费").hits
    fee = [hit for hit in hits if reader.doc(hit.page)["u"].startswith("fees/shehui-fuyangfei/")]
    assert len(fee) == 1 and reader.doc(fee[0].page)["u"] == "fees/shehui-fuyangfei/"
    folded = [reader.doc(p)["u"] for p in fee[0].folded]
    assert folded and all(url.startswith("fees/shehui-fuyangfei/v/") for url in folded)
    assert folded == sorted(folded, reverse=True)   # newest first
    # Asking for the history shows a superseded version of a current document itself.
    history = reference(site, "再生育登记", current=False)
    assert "services/zaishengyu-dengji/v/1/" in history
    assert "services/zaishengyu-dengji/" not in history


def test_relevance_set_puts_the_right_page_first(site, record_property):
    cases = relevance_cases()
    assert len(cases) >= 30
    results = [reference(site, case.query, **case.reference()) for case in cases]
    top, mrr, wrong = scores(cases, results)
    record_property("top1_reference", top)
    record_property("mrr_reference", mrr)
    print(f"relevance set, Python reference: top-1 {top:.3f}, MRR {mrr:.3f} ({len(cases)} queries)")
    assert not wrong, "\n".join(wrong)
    assert (top, mrr) == (1.0, 1.0)


def test_header_search_in_chromium_agrees_and_ranks_the_relevance_set(site, pages, browser,
                                                                     record_property):
    cases = relevance_cases()
    with serve_folder(site) as base, own_context(browser) as context:
        page = context.new_page()
        hosts = set()
        page.on("request", lambda request: hosts.add(request.url.split("/")[2]))
        page.goto(base + "/")
        for query in QUERIES + MIXED:
            found = page.evaluate("q => gongkaiSearch.result(q)", query)
            reader = IndexReader(site)
            hits = search(reader, query).hits
            assert found["urls"] == [reader.doc(hit.page)["u"] for hit in hits], query
            assert found["folded"] == [[reader.doc(p)["u"] for p in hit.folded] for hit in hits]
            result = search(reader, query)
            assert (found["also"], found["ignored"], found["titlesOnly"]) == \
                (result.also, result.ignored, result.titles_only), query
        results = [page.evaluate("([q, f]) => gongkaiSearch.query(q, f)", [case.query, case.filters])
                   for case in cases]
        top, mrr, wrong = scores(cases, results)
        record_property("top1_browser", top)
        record_property("mrr_browser", mrr)
        print(f"relevance set, browser: top-1 {top:.3f}, MRR {mrr:.3f} ({len(cases)} queries)")
        assert not wrong, "\n".join(wrong)
        assert results == [reference(site, case.query, **case.reference()) for case in cases]
        page.keyboard.press("/")
        page.keyboard.type("社会抚养费")
        page.wait_for_selector(".md-search-result__item a[href*='fees/shehui-fuyangfei/']")
        assert "<mark>" in page.inner_html(".md-search-result")
        versions = page.get_attribute(".gongkai-search__versions", "href")
        assert versions.endswith("#history")
        assert re.search(r"另有\d+个历史版本", page.inner_text(".md-search-result__list"))
        assert hosts == {base.split("/")[2]}


def test_name_lists_are_never_in_the_index(site):
    text = "".join(p.read_text(encoding="utf-8") for p in (site / "search/doc").rglob("*.json"))
    assert "5329**********" not in text and "张*梅" not in text


def test_no_dead_ends_in_the_header_box(site, browser):
    with serve_folder(site) as base, own_context(browser) as context:
        page = context.new_page()
        page.goto(base + "/fees/")
        box = ".md-search__input"
        meta = ".md-search-result__meta"
        page.click(box)
        page.keyboard.type("计生委")
        page.wait_for_function(f"() => document.querySelector('{meta}').textContent.includes('也搜索了')")
        assert "卫生健康委" in page.text_content(meta)
        # Nothing found: shorter words, other words, a phone to call, how to ask.
        page.fill(box, "量子纠缠")
        page.wait_for_selector(".gongkai-search__help")
        help_text = page.inner_text(".gongkai-search__help")
        assert "0883-3621001" in help_text and "依申请公开" in help_text
        links = page.eval_on_selector_all(".gongkai-search__help a", "l => l.map(a => a.href)")
        assert any(link.startswith("tel:") for link in links)
        assert base + "/guide/" in links and base + "/contacts/" in links
        tries = page.eval_on_selector_all(".gongkai-search__try", "b => b.map(e => e.textContent)")
        assert tries == ["量子 纠缠"]
        page.fill(box, "计生委员会")
        page.wait_for_selector(".gongkai-search__help [data-slot=synonyms] button")
        offered = page.eval_on_selector_all("[data-slot=synonyms] button",
                                            "b => b.map(e => e.textContent)")
        assert {"计生委", "计划生育委员会", "计生"} <= set(offered)
        page.click("[data-slot=synonyms] button:text-is('计生')")
        page.wait_for_selector(".md-search-result__item")
        assert page.input_value(box) == "计生"
        # A filter that leaves nothing offers to search everything.
        page.select_option("[data-gongkai-filter=status]", "history")
        page.fill(box, "光荣证")
        page.wait_for_selector("[data-slot=unfilter] button")
        page.click("[data-slot=unfilter] button")
        page.wait_for_selector(".md-search-result__item a[href$='services/dusheng-zinv-guangrongzheng/']")
        assert page.input_value("[data-gongkai-filter=status]") == ""
        # One character: titles only, and said so.
        page.fill(box, "隐")
        page.wait_for_selector(".md-search-result__item a[href$='privacy/']")
        assert "标题" in page.text_content(meta)
