import os
import subprocess
import sys
from datetime import date, datetime, time, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from generator.calendars.ics import (PRODID, NoticeEvent, ScheduleEvent, notice_calendar,
                                     schedule_calendar)
from generator.calendars.schedule import describe_schedule

STAMP = datetime(2026, 11, 28, 8, 0, tzinfo=timezone.utc)
SHANGHAI = ZoneInfo("Asia/Shanghai")

NOTICE = NoticeEvent(
    uid="notice-jiangli-fuzhu-2026@qingxiang.example.gov.cn",
    title="勍香镇2026年农村部分计划生育家庭奖励扶助对象名单公示",
    start=date(2026, 11, 2), end=date(2026, 11, 10),
    url="https://qingxiang.example.gov.cn/notices/jiangli-fuzhu-2026/",
    description="奖励扶助标准720元/人·年。如有异议，请在公示期内拨打举报电话反映。" * 3,
)
RECEPTION = ScheduleEvent(
    uid="contact-jiedairi@qingxiang.example.gov.cn", title="领导接待日",
    freq="monthly", byday=None, bymonthday=[18], opens=time(9), closes=time(12),
    since=date(2026, 11, 20), location="勍香镇人民政府信访接待室",
    url="https://qingxiang.example.gov.cn/contacts/#jiedairi",
)
OFFICE = ScheduleEvent(
    uid="contact-zixun@qingxiang.example.gov.cn", title="计生办咨询",
    freq="weekly", byday=["MO", "WE"], bymonthday=None, opens=time(8, 30), closes=time(12),
    since=date(2026, 11, 26),
)


def test_notice_event_is_all_day_with_exclusive_end():
    data = notice_calendar([NOTICE], stamp=STAMP, name="勍香镇公示公告")
    cal = Calendar.from_ical(data)
    assert str(cal["prodid"]) == PRODID and str(cal["version"]) == "2.0"
    [ev] = cal.walk("VEVENT")
    assert ev.decoded("dtstart") == date(2026, 11, 2)
    assert ev.decoded("dtend") == date(2026, 11, 11)
    assert str(ev["uid"]) == NOTICE.uid and str(ev["summary"]) == NOTICE.title
    assert str(ev["description"]) == NOTICE.description
    assert ev.decoded("dtstamp") == STAMP
    assert b"\r\n " in data                                  # long lines are folded
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))


def test_monthly_reception_day_recurs_on_the_18th():
    cal = Calendar.from_ical(schedule_calendar([RECEPTION], stamp=STAMP))
    [ev] = cal.walk("VEVENT")
    # since 11月20日 → the first 18th on or after is 12月18日.
    assert ev.decoded("dtstart") == datetime(2026, 12, 18, 9, 0, tzinfo=SHANGHAI)
    assert ev.decoded("dtend") == datetime(2026, 12, 18, 12, 0, tzinfo=SHANGHAI)
    assert ev["dtstart"].params["TZID"] == "Asia/Shanghai"
    assert ev["rrule"].to_ical() == b"FREQ=MONTHLY;BYMONTHDAY=18"
    assert str(ev["location"]) == "勍香镇人民政府信访接待室"
    [tz] = cal.walk("VTIMEZONE")
    assert str(tz["tzid"]) == "Asia/Shanghai"


def test_weekly_office_hours_start_on_a_matching_day():
    cal = Calendar.from_ical(schedule_calendar([RECEPTION, OFFICE], stamp=STAMP))
    ev = [e for e in cal.walk("VEVENT") if str(e["uid"]) == OFFICE.uid][0]
    # 2026-11-26 is a Thursday; the next Monday is 11月30日.
    assert ev.decoded("dtstart") == datetime(2026, 11, 30, 8, 30, tzinfo=SHANGHAI)
    assert ev["rrule"].to_ical() == b"FREQ=WEEKLY;BYDAY=MO,WE"
    assert len(cal.walk("VTIMEZONE")) == 1


def test_same_input_gives_identical_bytes_even_in_another_process():
    first = schedule_calendar([RECEPTION, OFFICE], stamp=STAMP)
    assert first == schedule_calendar([RECEPTION, OFFICE], stamp=STAMP)
    assert notice_calendar([NOTICE], stamp=STAMP) == notice_calendar([NOTICE], stamp=STAMP)
    code = ("import sys, tests.test_calendars_ics as t\n"
            "sys.stdout.buffer.write(t.schedule_calendar([t.RECEPTION, t.OFFICE], stamp=t.STAMP))")
    # Another process in another local zone: nothing may depend on the machine.
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True,
                           cwd=Path(__file__).parent.parent,
                           env={**os.environ, "TZ": "America/New_York"}).stdout
    assert other == first


def test_naive_stamp_is_refused():
    with pytest.raises(ValueError):
        notice_calendar([NOTICE], stamp=datetime(2026, 11, 28))


@pytest.mark.parametrize("args, text", [
    (("monthly", None, [18], time(9), time(12)), "每月18日 09:00-12:00"),
    (("monthly", None, [15, 1], time(9), time(11, 30)), "每月1日、15日 09:00-11:30"),
    (("weekly", ["WE", "MO"], None, time(8, 30), time(12)), "每周一、周三 08:30-12:00"),
    (("weekly", ["MO", "TU", "WE", "TH", "FR"], None, time(8, 30), time(17, 30)),
     "每周一至周五 08:30-17:30"),
])
def test_describe_schedule(args, text):
    assert describe_schedule(*args) == text


@pytest.mark.parametrize("args", [
    ("daily", None, [1], time(9), time(12)),
    ("monthly", None, [32], time(9), time(12)),
    ("weekly", ["XX"], None, time(9), time(12)),
    ("weekly", None, [18], time(9), time(12)),
])
def test_describe_schedule_rejects_rules_the_format_does_not_allow(args):
    with pytest.raises(ValueError):
        describe_schedule(*args)
