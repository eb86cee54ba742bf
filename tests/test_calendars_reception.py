"""每月18日领导接待日，遇节假日顺延: the days it really falls on, on the contacts
page and in its .ics, from the working-day calendar (holidays and 调休)."""

from __future__ import annotations

from datetime import date

import pytest
from icalendar import Calendar

from generator.build import build
from generator.calendars.reception import occurrences
from generator.model.directory import Schedule
from generator.notices.workdays import WorkCalendar

MONTHLY_18 = dict(freq="monthly", bymonthday=[18], opens="09:00", closes="12:00")
PACKAGE = WorkCalendar()     # chinese_calendar's years (to 2026) and no site days


def schedule(**rule) -> Schedule:
    return Schedule(**{**MONTHLY_18, **rule})


def test_moved_to_the_next_working_day_over_weekends_and_holidays():
    days = occurrences(schedule(on_holiday="next_workday"), PACKAGE, date(2026, 1, 1))
    assert days[:5] == (date(2026, 1, 19),     # Sunday → Monday
                        date(2026, 2, 24),     # 春节 (15-23 Feb) → the first day back
                        date(2026, 3, 18), date(2026, 4, 20), date(2026, 5, 18))
    assert date(2026, 10, 19) in days          # Sunday after 国庆
    assert all(PACKAGE.is_workday(d) for d in days)


def test_skipped_on_days_off_and_left_alone_without_a_rule():
    skipped = occurrences(schedule(on_holiday="skip"), PACKAGE, date(2026, 1, 1))
    assert date(2026, 1, 19) not in skipped and date(2026, 2, 24) not in skipped
    assert date(2026, 3, 18) in skipped
    plain = occurrences(schedule(), PACKAGE, date(2026, 1, 1))
    assert plain[:2] == (date(2026, 1, 18), date(2026, 2, 18))


def test_stops_where_the_holiday_schedule_is_not_known_yet():
    found = occurrences(schedule(on_holiday="next_workday"), PACKAGE, date(2026, 11, 28))
    assert found == (date(2026, 12, 18),)


def test_two_rule_days_moved_onto_one_working_day_meet_once():
    weekend = schedule(freq="weekly", bymonthday=None, byday=["SA", "SU", "MO"],
                       on_holiday="next_workday")
    days = occurrences(weekend, PACKAGE, date(2026, 3, 7), days_ahead=3)
    assert days == (date(2026, 3, 9),)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The minimal site with 2027's holidays known and the 18th moved over them."""
    from conftest import FIXTURES, copy_site
    site = copy_site(FIXTURES / "minimal", tmp_path_factory.mktemp("reception"))
    site.replace("data/contacts.yaml", 'closes: "12:00"}',
                 'closes: "12:00", on_holiday: next_workday}')
    site.write("site_config/holidays.yaml", """2027:
  holidays:
    - {from: 2027-01-01, to: 2027-01-03, name: 元旦}
    - {from: 2027-02-06, to: 2027-02-14, name: 春节}
    - {from: 2027-10-01, to: 2027-10-07, name: 国庆节}
  workdays: [2027-02-20]
""")
    build(site.root, date(2026, 11, 28))
    return site.root / "build/site"


def test_ics_lists_each_day_of_the_coming_twelve_months(built):
    cal = Calendar.from_ical((built / "contacts/jiedai.ics").read_bytes())
    events = [c for c in cal.walk("VEVENT")]
    starts = [e.decoded("dtstart") for e in events]
    assert [d.date() for d in starts] == [
        date(2026, 12, 18), date(2027, 1, 18), date(2027, 2, 18), date(2027, 3, 18),
        date(2027, 4, 19),                      # Sunday the 18th → Monday
        date(2027, 5, 18), date(2027, 6, 18),
        date(2027, 7, 19),                      # Sunday
        date(2027, 8, 18), date(2027, 9, 20),   # Saturday
        date(2027, 10, 18), date(2027, 11, 18)]
    assert all(not e.get("rrule") for e in events)
    assert {(d.hour, d.tzinfo.key) for d in starts} == {(9, "Asia/Shanghai")}
    assert len({e["uid"] for e in events}) == len(events)


def test_contacts_page_says_when_the_next_one_is(built):
    page = (built / "contacts/index.html").read_text(encoding="utf-8")
    assert "下次：2026年12月18日（周五）" in page
