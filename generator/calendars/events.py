"""What a calendar file is made of: plain values, so that a file can be kept in
build/cache under its events (calendars/files.py) without importing icalendar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from .schedule import Freq


@dataclass(frozen=True)
class NoticeEvent:
    uid: str
    title: str
    start: date
    end: date          # inclusive, as on the notice
    url: str
    description: str = ""


@dataclass(frozen=True)
class ScheduleEvent:
    uid: str
    title: str
    freq: Freq
    byday: list[str] | None
    bymonthday: list[int] | None
    opens: time
    closes: time
    since: date
    location: str = ""
    url: str = ""
    description: str = ""
