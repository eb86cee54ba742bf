"""Reading, checking and masking name lists beside notices."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from generator.privacy.namelist import REPEATS_SHOWN, ColumnSpec, load_name_list
from fake_ids import make_id


ID_A = make_id("14112219550612001")
ID_B = make_id("14112219600301002")
BAD_ID = ID_A[:17] + ("1" if ID_A[17] != "1" else "2")
COLUMNS = [
    ColumnSpec("序号"),
    ColumnSpec("姓名"),
    ColumnSpec("身份证号", mask="id_card"),
    ColumnSpec("联系电话", mask="phone", publish=False),
    ColumnSpec("家庭住址", mask="address"),
    ColumnSpec("扶助类别"),
]
HEADER = ["序号", "姓名", "身份证号", "联系电话", "家庭住址", "扶助类别"]
GOOD_ROWS = [
    ["001", "张晓静", ID_A, "13812345678", "勍香镇东庄村3组12号", "奖励扶助"],
    ["002", "李明", ID_B, "0351-7654321", "勍香镇西庄村1组5号", "特别扶助"],
]


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    path.write_bytes("\r\n".join(",".join(row) for row in rows).encode(encoding))
    return path


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


def test_xlsx_published_columns_masked_in_declared_order(tmp_path):
    path = write_xlsx(tmp_path / "list.xlsx", [HEADER, *GOOD_ROWS])
    names, problems = load_name_list(path, COLUMNS, "data/notices/fuzhu.xlsx")
    assert problems == []
    assert names.headers == ["序号", "姓名", "身份证号", "家庭住址", "扶助类别"]
    assert names.row_count == 2
    assert names.rows[0] == ["001", "张晓静", ID_A[:4] + "*" * 10 + ID_A[-4:], "勍香镇东庄村", "奖励扶助"]
    flat = repr(names)
    assert ID_A not in flat and "13812345678" not in flat and "0351-7654321" not in flat
    assert "3组12号" not in flat


def test_csv_keeps_leading_zeros_and_skips_blank_lines(tmp_path):
    path = write_csv(tmp_path / "list.csv", [HEADER, GOOD_ROWS[0], [""] * 6, GOOD_ROWS[1], []])
    names, problems = load_name_list(path, COLUMNS, "data/notices/fuzhu.csv")
    assert problems == []
    assert [row[0] for row in names.rows] == ["001", "002"]


def test_gb18030_csv_saved_by_excel(tmp_path):
    path = write_csv(tmp_path / "list.csv", [HEADER, *GOOD_ROWS], encoding="gb18030")
    names, problems = load_name_list(path, COLUMNS, "data/notices/fuzhu.csv")
    assert problems == []
    assert names.rows[1][1] == "李明" and names.rows[1][3] == "勍香镇西庄村"


def test_name_mask_only_when_declared(tmp_path):
    path = write_xlsx(tmp_path / "list.xlsx", [["姓名"], ["张晓静"]])
    names, _ = load_name_list(path, [ColumnSpec("姓名", mask="name")], "x.xlsx")
    assert names.rows == [["张*静"]]


def test_missing_and_extra_columns_reported_at_header_row(tmp_path):
    header = ["序号", "姓名", "身份证号码", "联系电话", "家庭住址", "扶助类别", "银行卡号"]
    path = write_xlsx(tmp_path / "list.xlsx", [header, GOOD_ROWS[0] + ["6222021234567890"]])
    names, problems = load_name_list(path, COLUMNS, "data/notices/fuzhu.xlsx")
    assert names is None
    text = messages(problems)
    assert any(m.startswith("data/notices/fuzhu.xlsx:1: 身份证号: ") and "没有声明的列“身份证号”" in m
               and "身份证号码" in m for m in text), text
    assert any(m.startswith("data/notices/fuzhu.xlsx:1: 银行卡号: ") and "publish: false" in m
               for m in text), text


def test_empty_required_cell_with_spreadsheet_row(tmp_path):
    rows = [HEADER, GOOD_ROWS[0], ["002", "", ID_B, "13812345678", "勍香镇东庄村", "特别扶助"]]
    path = write_xlsx(tmp_path / "list.xlsx", rows)
    names, problems = load_name_list(path, COLUMNS, "data/notices/fuzhu.xlsx")
    assert names is None
    assert messages(problems) == [
        "data/notices/fuzhu.xlsx:3: 姓名: 第3行“姓名”列是空的，填上这一格；如果这一列允许空着，"
        "在声明中写 required: false"]


def test_optional_column_may_be_empty(tmp_path):
    columns = [ColumnSpec("姓名"), ColumnSpec("联系电话", mask="phone", required=False)]
    path = write_csv(tmp_path / "list.csv", [["姓名", "联系电话"], ["张晓静", ""]])
    names, problems = load_name_list(path, columns, "x.csv")
    assert problems == [] and names.rows == [["张晓静", ""]]


def test_bad_id_numbers_named_with_row_and_never_shown_raw(tmp_path):
    impossible = make_id("14112219990230003")
    rows = [HEADER, ["001", "张晓静", BAD_ID, "13812345678", "勍香镇东庄村", "奖励扶助"],
            ["002", "李明", impossible, "13812345678", "勍香镇东庄村", "奖励扶助"]]
    path = write_xlsx(tmp_path / "list.xlsx", rows)
    names, problems = load_name_list(path, COLUMNS, "data/notices/fuzhu.xlsx")
    assert names is None
    text = messages(problems)
    assert len(text) == 2
    assert text[0].startswith("data/notices/fuzhu.xlsx:2: 身份证号: 第2行") and "校验码" in text[0]
    assert text[1].startswith("data/notices/fuzhu.xlsx:3: 身份证号: 第3行") and "出生日期" in text[1]
    assert BAD_ID not in "".join(text) and impossible not in "".join(text)


def test_phone_column_value_that_is_not_a_phone(tmp_path):
    rows = [HEADER, ["001", "张晓静", ID_A, "1381234", "勍香镇东庄村", "奖励扶助"]]
    path = write_xlsx(tmp_path / "list.xlsx", rows)
    columns = [ColumnSpec("联系电话", mask="phone") if c.name == "联系电话" else c for c in COLUMNS]
    _, problems = load_name_list(path, columns, "data/notices/fuzhu.xlsx")
    [problem] = problems
    assert (problem.line, problem.field) == (2, "联系电话")
    assert "不是手机号码" in problem.message and "1381234" not in str(problem)


def test_number_in_unmasked_published_column_is_an_error(tmp_path):
    columns = [ColumnSpec("姓名"), ColumnSpec("备注")]
    path = write_csv(tmp_path / "list.csv", [["姓名", "备注"], ["张晓静", f"证号{ID_A}"]])
    names, problems = load_name_list(path, columns, "x.csv")
    assert names is None
    [problem] = problems
    assert (problem.line, problem.field) == (2, "备注") and "身份证号" in problem.message
    assert ID_A not in str(problem)


def test_allowed_contact_number_may_appear_in_unmasked_column(tmp_path):
    columns = [ColumnSpec("姓名"), ColumnSpec("咨询电话")]
    path = write_csv(tmp_path / "list.csv", [["姓名", "咨询电话"], ["张晓静", "13812345678"]])
    names, problems = load_name_list(path, columns, "x.csv", allowed=frozenset({"13812345678"}))
    assert problems == [] and names.rows == [["张晓静", "13812345678"]]


def test_repeats_in_one_column_are_capped_and_counted(tmp_path):
    rows = [["姓名", "类别"]] + [["", "奖励扶助"] for _ in range(REPEATS_SHOWN + 5)]
    path = write_xlsx(tmp_path / "list.xlsx", rows)
    _, problems = load_name_list(path, [ColumnSpec("姓名"), ColumnSpec("类别")], "x.xlsx")
    assert len(problems) == REPEATS_SHOWN + 1
    assert problems[-1].line is None and "还有 5 处" in problems[-1].message


def test_unsupported_extension_and_unreadable_file(tmp_path):
    xls = tmp_path / "list.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0")
    names, [problem] = load_name_list(xls, COLUMNS, "data/notices/list.xls")
    assert names is None and ".xls" in problem.message and "另存为 .xlsx" in problem.hint
    broken = tmp_path / "list.xlsx"
    broken.write_bytes(b"not a zip")
    names, [problem] = load_name_list(broken, COLUMNS, "data/notices/list.xlsx")
    assert names is None and "无法读取" in problem.message
    names, [problem] = load_name_list(tmp_path / "gone.csv", COLUMNS, "data/notices/gone.csv")
    assert names is None and "找不到" in problem.message


def test_undecodable_csv(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(b"\xff\xfe\x00\xd8\x81\x30\xff\xff")
    names, [problem] = load_name_list(path, COLUMNS, "x.csv")
    assert names is None and "编码" in problem.message


def test_header_only_list_is_an_error(tmp_path):
    path = write_csv(tmp_path / "list.csv", [HEADER])
    names, [problem] = load_name_list(path, COLUMNS, "x.csv")
    assert names is None and "没有数据行" in problem.message


def test_extra_sheets_are_a_warning_and_list_still_loads(tmp_path):
    path = write_xlsx(tmp_path / "list.xlsx", [HEADER, *GOOD_ROWS])
    book = openpyxl.load_workbook(path)
    book.create_sheet("草稿").append(["随便写写"])
    book.save(path)
    names, [problem] = load_name_list(path, COLUMNS, "x.xlsx")
    assert problem.level == "warning" and "2 个工作表" in problem.message
    assert names.row_count == 2


def test_unpublished_columns_are_not_checked(tmp_path):
    rows = [HEADER, ["001", "张晓静", ID_A, "", "勍香镇东庄村", "奖励扶助"],
            ["002", "李明", ID_B, "不详", "勍香镇西庄村", "特别扶助"]]
    path = write_xlsx(tmp_path / "list.xlsx", rows)
    names, problems = load_name_list(path, COLUMNS, "x.xlsx")
    assert problems == [] and names.row_count == 2


def test_column_without_header_and_column_declared_twice(tmp_path):
    path = write_csv(tmp_path / "list.csv", [["姓名", ""], ["张晓静", "13812345678"]])
    columns = [ColumnSpec("姓名"), ColumnSpec("姓名", mask="name")]
    names, problems = load_name_list(path, columns, "x.csv")
    assert names is None
    assert [(p.line, p.field) for p in problems] == [(None, "list.columns"), (1, "第2列")]
    assert "13812345678" not in "".join(str(p) for p in problems)
