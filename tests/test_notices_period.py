from datetime import date
from pathlib import Path

import pytest

from generator.notices.period import (PeriodError, check_period, format_date_cn, format_period,
                                      period_status, resolve_period)
from generator.notices.workdays import NotCovered, WorkCalendar

EXAMPLE = Path(__file__).parent.parent / "generator/notices/holidays.example.yaml"
PACKAGE_ONLY, _ = WorkCalendar.load(None)
WITH_2027, _ = WorkCalendar.load(EXAMPLE)


def test_seven_working_days_from_a_monday():
    p = resolve_period(date(2026, 11, 2), working_days=7, calendar=PACKAGE_ONLY)
    assert (p.end, p.working_days, p.spec) == (date(2026, 11, 10), 7, "working_days")


def test_working_days_skip_national_day_holiday():
    # 9月28-30日 are working days, 10月1-7日 off, 10月8日 resumes.
    p = resolve_period(date(2026, 9, 28), working_days=5, calendar=PACKAGE_ONLY)
    assert p.end == date(2026, 10, 9)
    assert p.days == 12


def test_make_up_saturday_counts_and_holiday_start_is_not_day_one():
    # Starting on 10月3日 (a holiday), counting begins 10月8日; 10月10日 is a 调休 Saturday.
    p = resolve_period(date(2026, 10, 3), working_days=3, calendar=PACKAGE_ONLY)
    assert p.end == date(2026, 10, 10)
    assert p.working_dates == (date(2026, 10, 8), date(2026, 10, 9), date(2026, 10, 10))


def test_calendar_days_and_explicit_end():
    p = resolve_period(date(2026, 11, 2), days=10, calendar=PACKAGE_ONLY)
    assert (p.end, p.working_days) == (date(2026, 11, 11), 8)
    q = resolve_period(date(2026, 11, 2), end=date(2026, 11, 2), calendar=PACKAGE_ONLY)
    assert (q.end, q.working_days, q.spec) == (date(2026, 11, 2), 1, "end")


def test_period_into_2027_without_holidays_file():
    with pytest.raises(NotCovered) as err:
        resolve_period(date(2026, 12, 28), working_days=7, calendar=PACKAGE_ONLY)
    assert "2027年" in str(err.value)
    _, problems = check_period(date(2026, 12, 28), working_days=7, calendar=PACKAGE_ONLY,
                               file="data/notices/jiangli-mingdan.yaml", line=9)
    [p] = problems
    assert (p.level, p.line, p.field) == ("error", 9, "period")
    assert "2027年" in p.message and "site_config/holidays.yaml" in p.hint


def test_period_into_2027_with_holidays_file_honours_listed_days():
    # 12月28-31日 give 4; 2027-01-01 is listed as a holiday, 1月2-3日 a weekend.
    p = resolve_period(date(2026, 12, 28), working_days=7, calendar=WITH_2027)
    assert p.end == date(2027, 1, 6)
    # 2027-02-14 is a listed 调休 Sunday after 春节 2月6-13日.
    q = resolve_period(date(2027, 2, 5), working_days=2, calendar=WITH_2027)
    assert q.end == date(2027, 2, 14)


@pytest.mark.parametrize("kwargs, field, words", [
    ({}, "period", "没有写"),
    ({"days": 7, "working_days": 5}, "period", "同时写了 days、working_days"),
    ({"working_days": 0}, "period.working_days", "应当是正整数"),
    ({"days": -3}, "period.days", "应当是正整数"),
    ({"end": date(2026, 11, 1)}, "period.end", "早于开始日期"),
])
def test_period_errors(kwargs, field, words):
    with pytest.raises(PeriodError):
        resolve_period(date(2026, 11, 2), calendar=PACKAGE_ONLY, **kwargs)
    period, problems = check_period(date(2026, 11, 2), calendar=PACKAGE_ONLY,
                                    file="data/notices/a.yaml", line=7, **kwargs)
    [p] = problems
    assert period is None
    assert (p.level, p.field) == ("error", field) and words in p.message and p.hint


def test_short_period_warns():
    period, problems = check_period(date(2026, 11, 2), days=3, calendar=PACKAGE_ONLY,
                                    file="data/notices/a.yaml", line=7)
    [p] = problems
    assert period.end == date(2026, 11, 4)
    assert p.level == "warning" and "3个工作日" in p.message
    assert str(p).startswith("data/notices/a.yaml:7: period: 警告：")
    assert check_period(date(2026, 11, 2), working_days=5, calendar=PACKAGE_ONLY,
                        file="a", line=1)[1] == []


def test_status_through_the_period_and_list_withdrawal():
    p = resolve_period(date(2026, 11, 2), working_days=7, calendar=PACKAGE_ONLY)
    before = period_status(p, date(2026, 11, 1))
    assert (before.state, before.days_left, before.list_withdrawn) == ("未开始", None, False)
    during = period_status(p, date(2026, 11, 7))    # a Saturday
    assert (during.state, during.days_left, during.working_days_left) == ("公示中", 4, 2)
    last = period_status(p, date(2026, 11, 10))
    assert (last.state, last.days_left, last.working_days_left) == ("公示中", 1, 1)
    after = period_status(p, date(2026, 11, 11))
    assert (after.state, after.list_withdrawn, after.withdraw_on) == (
        "已结束", True, date(2026, 11, 11))
    grace = period_status(p, date(2026, 11, 11), withdraw_after_days=3)
    assert (grace.state, grace.list_withdrawn, grace.withdraw_on) == (
        "已结束", False, date(2026, 11, 14))
    assert period_status(p, date(2026, 11, 14), withdraw_after_days=3).list_withdrawn


def test_chinese_date_formats():
    assert format_date_cn(date(2026, 1, 8)) == "2026年1月8日"
    p = resolve_period(date(2026, 11, 2), working_days=7, calendar=PACKAGE_ONLY)
    assert format_period(p) == "2026年11月2日至2026年11月10日"
    one = resolve_period(date(2026, 11, 2), days=1, calendar=PACKAGE_ONLY)
    assert format_period(one) == "2026年11月2日"
