"""The search index of a real mkdocs site, queried with the reference implementation
(the same algorithm as search.js): exact results, ranking, facets, reproducibility."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from search_site import QUERIES, DocumentSite, SearchSite, build_search_site, write_document_site

from generator.search.build import build_search_index
from generator.search.extract import read_page
from generator.search.fold import fold
from generator.search.query import IndexReader, plan, search

# Low enough that frequent grams of this small site become heavy, so the tests cover
# both kinds of postings and multi-gram plans mixing them.
SMALL_HEAVY_BYTES = 40


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> SearchSite:
    return build_search_site(tmp_path_factory.mktemp("search-site"))


@pytest.fixture(scope="module")
def indexes(site, tmp_path_factory) -> dict[str, Path]:
    """The same built site indexed with the default and with a tiny heavy threshold."""
    built = {}
    for name, heavy in (("default", None), ("small-heavy", SMALL_HEAVY_BYTES)):
        copy = tmp_path_factory.mktemp(name) / "site"
        shutil.copytree(site.site_dir, copy)
        if heavy is None:
            build_search_index(copy)
        else:
            build_search_index(copy, heavy_bytes=heavy)
        built[name] = copy
    return built


def urls(site_dir: Path, query: str, **filters) -> list[str]:
    reader = IndexReader(site_dir)
    return [reader.doc(hit.page)["u"] for hit in search(reader, query, **filters).hits]


def test_fixture_queries_have_positives_and_negatives(site):
    for query in QUERIES:
        found = site.expected(query)
        assert found and len(found) < len(site.texts), query


@pytest.mark.parametrize("variant", ["default", "small-heavy"])
@pytest.mark.parametrize("query", QUERIES)
def test_query_finds_exactly_the_pages_containing_it(site, indexes, variant, query):
    assert set(urls(indexes[variant], query)) == site.expected(query)


@pytest.mark.parametrize("variant", ["default", "small-heavy"])
def test_sampled_substrings_find_exactly_their_pages(site, indexes, variant):
    for query in site.sampled_queries(60):
        assert set(urls(indexes[variant], query)) == site.expected(query), query


def test_small_heavy_threshold_really_splits_grams(indexes):
    reader = IndexReader(indexes["small-heavy"])
    heavy = reader.manifest["heavy"]
    assert any(len(gram) > 2 for gram in heavy)
    assert any(len(plan(term, reader.manifest)) > 1 for term in ["社会抚养费", "依法行政", "宣传教育工作"])
    assert IndexReader(indexes["default"]).manifest["heavy"] == {}


def test_long_rare_terms_check_few_candidates_by_text_instead_of_more_grams(indexes):
    reader = IndexReader(indexes["default"])
    assert len(plan("11530000mb0000001x-2026-00001", reader.manifest)) > 2
    search(reader, "11530000MB0000001X-2026-00001")
    assert any(name.startswith("doc/") for name in reader.fetched)
    reader = IndexReader(indexes["default"])
    assert len(plan("社会抚养费", reader.manifest)) > 2
    assert search(reader, "社会抚养费").hits
    assert not any(name.startswith("doc/") for name in reader.fetched)


def test_skipped_elements_noindex_pages_and_404_are_not_indexed(site, indexes):
    assert "drafts/" not in urls(indexes["default"], "计生委")
    assert "草稿" not in site.texts and urls(indexes["default"], "草稿") == []
    assert "fees/p5/" not in site.expected("计生委名单")
    assert urls(indexes["default"], "计生委名单") == []
    reader = IndexReader(indexes["default"])
    assert reader.manifest["pages"] == len(site.texts)


def test_pages_with_more_of_the_terms_come_first(site, indexes):
    reader = IndexReader(indexes["default"])
    result = search(reader, "社会抚养费 举报电话")
    found = [reader.doc(hit.page)["u"] for hit in result.hits]
    assert set(found) == site.expected("社会抚养费") | site.expected("举报电话")
    both = site.expected("社会抚养费") & site.expected("举报电话")
    assert both and {hit.terms for hit in result.hits} == {1, 2}
    assert {url for url, hit in zip(found, result.hits) if hit.terms == 2} == both
    keys = [(not site.current[url], -hit.title_terms, -hit.heading_terms, -hit.terms)
            for url, hit in zip(found, result.hits)]
    assert keys == sorted(keys)


def test_single_characters_search_titles_alone_and_are_ignored_beside_words(site, indexes):
    reader = IndexReader(indexes["default"])
    assert urls(indexes["default"], "计生委 委") == urls(indexes["default"], "计生委")
    assert search(reader, "计生委 委").ignored == ["委"]
    titles = {reader.doc(n)["u"]: reader.doc(n)["t"] for n in range(reader.manifest["pages"])}
    for query in ["号", "费", "Ｓ", "委", "证 费"]:
        result = search(reader, query)
        assert result.titles_only and not result.ignored
        expected = {url for url, title in titles.items()
                    if any(ch in fold(title) for ch in fold(query).split())}
        assert set(urls(indexes["default"], query)) == expected, query
    assert urls(indexes["default"], "号") and urls(indexes["default"], "委") == []


def test_current_first_then_title_hits_then_occurrences(site, indexes):
    reader = IndexReader(indexes["default"])
    hits = search(reader, "光荣证").hits
    found = [reader.doc(hit.page)["u"] for hit in hits]
    history = [not site.current[url] for url in found]
    assert history == sorted(history) and history[0] is False and history[-1] is True
    for gone in (False, True):
        same = [hit for hit, old in zip(hits, history) if old == gone]
        in_title = [hit.title_terms for hit in same]
        assert in_title == sorted(in_title, reverse=True)
        untitled = [hit.count for hit in same if not hit.title_terms]
        assert untitled == sorted(untitled, reverse=True)
    titled = [reader.doc(hit.page)["t"] for hit in hits if hit.title_terms]
    assert titled and all("光荣证" in title for title in titled)


def test_filters_by_kind_and_status(site, indexes):
    expected = site.expected("计划生育")
    fees = urls(indexes["default"], "计划生育", kind="收费标准")
    assert set(fees) == {url for url in expected if site.kinds[url] == "收费标准"}
    current = urls(indexes["default"], "计划生育", current=True)
    history = urls(indexes["default"], "计划生育", current=False)
    assert set(current) == {url for url in expected if site.current[url]}
    assert set(history) == {url for url in expected if not site.current[url]}


def test_build_is_reproducible_and_stays_in_search_folder(site, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    shutil.copytree(site.site_dir, first)
    shutil.copytree(site.site_dir, second)
    before = {p.relative_to(first) for p in first.rglob("*") if "search" not in p.parts}
    stats = build_search_index(first)
    build_search_index(second)
    files = sorted(p.relative_to(first) for p in (first / "search").rglob("*") if p.is_file())
    assert files and all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    assert {p.relative_to(first) for p in first.rglob("*") if "search" not in p.parts} == before
    assert stats.pages == len(site.texts)
    assert stats.total_bytes == sum((first / f).stat().st_size for f in files)
    postings = [(first / f).stat().st_size for f in files if f.parts[1] in ("s", "h")]
    assert stats.shards == len(postings) and stats.largest_shard_bytes == max(postings)


def test_page_reading_follows_the_template_contract():
    html = """<html><head><title>备用标题 - 站点</title>
      <meta name="gongkai:kind" content="收费标准"><meta name="gongkai:date" content="2026-11-02">
      </head><body><nav>导航计生委</nav>
      <article class="md-content__inner md-typeset">
        <h1>社会抚养费<a class="headerlink" href="#">¶</a></h1>
        <p>征收<b>标准</b>见下表。<br>咨询电话</p>
        <table><tr><td>计生</td><td>委</td></tr></table>
        <div data-search-skip><p>张三 李四</p><img src="x.png"></div>
        <p>举报电话</p>
      </article></body></html>"""
    page = read_page(html)
    assert page.title == "社会抚养费"
    assert page.body == "征收标准见下表。 咨询电话 计生 委 举报电话"
    assert (page.kind, page.date, page.status) == ("收费标准", "2026-11-02", "")
    untitled = read_page(html.replace("<h1>社会抚养费<a class=\"headerlink\" href=\"#\">¶</a></h1>", ""))
    assert untitled.title == "备用标题 - 站点"
    noindex = '<meta name="robots" content="noindex"></head>'
    assert read_page(html.replace("</head>", noindex)) is None


def test_scripts_styles_comments_and_entities_in_the_article_are_read_right():
    html = """<html><head><title>t</title></head><body>
      <article class="md-content__inner"><h1>标题</h1>
        <p>甲&amp;乙<!-- 注释 <p>不算</p> --></p><SCRIPT>var s = "<p>脚本</p>";</script>
        <p title="a>b">丙 &lt;丁&gt;</p><style>p::after { content: "<b>" }</STYLE><p>戊</p>
      </article></body></html>"""
    page = read_page(html)
    assert page.body == "甲&乙 丙 <丁> 戊"


def test_rebuild_replaces_only_the_index_own_files(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site.site_dir, copy)
    build_search_index(copy)
    stale = copy / "search" / "s" / "99999.bin"
    stale.write_bytes(b"old")
    neighbour = copy / "search" / "help.txt"
    neighbour.write_text("不是索引的文件", encoding="utf-8")
    build_search_index(copy)
    assert not stale.exists() and neighbour.exists()


@pytest.fixture(scope="module")
def thousand(tmp_path_factory) -> DocumentSite:
    """1,000 documents, a third with older versions, and catalogue pages."""
    site = write_document_site(tmp_path_factory.mktemp("thousand"), 1000)
    build_search_index(site.site_dir)
    return site


def test_random_substrings_at_1000_items_find_every_document_once(thousand):
    reader = IndexReader(thousand.site_dir)
    url = [reader.doc(n)["u"] for n in range(reader.manifest["pages"])]
    assert reader.manifest["pages"] == len(thousand.texts) > 1300
    queries = thousand.sampled_queries(150) + ["第12号", "举报奖励", "目录1"]
    for query in queries:
        documents, pages = thousand.expected_results(query)
        hits = search(reader, query).hits
        shown = [url[hit.page] for hit in hits]
        reached = set(shown) | {url[page] for hit in hits for page in hit.folded}
        assert reached == pages, query
        assert sorted(thousand.owner[u] for u in shown) == sorted(documents), query
        # A document's own page stands for it whenever that page has the text.
        assert all(u == thousand.owner[u] for u in shown if thousand.owner[u] in pages), query
    assert {url[hit.page] for hit in search(reader, "目录1").hits} <= thousand.lists


def test_a_document_file_holds_the_document_page_then_its_versions(thousand):
    """One file a document (fewer files to write), named for its first page."""
    reader = IndexReader(thousand.site_dir)
    files = sorted((thousand.site_dir / "search/doc").iterdir())
    assert len(files) == len(set(thousand.owner.values())) < reader.manifest["pages"]
    for path in files:
        first = int(path.stem)
        records = json.loads(path.read_bytes())
        assert [record["u"] for record in records] == [
            reader.doc(page)["u"] for page in range(first, first + len(records))]
        assert {thousand.owner[record["u"]] for record in records} == {records[0]["u"]}
        assert all(record["o"] == records[0]["u"] for record in records[1:])


def test_current_documents_come_before_repealed_and_revised_ones(thousand):
    reader = IndexReader(thousand.site_dir)
    for query in ["光荣证", "举报电话", "社会抚养费", "计划生育"]:
        hits = search(reader, query).hits
        history = [not thousand.current[reader.doc(hit.page)["u"]] for hit in hits]
        assert history == sorted(history) and True in history and False in history, query
        repealed = {hit.page for hit, old in zip(hits, history) if old}
        asked = search(reader, query, current=False).hits
        assert repealed <= {hit.page for hit in asked}, query
        assert not any(thousand.current[reader.doc(hit.page)["u"]] for hit in asked), query


def test_more_than_256_page_classes_take_two_bytes_a_page(tmp_path):
    for number in range(300):
        page = tmp_path / f"p{number}" / "index.html"
        page.parent.mkdir()
        page.write_text(f'<html><head><meta name="gongkai:status" content="状态{number}">'
                        f'<meta name="gongkai:date" content="2026-01-{1 + number % 28:02d}"></head>'
                        f'<article class="md-content__inner"><h1>第{number}号</h1>'
                        f'<p>举报电话{number}</p></article></html>', encoding="utf-8")
    build_search_index(tmp_path)
    reader = IndexReader(tmp_path)
    assert reader.manifest["facetBytes"] == 2 and len(reader.read("facets.bin")) == 600
    found = {reader.doc(hit.page)["u"] for hit in search(reader, "举报电话").hits}
    assert found == {f"p{number}/" for number in range(300)}
    assert search(reader, "举报电话", current=True).hits == []
    assert [reader.doc(hit.page)["s"] for hit in search(reader, "举报电话299").hits] == ["状态299"]


def test_headings_versions_and_lists_are_read_from_the_page():
    html = """<html><head><meta name="gongkai:of" content="fees/x/">
      <meta name="gongkai:role" content="list"></head><body>
      <article class="md-content__inner"><h1>社会抚养费（第1版）</h1><p>正文</p>
      <h2 id="a">收费<b>标准</b><a class="headerlink" href="#a">¶</a></h2><p>每人</p>
      <h3>减免条件</h3><div data-search-skip><h2>名单</h2></div></article></body></html>"""
    page = read_page(html)
    assert page.title == "社会抚养费（第1版）"
    assert page.headings == "收费标准 减免条件"
    assert page.body == "正文 收费标准 每人 减免条件"
    assert (page.of, page.role) == ("fees/x/", "list")
