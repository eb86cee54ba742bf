"""Organizations and contact channels: the shared lists items point to."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from ..calendars.schedule import check_rule
from .base import ClockTime, Strict, Text

ContactKind = Literal["phone", "hotline", "complaint", "report", "fax", "email", "mailbox",
                      "reception", "address", "website"]
Weekday = Literal["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


class Schedule(Strict):
    """A recurring opening, RFC 5545-like: weekly by day or monthly by date."""

    freq: Literal["weekly", "monthly"]
    byday: list[Weekday] | None = None
    bymonthday: list[int] | None = None
    opens: ClockTime
    closes: ClockTime
    # On a day off (a weekend, a public holiday): next_workday moves it to the next
    # working day (顺延), skip drops it; unset, the rule alone says when it is.
    on_holiday: Literal["next_workday", "skip"] | None = None

    @model_validator(mode="after")
    def _days_match_freq(self) -> "Schedule":
        check_rule(self.freq, self.byday, self.bymonthday)   # the rules the .ics files can express
        if self.closes <= self.opens:
            raise ValueError("结束时间 closes 要晚于开始时间 opens")
        return self


class Contact(Strict):
    id: Text
    name: Text
    kind: ContactKind
    value: str | None = None
    org: str | None = None
    hours: str | None = None
    schedule: Schedule | None = None
    location: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _value_needed(self) -> "Contact":
        if self.kind not in ("reception", "mailbox", "address") and not self.value:
            raise ValueError(f"{self.kind} 类的联系渠道必须写 value（号码或地址）")
        return self


class Organization(Strict):
    id: Text
    name: Text
    code: str | None = None
    address: str | None = None
    hours: str | None = None
    contacts: list[str] = Field(default_factory=list)
    parent: str | None = None
