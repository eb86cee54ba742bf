"""Name lists (公示名单) beside a notice: read, check against the declared columns, mask.

Rows are numbered as the clerk sees them in a spreadsheet: the header is row 1 and the
first data row is row 2. Every value is read as text so leading zeros and long numbers
survive. Raw values of masked columns and unpublished columns never leave this module,
and error messages show personal values only masked.

Masks come only from the declarations, one pattern per type for the whole site
(privacy.mask): a value a clerk masked by hand in a public column is refused, since
two lists masked differently reveal a number between them; so is a birth-date or
age column beside a masked ID column, which gives back the digits the mask hid.
"""

from __future__ import annotations

import datetime
import difflib
import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from generator.privacy.detect import find_personal_numbers, id_card_problem, is_phone
from generator.privacy.mask import apply_mask, mask_for_message
from generator.problems import Problem

MaskKind = Literal["id_card", "phone", "name", "address"]

# Beyond this many of one problem in one column, the rest are counted, not listed.
REPEATS_SHOWN = 20

_CSV_ENCODINGS = ("utf-8-sig", "gb18030")  # Excel on Chinese Windows saves CSV as GBK
_READ_KW = {"header": None, "dtype": str, "keep_default_na": False}


@dataclass(frozen=True)
class ColumnSpec:
    """One declared column of a name list: how it is masked and whether it is shown."""

    name: str
    mask: MaskKind | None = None
    publish: bool = True
    required: bool = True


@dataclass
class NameList:
    """What may be published: the published columns, values already masked."""

    headers: list[str]
    rows: list[list[str]]

    @property
    def row_count(self) -> int:
        return len(self.rows)


class _Unreadable(Exception):
    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


_SAVE_AS = "请用 Excel 打开后另存为 .xlsx 或“CSV UTF-8（逗号分隔）”"

# Columns whose values are a person's numbers: one Excel stored as a number has lost digits.
_NUMBER_HEADER = re.compile(r"身份证|证件|证号|手机|电话|联系方式|银行|卡号|账号|帐号")
# Columns that give back the digits a masked ID hides (its birth date, or an age).
_BIRTH_HEADER = re.compile(r"出生|生日|年龄|岁|birth|\bage\b", re.IGNORECASE)
# Between two digits (or mask stars) these are not read: a line break from a quoted CSV
# cell, spaces, dashes and dots typed to group digits, zero-width characters.
_SPLIT = re.compile(r"(?<=[0-9*])[\s\-.·_/\u2010-\u2015\u2212\ufe58\ufe63"
                    r"\u200b-\u200d\u2060\ufeff]+(?=[0-9*])")
# 11 to 19 digits with some already replaced by stars: a phone, ID or card masked by hand.
_HAND_MASKED = re.compile(r"(?<![0-9A-Za-z*])[0-9*]{10,18}[0-9Xx*](?![0-9A-Za-z*])")
_EXCEL_DIGITS = 11   # a stored number this long is a phone, ID or card, whatever the header
# Every number checked here is at least 11 digits (or digits and stars) once read.
_LONG_RUN = re.compile(r"[0-9*]{11}")


def _read_csv(path: Path) -> list[list[str]]:
    # Imported where used (pandas and openpyxl are a second of a command's start).
    import pandas as pd

    raw = path.read_bytes()
    for encoding in _CSV_ENCODINGS:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise _Unreadable("文件编码无法识别（既不是 UTF-8 也不是 GBK/GB18030）", _SAVE_AS)
    if not text.strip():
        return []
    try:
        frame = pd.read_csv(io.StringIO(text), skip_blank_lines=False, **_READ_KW)
    except pd.errors.ParserError as error:
        raise _Unreadable(f"CSV 格式有误，某一行的列数比表头多（{error}）",
                          "检查该行是否多了逗号，或用 Excel 打开后重新另存") from None
    return frame.values.tolist()


@dataclass
class Table:
    """A list file's cells as text, header row first, and where Excel stored a number."""

    cells: list[list[str]]
    numeric: set[tuple[int, int]]       # (row, column) indexes into cells


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    return str(value)


def _read_xlsx(path: Path) -> tuple[Table, list[str]]:
    # openpyxl itself, not pandas: the cell type tells a number Excel has already
    # rounded to 15 significant digits from the digits the clerk typed as text.
    import openpyxl

    cells: list[list[str]] = []
    numeric: set[tuple[int, int]] = set()
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            sheet.reset_dimensions()    # the size a file states may be wrong; read every row
            for row_index, row in enumerate(sheet.iter_rows()):
                cells.append([_cell_text(cell.value) for cell in row])
                numeric.update((row_index, col) for col, cell in enumerate(row)
                               if cell.data_type == "n" and type(cell.value) in (int, float))
            sheets = list(book.sheetnames)
        finally:
            book.close()
    except Exception as error:   # a damaged file fails in many ways deep inside openpyxl
        raise _Unreadable(f"Excel 文件无法读取（{type(error).__name__}），可能已损坏或不是真正的 .xlsx",
                          _SAVE_AS) from None
    while cells and not any(cells[-1]):
        cells.pop()
    return Table(cells, numeric), sheets


def read_table(path: Path, display_path: str) -> tuple[list[list[str]], list[Problem]]:
    """The cells of a CSV or the first sheet of an XLSX, all text, header row first."""
    table, problems = read_cells(path, display_path)
    return table.cells, problems


def read_cells(path: Path, display_path: str) -> tuple[Table, list[Problem]]:
    """The table of a CSV or the first sheet of an XLSX, with its numeric cells."""
    empty = Table([], set())
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        hint = _SAVE_AS if suffix in (".xls", ".et", ".wps", ".ods", ".numbers") else \
            "名单只能是 .xlsx 或 .csv 文件"
        return empty, [Problem(display_path, None, "list.file", f"不支持 {suffix or '无扩展名'} 格式的名单文件", hint)]
    if not path.is_file():
        return empty, [Problem(display_path, None, "list.file", "找不到名单文件",
                               "把名单文件放在公示文件旁边，或改正 list.file 的文件名")]
    try:
        if suffix == ".csv":
            return Table(_read_csv(path), set()), []
        table, sheets = _read_xlsx(path)
    except _Unreadable as error:
        return empty, [Problem(display_path, None, "list.file", error.message, error.hint)]
    notes = []
    if len(sheets) > 1:
        notes.append(Problem(display_path, None, "list.file",
                             f"文件有 {len(sheets)} 个工作表，只读取了第一个“{sheets[0]}”",
                             "把名单放在第一个工作表，删除其余的工作表", "warning"))
    return table, notes


class _Collector:
    """Problems for one list, with repeats of one kind in one column counted past a cap."""

    def __init__(self, display_path: str):
        self.display_path = display_path
        self.items: list[Problem] = []
        self.seen: Counter[tuple[str, str]] = Counter()

    def add(self, row: int | None, column: str, message: str, hint: str, code: str = "") -> None:
        self.seen[(column, code)] += 1
        if not code or self.seen[(column, code)] <= REPEATS_SHOWN:
            self.items.append(Problem(self.display_path, row, column, message, hint))

    def summarize(self) -> None:
        for (column, _code), count in self.seen.items():
            if count > REPEATS_SHOWN:
                self.items.append(Problem(
                    self.display_path, None, column,
                    f"“{column}”列还有 {count - REPEATS_SHOWN} 处同样的问题没有逐一列出",
                    "改正上面列出的几处后再运行一次检查"))


def _check_headers(header: list[str], columns: list[ColumnSpec], out: _Collector) -> dict[str, int]:
    """Map each declared column to its position in the file, reporting mismatches."""
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        if not name:
            continue
        if name in positions:
            out.add(1, name, f"表头（第1行）中“{name}”出现了不止一次", "每一列的列名要不同")
        else:
            positions[name] = index
    declared = Counter(spec.name for spec in columns)
    for name, count in declared.items():
        if count > 1:
            out.add(None, "list.columns", f"list.columns 中“{name}”声明了 {count} 次", "每一列只声明一次")
    for spec in columns:
        if spec.name not in positions:
            close = difflib.get_close_matches(spec.name, list(positions), n=1, cutoff=0.5)
            hint = (f"文件中有“{close[0]}”，是不是要写成这个列名？" if close
                    else f"文件中的列有：{'、'.join(positions) or '（没有）'}；请核对列名")
            out.add(1, spec.name, f"表头（第1行）中没有声明的列“{spec.name}”", hint)
    for name in positions:
        if name not in declared:
            out.add(1, name, f"文件中的列“{name}”没有在 list.columns 中声明",
                    f"在 list.columns 中加上“- name: {name}”；如果这一列不能公开，再加一行 publish: false")
    return positions


def _as_read(value: str) -> str:
    """A cell as a person reads it: full-width forms folded, digit groups joined."""
    return _SPLIT.sub("", unicodedata.normalize("NFKC", value))


def _hand_masked(text: str) -> str | None:
    for match in _HAND_MASKED.finditer(text):
        run = match.group()
        if "*" in run and sum(char.isdigit() for char in run) >= 3:
            return run
    return None


def _check_public(spec: ColumnSpec, value: str, where: str, row: int,
                  allowed: frozenset[str], out: _Collector) -> None:
    """A cell published as it is: no personal number in any form a reader would recognise."""
    read = _as_read(value)
    # Most cells (names, places, categories) have no long run even when read so.
    texts = (value, read) if read != value and _LONG_RUN.search(read) else (value,)
    found = {finding.digits: finding for text in texts
             for finding in find_personal_numbers(text, allowed)}
    for finding in found.values():
        out.add(row, spec.name, f"{where}含有{finding.label} {finding.masked}，会原样公开",
                "给这一列加上 mask，或写 publish: false，或从这一格删去该号码", "leak")
    if not _LONG_RUN.search(read):
        return
    masked = _hand_masked(read)
    if masked:
        out.add(row, spec.name, f"{where}的 {mask_for_message(masked)} 像是手工遮蔽过的号码",
                "名单里填完整的号码，由 list.columns 中这一列的 mask（id_card 或 phone）统一遮蔽；"
                "各处手工遮蔽的位置不同，对照起来就能拼出完整号码。不需要公开的号码写 publish: false",
                "hand_masked")


def _check_cell(spec: ColumnSpec, value: str, row: int, allowed: frozenset[str],
                out: _Collector, numeric: bool = False) -> None:
    where = f"第{row}行“{spec.name}”列"
    if numeric and (spec.mask in ("id_card", "phone") or _NUMBER_HEADER.search(spec.name)
                    or len(value) >= _EXCEL_DIGITS):
        out.add(row, spec.name, f"{where}在 Excel 里存成了数字，不是文本：Excel 只保留 15 位有效数字，"
                "长号码的末几位会变成 0，开头的 0 也会丢失",
                "在 Excel 里把这一列设为“文本”格式，再按原始材料重新输入（或粘贴为文本）这些号码后保存",
                "numeric")
        return
    if not value:
        if spec.required:
            out.add(row, spec.name, f"{where}是空的",
                    "填上这一格；如果这一列允许空着，在声明中写 required: false", "empty")
        return
    if spec.mask == "id_card":
        reason = id_card_problem(value)
        if reason:
            out.add(row, spec.name, f"{where}的身份证号 {mask_for_message(value)} {reason}",
                    "核对证件原件后改正；在 Excel 里先把这一列设为“文本”格式再输入，"
                    "免得末几位变成 0", "id_card")
    elif spec.mask == "phone":
        if not is_phone(value):
            out.add(row, spec.name, f"{where}的 {mask_for_message(value)} 不是手机号码或带区号的固定电话",
                    "写成 11 位手机号码，或“区号-号码”形式的固定电话", "phone")
    elif spec.mask is None:
        _check_public(spec, value, where, row, allowed, out)


def _check_birth_columns(columns: list[ColumnSpec], out: _Collector) -> None:
    """A masked ID keeps its first and last 4 characters; a published birth date or age
    gives back 8 of the 10 it hides."""
    if not any(spec.publish and spec.mask == "id_card" for spec in columns):
        return
    for spec in columns:
        if spec.publish and spec.mask != "id_card" and _BIRTH_HEADER.search(spec.name):
            out.add(1, spec.name, f"“{spec.name}”列和遮蔽后的身份证号一同公开，会补出身份证号中被遮住的出生日期",
                    f"在 list.columns 中给“{spec.name}”写 publish: false，或从名单中删去这一列")


def load_name_list(path: Path, columns: list[ColumnSpec], display_path: str,
                   allowed: frozenset[str] = frozenset()) -> tuple[NameList | None, list[Problem]]:
    """Read and check a name list; the NameList is given only when there is no error.

    Unpublished columns must be declared but are neither checked nor returned.

    `display_path` names the file in messages (e.g. data/notices/x.xlsx); `allowed` holds
    declared public contact numbers, which may appear in unmasked columns.
    """
    table, notes = read_cells(path, display_path)
    out = _Collector(display_path)
    out.items.extend(notes)
    if not table.cells and not notes:
        out.add(None, "list.file", "名单文件是空的", "第1行写列名，第2行起每行一人")
    if not table.cells:
        return None, out.items
    cells = [[(value or "").strip() for value in row] for row in table.cells]
    positions = _check_headers(cells[0], columns, out)
    _check_birth_columns(columns, out)
    for index, name in enumerate(cells[0]):
        if not name and any(len(row) > index and row[index] for row in cells[1:]):
            out.add(1, f"第{index + 1}列", f"表头（第1行）第{index + 1}列没有列名，但下面有内容",
                    "给这一列写上列名并在 list.columns 中声明，或删去这一列")
    present = [spec for spec in columns if spec.name in positions]
    published = [spec for spec in columns if spec.publish]
    rows: list[list[str]] = []
    for index, row in enumerate(cells[1:], start=2):
        if not any(row):
            continue  # blank lines between or after the rows are not people
        values = {spec.name: row[positions[spec.name]] if positions[spec.name] < len(row) else ""
                  for spec in present}
        for spec in present:
            if spec.publish:  # an unpublished column is never shown, so it is not checked
                _check_cell(spec, values[spec.name], index, allowed, out,
                            (index - 1, positions[spec.name]) in table.numeric)
        rows.append([apply_mask(spec.mask, values.get(spec.name, "")) for spec in published])
    out.summarize()
    if not rows:
        out.add(None, "list.file", "名单中没有数据行（只有表头）", "从第2行起每行填一人")
    if any(problem.level == "error" for problem in out.items):
        return None, out.items
    return NameList([spec.name for spec in published], rows), out.items
