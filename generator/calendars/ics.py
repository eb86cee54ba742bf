"""iCalendar (RFC 5545) files: notice periods, recurring reception hours, and
reception days moved for holidays (dated events).

Output depends only on the arguments (DTSTAMP included), so the same data
gives byte-identical files and unchanged files keep their mtimes.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Sequence
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from .events import NoticeEvent, ScheduleEvent
from .schedule import first_occurrence

PRODID = "-//gongkai//政务公开//ZH"


def notice_calendar(events: list[NoticeEvent], *, stamp: datetime,
                    name: str | None = None) -> bytes:
    """All-day events spanning each notice period."""
    cal = _calendar(name)
    for ev in events:
        vevent = _event(ev.uid, ev.title, stamp, ev.url, ev.description)
        vevent.add("dtstart", ev.start)
        vevent.add("dtend", ev.end + timedelta(days=1))   # RFC 5545: DTEND is exclusive
        vevent.add("transp", "TRANSPARENT")               # a notice does not make anyone busy
        cal.add_component(vevent)
    return cal.to_ical()


def schedule_calendar(events: list[ScheduleEvent], tz: str = "Asia/Shanghai", *,
                      stamp: datetime, name: str | None = None) -> bytes:
    """Recurring events in local time, with the VTIMEZONE they refer to."""
    cal = _calendar(name)
    zone = ZoneInfo(tz)
    for ev in events:
        day = first_occurrence(ev.freq, ev.byday, ev.bymonthday, ev.since)
        vevent = _event(ev.uid, ev.title, stamp, ev.url, ev.description)
        vevent.add("dtstart", datetime.combine(day, ev.opens, zone))
        vevent.add("dtend", datetime.combine(day, ev.closes, zone))
        rule: dict[str, object] = {"freq": ev.freq}
        if ev.byday:
            rule["byday"] = ev.byday
        if ev.bymonthday:
            rule["bymonthday"] = ev.bymonthday
        vevent.add("rrule", rule)
        if ev.location:
            vevent.add("location", ev.location)
        cal.add_component(vevent)
    if events:
        # Only the offsets from the first event on; Shanghai's 1986-91 DST is noise here.
        cal.add_missing_timezones(first_date=min(ev.since for ev in events))
    return cal.to_ical()


def dated_calendar(event: ScheduleEvent, days: Sequence[date], tz: str = "Asia/Shanghai", *,
                   stamp: datetime, name: str | None = None) -> bytes:
    """One event a day for a schedule whose days an RRULE cannot give: a rule
    moved to the next working day over holidays (遇节假日顺延)."""
    cal = _calendar(name)
    zone = ZoneInfo(tz)
    for day in days:
        uid = event.uid.replace("@", f"-{day:%Y%m%d}@", 1)
        vevent = _event(uid, event.title, stamp, event.url, event.description)
        vevent.add("dtstart", datetime.combine(day, event.opens, zone))
        vevent.add("dtend", datetime.combine(day, event.closes, zone))
        if event.location:
            vevent.add("location", event.location)
        cal.add_component(vevent)
    if days:
        cal.add_missing_timezones(first_date=days[0])
    return cal.to_ical()


def _calendar(name: str | None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    return cal


def _event(uid: str, title: str, stamp: datetime, url: str, description: str) -> Event:
    if stamp.tzinfo is None:
        # astimezone would read the machine's zone and break reproducibility.
        raise ValueError("stamp must carry a time zone")
    vevent = Event()
    vevent.add("uid", uid)
    vevent.add("dtstamp", stamp.astimezone(timezone.utc))
    vevent.add("summary", title)
    if url:
        vevent.add("url", url)
    if description:
        vevent.add("description", description)
    return vevent
