"""A clerk's links work on every page that shows the text (render/clerk_links.py)."""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from generator.build import build
from generator.problems import ProblemsError
from generator.render.clerk_links import address, relink

from gitsite import AS_OF

CORPUS = Path(__file__).parent / "corpus" / "clerk_links.txt"
CASES = [line.split("\t") for line in CORPUS.read_text(encoding="utf-8").splitlines()
         if line and not line.startswith("#")]
SITE = "https://gongkai.example.gov.cn/zhen/"     # served from a folder


def served(docs_path: str) -> str:
    """The address a docs page is served at, below SITE."""
    folder = posixpath.dirname(docs_path)
    return SITE + (folder + "/" if folder else "")


@pytest.mark.parametrize("written, base, page, wanted", CASES, ids=[f"{n}:{c[0]!r}" for n, c in enumerate(CASES)])
def test_each_link_is_written_for_the_page_that_shows_it(written, base, page, wanted):
    assert address(written, base, posixpath.dirname(page)) == (written if wanted == "=" else wanted)


@pytest.mark.parametrize("written, base, page, wanted",
                         [case for case in CASES if case[3] != "="])
def test_a_changed_link_leads_where_the_clerk_meant_from_the_clerks_place(written, base, page, wanted):
    """The oracle is the browser's own resolution (urljoin): the link as rewritten, from
    the page showing it, lands where the link as written lands from the clerk's place
    (a root address from the site's folder; a page's Markdown at its address)."""
    meant = written.strip()
    meant = re.sub(r"(^|/)index\.md(?=$|[?#])", r"\1", meant)
    meant = re.sub(r"\.md(?=$|[?#])", "/", meant)
    start = SITE if meant.startswith("/") else served(base)
    assert urljoin(served(page), wanted) == urljoin(start, meant.lstrip("/"))


def test_links_in_sanitised_html_are_the_only_text_changed():
    text = ('<p>见<a href="../fuyangfei/index.md#a&amp;b" title="x>y">标准</a>，'
            'href="../fuyangfei/index.md" 照写，<img alt="" src="/attachments/t.png"></p>\n'
            '<pre><code>&lt;a href="../fuyangfei/"&gt;</code></pre>')
    assert relink(text, "policies/xize/index.md", "policies/xize/v/1/index.md") == (
        '<p>见<a href="../../../fuyangfei/#a&amp;b" title="x>y">标准</a>，'
        'href="../fuyangfei/index.md" 照写，<img alt="" src="../../../../attachments/t.png"></p>\n'
        '<pre><code>&lt;a href="../fuyangfei/"&gt;</code></pre>')


LINKS = ("见[收费标准](../../fees/fuyangfei/index.md#top)、[奖励](/subsidies/jiangli/)、"
         "[首页](/)和[本细则](./)。")


def hrefs(page: Path) -> dict[str, str]:
    found = re.findall(r'<a href="([^"]*)">(收费标准|奖励|首页|本细则)</a>', page.read_text(encoding="utf-8"))
    return {text: html.unescape(href) for href, text in found}


def test_a_bodys_links_lead_to_the_same_pages_from_its_page_version_page_and_print_sheet(minimal):
    """Version 1's body is shown on its version page (a later version is in force),
    version 2's on the item's page; both on no other page but the print sheet (v2)."""
    minimal.replace("data/policies/xize.yaml", "      第二条 本细则自发布之日起施行。\n",
                    f"      第二条 本细则自发布之日起施行。{LINKS}\n"
                    "  - effective_from: 2026-05-01\n    change_note: 修订第二条\n    body: |\n"
                    f"      第二条 本细则自2026年5月1日起施行。{LINKS}\n")
    build(minimal.root, AS_OF)
    site = minimal.root / "build/site"
    meant = {"收费标准": SITE + "fees/fuyangfei/#top", "奖励": SITE + "subsidies/jiangli/",
             "首页": SITE, "本细则": SITE + "policies/xize/"}
    for page in ("policies/xize/index.html", "policies/xize/v/1/index.html",
                 "print/policy/xize/index.html"):
        found = hrefs(site / page)
        assert {text: urljoin(served(page), href) for text, href in found.items()} == meant, page


def test_home_and_guide_link_to_pages_beside_them_in_content(minimal):
    minimal.write("content/about.md", "# 关于本站\n")
    minimal.write("content/guide.md", "见[关于本站](about.md)和[首页](index.md)。\n")
    minimal.write("content/home.md", "见[关于本站](about.md)和[指南](guide.md)。\n\n"
                  + minimal.read("content/home.md"))
    build(minimal.root, AS_OF)
    site = minimal.root / "build/site"
    assert '<a href="about/">关于本站</a>' in (site / "index.html").read_text(encoding="utf-8")
    assert '<a href="guide/">指南</a>' in (site / "index.html").read_text(encoding="utf-8")
    guide = (site / "guide/index.html").read_text(encoding="utf-8")
    assert '<a href="../about/">关于本站</a>' in guide and '<a href="../">首页</a>' in guide


def test_a_content_page_links_from_the_sites_root_by_markdown(minimal):
    """MkDocs' own rule for pages copied from content/ (absolute_links: relative_to_docs);
    an address there, which MkDocs cannot check, stays an error that says what to write."""
    minimal.write("content/about.md", "# 关于本站\n\n见[细则](/policies/xize/index.md)。\n")
    build(minimal.root, AS_OF)
    about = (minimal.root / "build/site/about/index.html").read_text(encoding="utf-8")
    assert '<a href="../policies/xize/">细则</a>' in about
    minimal.write("content/about.md", "# 关于本站\n\n见[细则](/policies/xize/)。\n")
    with pytest.raises(ProblemsError) as caught:
        build(minimal.root, AS_OF)
    assert "「/policies/xize/index.md」" in str(caught.value)
