"""Notice periods (公示期): when they end, where they stand on a day, how pages say them.

A notice gives `period: {start, days | working_days | end}`, exactly one of the
three. Both ends are inclusive, as in "公示期为2026年11月2日至2026年11月10日".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from ..problems import Problem
from .workdays import NotCovered, WorkCalendar

MIN_WORKING_DAYS = 5   # shorter periods draw a warning (design: validator rules)

Spec = Literal["days", "working_days", "end"]
State = Literal["未开始", "公示中", "已结束"]


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    spec: Spec                        # which key the data used
    working_dates: tuple[date, ...]   # working days from start to end

    @property
    def working_days(self) -> int:
        return len(self.working_dates)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class PeriodStatus:
    state: State
    days_left: int | None           # calendar days incl. today, only while 公示中
    working_days_left: int | None   # working days incl. today, only while 公示中
    list_withdrawn: bool
    withdraw_on: date               # first day the name list is no longer shown


class PeriodError(ValueError):
    """A period the data cannot give; `field` is the key under `period` to fix."""

    def __init__(self, field: str, message: str, hint: str):
        self.field, self.message, self.hint = field, message, hint
        super().__init__(f"{field}: {message}，{hint}")


def resolve_period(start: date, days: int | None = None, working_days: int | None = None,
                   end: date | None = None, *, calendar: WorkCalendar) -> Period:
    """Work out the last day; raises PeriodError or NotCovered."""
    given = {k: v for k, v in (("days", days), ("working_days", working_days), ("end", end))
             if v is not None}
    if len(given) != 1:
        what = "没有写" if not given else f"同时写了 {'、'.join(given)}"
        raise PeriodError("period", f"公示期{what}",
                          "days（天数）、working_days（工作日数）、end（截止日期）三者只写一个")
    spec, value = next(iter(given.items()))
    if spec == "end":
        if end < start:
            raise PeriodError("end", f"截止日期 {end} 早于开始日期 {start}",
                              "请改正 start 或 end")
        last = end
    elif value <= 0:
        label = "公示天数" if spec == "days" else "公示工作日数"
        raise PeriodError(spec, f"{label}（{spec}）是 {value}，应当是正整数",
                          "请写公示的天数，例如 7")
    elif spec == "days":
        last = start + timedelta(days=value - 1)
    else:
        # The start counts as day 1 only if it is itself a working day.
        last = calendar.add_working_days(start - timedelta(days=1), value)
    return Period(start, last, spec, tuple(calendar.working_days_between(start, last)))


def check_period(start: date, days: int | None = None, working_days: int | None = None,
                 end: date | None = None, *, calendar: WorkCalendar, file: str,
                 line: int | None, field: str = "period"
                 ) -> tuple[Period | None, list[Problem]]:
    """resolve_period for the validator: errors and warnings as Problems."""
    try:
        period = resolve_period(start, days, working_days, end, calendar=calendar)
    except PeriodError as err:
        name = field if err.field == "period" else f"{field}.{err.field}"
        return None, [Problem(file, line, name, err.message, err.hint)]
    except NotCovered as err:
        return None, [Problem(file, line, field, f"公示期涉及{err.year}年", str(err))]
    if period.working_days < MIN_WORKING_DAYS:
        return period, [Problem(
            file, line, field,
            f"公示期只有{period.working_days}个工作日，少于{MIN_WORKING_DAYS}个工作日",
            "请确认依据的规定允许这么短，一般公示不少于5个工作日", "warning")]
    return period, []


def period_status(period: Period, as_of: date, withdraw_after_days: int = 0) -> PeriodStatus:
    """Where the period stands on `as_of`; the name list goes once the grace days pass."""
    withdraw_on = period.end + timedelta(days=withdraw_after_days + 1)
    if as_of < period.start:
        state: State = "未开始"
    elif as_of <= period.end:
        state = "公示中"
    else:
        state = "已结束"
    running = state == "公示中"
    return PeriodStatus(
        state=state,
        days_left=(period.end - as_of).days + 1 if running else None,
        working_days_left=sum(d >= as_of for d in period.working_dates) if running else None,
        list_withdrawn=as_of >= withdraw_on,
        withdraw_on=withdraw_on,
    )


def format_date_cn(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def format_period(period: Period) -> str:
    if period.start == period.end:
        return format_date_cn(period.start)
    return f"{format_date_cn(period.start)}至{format_date_cn(period.end)}"
