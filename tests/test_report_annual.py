"""The annual report: counts from the catalogue, the official table's own sums
checked with file/line/column, the `gongkai report` command and the page."""

from __future__ import annotations

import re
from datetime import date

import pytest

from generator.build import build
from generator.cli import main
from generator.problems import ProblemsError
from generator.report.counts import count_documents
from generator.validated import load_and_validate

AS_OF = date(2026, 11, 28)

POLICY = """\
title: {title}
publisher: {publisher}
created: {created}
published: {created}
{extra}versions:
  - effective_from: {created}
    doc_no: {doc_no}
    genre: {genre}
    body: 正文。
"""


def add_policy(site, slug, title, created, genre, doc_no, publisher="town", extra="", more=""):
    site.write(f"data/policies/{slug}.yaml",
               POLICY.format(title=title, publisher=publisher, created=created, genre=genre,
                             doc_no=doc_no, extra=extra) + more)


@pytest.fixture
def policies(minimal):
    """The minimal site plus policies with known issue and repeal dates."""
    minimal.append("data/organizations.yaml", """\
- id: office
  name: 测试镇计生办
  parent: town
- id: county
  name: 测试县卫生健康局
""")
    add_policy(minimal, "old-2024", "二〇二四年的办法", "2024-05-06", "行政规范性文件", "测政发〔2024〕2号",
               extra="repealed: {date: 2025-06-30, reason: 清理废止}\n")
    add_policy(minimal, "new-2025", "二〇二五年的办法", "2025-02-10", "行政规范性文件", "测政发〔2025〕1号",
               publisher="office")
    add_policy(minimal, "rule-2025", "二〇二五年的规章", "2025-03-01", "规章", "测政令〔2025〕1号")
    add_policy(minimal, "revised", "修订过的细则", "2023-01-10", "行政规范性文件", "测政发〔2023〕1号",
               more="""\
  - effective_from: 2025-07-01
    change_note: 重新印发
    doc_no: 测政发〔2025〕5号
""")
    add_policy(minimal, "notice-2025", "一份通知", "2025-04-01", "通知", "测政办发〔2025〕3号")
    add_policy(minimal, "county-2025", "县里的文件", "2025-05-01", "行政规范性文件", "测卫发〔2025〕9号",
               publisher="county")
    return minimal


def test_counts_come_from_the_catalogue(policies):
    site, _ = load_and_validate(policies.root)
    counts = count_documents(site, 2025, "town")
    normative = counts["行政规范性文件"]
    # Issued: new-2025 (by an internal body) and the re-issued 细则; repealed: old-2024 and the
    # 细则's first 文号, replaced; the county's file and the 通知 are not counted.
    assert sorted(d.doc_no for d in normative.issued) == ["测政发〔2025〕1号", "测政发〔2025〕5号"]
    assert sorted(d.doc_no for d in normative.repealed) == ["测政发〔2023〕1号", "测政发〔2024〕2号"]
    assert normative.numbers() == (2, 2, 2)
    assert counts["规章"].numbers() == (1, 0, 1)
    # A year later the minimal site's own 细则 (created 2026) is issued and in force too.
    assert count_documents(site, 2026, "town")["行政规范性文件"].numbers() == (1, 0, 3)


def test_report_command_prints_the_tables(policies, capsys):
    assert main(["-C", str(policies.root), "report", "2025"]) == 0
    captured = capsys.readouterr()
    out = captured.out
    # No data/report/2025.yaml: a draft with the counted parts filled in.
    assert "没有 data/report/2025.yaml" in captured.err
    assert "（请在 data/report/2025.yaml 的 applications 中填写。）" in out
    assert re.search(r"行政规范性文件</td><td>2</td><td>2</td><td>2</td>", out)
    assert re.search(r"规章</td><td>1</td><td>0</td><td>1</td>", out)
    for section in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况",
                    "六、其他需要报告的事项"):
        assert f">{section}</h2>" in out


def test_example_report_2025(example, capsys, tmp_path):
    assert main(["-C", str(example.root), "report", "2025"]) == 0
    out = capsys.readouterr().out
    assert "勍香镇人民政府2025年政府信息公开工作年度报告" in out
    assert out.count("<table class=\"gk-form\">") == 3
    # 一、本年新收: 自然人 5, 商业企业 1, … 总计 6; （七）总计 and 四 follow from them.
    assert re.search(r"一、本年新收政府信息公开申请数量</td>(<td>5</td><td>1</td>(<td>0</td>){4}<td>6</td>)", out)
    assert re.search(r"（七）总计</td><td>5</td><td>1</td>(<td>0</td>){4}<td>6</td>", out)
    assert re.search(r"四、结转下年度继续办理</td><td>1</td>(<td>0</td>){5}<td>1</td>", out)
    # The 社会抚养费 细则 was repealed in 2021; only the 举报奖励办法 was in force in 2025.
    assert "行政规范性文件</td><td>0</td><td>0</td><td>1</td>" in out
    target = tmp_path / "report.md"
    assert main(["-C", str(example.root), "report", "2025", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == out


REPORT = """\
overview: 总体情况。
issues: 存在的问题。
applications:
  自然人:
    本年新收: 3
    予以公开: 3
  法人或其他组织:
    商业企业:
      本年新收: 12
      予以公开: 10
      部分公开: 2
reviews: {}
"""
UNBALANCED = REPORT.replace("      部分公开: 2\n", "      部分公开: 1\n")


def errors_of(site) -> list[str]:
    with pytest.raises(ProblemsError) as caught:
        load_and_validate(site.root)
    return [str(p) for p in caught.value.problems]


def test_report_breaking_the_balance_is_rejected_naming_the_column(minimal):
    minimal.write("data/report/2026.yaml", UNBALANCED)
    assert errors_of(minimal) == [
        "data/report/2026.yaml:8: applications.法人或其他组织.商业企业: "
        "一+二（12）不等于 三+四（11），请核对"]
    assert main(["-C", str(minimal.root), "validate"]) == 1


@pytest.mark.parametrize("old, new, expected", [
    ("      部分公开: 2\n", "      部分公开: 2\n      总计: 3\n",
     "data/report/2026.yaml:12: applications.法人或其他组织.商业企业.总计: （七）总计（3）不等于（一）至（六）之和（12）"),
    ("reviews: {}\n", "reviews:\n  行政复议: {结果维持: 1, 总计: 2}\n",
     "reviews.行政复议.总计: 总计（2）不等于结果维持、结果纠正、其他结果、尚未审结之和（1）"),
    ("reviews: {}\n", "reviews: {}\nactive:\n  行政规范性文件: {本年制发件数: 5}\n",
     "active.行政规范性文件.本年制发件数: 填写的 5 与政策文件目录统计的 1 不一致"),
    ("    本年新收: 3\n", "    本年新受: 3\n", "不认识的字段「本年新受」，是不是想写「本年新收」？"),
    ("    予以公开: 3\n", "    予以公开: -3\n", "「-3」不能是负数"),
])
def test_report_errors_are_explained(minimal, old, new, expected):
    minimal.write("data/report/2026.yaml", REPORT.replace(old, new))
    found = errors_of(minimal)
    assert any(expected in error for error in found), found


def test_report_total_column_is_checked(minimal):
    minimal.write("data/report/2026.yaml", REPORT.replace(
        "reviews:", "  总计:\n    本年新收: 14\n    予以公开: 13\nreviews:"))
    found = errors_of(minimal)
    assert any("applications.总计.本年新收: 总计列（14）不等于自然人与法人或其他组织各列之和（15）" in e
               for e in found), found


def test_report_page_is_built_and_listed(minimal):
    minimal.write("data/report/2026.yaml", REPORT)
    build(minimal.root, AS_OF)
    page = (minimal.root / "build/site/reports/2026/index.html").read_text(encoding="utf-8")
    assert "测试镇人民政府2026年政府信息公开工作年度报告" in page
    assert re.search(r'<td[^>]* rowspan="22"[^>]*>三、本年度办理结果</td>', page)
    index = (minimal.root / "build/site/reports/index.html").read_text(encoding="utf-8")
    assert 'href="2026/"' in index


def test_report_file_name_and_year_must_agree(minimal):
    minimal.write("data/report/report2026.yaml", REPORT)
    minimal.write("data/report/2025.yaml", "year: 2024\n" + REPORT)
    found = errors_of(minimal)
    assert any("data/report/report2026.yaml: 文件名: 年度报告数据的文件名「report2026.yaml」不是年份" in e
               for e in found), found
    assert any(e.startswith("data/report/2025.yaml:1: year: year 写的是 2024") for e in found), found
