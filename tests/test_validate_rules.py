"""One broken fixture per validator rule: each message names file, line and field."""

from __future__ import annotations

import pytest

from generator.problems import ProblemsError
from generator.validated import load_and_validate


def errors_of(site):
    with pytest.raises(ProblemsError) as caught:
        load_and_validate(site.root)
    return caught.value.problems


def warnings_of(site):
    return load_and_validate(site.root)[1]


def find(problems, file, field):
    hits = [p for p in problems if p.file == file and p.field == field]
    assert hits, "\n".join(str(p) for p in problems)
    return hits[0]


POLICY = "data/policies/xize.yaml"
FEE = "data/fees/fuyangfei.yaml"
SERVICE = "data/services/guangrongzheng.yaml"
SUBSIDY = "data/subsidies/jiangli.yaml"
NOTICE = "data/notices/gonggao.yaml"


def test_the_fixture_itself_is_clean(minimal):
    site, warnings = load_and_validate(minimal.root)
    assert len(site.items) == 5 and warnings == []


def test_missing_required_key(minimal):
    minimal.replace(POLICY, "publisher: town\n", "")
    p = find(errors_of(minimal), POLICY, "publisher")
    assert "缺少必填字段「publisher」（发布机构）" in p.message and p.line == 1


def test_unknown_key_in_a_version(minimal):
    minimal.replace(FEE, "    deferrals:", "    deferal:")
    p = find(errors_of(minimal), FEE, "versions[1].deferal")
    assert p.line == 14 and "deferrals" in p.hint


def test_wrong_type(minimal):
    minimal.replace(POLICY, "topic: 计划生育\n", "topic: 计划生育\nkeywords: {计划生育: 是}\n")
    p = find(errors_of(minimal), POLICY, "keywords")
    assert p.line == 7 and "文字" in p.message


def test_duplicate_slug_across_kinds(minimal):
    minimal.write("data/notices/xize.yaml", minimal.read(NOTICE))
    p = find(errors_of(minimal), "data/notices/xize.yaml", "文件名")
    assert POLICY in p.message


def test_duplicate_index_number(minimal):
    minimal.replace(FEE, 'index_no: "TEST/2026-00002"', 'index_no: "TEST/2026-00001"')
    p = find(errors_of(minimal), FEE, "index_no")
    assert p.line == 5 and POLICY in p.message


@pytest.mark.parametrize("file, old, new, field, line, what", [
    (POLICY, "publisher: town", "publisher: tonw", "publisher", 2, "机构「tonw」"),
    (FEE, "contacts: [zixun, jubao]", "contacts: [zixun, jubaoo]", "versions[1].contacts[2]", 15,
     "联系渠道「jubaoo」"),
    (SERVICE, "fee: 不收费", "fee: nope", "versions[1].fee", 14, "收费标准「nope」"),
    (FEE, "related: [xize]", "related: [xizee]", "related[1]", 7, "相关文件「xizee」"),
])
def test_dangling_references(minimal, file, old, new, field, line, what):
    minimal.replace(file, old, new)
    p = find(errors_of(minimal), file, field)
    assert p.line == line and what in p.message


def test_dangling_interprets(minimal):
    minimal.replace(POLICY, "    genre: 行政规范性文件\n", "    genre: 政策解读\n    interprets: fuyangfei\n")
    p = find(errors_of(minimal), POLICY, "versions[1].interprets")
    assert p.line == 11 and "被解读的政策文件" in p.message


def test_created_after_published(minimal):
    minimal.replace(POLICY, "created: 2026-03-02", "created: 2026-03-09")
    p = find(errors_of(minimal), POLICY, "published")
    assert p.line == 4 and "早于生成日期" in p.message


def test_versions_must_increase(minimal):
    minimal.append(NOTICE, "  - effective_from: 2026-03-01\n    body: 更正。\n")
    p = find(errors_of(minimal), NOTICE, "versions[2].effective_from")
    assert p.line == 9 and "不晚于上一个版本" in p.message


def test_negative_amount(minimal):
    minimal.replace(SUBSIDY, "amount: 720", "amount: -720")
    p = find(errors_of(minimal), SUBSIDY, "versions[1].amounts[1].amount")
    assert p.line == 11 and "负数" in p.message


def test_phone_number_as_integer_in_contacts(minimal):
    minimal.replace("data/contacts.yaml", 'value: "0883-3621315"', "value: 13812345678")
    p = find(errors_of(minimal), "data/contacts.yaml", "[2].value")
    # Messages never repeat a mobile number in full, not even a declared one.
    assert p.line == 9 and '"138****5678"' in p.hint and "13812345678" not in str(p)


def test_no_read_as_false(minimal):
    minimal.replace(SERVICE, "fee: 不收费", "fee: no")
    p = find(errors_of(minimal), SERVICE, "versions[1].fee")
    assert "「no」被 YAML 读成了否" in p.message


@pytest.mark.parametrize("body, what", [
    ("<script>alert(1)</script>", "<script> 标签"),
    ('<a href="#" onclick="steal()">点击</a>', "onclick"),
    ("[办理](javascript:alert(1))", "javascript:"),
    ('<iframe src="https://example.com"></iframe>', "<iframe>"),
])
def test_unsafe_html_in_body(minimal, body, what):
    minimal.replace(POLICY, "      第二条 本细则自发布之日起施行。\n",
                    f"      第二条 本细则自发布之日起施行。\n\n      {body}\n")
    # The sanitiser removes it from the page; the clerk is told why (issue 18).
    p = find(warnings_of(minimal), POLICY, "versions[1].body")
    assert p.line == 16 and what in p.message and p.level == "warning"


def test_simple_html_in_body_is_allowed(minimal):
    minimal.replace(POLICY, "      第二条", "      <strong>第二条</strong>")
    load_and_validate(minimal.root)


@pytest.mark.parametrize("setup, entry, message", [
    (None, "../secret.pdf", "不在 data/attachments/ 里"),
    (None, "run.exe", "附件类型 .exe 不允许公开"),
    (None, "missing.pdf", "找不到附件"),
    ("big.pdf", "big.pdf", "超过上限"),
])
def test_attachments(minimal, setup, entry, message):
    minimal.replace(POLICY, "topic: 计划生育\n", f"topic: 计划生育\nattachments:\n  - file: {entry}\n")
    if setup:
        minimal.path("data/attachments").mkdir(exist_ok=True)
        minimal.path(f"data/attachments/{setup}").write_bytes(b"%PDF" + b"0" * (21 * 1024 * 1024))
    p = find(errors_of(minimal), POLICY, "attachments[1].file")
    assert p.line == 8 and message in p.message


def test_topic_outside_taxonomy_is_a_warning_naming_the_known_ones(minimal):
    minimal.replace(POLICY, "topic: 计划生育", "topic: 卫生")
    p = find(warnings_of(minimal), POLICY, "topic")
    assert p.level == "warning" and "计划生育、财政收费" in p.hint


def test_late_publication_is_a_warning(minimal):
    minimal.replace(POLICY, "published: 2026-03-04", "published: 2026-04-20")
    minimal.replace(POLICY, "effective_from: 2026-03-04", "effective_from: 2026-04-20")
    p = find(warnings_of(minimal), POLICY, "published")
    assert p.level == "warning" and "第二十六条" in p.message


def test_name_list_notice_without_objection_channel_is_a_warning(minimal):
    minimal.replace(NOTICE, "kind: 公告", "kind: 名单公示")
    p = find(warnings_of(minimal), NOTICE, "versions[1].objection_contacts")
    assert p.level == "warning" and p.line == 6


def test_short_notice_period_is_a_warning(minimal):
    minimal.append(NOTICE, "    period: {start: 2026-03-04, working_days: 3}\n")
    p = find(warnings_of(minimal), NOTICE, "versions[1].period")
    assert p.level == "warning" and "少于5个工作日" in p.message


def test_every_error_is_reported_in_one_run(minimal):
    minimal.replace(POLICY, "publisher: town", "publisher: tonw")
    minimal.replace(FEE, "related: [xize]", "related: [xizee]")
    minimal.replace(SUBSIDY, "amount: 720", "amount: -720")
    assert {p.file for p in errors_of(minimal)} == {POLICY, FEE, SUBSIDY}
