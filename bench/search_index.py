"""Benchmark the search index on synthetic sites of N Chinese items.

  python bench/search_index.py 1000 10000

Pages are built from the seed sentences shuffled, with per-page titles, index numbers,
dates and amounts, written as minimal Material-shaped HTML (mkdocs would take minutes
for 10,000 pages, and the indexer reads only the article and the head). A third of
the items have an older version page, and a catalogue page lists every 50 items; the
index expands queries with the example site's synonyms. Prints build time, index
sizes, bytes a cold client fetches per query, and recall and precision of ~50 sampled
queries against a plain substring search of the pages' texts for the query and its
synonyms (a document counts as found through any of its pages; catalogues only when
no document has the text).
"""

from __future__ import annotations

import os
import random
import re
import sys
import tempfile
import time
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.search.build import build_search_index  # noqa: E402
from generator.search.fold import fold  # noqa: E402
from generator.search.query import IndexReader, search, shown  # noqa: E402
from generator.search.synonyms import expand, read_synonyms  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SEEDS = Path("/work/shared/seeds")
KINDS = ["政策文件", "收费标准", "奖励扶助", "办事指南", "公示公告"]
STATUSES = ["现行有效", "现行有效", "现行有效", "已修改", "已废止", "公示中"]
PLACES = ["城关镇", "河西乡", "东山街道", "白沙村", "新华社区", "龙潭乡", "三合村"]
TOPICS = ["社会抚养费征收", "农村部分计划生育家庭奖励扶助", "独生子女父母光荣证办理",
          "流动人口婚育证明", "再生育审批", "计划生育特别扶助", "举报电话和领导接待日",
          "政务公开指南", "规范性文件清理结果", "名单公示"]
# The first is the "first query" of the report; then common terms, then rare ones.
COMMON_QUERIES = ["社会抚养费", "计划生育", "工作", "依法行政", "计生委", "光荣证", "举报电话",
                  "奖励扶助", "720元", "11530000mb"]


def rare_queries(count: int) -> list[str]:
    """Terms that occur on one page or a handful: an index number, a title number."""
    number = count // 3
    return [f"11530000MB0000001X-{2020 + number % 7}-{number:05d}", f"第{number}号", f"{number:05d}"]


def sentences() -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    parts = re.split(r"(?<=[。！？；])|\n", text)
    return [part.strip() for part in parts if len(part.strip()) >= 8]


def page_html(title: str, paragraphs: list[str], skipped: list[str], meta: dict) -> str:
    metas = "".join(f'<meta name="gongkai:{k}" content="{escape(v)}">' for k, v in meta.items())
    body = "<h2>办理流程</h2>" + "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    table = "".join(f"<tr><td>{escape(s)}</td></tr>" for s in skipped)
    return (f"<!doctype html><html><head><title>{escape(title)} - 示例县</title>{metas}</head>"
            f"<body><nav class=\"md-nav\">导航 政务公开</nav><main><div class=\"md-content\">"
            f"<article class=\"md-content__inner md-typeset\"><h1>{escape(title)}"
            f"<a class=\"headerlink\" href=\"#\">¶</a></h1>{body}"
            f"<table data-search-skip>{table}</table></article></div></main></body></html>")


def write_page(site: Path, url: str, html: str) -> None:
    path = site / url / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


def make_site(site: Path, count: int, rng: random.Random) -> tuple[dict[str, str], set[str]]:
    """Write count items; returns each page's reference text (what search should see)
    and the list pages' URLs."""
    pool = sentences()
    texts, lists = {}, set()
    for number in range(count):
        kind = KINDS[number % len(KINDS)]
        title = f"{rng.choice(PLACES)}{rng.choice(TOPICS)}{kind}（第{number}号）"
        index_no = f"11530000MB0000001X-{2020 + number % 7}-{number:05d}"
        amount = f"每人每年{rng.choice([720, 960, 1200, 1440])}元"
        chosen = [rng.choice(pool) for _ in range(rng.randint(6, 30))]
        chosen.insert(rng.randrange(len(chosen) + 1), f"索引号：{index_no}，标准为{amount}。")
        paragraphs = [chosen[i:i + 4] for i in range(0, len(chosen), 4)]
        paragraphs = ["".join(group) for group in paragraphs]
        skipped = [f"{rng.choice(PLACES)}村民{rng.randint(1, 999)}号" for _ in range(5)]
        date = f"{2020 + number % 7}-{1 + number % 12:02d}-{1 + number % 28:02d}"
        meta = {"kind": kind, "date": date, "status": rng.choice(STATUSES)}
        url = f"{kind}/p{number}/"
        write_page(site, url, page_html(title, paragraphs, skipped, meta))
        texts[url] = fold(f"{title}\n办理流程\n" + "\n".join(paragraphs))
        if number % 3 == 0:
            old = paragraphs[1:] + [rng.choice(pool)]
            meta = {"kind": kind, "date": f"{2019 + number % 7}-01-01", "status": "已修改",
                    "of": url}
            write_page(site, f"{url}v/1/", page_html(title, old, skipped, meta))
            texts[f"{url}v/1/"] = fold(f"{title}\n办理流程\n" + "\n".join(old))
    for first in range(0, count, 50):
        url = f"catalog/{first // 50}/"
        rows = [f"第{n}号" for n in range(first, min(first + 50, count))]
        write_page(site, url, page_html(f"信息公开目录{first // 50}", ["、".join(rows)], [],
                                        {"role": "list"}))
        texts[url] = fold(f"信息公开目录{first // 50}\n办理流程\n" + "、".join(rows))
        lists.add(url)
    return texts, lists


def sample_queries(texts: dict[str, str], rng: random.Random, count: int) -> list[str]:
    bodies = list(texts.values())
    queries = []
    while len(queries) < count:
        text = rng.choice(bodies)
        size = rng.randint(2, 6)
        start = rng.randrange(len(text) - size)
        query = text[start:start + size]
        if not any(ch.isspace() for ch in query):
            queries.append(query)
    return queries


def cold_bytes(site: Path, query: str) -> tuple[int, int]:
    """Bytes a browser with an empty cache fetches to show this query's first screenful."""
    reader = IndexReader(site)
    hits = search(reader, query).hits
    shown(reader, hits)
    return reader.bytes_fetched, len(hits)


def run(count: int) -> None:
    rng = random.Random(count)
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        started = time.perf_counter()
        texts, lists = make_site(site, count, rng)
        made = time.perf_counter() - started
        before = os.times()
        synonyms = read_synonyms(REPO)[0]
        stats = build_search_index(site, synonyms=synonyms)
        after = os.times()
        print(f"\n== {count} items, {stats.pages} pages (site written in {made:.1f} s)")
        # System time is mostly page faults on numpy's fresh large arrays; where it
        # dominates, glibc's MALLOC_MMAP_THRESHOLD_ and MALLOC_TRIM_THRESHOLD_ (set
        # high) let the process reuse that memory instead.
        print(f"index build        {stats.seconds:.2f} s wall, user "
              f"{after.user - before.user:.2f} s, system {after.system - before.system:.2f} s "
              f"({sum(len(t) for t in texts.values()) / 1e6:.1f} M characters)")
        print(f"index files        {stats.shards} postings files, "
              f"{len(list((site / 'search').rglob('*')))} files in all")
        print(f"index size         {stats.total_bytes / 1e6:.2f} MB in all, postings "
              f"{sum(f.stat().st_size for f in (site / 'search').glob('[sh]/*')) / 1e6:.2f} MB")
        print(f"largest shard      {stats.largest_shard_bytes / 1e3:.1f} KB")
        manifest = (site / "search/manifest.json").stat().st_size
        print(f"manifest           {manifest / 1e3:.1f} KB")
        urls = list(texts)
        for query in COMMON_QUERIES + rare_queries(count):
            fetched, found = cold_bytes(site, query)
            print(f"query {query:<29} {found:6d} results, cold fetch {fetched / 1e3:7.1f} KB")
        queries = sample_queries(texts, rng, 50)
        worst = total = 0
        relevant = retrieved = correct = 0
        started = time.perf_counter()
        for query in queries:
            reader = IndexReader(site)
            hits = search(reader, query).hits
            found = {reader.doc(page)["u"] for hit in hits for page in (hit.page, *hit.folded)}
            forms = [fold(query), *expand(fold(query), synonyms)]
            expected = {url for url in urls if any(form in texts[url] for form in forms)}
            if expected - lists:
                expected -= lists
            relevant, retrieved = relevant + len(expected), retrieved + len(found)
            correct += len(found & expected)
            fetched, _ = cold_bytes(site, query)
            worst, total = max(worst, fetched), total + fetched
        took = time.perf_counter() - started
        print(f"50 sampled queries recall {correct / relevant:.4f} precision "
              f"{correct / max(retrieved, 1):.4f} ({correct}/{relevant} relevant, "
              f"{retrieved} retrieved); cold fetch mean {total / 50 / 1e3:.1f} KB, "
              f"max {worst / 1e3:.1f} KB ({took:.1f} s)")


if __name__ == "__main__":
    for size in sys.argv[1:] or ["1000", "10000"]:
        run(int(size))
