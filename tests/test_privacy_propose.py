"""Proposing a name list's column declaration from its headers and values."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest
import yaml

from generator.privacy.detect import luhn_valid
from generator.privacy.namelist import ColumnSpec, load_name_list
from generator.privacy.propose import propose_columns, render_declaration
from generator.problems import ProblemsError
from fake_ids import make_id


def make_card(first: str) -> str:
    return next(first + last for last in "0123456789" if luhn_valid(first + last))


IDS = [make_id(f"14112219{50 + n}0612{n:03d}") for n in range(5)]
CARDS = [make_card(f"62220212345678{n}") for n in range(5)]


def test_headers_decide_masks():
    frame = pd.DataFrame({
        "序号": ["1", "2"], "姓名": ["张晓静", "李明"], "公民身份号码": ["x", "y"],
        "联系电话": ["a", "b"], "家庭住址": ["勍香镇东庄村3组", "勍香镇西庄村1组"],
        "银行账号": ["c", "d"], "扶助类别": ["奖励扶助", "特别扶助"],
    })
    assert propose_columns(frame) == [
        ColumnSpec("序号"), ColumnSpec("姓名"), ColumnSpec("公民身份号码", mask="id_card"),
        ColumnSpec("联系电话", mask="phone"), ColumnSpec("家庭住址", mask="address"),
        ColumnSpec("银行账号", publish=False), ColumnSpec("扶助类别"),
    ]


def test_values_decide_when_headers_say_nothing():
    frame = pd.DataFrame({
        "证件": IDS, "号码": [f"1381234567{n}" for n in range(5)], "其他": CARDS,
    })
    assert propose_columns(frame) == [
        ColumnSpec("证件", mask="id_card"), ColumnSpec("号码", mask="phone"),
        ColumnSpec("其他", publish=False)]


def test_a_few_personal_numbers_in_a_plain_column_keep_it_unpublished():
    frame = pd.DataFrame({"备注": ["无", "无", "无", "无", "联系 13812345678"]})
    assert propose_columns(frame) == [ColumnSpec("备注", publish=False)]


def test_empty_cells_make_a_column_optional():
    frame = pd.DataFrame({"姓名": ["张晓静", "李明"], "备注": ["", None]})
    assert propose_columns(frame) == [ColumnSpec("姓名"), ColumnSpec("备注", required=False)]


def test_proposal_from_xlsx_loads_and_never_publishes_raw_numbers(tmp_path):
    path = tmp_path / "名单.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["序号", "姓名", "身份证号", "手机", "开户账号", "住址"])
    for n in range(5):
        book.active.append([f"{n + 1:03d}", "张晓静", IDS[n], f"1391234567{n}", CARDS[n],
                            f"勍香镇东庄村{n}组"])
    book.save(path)
    specs = propose_columns(path)
    names, problems = load_name_list(path, specs, "data/notices/名单.xlsx")
    assert problems == []
    published = repr(names)
    assert not any(raw in published for raw in IDS + CARDS + ["13912345670"])
    assert names.headers == ["序号", "姓名", "身份证号", "手机", "住址"]
    assert names.rows[0][0] == "001"


def test_unreadable_file_raises_with_problems(tmp_path):
    path = tmp_path / "名单.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(ProblemsError) as raised:
        propose_columns(path)
    assert ".xls" in str(raised.value)


def test_render_declaration_is_yaml_with_chinese_comments():
    specs = [ColumnSpec("序号"), ColumnSpec("1"), ColumnSpec("身份证号", mask="id_card"),
             ColumnSpec("银行卡号", publish=False), ColumnSpec("备注", required=False)]
    text = render_declaration(specs, "fuzhu.xlsx")
    assert "mask: id_card  # 只显示前4位和后4位" in text
    assert "publish: false  # 不公开" in text
    assert yaml.safe_load(text) == {"list": {"file": "fuzhu.xlsx", "columns": [
        {"name": "序号"}, {"name": "1"}, {"name": "身份证号", "mask": "id_card"},
        {"name": "银行卡号", "publish": False}, {"name": "备注", "required": False}]}}
