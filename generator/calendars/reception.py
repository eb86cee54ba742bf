"""When a recurring schedule really happens: its rule, laid over the working-day
calendar. 每月18日领导接待日，遇节假日顺延 is on the 18th when that is a working
day and on the next working day when it is not.

Only days the calendar covers are given: the holiday schedule for a year is
known once the State Council announces it (see notices/workdays.py), and a
guessed reception day would send people to a closed office.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..notices.workdays import NotCovered, WorkCalendar
from .schedule import WEEKDAYS

DAYS_AHEAD = 366     # the coming twelve months


def _rule_days(schedule, first: date, last: date):
    d = first
    while d <= last:
        if schedule.freq == "weekly" and WEEKDAYS[d.weekday()] in schedule.byday:
            yield d
        elif schedule.freq == "monthly" and d.day in schedule.bymonthday:
            yield d
        d += timedelta(days=1)


def occurrences(schedule, calendar: WorkCalendar, since: date,
                days_ahead: int = DAYS_AHEAD) -> tuple[date, ...]:
    """The schedule's days from `since` on, for `days_ahead` days, moved or dropped
    on days off as its `on_holiday` says (schedules without it follow the rule);
    they end where the calendar's known years end."""
    last = since + timedelta(days=days_ahead - 1)
    found: list[date] = []
    for day in _rule_days(schedule, since, last):
        try:
            if schedule.on_holiday and not calendar.is_workday(day):
                if schedule.on_holiday == "skip":
                    continue
                day = calendar.add_working_days(day, 1)
        except NotCovered:
            break
        if not found or day > found[-1]:   # two rule days moved onto one working day
            found.append(day)
    return tuple(found)


def next_days(contacts, calendar: WorkCalendar, since: date) -> dict[str, date]:
    """Each contact whose schedule knows its holiday rule: its next open day from
    `since` on (today included), when the working-day calendar covers it."""
    found = {}
    for contact in contacts:
        schedule = contact.schedule
        if schedule is not None and schedule.on_holiday:
            days = occurrences(schedule, calendar, since)
            if days:
                found[contact.id] = days[0]
    return found
