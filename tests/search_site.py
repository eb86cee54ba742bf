"""A real mkdocs + Material site of ~40 Chinese pages for the search tests.

Pages are built from the seed sentences, plus sentences that put the queries' parts
side by side without the queries themselves (依法办事，行政执法 has 依法 and 行政 but not
依法行政), so segmentation-style mistakes would show. The site knows each page's text
independently of the indexer, so tests can compute the exact expected results.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.search.fold import fold

REPO = Path(__file__).resolve().parent.parent
THEME_DIR = REPO / "generator" / "site" / "theme"
SEEDS = Path("/work/shared/seeds")

QUERIES = ["计生委", "抚养费", "依法行政", "扶助", "社会抚养费", "光荣证", "举报电话", "奖励扶助",
           "11530000MB0000001X-2026-00001", "720元", "计划生育", "2026-000", "ｍｂ0000001ｘ",
           "宣传教育工作"]

TRAPS = ["各单位要依法办事，行政执法人员持证上岗。", "县计划生育委员会负责受理咨询。",
         "社会各界参与监督，抚养子女的费用由家庭承担。", "举报和投诉的电话另行公布。",
         "扶贫助学项目同步开展。", "对奖励和扶助对象张榜公布。", "光荣榜和荣誉证书一并发放。",
         "每户补助7200元，分两次发放。", "计生工作和委托事项分开办理。"]

KINDS = [("fees", "收费标准"), ("subsidies", "奖励扶助"), ("services", "办事指南"),
         ("notices", "公示公告"), ("policies", "政策文件")]
STATUSES = ["现行有效", "现行有效", "已修改", "已废止", "公示中"]

MAIN_HTML = """{% extends "base.html" %}
{% block extrahead %}
  {%- for name in ["kind", "date", "status"] if page and page.meta[name] %}
  <meta name="gongkai:{{ name }}" content="{{ page.meta[name] }}">
  {%- endfor %}
  {%- if page and page.meta.robots %}
  <meta name="robots" content="{{ page.meta.robots }}">
  {%- endif %}
{% endblock %}
"""

# Stands in for the lead's plugin: theme folder after custom_dir, before Material.
HOOK = f"""
def on_config(config):
    config.theme.dirs.insert(1, {str(THEME_DIR)!r})
    return config
"""

MKDOCS_YML = """site_name: 示例县政务公开
theme:
  name: material
  language: zh
  font: false
  custom_dir: overrides
plugins: []
hooks: [hooks.py]
use_directory_urls: true
"""


@dataclass(frozen=True)
class SearchSite:
    site_dir: Path
    texts: dict[str, str]   # URL -> folded title and text, what search must see
    kinds: dict[str, str]   # URL -> kind
    current: dict[str, bool]

    def sampled_queries(self, count: int, seed: int = 3) -> list[str]:
        """Substrings of 2 to 8 characters of the pages' texts, without spaces."""
        rng = random.Random(seed)
        texts = [self.texts[url] for url in sorted(self.texts)]
        queries: list[str] = []
        while len(queries) < count:
            text = rng.choice(texts)
            size = rng.randint(2, 8)
            start = rng.randrange(len(text) - size)
            if not any(ch.isspace() for ch in text[start:start + size]):
                queries.append(text[start:start + size])
        return queries

    def expected(self, query: str) -> set[str]:
        """URLs of the pages containing every term (of two or more characters)."""
        terms = [t for t in fold(query).split() if len(t) >= 2]
        return {url for url, text in self.texts.items() if all(t in text for t in terms)}


def _sentences() -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    parts = [part.strip() for part in re.split(r"(?<=[。！？；])|\n", text)]
    # Sentences Markdown would reshape (list numbers, emphasis, raw HTML) would make
    # the known text differ from the page's; leave them out.
    return [part for part in parts if len(part) >= 8 and not re.match(r"\d+[.)]", part)
            and not set(part) & set("*_`#<>[]|\\~")]


def _page(number: int, rng: random.Random, pool: list[str]) -> tuple[str, dict, list[str]]:
    folder, kind = KINDS[number % len(KINDS)]
    sentences = [rng.choice(pool) for _ in range(rng.randint(4, 12))]
    sentences += rng.sample(TRAPS, 2)
    rng.shuffle(sentences)
    if number in (3, 17):
        sentences.insert(1, f"索引号：11530000MB0000001X-2026-0000{1 if number == 3 else 9}。")
    if number == 8:
        sentences.append("标准为每人每年720元。")
    title = f"第{number}号{kind}：{rng.choice(['社会抚养费征收', '奖励扶助金发放', '光荣证办理', '信息公开'])}"
    date = f"2026-{1 + number % 12:02d}-{1 + number % 27:02d}"
    meta = {"title": title, "kind": kind, "date": date, "status": STATUSES[number % len(STATUSES)]}
    paragraphs = ["".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
    return f"{folder}/p{number}", meta, paragraphs


def _markdown(meta: dict, paragraphs: list[str], extra: str = "") -> str:
    front = "".join(f"{key}: {value}\n" for key, value in meta.items())
    return f"---\n{front}---\n\n# {meta['title']}\n\n" + "\n\n".join(paragraphs) + "\n" + extra


def build_search_site(root: Path, pages: int = 40) -> SearchSite:
    """Write and build the site under root; returns it with its pages' known texts."""
    rng = random.Random(7)
    pool = _sentences()
    docs = root / "docs"
    texts, kinds, current = {}, {}, {}
    for number in range(pages):
        path, meta, paragraphs = _page(number, rng, pool)
        # A name list the page marks as not searchable: its words must not be found.
        extra = ("\n<table data-search-skip><tr><td>计生委名单</td><td>张三</td></tr></table>\n"
                 if number == 5 else "")
        target = docs / f"{path}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_markdown(meta, paragraphs, extra), encoding="utf-8")
        url = f"{path}/"
        texts[url] = fold(meta["title"] + "\n" + "\n".join(paragraphs))
        kinds[url] = meta["kind"]
        current[url] = meta["status"] in ("现行有效", "公示中")
    # Pages with no facets (indexed as 其他) and with noindex (not indexed).
    (docs / "index.md").write_text("# 示例县政务公开\n\n本站公开社会抚养费征收标准和计生委举报电话。\n",
                                   encoding="utf-8")
    texts[""] = fold("示例县政务公开\n本站公开社会抚养费征收标准和计生委举报电话。")
    kinds[""], current[""] = "其他", True
    (docs / "drafts.md").write_text("---\nrobots: noindex\n---\n\n# 草稿\n\n计生委光荣证举报电话草稿。\n",
                                    encoding="utf-8")
    (root / "overrides").mkdir(exist_ok=True)
    (root / "overrides" / "main.html").write_text(MAIN_HTML, encoding="utf-8")
    (root / "hooks.py").write_text(HOOK, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
    return SearchSite(root / "site", texts, kinds, current)
