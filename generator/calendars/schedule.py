"""Recurring schedules (领导接待日, office hours) as RFC 5545 rules and Chinese text."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Literal

Freq = Literal["weekly", "monthly"]

# RFC 5545 weekday codes in ISO order, so the index is date.weekday().
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_CN = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def check_rule(freq: str, byday: list[str] | None, bymonthday: list[int] | None) -> None:
    """Accept only the two rules the data format allows; raise ValueError otherwise."""
    if freq == "weekly":
        if not byday or bymonthday or any(d not in WEEKDAYS for d in byday):
            raise ValueError(f"每周的安排要写 byday（{'、'.join(WEEKDAYS)}），不写 bymonthday")
    elif freq == "monthly":
        if not bymonthday or byday or any(not 1 <= d <= 31 for d in bymonthday):
            raise ValueError("每月的安排要写 bymonthday（1—31 的日子），不写 byday")
    else:
        raise ValueError(f"freq 是“{freq}”，只能是 weekly 或 monthly")


def first_occurrence(freq: Freq, byday: list[str] | None, bymonthday: list[int] | None,
                     since: date) -> date:
    """The first matching day on or after `since`; DTSTART must be one, or
    RFC 5545 would count an extra occurrence on a day the rule does not give."""
    check_rule(freq, byday, bymonthday)
    d = since
    # Ends: check_rule admits only rules that recur (any day 1-31 within 62 days).
    while not ((WEEKDAYS[d.weekday()] in byday) if freq == "weekly" else (d.day in bymonthday)):
        d += timedelta(days=1)
    return d


def describe_schedule(freq: Freq, byday: list[str] | None, bymonthday: list[int] | None,
                      opens: time, closes: time) -> str:
    """Chinese text for pages: "每月18日 09:00-12:00", "每周一、周三 08:30-12:00"."""
    check_rule(freq, byday, bymonthday)
    hours = f"{opens:%H:%M}-{closes:%H:%M}"
    if freq == "monthly":
        return f"每月{'、'.join(f'{d}日' for d in sorted(set(bymonthday)))} {hours}"
    days = sorted({WEEKDAYS.index(d) for d in byday})
    if len(days) >= 3 and days[-1] - days[0] == len(days) - 1:
        return f"每{WEEKDAY_CN[days[0]]}至{WEEKDAY_CN[days[-1]]} {hours}"
    return f"每{'、'.join(WEEKDAY_CN[d] for d in days)} {hours}"
