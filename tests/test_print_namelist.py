"""A 2,000-row name list on paper: paginated, header on every page, masked as online."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import date

import pytest

from generator.print.pdf import write_pdf
from generator.print.step import sheet_html
from generator.render.pages import make_context
from generator.validated import load_and_validate
from print_tools import page_count, page_size, pdf_text, save_page_image, type_sizes

NOTICE = "jiangli-fuzhu-gongshi-2027"
ROWS = 2000
HEADERS = ["姓名", "所在村组", "身份证号码", "扶助类别"]
MASKED = re.compile(r"\d{4}\*{10}\d{3}[\dX]")


@dataclass
class SyntheticList:
    """Shaped like privacy.namelist.NameList: headers and already-masked rows."""

    headers: list[str]
    rows: list[list[str]]


def raw_id(n: int) -> str:
    return f"110101{1950 + n % 50}{n % 12 + 1:02d}{n % 28 + 1:02d}{n % 1000:03d}X"


def mask_id(value: str) -> str:
    return value[:4] + "*" * 10 + value[-4:]


@pytest.fixture(scope="module")
def names():
    raw = [raw_id(n) for n in range(1, ROWS + 1)]
    rows = [[f"张{n:04d}", f"勍香镇第{n % 12 + 1}村民小组", mask_id(r), "奖励扶助"]
            for n, r in zip(range(1, ROWS + 1), raw)]
    return SyntheticList(HEADERS, rows), raw


@pytest.fixture(scope="module")
def example_site(tmp_path_factory):
    from conftest import REPO, copy_site
    site = copy_site(REPO, tmp_path_factory.mktemp("example"))
    loaded, _ = load_and_validate(site.root)
    return loaded


@pytest.fixture(scope="module")
def list_pdf(example_site, names, tmp_path_factory):
    ctx = make_context(example_site, date(2026, 11, 28))
    html = sheet_html(ctx, ctx.public[NOTICE], "测试", name_list=names[0])
    out = tmp_path_factory.mktemp("list") / "list.pdf"
    started = time.perf_counter()
    pages = write_pdf(html, out)
    print(f"\n{ROWS}-row name list: {pages} A3 pages in {time.perf_counter() - started:.1f} s")
    return out, html


def test_long_list_is_paginated_with_the_header_on_every_page(list_pdf):
    pdf, _ = list_pdf
    assert page_size(pdf).endswith("(A3)")
    pages = page_count(pdf)
    per_page = []
    for number in range(1, pages + 1):
        text = pdf_text(pdf, number)
        rows = len(MASKED.findall(text))
        if rows:
            assert all(h in text for h in HEADERS), f"page {number} lacks the header row"
        assert f"第 {number} 页 共 {pages} 页" in text
        per_page.append(rows)
    assert sum(per_page) == ROWS                          # every row once, none cut away
    full = max(per_page)
    # Pages follow from rows per page: the first page also carries the notice itself,
    # the last may add the sign-off.
    assert pages - 1 <= 1 + -(-(ROWS - per_page[0]) // full) <= pages
    assert 20 <= pages <= 60


def rows_per_page(pdf) -> list[int]:
    return [len(MASKED.findall(pdf_text(pdf, n))) for n in range(1, page_count(pdf) + 1)]


def test_no_page_holds_only_the_seal_and_qr_code(list_pdf, example_site, names, tmp_path):
    """A list that exactly fills its pages once left the 落款, seal and QR code alone
    on a last page; its last rows now go over with them."""
    per_page = rows_per_page(list_pdf[0])
    exact = per_page[0] + max(per_page)          # fills the first two pages to the brim
    ctx = make_context(example_site, date(2026, 11, 28))
    rows = SyntheticList(HEADERS, names[0].rows[:exact])
    out = tmp_path / "exact.pdf"
    write_pdf(sheet_html(ctx, ctx.public[NOTICE], "测试", name_list=rows), out)
    counts = rows_per_page(out)
    save_page_image(out, len(counts), "sheet-list-last-page")
    assert sum(counts) == exact
    stamped = [n for n in range(1, len(counts) + 1) if "盖章处" in pdf_text(out, n)]
    assert stamped == [len(counts)]
    assert counts[-1] >= 3, counts


def test_list_type_is_at_least_14_pt_on_a3(list_pdf):
    sizes = type_sizes(list_pdf[0])
    most = max(sizes, key=sizes.get)
    assert most >= 14, sorted(sizes.items())


def test_ids_print_masked_as_online_and_never_raw(list_pdf, names):
    pdf, html = list_pdf
    text = pdf_text(pdf)
    _, raw = names
    assert mask_id(raw[0]) in text
    assert not any(r in text or r in html for r in raw)


def test_withdrawn_list_does_not_print(example_site, names):
    # Seven working days from 2026-11-23 end on 2026-12-01; the list goes the next day.
    ctx = make_context(example_site, date(2026, 12, 2))
    html = sheet_html(ctx, ctx.public[NOTICE], "测试", name_list=names[0])
    assert "名单已按规定撤下" in html
    assert not MASKED.search(html) and "张0001" not in html
    ctx = make_context(example_site, date(2026, 12, 1))
    assert "张0001" in sheet_html(ctx, ctx.public[NOTICE], "测试", name_list=names[0])
