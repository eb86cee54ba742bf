"""The leak scan over a built site folder, and over single values at validate time."""

from __future__ import annotations

import gzip
import json
import zipfile
from io import BytesIO
from pathlib import Path

import icalendar
import openpyxl
import weasyprint

from generator.privacy.detect import luhn_valid
from generator.privacy.scan import FINDINGS_SHOWN_PER_FILE, scan_site, scan_value
from fake_ids import make_id


def make_card(first: str) -> str:
    return next(first + last for last in "0123456789" if luhn_valid(first + last))


ID = make_id("14112219550612001")
CARD = make_card("622202123456789")
MASKED_ID = ID[:4] + "*" * 10 + ID[-4:]

CLEAN_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>奖励扶助</title></head>
<body>
<h1>农村部分计划生育家庭奖励扶助</h1>
<p>勍香镇：奖励扶助金 720 元/人·年，索引号 11510000MB1234567X/2023-00012。</p>
<p>咨询电话 <a href="tel:0351-1234567">0351-1234567</a>，发布日期 2023-12-01。</p>
<table><tr><td>张*静</td><td>1411**********0019</td><td>138****5678</td></tr></table>
<svg viewBox="0 0 24 24"><path d="M12 2C6.47 2 2 6.47 2 12s4.47 10 10 10 10-4.47 10-10S17.53 2 12 2"/></svg>
</body></html>
"""


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def clean_site(root: Path) -> Path:
    site = root / "site"
    write(site / "index.html", CLEAN_PAGE)
    write(site / "search" / "search_index.json",
          json.dumps({"docs": [{"location": "", "text": "奖励扶助 720 元/人·年"}]}, ensure_ascii=False))
    write(site / "sitemap.xml.gz", gzip.compress(b"<urlset><url><loc>/</loc></url></urlset>"))
    write(site / "assets" / "logo.png", bytes(range(256)) * 4)
    write(site / "print" / "fuzhu.pdf", weasyprint.HTML(string=CLEAN_PAGE).write_pdf())
    return site


def test_clean_site_has_no_problems(tmp_path):
    assert scan_site(clean_site(tmp_path), frozenset()) == []


def test_hits_in_every_kind_of_file_with_file_line_and_masked_value(tmp_path):
    site = clean_site(tmp_path)
    write(site / "notices" / "fuzhu" / "index.html",
          "<html>\n<body>\n<p>名单</p>\n<td>张晓静</td><td>" + ID + "</td>\n</body></html>\n")
    write(site / "search" / "search_index.json",
          json.dumps({"docs": [{"text": "联系 138-1234-5678"}]}, ensure_ascii=False, indent=1))
    write(site / "feed.xml", f"<rss>\n<item>\n<description>卡号 {CARD}</description></item></rss>")
    write(site / "opendata" / "list.csv", "\ufeff姓名,电话\n张晓静,13812345678\n".encode())
    pdf = weasyprint.HTML(string=f"<p>第一页</p><p style='break-before: page'>身份证号 {ID}</p>")
    write(site / "print" / "fuzhu.pdf", pdf.write_pdf())
    origins = {"notices/fuzhu/index.html": "data/notices/fuzhu.yaml"}
    problems = scan_site(site, frozenset(), origins.get)
    found = {(p.file, p.line, p.field) for p in problems}
    assert found == {
        ("site/notices/fuzhu/index.html", 4, "身份证号"),
        ("site/search/search_index.json", 4, "手机号码"),
        ("site/feed.xml", 3, "银行卡号"),
        ("site/opendata/list.csv", 2, "手机号码"),
        ("site/print/fuzhu.pdf", None, "身份证号"),
    }
    text = "\n".join(str(p) for p in problems)
    assert ID not in text and CARD not in text and "13812345678" not in text
    assert f"site/notices/fuzhu/index.html:4: 身份证号: 生成的网站文件中有身份证号 {MASKED_ID}" \
           "（来自 data/notices/fuzhu.yaml）" in text
    assert "生成的网站文件（PDF 第2页）中有身份证号" in text
    assert "138****5678" in text


def test_number_split_by_inline_markup_is_found_once(tmp_path):
    site = tmp_path / "site"
    write(site / "a.html", f"<p>\n证号 <span>{ID[:6]}</span><em>{ID[6:]}</em></p>")
    [problem] = scan_site(site, frozenset())
    assert problem.line == 2 and MASKED_ID in problem.message


def test_table_cells_are_not_glued_into_a_number(tmp_path):
    # Two cells side by side would read as one 18-digit run if tags were simply dropped.
    site = tmp_path / "site"
    write(site / "a.html", f"<table><tr><td>{ID[:9]}</td><td>{ID[9:]}</td></tr></table>")
    assert scan_site(site, frozenset()) == []


def test_xlsx_and_gzip_contents_are_scanned(tmp_path):
    site = tmp_path / "site"
    book = openpyxl.Workbook()
    book.active.title = "名单"
    book.active.append(["姓名", "身份证号"])
    book.active.append(["张晓静", ID])
    site.mkdir()
    book.save(site / "list.xlsx")
    write(site / "list.json.gz", gzip.compress(f'{{"a": "{CARD}"}}'.encode()))
    problems = scan_site(site, frozenset())
    assert [(p.file, p.line, p.field) for p in problems] == [
        ("site/list.json.gz", 1, "银行卡号"), ("site/list.xlsx", 2, "身份证号")]
    assert "（工作表“名单”）中有身份证号" in problems[1].message


def test_declared_contact_numbers_are_allowed(tmp_path):
    site = tmp_path / "site"
    write(site / "contacts.html", "<p>举报电话 13812345678</p>")
    assert scan_site(site, frozenset({"13812345678"})) == []


def test_unreadable_pdf_is_reported_not_skipped(tmp_path):
    site = tmp_path / "site"
    write(site / "broken.pdf", b"%PDF-1.4 this is not really a pdf")
    [problem] = scan_site(site, frozenset())
    assert problem.file == "site/broken.pdf" and "无法确认其中没有个人信息" in problem.message


def test_many_hits_in_one_file_are_capped(tmp_path):
    site = tmp_path / "site"
    rows = "\n".join(f"<td>1390000{n:04d}</td>" for n in range(FINDINGS_SHOWN_PER_FILE + 30))
    write(site / "list.html", rows)
    problems = scan_site(site, frozenset())
    assert len(problems) == FINDINGS_SHOWN_PER_FILE + 1
    assert "还有 30 处" in problems[-1].message


def test_scan_value_reports_line_within_the_value():
    body = f"第一行\n第二行写了 {ID}\n"
    [problem] = scan_value(body, "data/notices/x.yaml", 12, "body", frozenset())
    assert str(problem).startswith(f"data/notices/x.yaml:13: body: 写有身份证号 {MASKED_ID}，会被公开")
    assert scan_value("咨询 13812345678", "f", None, "summary", frozenset({"13812345678"})) == []


def test_a_masked_10000_row_list_has_no_false_hits(tmp_path):
    site = tmp_path / "site"
    body = CLEAN_PAGE * 8
    for n in range(300):
        write(site / f"p{n}" / "index.html", body)
    row = "<tr><td>张*静</td><td>1411**********0019</td><td>勍香镇东庄村</td><td>138****5678</td></tr>\n"
    write(site / "notices" / "list" / "index.html", "<table>\n" + row * 10_000 + "</table>")
    assert scan_site(site, frozenset()) == []


def test_no_break_spaces_and_word_runs_do_not_hide_numbers(tmp_path):
    site = tmp_path / "site"
    write(site / "a.html", "<p>电话 138&nbsp;1234&nbsp;5678</p>")
    runs = "".join(f"<w:r><w:t>{ID[i:i + 5]}</w:t></w:r>" for i in range(0, 18, 5))
    document = f'<w:document><w:body><w:p>{runs}</w:p><w:p><w:r><w:t>720</w:t></w:r></w:p></w:body></w:document>'
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", document)
    write(site / "attachments" / "list.docx", buffer.getvalue())
    write(site / "attachments" / "old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    problems = scan_site(site, frozenset())
    assert [(p.file, p.field) for p in problems] == [
        ("site/a.html", "手机号码"), ("site/attachments/list.docx", "身份证号"),
        ("site/attachments/old.doc", "")]
    assert "旧版 Office/WPS 文件" in problems[2].message and "另存为 .docx" in problems[2].hint


def test_number_split_by_ical_line_folding_is_found_on_its_property_line(tmp_path):
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//gongkai//test//")
    calendar.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", "notice-1@example")
    event.add("summary", "公示期")
    event.add("description", "公示名单说明" * 10 + f"联系人身份证号{ID}")
    calendar.add_component(event)
    data = calendar.to_ical()
    assert ID.encode() not in data  # the fold really splits it
    site = tmp_path / "site"
    write(site / "notices.ics", data)
    [problem] = scan_site(site, frozenset())
    lines = data.decode().splitlines()
    assert lines[problem.line - 1].startswith("DESCRIPTION:")
    assert MASKED_ID in problem.message


def test_number_split_inside_escaped_feed_markup(tmp_path):
    site = tmp_path / "site"
    split = f"&lt;p&gt;证号 &lt;span&gt;{ID[:8]}&lt;/span&gt;{ID[8:]}&lt;/p&gt;"
    write(site / "feed.xml", f"<rss>\n<item>\n<description>{split}</description>\n</item></rss>")
    [problem] = scan_site(site, frozenset())
    assert problem.line == 3 and problem.field == "身份证号"


def test_staging_folder_is_named_as_the_published_site(tmp_path):
    staging = tmp_path / "build" / ".site-x1y2"
    write(staging / "a" / "index.html", "<p>13812345678</p>")
    [problem] = scan_site(staging, frozenset(), display_root="build/site")
    assert problem.file == "build/site/a/index.html"
