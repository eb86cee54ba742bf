"""A real example build with `--pdf`: print pages, PDFs, links, and the browser's print view."""

from __future__ import annotations

import posixpath
import re
import time
from datetime import date
from pathlib import Path

import pytest

from generator.build import build
from generator.model import KINDS
from print_tools import flat, page_count, page_size, pdf_fonts, pdf_text, qr_codes

AS_OF = date(2026, 11, 28)
BASE = "https://qingxiang.example.gov.cn/"
NOTICE = "jiangli-fuzhu-gongshi-2027"
GUIDE = "zaishengyu-dengji"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import REPO, copy_site
    site = copy_site(REPO, tmp_path_factory.mktemp("example"))
    started = time.perf_counter()
    build(site.root, AS_OF, pdf=True)
    print(f"\nexample build with PDFs: {time.perf_counter() - started:.1f} s")
    return site.root


def site_file(root: Path, rel: str) -> Path:
    return root / "build/site" / rel


def resolve(page_rel: str, href: str) -> str:
    """Where a relative href on a built page points, as a site path."""
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), href))
    return target + "/index.html" if href.endswith("/") else target


def test_every_item_has_a_print_page_its_page_links_to(built):
    items = [(kind, path.stem) for kind in KINDS.values()
             for path in (built / "data" / kind.folder).glob("*.yaml")]
    assert len(items) >= 15
    for kind, slug in items:
        page_rel = f"{kind.folder}/{slug}/index.html"
        page = site_file(built, page_rel).read_text(encoding="utf-8")
        link = re.search(r'<a href="([^"]+)">打印公开栏版</a>', page)
        assert link, page_rel
        assert resolve(page_rel, link.group(1)) == f"print/{kind.name}/{slug}/index.html"
        sheet = site_file(built, f"print/{kind.name}/{slug}/index.html").read_text(encoding="utf-8")
        assert "<h1>" in sheet and "md-header" not in sheet   # its own layout, not the theme


def test_current_notices_and_guides_have_pdfs_linked_from_their_pages(built):
    pdfs = sorted(p.relative_to(site_file(built, "")).as_posix()
                  for p in site_file(built, "print").rglob("*.pdf"))
    assert len(pdfs) == 6       # 4 service guides + 2 notices in force
    assert all(p.split("/")[1] in ("notice", "service") for p in pdfs)
    for pdf in pdfs:
        kind, slug = pdf.split("/")[1:3]
        page_rel = f"{KINDS[kind].folder}/{slug}/index.html"
        page = site_file(built, page_rel).read_text(encoding="utf-8")
        link = re.search(r'<a href="([^"]+\.pdf)" download(?:="")?>下载PDF</a>', page)
        assert link and resolve(page_rel, link.group(1)) == pdf
    policy = site_file(built, "policies/jiangli-fuzhu-tongzhi/index.html").read_text(encoding="utf-8")
    assert "下载PDF" not in policy


def test_notice_pdf_has_title_period_objection_phone_and_a3(built, tmp_path):
    pdf = site_file(built, f"print/notice/{NOTICE}/{NOTICE}.pdf")
    text = flat(pdf_text(pdf))
    assert "勍香镇2027年度农村部分计划生育家庭奖励扶助和特别扶助新增对象名单公示" in text
    assert "公示期：2026年11月23日至2026年12月1日（7个工作日）" in text
    assert "0883-3621315" in text                     # 举报电话 for objections
    assert "盖章处" in text and "勍香镇人民政府" in text
    assert "第1页共1页" in text
    assert page_size(pdf) == "841.89 x 1190.55 pts (A3)"
    assert qr_codes(pdf, 1, tmp_path) == [f"{BASE}notices/{NOTICE}/"]


def test_service_guide_is_an_a4_leaflet_on_one_sheet(built, tmp_path):
    pdf = site_file(built, f"print/service/{GUIDE}/{GUIDE}.pdf")
    assert page_size(pdf) == "595.276 x 841.89 pts (A4)"
    pages = page_count(pdf)
    assert pages <= 2            # 12 pt type: both sides of one sheet at most
    text = flat(pdf_text(pdf))
    for wanted in ("再生育登记", "申请条件", "原件", "份数", "承诺时限：即办",
                   "收费：不收费", "3号窗口", "0883-3621234", "盖章处", "第2版"):
        assert wanted in text, wanted
    assert qr_codes(pdf, pages, tmp_path) == [f"{BASE}services/{GUIDE}/"]


def test_cjk_font_is_embedded_in_every_pdf(built):
    for pdf in site_file(built, "print").rglob("*.pdf"):
        fonts = pdf_fonts(pdf)
        assert any("CJK" in f["name"] for f in fonts), pdf
        assert all(f["emb"] == "yes" for f in fonts), (pdf, fonts)


def test_print_page_links_back_and_to_its_pdf(built):
    rel = f"print/service/{GUIDE}/index.html"
    sheet = site_file(built, rel).read_text(encoding="utf-8")
    back = re.search(r'<a href="([^"]+)">返回网页版</a>', sheet).group(1)
    assert resolve(rel, back) == f"services/{GUIDE}/index.html"
    pdf = re.search(r'<a href="([^"]+)" download>', sheet).group(1)
    assert site_file(built, resolve(rel, pdf)).is_file()
    # The layout is in files beside the sheets: the site's policy allows no inline style.
    assert "<svg" in sheet and "<style" not in sheet and " style=" not in sheet
    styles = re.findall(r'<link rel="stylesheet" href="([^"]+)">', sheet)
    text = "".join(site_file(built, resolve(rel, href)).read_text(encoding="utf-8") for href in styles)
    assert "@bottom-center" in text and "size: A4" in text


def test_site_pages_print_without_chrome_and_with_link_addresses(built, browser):
    page = browser.new_page()
    page.goto(site_file(built, "contacts/index.html").as_uri())
    page.emulate_media(media="print")
    hidden = page.evaluate("""() => ['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-footer']
        .map(s => document.querySelector(s)).filter(Boolean)
        .map(e => getComputedStyle(e).display)""")
    assert hidden and set(hidden) == {"none"}
    after = page.evaluate("""() => getComputedStyle(
        document.querySelector('.md-content a[href^="https://"]'), '::after').content""")
    assert BASE in after
    rows = page.evaluate("""() => [...document.querySelectorAll('.md-content tr')]
        .map(r => getComputedStyle(r).breakInside)""")
    assert rows and set(rows) == {"avoid"}
    page.emulate_media(media="screen")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).display") != "none"
    page.close()


def test_print_page_prints_from_the_browser_on_its_paper(built, browser, tmp_path):
    page = browser.new_page()
    page.goto(site_file(built, f"print/notice/{NOTICE}/index.html").as_uri())
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.toolbar')).display") == "none"
    out = tmp_path / "chromium.pdf"
    page.pdf(path=str(out), prefer_css_page_size=True)
    page.close()
    assert page_size(out).endswith("(A3)")      # from the sheet's @page
    assert "公示期" in flat(pdf_text(out))
