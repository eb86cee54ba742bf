"""The site's .ics files: each notice period and each recurring reception day.

Written into the docs tree (a file provider) so MkDocs copies them; DTSTAMP is
the build's as-of date, so the same data gives byte-identical calendars. A
schedule that moves or drops its days on holidays gets its days of the coming
twelve months as dated events (calendars/reception.py); others an RRULE.
Each file is kept in build/cache by exactly the arguments it is made from, so a
warm build makes only the calendars whose notice or contact changed, and
imports icalendar only then.
"""

from __future__ import annotations

import pickle
from datetime import date, datetime, time
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from ..cache.store import key
from ..notices.workdays import WorkCalendar
from ..site.stamp import CHINA
from .events import NoticeEvent, ScheduleEvent
from .reception import occurrences

if TYPE_CHECKING:
    from ..render.pages import RenderContext

STORE_KIND = "calendars"    # the store of .ics files in build/cache
# Recurrences start from a fixed, early date so the rule does not depend on the build date.
SCHEDULES_SINCE = date(2020, 1, 1)


def notice_ics_path(slug: str) -> str:
    return f"notices/{slug}/gongshi.ics"


def contact_ics_path(contact_id: str) -> str:
    return f"contacts/{contact_id}.ics"


def _made(ctx: RenderContext, make: str, *args, **named) -> bytes:
    """ics.<make>(*args, **named), kept under those arguments pickled: they are all
    it reads (plain values and dataclasses of them), and icalendar's version is in
    the shared fingerprint."""
    def compute() -> bytes:
        from . import ics
        return getattr(ics, make)(*args, **named)
    entry = key(make, pickle.dumps((args, named), protocol=pickle.HIGHEST_PROTOCOL))
    return ctx.stores(STORE_KIND).value(entry, compute)


def calendar_files(ctx: RenderContext) -> dict[str, bytes]:
    config = ctx.site.config
    host = urlparse(config.base_url).hostname or "gongkai"
    stamp = datetime.combine(ctx.as_of, time(0, 0), CHINA)
    files: dict[str, bytes] = {}
    for state in ctx.by_kind["notice"]:
        fact = ctx.facts[state.item.slug]
        if fact.period is None:
            continue
        slug = state.item.slug
        event = NoticeEvent(f"notice-{slug}@{host}", f"公示期：{state.item.meta.title}",
                            fact.period.start, fact.period.end,
                            f"{config.base_url}notices/{slug}/", state.item.meta.summary or "")
        files[notice_ics_path(slug)] = _made(ctx, "notice_calendar", [event], stamp=stamp,
                                             name=state.item.meta.title)
    for contact in ctx.site.contacts.values():
        schedule = contact.schedule
        if schedule is None:
            continue
        event = ScheduleEvent(f"contact-{contact.id}@{host}", contact.name, schedule.freq,
                              schedule.byday, schedule.bymonthday, schedule.opens, schedule.closes,
                              SCHEDULES_SINCE, contact.location or "", f"{config.base_url}contacts/",
                              contact.note or "")
        if schedule.on_holiday:
            days = occurrences(schedule, ctx.site.calendar or WorkCalendar(), ctx.as_of)
            files[contact_ics_path(contact.id)] = _made(ctx, "dated_calendar", event, days,
                                                        stamp=stamp, name=contact.name)
        else:
            files[contact_ics_path(contact.id)] = _made(ctx, "schedule_calendar", [event],
                                                        stamp=stamp, name=contact.name)
    return files
