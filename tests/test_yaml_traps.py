"""YAML's silent conversions and format slips each get a clear message with a line."""

from generator.load.schema_errors import validate_model
from generator.load.yaml_reader import parse_yaml
from generator.model import Contact


def problems_for(text: str):
    doc, problems = parse_yaml(text, "data/contacts.yaml")
    if doc is None or problems:
        return problems
    return validate_model(Contact, doc)[1]


def only(problems):
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_phone_number_read_as_integer():
    p = only(problems_for("id: zx\nname: 咨询电话\nkind: phone\nvalue: 13812345678\n"))
    assert (p.file, p.line, p.field) == ("data/contacts.yaml", 4, "value")
    # Shown masked, as every personal number in a message is.
    assert "被读成了数字 138****5678" in str(p) and '"138****5678"' in str(p)


def test_octal_looking_number_keeps_what_the_clerk_typed():
    # YAML 1.1 reads 0571123 as an octal integer: the hint must quote the typed text.
    p = only(problems_for("id: zx\nname: 咨询电话\nkind: phone\nvalue: 0571123\n"))
    assert '请加引号写成 "0571123"' in str(p)


def test_no_read_as_false():
    p = only(problems_for("id: zx\nname: 咨询\nkind: phone\nvalue: '0886'\nnote: no\n"))
    assert (p.line, p.field) == (5, "note")
    assert "「no」被 YAML 读成了否（false）" in p.message


def test_clock_time_read_as_sexagesimal_number():
    p = only(problems_for(
        "id: jd\nname: 接待日\nkind: reception\n"
        "schedule: {freq: monthly, bymonthday: [18], opens: 9:00, closes: '12:00'}\n"))
    assert p.field == "schedule.opens" and "「9:00」被 YAML 读成了数字 540" in p.message


def test_duplicate_key_names_both_lines():
    p = only(problems_for("id: a\nname: 甲\nkind: phone\nvalue: '1'\nname: 乙\n"))
    assert (p.line, p.field) == (5, "name") and "第 2 行" in p.message


def test_tab_indentation():
    p = only(problems_for("id: a\nschedule:\n\tfreq: weekly\n"))
    assert p.line == 3 and "制表符" in p.message and "空格" in p.hint


def test_unknown_key_suggests_the_right_one():
    p = only(problems_for("id: a\nname: 甲\nkind: phone\nvalue: '1'\nnotes: x\n"))
    assert p.field == "notes" and "「note」" in p.hint


def test_impossible_date_is_reported_not_crashed(tmp_path):
    from generator.model.items import PolicyItem
    doc, problems = parse_yaml("title: t\npublisher: p\ncreated: 2026-02-30\npublished: 2026-03-01\n"
                               "versions: [{effective_from: 2026-03-01, body: x}]\n", "data/policies/x.yaml")
    p = only(validate_model(PolicyItem, doc)[1])
    assert (p.line, p.field) == (3, "created") and "2026 年 2 月只有 28 天" in p.message


def test_wrong_literal_lists_choices():
    p = only(problems_for("id: a\nname: 甲\nkind: telephone\nvalue: '1'\n"))
    assert p.field == "kind" and "hotline" in p.hint
