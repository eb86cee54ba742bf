"""Public columns of a name list: no personal number gets through in any form a reader
recognises, no number masked by hand, no birth date beside a masked ID, no number Excel
has stored (and rounded) as a number. The cases are tests/corpus/namelist_cells.txt."""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import openpyxl
import pytest

from generator.privacy.namelist import ColumnSpec, load_name_list

from fake_ids import make_id

CORPUS = Path(__file__).parent / "corpus" / "namelist_cells.txt"
DISPLAY = "data/notices/mingdan.csv"
ID = make_id("53292319620803123")
COLUMNS = [ColumnSpec("姓名", mask="name"), ColumnSpec("身份证号", mask="id_card"), ColumnSpec("备注")]
ALLOWED = frozenset({"08833621234"})     # a declared contact channel


def _unescape(line: str) -> str:
    return re.sub(r"\\n|\\u([0-9a-fA-F]{4})",
                  lambda m: "\n" if m.group() == "\\n" else chr(int(m.group(1), 16)), line)


def corpus() -> list[str]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as file:   # quotes cells with line breaks
        csv.writer(file).writerows(rows)
    return path


def load(path: Path, columns=COLUMNS, display=DISPLAY):
    return load_name_list(path, columns, display, ALLOWED)


def digits(text: str) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", text))


def test_the_corpus_is_not_trivial():
    assert len(corpus()) >= 25


@pytest.mark.parametrize("value", corpus())
def test_every_corpus_value_in_a_public_column_is_refused(tmp_path, value):
    cell = _unescape(value)
    path = write_csv(tmp_path / "mingdan.csv",
                     [["姓名", "身份证号", "备注"], ["张秀英", ID, "无"], ["李建国", ID, cell]])
    name_list, problems = load(path)
    assert name_list is None, f"{value!r} got through"
    errors = [p for p in problems if p.level == "error"]
    assert errors and all((p.file, p.line, p.field) == (DISPLAY, 3, "备注") for p in errors)
    assert all("第3行“备注”列" in p.message for p in errors)
    if "*" not in cell and "＊" not in cell:     # the message never carries the whole number
        assert all(digits(cell)[-8:] not in digits(str(p)) for p in errors)


@pytest.mark.parametrize("value", ["勍香镇东庄村3组12号", "2026-11-23", "1,200.00元", "第3号",
                                   "0883-3621234", "张**", "奖励扶助（2026）第118号", "备注：无",
                                   "2026年11月23日 09:30", "户主 3 人"])
def test_ordinary_public_values_pass(tmp_path, value):
    path = write_csv(tmp_path / "mingdan.csv", [["姓名", "身份证号", "备注"], ["张秀英", ID, value]])
    name_list, problems = load(path)
    assert name_list is not None, [str(p) for p in problems]
    assert name_list.rows == [["张*英", "5329**********" + ID[-4:], value]]


@pytest.mark.parametrize("header", ["出生日期", "出生年月", "年龄", "生日"])
def test_a_birth_date_or_age_beside_a_masked_id_is_refused(tmp_path, header):
    path = write_csv(tmp_path / "mingdan.csv", [["姓名", "身份证号", header], ["张秀英", ID, "1962-08-03"]])
    columns = [ColumnSpec("姓名", mask="name"), ColumnSpec("身份证号", mask="id_card"), ColumnSpec(header)]
    name_list, problems = load(path, columns)
    assert name_list is None
    [problem] = [p for p in problems if p.field == header]
    assert (problem.file, problem.line) == (DISPLAY, 1) and "出生日期" in problem.message
    # Not published, or with no masked ID beside it, the column is harmless.
    hidden = [*columns[:2], ColumnSpec(header, publish=False)]
    assert load(path, hidden)[0] is not None
    no_id = [columns[0], ColumnSpec("身份证号", publish=False), ColumnSpec(header)]
    assert load(path, no_id)[0] is not None


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


NUMERIC_CASES = [
    # (column, how it is declared, the cell as Excel stores it)
    ("身份证号", ColumnSpec("身份证号", mask="id_card"), int(ID[:17] + "0")),
    ("身份证号", ColumnSpec("身份证号", mask="id_card"), float(ID[:17])),
    ("联系电话", ColumnSpec("联系电话", mask="phone"), 13812345678),
    ("证件号码", ColumnSpec("证件号码", mask="id_card"), 532923620803123),
    ("手机", ColumnSpec("手机"), 1381234),      # short, but in a phone-like column
    ("备注", ColumnSpec("备注"), 13812345678),    # an 11-digit number in any public column
    ("备注", ColumnSpec("备注"), 6222021234567890128),
]


@pytest.mark.parametrize("header,spec,stored", NUMERIC_CASES)
def test_a_number_stored_as_a_number_in_excel_is_refused(tmp_path, header, spec, stored):
    path = write_xlsx(tmp_path / "mingdan.xlsx", [["姓名", header], ["张秀英", str(stored)],
                                                  ["李建国", stored]])
    display = "data/notices/mingdan.xlsx"
    name_list, problems = load(path, [ColumnSpec("姓名", mask="name"), spec], display)
    assert name_list is None
    numeric = [p for p in problems if "存成了数字" in p.message]
    assert [(p.file, p.line, p.field) for p in numeric] == [(display, 3, header)]
    assert "文本" in numeric[0].hint


def test_small_numbers_and_hidden_columns_may_be_numbers(tmp_path):
    path = write_xlsx(tmp_path / "mingdan.xlsx", [["序号", "姓名", "人数", "联系电话"],
                                                  [1, "张秀英", 3, 13812345678]])
    columns = [ColumnSpec("序号"), ColumnSpec("姓名", mask="name"), ColumnSpec("人数"),
               ColumnSpec("联系电话", mask="phone", publish=False)]
    name_list, problems = load(path, columns, "data/notices/mingdan.xlsx")
    assert name_list is not None, [str(p) for p in problems]
    assert name_list.rows == [["1", "张*英", "3"]]
