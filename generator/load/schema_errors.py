"""Pydantic errors turned into the clerk's language, with line numbers.

Pydantic names the failing location as a path (`versions.0.standards.1.amount`)
and an error type; we look the path up in the YAML positions and explain the
error in Chinese, using the raw text typed in the file for YAML's traps
(a phone number read as an integer, `no` read as false, 9:30 read as 570).
"""

from __future__ import annotations

import calendar
import difflib
import re
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .yaml_errors import colon_mistake
from .yaml_reader import YamlDoc
from ..model.labels import label
from ..problems import Problem

M = TypeVar("M", bound=BaseModel)
FULL_WIDTH_SPACE = "\u3000"


def _real_path(value: Any, loc: tuple) -> tuple:
    """Drop pydantic's union/tag entries: keep only steps that exist in the data."""
    path: list = []
    for step in loc:
        if isinstance(value, dict) and step in value:
            value = value[step]
            path.append(step)
        elif isinstance(value, list) and isinstance(step, int) and 0 <= step < len(value):
            value = value[step]
            path.append(step)
        elif isinstance(value, dict) and isinstance(step, str) and step not in value and \
                not step.startswith(("function-", "literal[", "int", "str", "list", "date")):
            path.append(step)   # a missing or unknown key: still worth naming
            break
    return tuple(path)


def _field_name(path: tuple) -> str:
    parts: list[str] = []
    for step in path:
        if isinstance(step, int):
            parts[-1:] = [f"{parts[-1]}[{step + 1}]" if parts else f"[{step + 1}]"]
        else:
            parts.append(str(step))
    return ".".join(parts)


def _trap(raw: str | None, value: Any) -> tuple[str, str] | None:
    """Explain YAML's silent conversions of what the clerk meant as text."""
    text = raw if raw is not None else str(value)
    if isinstance(value, bool):
        shown = "是（true）" if value else "否（false）"
        return (f"「{text}」被 YAML 读成了{shown}，不是文字", f'请加引号写成 "{text}"')
    if isinstance(value, (int, float)):
        if ":" in text:
            return (f"「{text}」被 YAML 读成了数字 {value}", f'请加引号写成 "{text}"')
        return (f"电话号码/编号被读成了数字 {value}", f'请加引号写成 "{text}"')
    if isinstance(value, date):
        return (f"「{text}」被读成了日期", f'这里需要文字，请加引号写成 "{text}"')
    return None


def _explain(err: dict, doc: YamlDoc, path: tuple) -> tuple[str, str]:
    kind = err["type"]
    value = err.get("input")
    origin = doc.origin(path)
    raw = origin.raw if origin else None
    name = str(path[-1]) if path and isinstance(path[-1], str) else ""
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return (f"缺少必填字段「{name}」（{label(name)}）", f"请在这里加上 {name}: …")
    if kind == "extra_forbidden" and name.strip(FULL_WIDTH_SPACE) != name:
        return (f"字段「{name.strip(FULL_WIDTH_SPACE)}」前后有全角空格", "请删掉全角空格，缩进只用半角空格")
    if kind == "extra_forbidden":
        parent = doc.sub(path[:-1]).value if len(path) > 1 else doc.value
        known = _known_fields(err, parent)
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"是不是想写「{close[0]}」？" if close else ""
        if known:
            hint += "可用的字段有：" + "、".join(known)
        return (f"不认识的字段「{name}」", hint or "请删除这个字段")
    if kind in ("string_type", "string_sub_type"):
        trap = _trap(raw, value)
        if trap:
            return trap
        return ("这里应该写文字", "请改成一段文字")
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing",
                "date_from_datetime_inexact"):
        return explain_date(raw if raw is not None else str(value))
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return (f"「{raw if raw is not None else value}」不是整数", "请写一个整数，例如 5")
    if kind in ("float_type", "float_parsing"):
        return (f"「{raw if raw is not None else value}」不是数字",
                "金额请只写数字，例如 720；文字说明请写在 amount_text 里")
    if kind in ("bool_type", "bool_parsing"):
        return (f"「{raw if raw is not None else value}」不是是/否", "请写 true（是）或 false（否）")
    if kind in ("greater_than_equal", "greater_than"):
        return (f"「{raw if raw is not None else value}」不能是负数", "请改成不小于 0 的数")
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return (f"「{raw if raw is not None else value}」不是可选的值",
                f"只能写{'、'.join(choices)}" + ("中的一个" if len(choices) > 1 else ""))
    if kind == "list_type":
        return ("这里应该是列表", "每一项单独一行，以「- 」开头")
    if kind in ("model_type", "model_attributes_type", "dict_type") and isinstance(value, str):
        found = colon_mistake(value)
        if found:    # `- name：身份证` reads as one piece of text, not a field
            return found[1:]
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return ("这里应该是一组「字段: 值」", "请按模板的格式分行书写")
    if kind == "too_short":
        return ("至少要写一项", "请补上内容")
    if kind == "string_too_short":
        return ("不能为空", "请填写内容")
    if kind == "string_too_long":
        length = len(value) if isinstance(value, str) else "?"
        return (f"太长了（现在 {length} 字，最多 {ctx.get('max_length')} 字）", "请精简")
    if kind == "value_error":
        return (str(ctx.get("error", "")), "")    # our validators' own words say how
    shown = raw if raw is not None else value
    # Pydantic's own text is English: say only what and where.
    return (f"「{shown}」不符合要求" if isinstance(shown, (str, int, float)) else "这里的内容不符合要求",
            "请对照 gongkai new 生成的模板修改")


def explain_date(text: str) -> tuple[str, str]:
    """What is wrong with a date, and how to write it: a 13th month is not a matter of two digits."""
    found = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", text)
    if found:
        year, month, day = (int(part) for part in found.groups())
        if not 1 <= month <= 12:
            return (f"日期「{text}」里的月份是 {month}，一年只有 1—12 月", "请核对月份，例如 2026-11-02")
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            return (f"日期「{text}」不存在：{year} 年 {month} 月只有 {days} 天", "请核对日子")
        if len(found[2]) < 2 or len(found[3]) < 2:
            return (f"日期「{text}」的月或日只写了一位", f"请写成两位：{year}-{month:02d}-{day:02d}")
    return (f"日期「{text}」写得不对", "请写成 YYYY-MM-DD，例如 2026-11-02（年四位，月和日都是两位）")


def _known_fields(err: dict, parent: Any) -> list[str]:
    model = err.get("_model")
    return sorted(model.model_fields) if model else []


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class whose field list applies at `loc` (for 'did you mean')."""
    current: Any = model
    for step in loc[:-1]:
        if isinstance(step, int):
            continue
        field = getattr(current, "model_fields", {}).get(step)
        if field is None:
            return None
        current = _inner_model(field.annotation)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found:
            return found
    return None


def validate_model(model: type[M], doc: YamlDoc, value: Any = None) -> tuple[M | None, list[Problem]]:
    data = doc.value if value is None else value
    if not isinstance(data, dict):
        return None, [Problem(doc.file, doc.line(()), "", "文件内容应该是一组「字段: 值」",
                              "请参照 gongkai new 生成的模板书写")]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            if err["type"] == "missing" and err["loc"][-1] in doc.blanked:
                continue    # it is on a line that could not be read, already reported
            path = _real_path(data, tuple(err["loc"]))
            if err["type"] == "extra_forbidden":
                err = {**err, "_model": _model_at(model, tuple(s for s in err["loc"]
                                                             if isinstance(s, (str, int))))}
            message, hint = _explain(err, doc, path)
            problems.append(Problem(doc.file, doc.line(path), _field_name(path), message, hint))
        return None, _one_per_field(problems)


def _one_per_field(problems: list[Problem]) -> list[Problem]:
    """A field that may be one of several types fails once per type (promised_limit: a
    number of days or 即办): one problem, with every way to fix it."""
    merged: dict[tuple, Problem] = {}
    for problem in problems:
        key = (problem.line, problem.field)
        first = merged.get(key)
        if first is None:
            merged[key] = problem
        elif problem.hint not in first.hint:
            merged[key] = Problem(first.file, first.line, first.field, first.message,
                                  f"{first.hint}；或者{problem.hint}")
    return list(merged.values())


# A date that failed is stood in for by another date of the same entry, so that
# the entry's references and the rest of its dates are still checked.
_DATES = ("created", "published", "effective_from")


def salvage(model: type[M], doc: YamlDoc) -> tuple[M | None, tuple[str, ...]]:
    """The model without the fields that failed, and their names; None if that cannot be.

    The checks across files (dates in order, references) still look at the rest
    of an entry with a mistake, so one run of validate lists everything."""
    data = doc.value
    dropped: list[str] = []
    for _ in range(3):     # dropping a field can uncover an error in the model that held it
        try:
            return model.model_validate(data), tuple(dropped)
        except ValidationError as exc:
            if not isinstance(data, dict):
                return None, ()
            paths = {_real_path(data, tuple(err["loc"])) for err in exc.errors()}
            if any(not path or not isinstance(path[-1], str) for path in paths):
                return None, ()
            data = _without(data, paths)
            dropped += [_field_name(path) for path in paths]
    return None, ()


def _without(value: Any, paths: set[tuple], prefix: tuple = ()) -> Any:
    if isinstance(value, dict):
        kept = {key: _without(child, paths, prefix + (key,)) for key, child in value.items()
                if prefix + (key,) not in paths}
        stand_in = next((kept[key] for key in _DATES if isinstance(kept.get(key), date)), None)
        for key in _DATES:
            if prefix + (key,) in paths and stand_in is not None:
                kept[key] = stand_in
        return kept
    if isinstance(value, list):
        return [_without(child, paths, prefix + (n,)) for n, child in enumerate(value)]
    return value
