"""Sheets that stay right on the wall: the coming change with its date, one 落款
with the 成文日期, type large enough to read from a step away. PDFs are made
from the sheets' HTML and read back with poppler."""

from __future__ import annotations

import re
from datetime import date

import pytest

from generator.print.pdf import write_pdf
from generator.print.step import sheet_html
from generator.render.pages import make_context
from generator.validated import load_and_validate
from print_tools import flat, pdf_text, save_page_image, type_sizes

AS_OF = date(2026, 11, 28)
SUBSIDY = "nongcun-jiangli-fuzhu"        # 720 元 now, 960 元 from 2027-01-01
POLICY = "jiangli-fuzhu-tongzhi"         # 成文 2026-03-02, 发布 2026-03-04
SEAL = re.compile(r'<div class="seal">(.*?)</div>\s*</footer>', re.S)


def seal_text(html: str) -> str:
    return re.sub(r"<[^>]+>|\s+", "", SEAL.search(html).group(1))


def median_size(sizes) -> float:
    """The type size half the printed glyphs are at or above."""
    total, seen = sum(sizes.values()), 0
    for size in sorted(sizes, reverse=True):
        seen += sizes[size]
        if seen * 2 >= total:
            return size
    raise AssertionError("no text in the PDF")


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The example site with a second policy whose body ends with its own 落款."""
    from conftest import REPO, copy_site
    site = copy_site(REPO, tmp_path_factory.mktemp("sheets"))
    text = site.read(f"data/policies/{POLICY}.yaml")
    site.write("data/policies/luokuan-tongzhi.yaml",
               text.replace("index_no:", "# index_no:").replace(
                   "      本通知自印发之日起执行。",
                   "      本通知自印发之日起执行。\n\n      勍香镇人民政府办公室\n      2026年3月2日\n\n"
                   "      （此件公开发布）"))
    loaded, _ = load_and_validate(site.root)       # raises on any error
    return make_context(loaded, AS_OF)


def sheet(ctx, slug: str, **kwargs) -> str:
    return sheet_html(ctx, ctx.public[slug], "测试", **kwargs)


@pytest.fixture(scope="module")
def subsidy_pdf(example, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf") / "subsidy.pdf"
    write_pdf(sheet(example, SUBSIDY), out)
    return out


def test_a_sheet_announces_the_coming_change_with_its_date(example, subsidy_pdf):
    html = sheet(example, SUBSIDY)
    assert "720 元" in html                      # the version in force is what the sheet shows
    text = flat(pdf_text(subsidy_pdf))
    save_page_image(subsidy_pdf, 1, "sheet-subsidy-coming-change")
    assert "2027年1月1日起施行第2版" in text
    assert "现为720元，2027年1月1日起调整为960元" in text
    # Once the new version is in force, the sheet shows it and announces nothing.
    later = make_context(example.site, date(2027, 1, 1))
    html = sheet(later, SUBSIDY)
    assert "960 元" in html and "调整为" not in html and 'class="box coming"' not in html


def test_one_signoff_with_the_date_the_document_was_written(example):
    # No 落款 in the body: the sheet's own, dated with the 成文日期 (created), not 发布日期.
    assert seal_text(sheet(example, POLICY)) == "勍香镇人民政府2026年3月2日盖章处"
    # The body ends with its 落款: that one, moved under the seal, and no second one.
    html = sheet(example, "luokuan-tongzhi")
    assert seal_text(html) == "勍香镇人民政府办公室2026年3月2日盖章处（此件公开发布）"
    body = html.split('<main class="content">')[1].split("</main>")[0]
    assert "2026年3月2日" not in body and "此件公开发布" not in body
    assert html.count('class="issuer"') == 1 and html.count('class="date"') == 1


def test_body_type_is_at_least_12_pt_on_a4(subsidy_pdf):
    sizes = type_sizes(subsidy_pdf)
    assert median_size(sizes) >= 12, sorted(sizes.items())
    # Only the small print (build stamp, page numbers) is under 10 pt.
    small = sum(n for size, n in sizes.items() if size < 10)
    assert small <= 0.15 * sum(sizes.values()), sorted(sizes.items())
