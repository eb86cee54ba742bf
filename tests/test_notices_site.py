"""Name lists through a real build: masked while the notice runs, gone after it."""

from __future__ import annotations

import csv
import re
from datetime import date

import openpyxl
import pytest
from icalendar import Calendar

from generator.build import build
from generator.cli import main
from generator.problems import ProblemsError
from generator.validated import load_and_validate

from fake_ids import make_id

PEOPLE = [("张秀英", make_id("53292319630205123"), "测试镇东庄村3组12号", "13812345678"),
          ("李建国", make_id("53292319640817045"), "测试镇西河村1组2号", "13998765432")]

NOTICE = """title: 奖励扶助新增对象名单公示
publisher: town
created: 2026-11-20
published: 2026-11-23
versions:
  - effective_from: 2026-11-23
    kind: 名单公示
    body: 拟确认以下人员为奖励扶助新增对象。
    period: {start: 2026-11-23, working_days: 7}
    objection_contacts: [jubao]
    list:
      file: mingdan.csv
      columns:
        - {name: 姓名, mask: name}
        - {name: 身份证号, mask: id_card}
        - {name: 家庭住址, mask: address}
        - {name: 联系电话, publish: false}
"""


def write_list(site, people, name="data/notices/mingdan.csv"):
    path = site.path(name)
    with path.open("w", newline="", encoding="utf-8-sig") as f:
        writer = csv.writer(f)
        writer.writerow(["姓名", "身份证号", "家庭住址", "联系电话"])
        writer.writerows(people)


@pytest.fixture
def with_list(minimal):
    minimal.write("data/notices/mingdan-gongshi.yaml", NOTICE)
    write_list(minimal, PEOPLE)
    return minimal


def site_text(site) -> str:
    out = site.root / "build/site"
    return "\n".join(p.read_text(encoding="utf-8", errors="ignore")
                     for p in sorted(out.rglob("*")) if p.is_file() and p.suffix != ".gz")


def test_during_the_period_only_masked_values_are_published(with_list):
    build(with_list.root, date(2026, 11, 25))
    page = (with_list.root / "build/site/notices/mingdan-gongshi/index.html").read_text()
    assert "张*英" in page and "5329**********" + PEOPLE[0][1][-4:] in page
    assert "测试镇东庄村" in page and "3组12号" not in page
    everything = site_text(with_list)
    for name, id_no, address, phone in PEOPLE:
        assert id_no not in everything and phone not in everything
        assert name not in everything and address not in everything
    assert "2026年11月23日至2026年12月1日" in page


def test_after_the_period_the_list_is_gone_everywhere(with_list):
    build(with_list.root, date(2026, 12, 2))
    page = (with_list.root / "build/site/notices/mingdan-gongshi/index.html").read_text()
    assert "公示期已于2026年12月1日结束，名单已按规定撤下" in page
    everything = site_text(with_list)
    for name, id_no, _, _ in PEOPLE:
        assert name[0] + "*" + name[-1] not in everything
        assert id_no[-4:] + "<" not in everything


def test_withdraw_after_days_keeps_the_list_a_little_longer(with_list):
    with_list.replace("data/notices/mingdan-gongshi.yaml", "    objection_contacts",
                      "    withdraw_after_days: 3\n    objection_contacts")
    build(with_list.root, date(2026, 12, 3))
    assert "张*英" in site_text(with_list)
    build(with_list.root, date(2026, 12, 5))
    assert "张*英" not in site_text(with_list)


def test_long_lists_are_paged(with_list):
    people = [(f"王{n}明", make_id(f"532923196302{n % 28 + 1:02d}{n % 1000:03d}"), "测试镇南坡村", "")
              for n in range(1, 1001)]
    write_list(with_list, people)
    with_list.replace("data/notices/mingdan-gongshi.yaml", "{name: 联系电话, publish: false}",
                      "{name: 联系电话, publish: false, required: false}")
    build(with_list.root, date(2026, 11, 25))
    out = with_list.root / "build/site/notices/mingdan-gongshi"
    assert sorted(p.name for p in (out / "list").iterdir()) == ["2", "3", "4", "5"]
    assert (out / "index.html").stat().st_size < 120_000
    assert "王1000明" not in (out / "index.html").read_text()
    assert re.search(r"王\*+明", (out / "list/5/index.html").read_text())
    assert 'name="robots" content="noindex"' in (out / "list/5/index.html").read_text()


@pytest.mark.parametrize("where", ["body", "summary", "attachment"])
def test_an_unmasked_id_in_the_data_stops_the_build(minimal, where):
    raw = PEOPLE[0][1]
    policy = "data/policies/xize.yaml"
    if where == "body":
        minimal.replace(policy, "第二条 本细则", f"第二条 经办人身份证 {raw}。本细则")
    elif where == "summary":
        minimal.replace(policy, "topic: 计划生育\n", f"topic: 计划生育\nsummary: 联系人身份证{raw}\n")
    else:
        minimal.replace(policy, "topic: 计划生育\n", f"topic: 计划生育\nattachments:\n  - file: {raw}.pdf\n")
        minimal.path(f"data/attachments/{raw}.pdf").write_bytes(b"%PDF-1.4\n")
    with pytest.raises(ProblemsError) as caught:
        load_and_validate(minimal.root)
    hits = [p for p in caught.value.problems if "身份证号" in p.message]
    assert hits and hits[0].file == policy and hits[0].line
    assert raw not in str(caught.value)          # the message itself masks it


def test_the_built_site_scan_stops_a_leak_from_a_template(minimal):
    build(minimal.root, date(2026, 6, 1))
    before = (minimal.root / "build/site/index.html").read_bytes()
    raw = PEOPLE[1][1]
    minimal.write("site_config/overrides/main.html",
                  '{% extends "base.html" %}{% block footer %}' + raw + "{{ super() }}{% endblock %}")
    with pytest.raises(ProblemsError) as caught:
        build(minimal.root, date(2026, 6, 1))
    problem = caught.value.problems[0]
    assert problem.file.startswith("build/site/") and "身份证号" in problem.message
    assert raw not in str(caught.value)
    assert (minimal.root / "build/site/index.html").read_bytes() == before


def test_list_errors_name_row_and_column(with_list):
    bad = [("张秀英", PEOPLE[0][1][:-1] + ("0" if PEOPLE[0][1][-1] != "0" else "1"), "测试镇东庄村", "1"),
           ("", PEOPLE[1][1], "测试镇西河村", "2")]
    write_list(with_list, bad)
    with pytest.raises(ProblemsError) as caught:
        load_and_validate(with_list.root)
    text = str(caught.value)
    assert "data/notices/mingdan.csv" in text
    assert "第2行" in text or ":2:" in text
    assert "身份证号" in text and "姓名" in text


def test_list_without_period_is_an_error(with_list):
    with_list.replace("data/notices/mingdan-gongshi.yaml",
                      "    period: {start: 2026-11-23, working_days: 7}\n", "")
    with pytest.raises(ProblemsError) as caught:
        load_and_validate(with_list.root)
    assert "有公示名单却没有写公示期" in str(caught.value)


def test_import_list_copies_and_proposes_masks(minimal, tmp_path, capsys):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "公民身份号码", "手机", "银行卡号"])
    sheet.append(["张秀英", PEOPLE[0][1], "13812345678", "6222020200112233445"])
    source = tmp_path / "名单.xlsx"
    book.save(source)
    assert main(["-C", str(minimal.root), "import-list", str(source), "--notice", "gonggao"]) == 0
    out = capsys.readouterr().out
    assert (minimal.root / "data/notices/gonggao-mingdan.xlsx").is_file()
    assert "mask: id_card" in out and "mask: phone" in out and "publish: false" in out
    assert PEOPLE[0][1] not in out
    assert main(["-C", str(minimal.root), "import-list", str(source), "--notice", "gonggao"]) == 2


def test_calendars_parse(with_list):
    build(with_list.root, date(2026, 11, 25))
    out = with_list.root / "build/site"
    notice = Calendar.from_ical((out / "notices/mingdan-gongshi/gongshi.ics").read_bytes())
    event = next(iter(notice.walk("VEVENT")))
    assert event.decoded("DTSTART") == date(2026, 11, 23)
    assert event.decoded("DTEND") == date(2026, 12, 2)     # exclusive end
    reception = Calendar.from_ical((out / "contacts/jiedai.ics").read_bytes())
    rule = next(iter(reception.walk("VEVENT")))["RRULE"]
    assert rule["FREQ"] == ["MONTHLY"] and rule["BYMONTHDAY"] == [18]
    assert "jiedai.ics" in (out / "contacts/index.html").read_text()
