import re
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import pytest

from generator.notices.workdays import PACKAGE_YEARS, NotCovered, WorkCalendar

EXAMPLE = Path(__file__).parent.parent / "generator/notices/holidays.example.yaml"


def load(tmp_path: Path, text: str):
    path = tmp_path / "holidays.yaml"
    path.write_text(text, encoding="utf-8")
    return WorkCalendar.load(path, "site_config/holidays.yaml")


def test_package_schedule_2026_national_day():
    cal, problems = WorkCalendar.load(None)
    assert problems == []
    # 2026: 10月1日至7日放假；9月20日（周日）、10月10日（周六）调休上班.
    assert [cal.is_workday(date(2026, 10, d)) for d in range(1, 12)] == [
        False] * 7 + [True, True, True, False]
    assert cal.is_workday(date(2026, 9, 20))
    assert not cal.is_workday(date(2026, 10, 17))


def test_every_package_day_is_what_the_package_says():
    # Read from the package's tables instead of asking it day by day (it is slow to ask).
    calendar, day = WorkCalendar(), date(min(PACKAGE_YEARS), 1, 1)
    while day.year <= max(PACKAGE_YEARS):
        assert calendar.is_workday(day) == chinese_calendar.is_workday(day), day
        day += timedelta(days=1)


def test_add_working_days_skips_holidays_and_counts_make_up_saturday():
    cal, _ = WorkCalendar.load(None)
    assert cal.add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 8)
    assert cal.add_working_days(date(2026, 10, 9), 1) == date(2026, 10, 10)
    assert cal.add_working_days(date(2026, 11, 2), 0) == date(2026, 11, 2)


def test_uncovered_year_raises_chinese_message():
    cal, _ = WorkCalendar.load(None)
    assert not cal.covers(date(2027, 1, 4))
    with pytest.raises(NotCovered) as err:
        cal.is_workday(date(2027, 1, 4))
    assert err.value.year == 2027
    assert "2027年" in str(err.value)
    assert "国务院办公厅" in str(err.value)
    assert "site_config/holidays.yaml" in str(err.value)


def test_example_file_covers_2027_and_is_honoured():
    cal, problems = WorkCalendar.load(EXAMPLE)
    assert problems == []
    assert cal.covers(date(2027, 6, 1))
    assert not cal.is_workday(date(2027, 1, 1))      # Friday, listed holiday
    assert not cal.is_workday(date(2027, 2, 8))      # Monday inside 春节
    assert cal.is_workday(date(2027, 2, 14))         # Sunday, 调休上班
    assert cal.is_workday(date(2027, 3, 1))          # unlisted Monday
    assert not cal.is_workday(date(2027, 3, 6))      # unlisted Saturday


def test_override_corrects_a_package_year(tmp_path):
    cal, problems = load(tmp_path, "2026:\n  holidays: [2026-11-02]\n")
    assert problems == []
    assert not cal.is_workday(date(2026, 11, 2))
    assert not cal.is_workday(date(2026, 10, 5))     # the package still answers the rest


def test_missing_file_is_no_overrides(tmp_path):
    cal, problems = WorkCalendar.load(tmp_path / "absent.yaml")
    assert problems == [] and not cal.covers(date(2027, 1, 1))


@pytest.mark.parametrize("text, line, field, words", [
    ("2027:\n  holidays:\n    - 2027-02-30\n", 3, "2027.holidays", "不是有效日期"),
    ("2027:\n  holidays: [2027-01-01]\n  workdays:\n    - 2027-01-01\n", 4, "2027.workdays",
     "既写成放假又写成调休上班（另一处在第2行）"),
    ("2027:\n  holidays:\n    - 2028-01-01\n", 3, "2027.holidays", "不属于2027年"),
    ("2027:\n  holidays:\n    - {from: 2027-02-13, to: 2027-02-06}\n", 3, "2027.holidays.to",
     "早于开始日期"),
    ("2027:\n  holidays: []\n  holiday: [2027-01-01]\n", 3, "2027.holiday", "不认识的键"),
    ("next:\n  holidays: []\n", 1, "next", "不是年份"),
    ("2027:\n  workdays: []\n", 2, "2027.holidays", "没有写放假日期"),
    ("2027:\n  holidays: []\n2027:\n  holidays: []\n", 3, "2027", "写了两次"),
    ("2027:\n  holidays: [2027-01-01\n", 2, "", "「[」没有闭合"),
])
def test_file_errors_name_line_and_field(tmp_path, text, line, field, words):
    cal, problems = load(tmp_path, text)
    assert len(problems) == 1, problems
    p = problems[0]
    assert (p.file, p.line, p.field) == ("site_config/holidays.yaml", line, field)
    assert words in p.message and p.hint
    assert re.match(rf"site_config/holidays.yaml:{line}(:\d+)?: ", str(p))
    assert not cal.covers(date(2027, 1, 1))          # a broken file adds nothing
