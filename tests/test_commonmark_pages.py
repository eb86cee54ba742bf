"""Pages marked `markup: commonmark` go through markdown-it-pyrs inside MkDocs' page
rendering (site/commonmark.py) and come out as Python-Markdown makes the same page:
same article, title, table of contents and anchors, sanitised the same way.

A small MkDocs project with the site's own mkdocs.yml is built twice, once with the
pages in CommonMark + raw HTML and marked, once with the same pages as Python-Markdown
reads them (Markdown headings, which it gives the same ids), and the built pages compared.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from generator.site.mkdocs_build import run_mkdocs
from generator.site.stamp import BuildStamp

from conftest import FIXTURES, REPO
from gitsite import AS_OF

STAMP = BuildStamp(datetime(2026, 11, 28, 2, 0, tzinfo=timezone.utc), "abc1234", False, AS_OF)
NAV = "nav:\n  - 首页: index.md\n  - 说明: links.md\n"

# Shared by both versions: CommonMark that Python-Markdown reads alike, and raw HTML.
BODY = """<div class="admonition note">
<p class="admonition-title">注意</p>
<p>本页由模板生成，<a href="../">返回上级</a>。</p>
</div>

{h2_first}

<strong>内容概述：</strong>正文，见 [国务院网站](https://www.gov.cn/) 和 `代码`。

- 一项 *强调*
- 二项 **加粗**

{h3}

| 项目 | 金额 |
|---|---|
| 甲 &amp; 乙 | 1 元 |

{h2_second}

1. 甲
2. 乙

<p><img src="data:image/png;base64,AA==" alt="图" onerror="alert(1)"><script>alert(2)</script></p>
"""
HEADINGS = {
    "commonmark": dict(h1='<h1 id="关于收费的说明">关于收费的说明</h1>',
                       h2_first='<h2 id="第一条">第一条</h2>', h3='<h3 id="第一款-说明">第一款 说明</h3>',
                       h2_second='<h2 id="第二条">第二条</h2>'),
    "python-markdown": dict(h1="# 关于收费的说明", h2_first="## 第一条", h3="### 第一款 说明",
                            h2_second="## 第二条"),
}
PAGES = ("index.md", "notes/page.md")    # in the navigation, and outside it (built in parallel)


def make_project(root: Path, markup: str, links: str) -> Path:
    root.mkdir(parents=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config[:config.index("nav:")] + NAV, encoding="utf-8")
    (root / "site_config").mkdir()
    (root / "site_config/site.yaml").write_bytes((FIXTURES / "minimal/site_config/site.yaml").read_bytes())
    docs = root / "build/docs"
    front = "---\nmarkup: commonmark\n---\n" if markup == "commonmark" else ""
    headings = HEADINGS[markup]
    for page in PAGES:
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / page).write_text(front + headings["h1"] + "\n\n" + BODY.format(**headings),
                                 encoding="utf-8")
    # Python-Markdown, as content/*.md pages stay: its links to a marked page's anchors
    # are checked against the ids read from that page's HTML.
    (docs / "links.md").write_text(f"# 说明\n\n{links}\n", encoding="utf-8")
    return root


def build(root: Path) -> tuple[list, dict[str, str]]:
    problems = run_mkdocs(root, root / "build/site", STAMP)
    site = root / "build/site"
    return problems, {page: (site / page.replace("index.md", "").replace(".md", "/") / "index.html")
                      .read_text(encoding="utf-8") for page in PAGES}


def normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    good = "[第二条](notes/page.md#第二条) [第一款](index.md#第一款-说明)"
    marked = build(make_project(tmp_path_factory.mktemp("cm") / "site", "commonmark", good))
    plain = build(make_project(tmp_path_factory.mktemp("pm") / "site", "python-markdown", good))
    return marked, plain


def test_marked_pages_are_built_as_python_markdown_builds_them(both):
    (marked_problems, marked), (plain_problems, plain) = both
    assert marked_problems == [] and plain_problems == []
    for page in PAGES:
        assert normalised(marked[page]) == normalised(plain[page]), page


def test_title_toc_and_sanitiser_apply_to_marked_pages(both):
    (_, marked), _ = both
    # In the navigation, a page is called by its name there; outside it, by its first heading.
    assert "<title>关于收费的说明 - 测试镇人民政府信息公开</title>" in marked["notes/page.md"]
    for page in PAGES:
        html = marked[page]
        toc = html[html.index('class="md-nav md-nav--secondary"'):]
        assert toc.index('href="#第一条"') < toc.index('href="#第一款-说明"') < toc.index('href="#第二条"')
        assert "<strong>内容概述：</strong>正文" in html and "<td>甲 &amp; 乙</td>" in html
        assert "alert(" not in html and "onerror" not in html


def test_a_link_to_a_missing_anchor_of_a_marked_page_is_reported(tmp_path):
    root = make_project(tmp_path / "site", "commonmark", "[第九条](notes/page.md#第九条)")
    problems, _ = build(root)
    assert [p.message for p in problems] == [
        "链接「notes/page.md#第九条」要跳到的小标题「第九条」在 notes/page.md 里不存在"]
