"""Comparing versions: rows of tables, lists and Chinese text (no build needed)."""

from __future__ import annotations

from datetime import date

from generator.model import ResolvedVersion
from generator.model.items import AmountLine, Material
from generator.versions.diff import compare
from generator.versions.textdiff import char_segments, text_diff


def version(number: int, **content) -> ResolvedVersion:
    return ResolvedVersion(number, date(2026, number, 1), None, "major", content,
                           frozenset(content))


def marked(segments) -> str:
    return "".join({"equal": s.text, "delete": f"[-{s.text}]", "insert": f"[+{s.text}]"}[s.op]
                   for s in segments)


def test_chinese_edit_is_shown_as_whole_phrases():
    assert marked(char_segments("每人每年720元", "每人每年960元")) == "每人每年[-720][+960]元"
    # A lone shared character inside a rewrite is not left standing between changes.
    assert marked(char_segments("由镇政府审核", "报县卫生健康局审批")) == "[-由镇政府审核][+报县卫生健康局审批]"


def test_body_diff_keeps_paragraphs_apart_and_pairs_edited_ones():
    old = "**第一条** 本办法自2023年3月1日起施行。\n\n第二条 原有内容。"
    new = "**第一条** 本办法自2024年9月1日起施行。\n\n第二条 原有内容。\n\n第三条 新增内容。"
    blocks = text_diff(old, new)
    assert [b.op for b in blocks] == ["change", "equal", "insert"]
    assert marked(blocks[0].segments) == "第一条 本办法自[-2023年3][+2024年9]月1日起施行。"
    assert text_diff(old, old) == tuple(b for b in text_diff(old, old) if b.op == "equal")


def test_table_rows_are_matched_by_their_name():
    old = version(1, amounts=[AmountLine(label="奖励扶助金", amount=720, unit="元/人·年")],
                  materials=[Material(name="居民身份证", form="原件"),
                             Material(name="结婚证", form="复印件")])
    new = version(2, amounts=[AmountLine(label="奖励扶助金", amount=960, unit="元/人·年")],
                  materials=[Material(name="户口簿", form="原件"),
                             Material(name="居民身份证", form="原件和复印件")])
    changes = {c.field: c for c in compare(old, new, ["amounts", "materials", "steps"])}
    assert set(changes) == {"amounts", "materials"}
    (row,) = changes["amounts"].rows
    assert (row.op, row.name) == ("changed", "奖励扶助金")
    assert [(c.label, c.old, c.new) for c in row.fields] == [("金额", "720", "960")]
    ops = {(r.op, r.name) for r in changes["materials"].rows}
    assert ops == {("added", "户口簿"), ("changed", "居民身份证"), ("removed", "结婚证")}


def test_plain_lists_report_added_removed_and_edited_items():
    old = version(1, steps=["提交材料", "镇审核", "县审批"])
    new = version(2, steps=["提交材料", "镇审核，5个工作日内办结", "县审批", "领取结果"])
    (change,) = compare(old, new, ["steps"])
    assert [(r.op, r.old, r.new) for r in change.rows] == [
        ("changed", "镇审核", "镇审核，5个工作日内办结"), ("added", "", "领取结果")]
    scalar = compare(version(1, payment="现金"), version(2, payment="一卡通"), ["payment"])
    assert (scalar[0].shape, scalar[0].value.old, scalar[0].value.new) == ("value", "现金", "一卡通")


def test_a_single_record_changes_in_place():
    from generator.model.items import Period
    old = version(1, period=Period(start=date(2026, 11, 23), working_days=7))
    new = version(2, period=Period(start=date(2026, 11, 24), working_days=7))
    (change,) = compare(old, new, ["period"])
    (row,) = change.rows
    assert row.op == "changed"
    assert [(c.label, c.old, c.new) for c in row.fields] == [("开始日期", "2026-11-23", "2026-11-24")]
