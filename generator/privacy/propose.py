"""Proposing a name list's column declaration from the file (`gongkai import-list`).

A proposal never publishes a personal number as is: a column that looks like ID, phone or
bank numbers, by its header or by its values, gets a mask or `publish: false`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from generator.privacy.detect import find_personal_numbers, is_bank_card, is_id_card, is_phone
from generator.privacy.namelist import ColumnSpec, read_table
from generator.problems import ProblemsError

# Share of a column's filled cells that must look like one kind for the values to decide.
VALUE_SHARE = 0.8

# Header words, checked in this order (银行账号 is a bank column before it is anything else).
_HEADER_WORDS: tuple[tuple[tuple[str, ...], ColumnSpec], ...] = (
    (("银行卡", "卡号", "账号", "帐号", "账户", "帐户"), ColumnSpec("", publish=False)),
    (("身份证", "公民身份号码", "证件号"), ColumnSpec("", mask="id_card")),
    (("电话", "手机", "联系方式"), ColumnSpec("", mask="phone")),
    (("住址", "地址", "户籍地", "居住地"), ColumnSpec("", mask="address")),
)

_COMMENTS = {
    "id_card": "只显示前4位和后4位，如 1101**********123X",
    "phone": "显示为 138****1234",
    "name": "显示为 张*静",
    "address": "只保留到村（社区）一级",
}


def _from_header(header: str) -> ColumnSpec | None:
    compact = "".join(header.split())
    for words, spec in _HEADER_WORDS:
        if any(word in compact for word in words):
            return spec
    return None


def _from_values(values: list[str]) -> ColumnSpec | None:
    if not values:
        return None
    for check, spec in ((is_id_card, ColumnSpec("", mask="id_card")),
                        (is_bank_card, ColumnSpec("", publish=False)),
                        (is_phone, ColumnSpec("", mask="phone"))):
        if sum(map(check, values)) >= VALUE_SHARE * len(values):
            return spec
    return None


def _propose(header: str, values: list[str], blank_rows: int) -> ColumnSpec:
    filled = [value for value in values if value]
    guess = _from_values(filled) or _from_header(header) or ColumnSpec("")
    publish = guess.publish
    if publish and guess.mask is None and any(find_personal_numbers(v) for v in filled):
        publish = False  # some cells hold personal numbers and nothing would hide them
    required = len(filled) == len(values) - blank_rows
    return ColumnSpec(header, guess.mask, publish, required)


def _table_from_frame(frame: pd.DataFrame) -> list[list[str]]:
    cells = frame.astype(object).where(frame.notna(), "").astype(str)
    return [[str(name) for name in frame.columns]] + cells.values.tolist()


def propose_columns(df_or_path: pd.DataFrame | Path) -> list[ColumnSpec]:
    """A declaration for every column with a header, guessed from headers and values.

    Raises ProblemsError when a file cannot be read.
    """
    if isinstance(df_or_path, pd.DataFrame):
        table = _table_from_frame(df_or_path)
    else:
        table, problems = read_table(Path(df_or_path), str(df_or_path))
        if any(problem.level == "error" for problem in problems):
            raise ProblemsError(problems)
    if not table:
        return []
    header = [(name or "").strip() for name in table[0]]
    body = [[(value or "").strip() for value in row] for row in table[1:]]
    blank_rows = sum(1 for row in body if not any(row))
    return [_propose(name, [row[index] if index < len(row) else "" for row in body], blank_rows)
            for index, name in enumerate(header) if name]


def _scalar(text: str) -> str:
    """`text` as a YAML scalar, quoted only where YAML would misread it (1, yes, a: b)."""
    return yaml.safe_dump({"k": text}, allow_unicode=True, width=10**6)[len("k: "):].rstrip("\n")


def render_declaration(specs: list[ColumnSpec], file: str = "名单.xlsx") -> str:
    """The `list:` block for a notice's YAML file, with a Chinese comment on each choice."""
    lines = [
        "# 名单各列的声明（由 gongkai import-list 生成，请逐列核对）：",
        "# mask 是打码方式；publish: false 表示这一列不公开；required: false 表示允许空着。",
        "list:",
        f"  file: {_scalar(file)}",
        "  columns:",
    ]
    for spec in specs:
        lines.append(f"    - name: {_scalar(spec.name)}")
        if not spec.publish:
            lines.append("      publish: false  # 不公开：含身份证号、银行卡号等个人信息")
        elif spec.mask:
            lines.append(f"      mask: {spec.mask}  # {_COMMENTS[spec.mask]}")
        if not spec.required:
            lines.append("      required: false  # 文件中这一列有空格")
    return "\n".join(lines) + "\n"
