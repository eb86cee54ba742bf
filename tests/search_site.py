"""A real mkdocs + Material site of ~40 Chinese pages for the search tests.

Pages are built from sentences about the bulletins' facts, plus sentences that put the queries' parts
side by side without the queries themselves (依法办事，行政执法 has 依法 and 行政 but not
依法行政), so segmentation-style mistakes would show. The site knows each page's text
independently of the indexer, so tests can compute the exact expected results.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.search.fold import fold

REPO = Path(__file__).resolve().parent.parent
# Our own sentences on the facts of the bulletins this site publishes: fees, subsidies,
# service guides, supervision channels, disclosure duties.
SENTENCES = [
    "县计生委负责社会抚养费的征收管理工作。",
    "社会抚养费按照当事人上一年度实际收入计征。",
    "当事人确有困难的，可以申请分期缴纳社会抚养费。",
    "缓缴社会抚养费的期限最长不超过一年。",
    "农村部分计划生育家庭奖励扶助标准为每人每年720元。",
    "奖励扶助金由县财政按年度直接发放到本人账户。",
    "计划生育特别扶助金按月发放，标准另行公布。",
    "独生子女父母光荣证在户籍所在地乡镇办理。",
    "办理光荣证需要提交户口簿、结婚证和身份证复印件。",
    "流动人口婚育证明在现居住地的街道办事处即可办理。",
    "再生育审批的办事流程和所需材料一次性告知。",
    "窗口工作人员实行首问负责和限时办结。",
    "群众可以拨打举报电话反映乱收费问题。",
    "每月十八日为领导接待日，地点在县政务服务中心。",
    "举报箱设在政务服务中心一楼大厅，每周开箱两次。",
    "咨询电话在工作日上午八点至下午五点半有人接听。",
    "坚持依法行政，规范行政执法行为。",
    "行政执法人员必须持证上岗，亮证执法。",
    "全面推行政务公开，做到办事公开、收费公开、结果公开。",
    "信息公开指南和目录每年更新一次。",
    "规范性文件清理结果向社会公布。",
    "名单公示期间，对公示对象有异议的可以书面反映。",
    "公示期满无异议的，按程序发放奖励扶助金。",
    "开展人口和计划生育法律法规宣传教育工作。",
    "把宣传教育工作纳入年度目标管理考核。",
    "利用广播、宣传栏和村务公开栏普及法律知识。",
    "各乡镇要把计划生育工作作为重要工作来抓。",
    "县人口和计划生育委员会加强业务指导和监督检查。",
    "对违法违纪行为，一经查实严肃处理。",
    "发放资金实行专户管理，确保资金安全。",
    "收费项目、标准和依据在收费场所醒目位置公示。",
    "不得擅自增加收费项目或者提高收费标准。",
    "服务对象对办理结果不满意的，可以申请复核。",
    "建立健全工作台账，做到资料齐全、数据准确。",
    "村级计生专干负责本村的信息采集和上报。",
    "年满六十周岁的对象从次月起享受奖励扶助。",
]

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

# The gongkai plugin puts the theme folder after custom_dir and adds its scripts.
SITE_YAML = "name: 示例县政务公开\nbase_url: https://example.gov.cn/\npublisher: county\n"

MKDOCS_YML = """site_name: 示例县政务公开
theme:
  name: material
  language: zh
  font: false
  custom_dir: overrides
plugins: [gongkai]
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
        """URLs of the pages containing any term of two or more characters."""
        terms = [t for t in fold(query).split() if len(t) >= 2]
        return {url for url, text in self.texts.items() if any(t in text for t in terms)}


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
    pool = SENTENCES
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
    (root / "site_config").mkdir(exist_ok=True)
    (root / "site_config" / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site")))
    return SearchSite(root / "site", texts, kinds, current)


@dataclass(frozen=True)
class DocumentSite(SearchSite):
    owner: dict[str, str]   # URL -> URL of its document's own page (itself for those)
    lists: set[str]         # URLs of list pages

    def expected_results(self, query: str) -> tuple[set[str], set[str]]:
        """(documents, pages) search must give: the documents (their own pages' URLs)
        with a page containing a term, and all those pages, versions folded in; list
        pages only when no document has the text."""
        pages = self.expected(query)
        documents = {self.owner[url] for url in pages if url not in self.lists}
        if not documents:
            return pages, pages
        return documents, {url for url in pages if url not in self.lists}


_PAGE_HTML = """<!doctype html><html><head><title>{title} - 示例县</title>{meta}</head>
<body><nav class="md-nav">导航 计生委 政务公开</nav><div class="md-content">
<article class="md-content__inner md-typeset"><h1>{title}<a class="headerlink" href="#">¶</a></h1>
{body}<table data-search-skip><tr><td>计生委名单 张三</td></tr></table></article></div></body></html>
"""


def write_document_site(root: Path, documents: int, seed: int = 11) -> DocumentSite:
    """A site of `documents` items as plain Material-shaped HTML (no mkdocs: indexing is
    what is tested), each with 0 to 2 older versions, plus a catalogue page per 50
    items; the texts mix SENTENCES and TRAPS."""
    rng = random.Random(seed)
    texts, kinds, current, owner, lists = {}, {}, {}, {}, set()

    def page(url: str, title: str, paragraphs: list[str], meta: dict[str, str]) -> None:
        heading = rng.choice(["办理流程", "咨询与监督", "收费依据"])
        body = f"<h2>{heading}</h2>" + "".join(f"<p>{p}</p>" for p in paragraphs)
        tags = "".join(f'<meta name="gongkai:{k}" content="{v}">' for k, v in meta.items())
        target = root / url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_PAGE_HTML.format(title=title, meta=tags, body=body), encoding="utf-8")
        texts[url] = fold(f"{title}\n{heading}\n" + "\n".join(paragraphs))
        kinds[url] = meta.get("kind", "其他")
        current[url] = meta.get("status", "") in ("现行有效", "")

    for number in range(documents):
        folder, kind = KINDS[number % len(KINDS)]
        url = f"{folder}/d{number}/"
        title = f"{rng.choice(['社会抚养费征收', '奖励扶助金发放', '光荣证办理', '举报电话'])}第{number}号"
        year = 2020 + number % 7
        versions = rng.choice([0, 0, 1, 2])
        status = rng.choice(["现行有效", "现行有效", "已废止"])
        for version in range(versions + 1):
            paragraphs = ["".join(rng.sample(SENTENCES + TRAPS, 3)) for _ in range(rng.randint(1, 3))]
            date = f"{year - version}-{1 + number % 12:02d}-{1 + number % 28:02d}"
            if version == 0:
                page(url, title, paragraphs, {"kind": kind, "date": date, "status": status})
                owner[url] = url
            else:
                old = f"{url}v/{versions + 1 - version}/"
                page(old, title, paragraphs,
                     {"kind": kind, "date": date, "status": "已修改", "of": url})
                owner[old] = url
    for number in range(0, documents, 50):
        url = f"catalog/{number // 50}/"
        titles = [f"第{n}号" for n in range(number, min(number + 50, documents))]
        page(url, f"目录{number // 50}", ["、".join(titles) + "。举报奖励和社会监督。"],
             {"role": "list"})
        owner[url] = url
        lists.add(url)
    return DocumentSite(root, texts, kinds, current, owner, lists)
