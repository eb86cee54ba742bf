"""Shared pieces of the models: strictness and the small value types."""

from __future__ import annotations

import math
import re
import types
import typing
from datetime import date, time
from functools import cache
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")   # \Z: "$" would accept a final line break


class Strict(BaseModel):
    """Unknown keys are errors: a misspelt field must not vanish silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _one_as_list(cls, data: Any) -> Any:
        """Clerks write `bymonthday: 18` for a list of one: accept a single value
        wherever a list is expected, for every model at once."""
        if not isinstance(data, dict):
            return data
        single = [key for key in _list_fields(cls)
                  if key in data and data[key] is not None and not isinstance(data[key], list)]
        return {**data, **{key: [data[key]] for key in single}} if single else data


@cache
def _list_fields(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(name for name, info in model.model_fields.items() if _is_list(info.annotation))


def _is_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) in (list, typing.List):
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(_is_list(arg) for arg in typing.get_args(annotation))
    return False


def _time_text(value: str) -> time:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", value.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValueError(f"时间「{value}」写得不对，请写成 HH:MM，例如 \"09:00\"")
    return time(int(match[1]), int(match[2]))


# Typed as text first: YAML 1.1 reads 9:30 as the number 570, and the schema
# must report that trap instead of turning 570 into a time of day.
ClockTime = Annotated[str, AfterValidator(_time_text)]

# Bounds far beyond any real value: a date or count past them only comes from a
# typo, and would overflow date arithmetic (period: {days: 999999999}).
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2199, 12, 31)
MAX_DAYS = 3660
MAX_AMOUNT = 1e12


def _plausible_day(value: date) -> date:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValueError(f"日期「{value.isoformat()}」超出范围（{FIRST_DAY.year} 年到 {LAST_DAY.year} 年之间），"
                         "请检查年份是否写错")
    return value


def _plausible_days(value: int) -> int:
    if value > MAX_DAYS:
        raise ValueError(f"天数 {value} 太大（最多 {MAX_DAYS} 天），请检查是否多写了数字")
    return value


def _plausible_amount(value: float) -> float:
    if not math.isfinite(value) or value > MAX_AMOUNT:
        raise ValueError(f"金额 {value} 不是合理的数（最多 {MAX_AMOUNT:,.0f}），请检查是否多写了数字")
    return value


Day = Annotated[date, AfterValidator(_plausible_day)]
Days = Annotated[int, Field(ge=0), AfterValidator(_plausible_days)]
Amount = Annotated[float, AfterValidator(_plausible_amount), Field(ge=0)]
Text = Annotated[str, Field(min_length=1)]
