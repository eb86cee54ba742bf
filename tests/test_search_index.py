"""The search index of a real mkdocs site, queried with the reference implementation
(the same algorithm as search.js): exact results, ranking, facets, reproducibility."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from search_site import QUERIES, SearchSite, build_search_site

from generator.search import build_search_index
from generator.search.extract import read_page
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
    return [reader.doc(hit.page)["u"] for hit in search(reader, query, **filters)]


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
    search(reader, "社会抚养费")
    assert not any(name.startswith("doc/") for name in reader.fetched)


def test_skipped_elements_noindex_pages_and_404_are_not_indexed(site, indexes):
    assert "drafts/" not in urls(indexes["default"], "计生委")
    assert "草稿" not in site.texts and urls(indexes["default"], "草稿") == []
    assert "fees/p5/" not in site.expected("计生委名单")
    assert urls(indexes["default"], "计生委名单") == []
    reader = IndexReader(indexes["default"])
    assert reader.manifest["pages"] == len(site.texts)


def test_several_terms_must_all_occur_and_single_characters_are_ignored(site, indexes):
    both = urls(indexes["default"], "社会抚养费 举报电话")
    assert set(both) == site.expected("社会抚养费") & site.expected("举报电话")
    assert urls(indexes["default"], "计生委 委") == urls(indexes["default"], "计生委")
    assert urls(indexes["default"], "委") == []


def test_title_hits_rank_first_then_occurrences(site, indexes):
    reader = IndexReader(indexes["default"])
    hits = search(reader, "光荣证")
    in_title = [hit.title_terms for hit in hits]
    assert in_title == sorted(in_title, reverse=True) and in_title[0] == 1 and in_title[-1] == 0
    titled = [reader.doc(hit.page)["t"] for hit in hits if hit.title_terms]
    assert titled and all("光荣证" in title for title in titled)
    untitled = [hit.count for hit in hits if not hit.title_terms]
    assert untitled == sorted(untitled, reverse=True)


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
