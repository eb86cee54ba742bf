"""'Today' is the site's date (Beijing unless site.yaml names another zone), whatever
the clock zone of the machine running the build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from generator.notices.period import period_status, resolve_period
from generator.notices.workdays import WorkCalendar
from generator.problems import ProblemsError
from generator.today import site_timezone, today
from generator.validated import load_and_validate

# 07:00 on 2 December in Beijing is still 1 December in UTC.
SEVEN_IN_BEIJING = datetime(2026, 12, 1, 23, 0, tzinfo=timezone.utc)


def test_a_build_at_seven_in_beijing_is_on_the_beijing_date():
    assert today(now=SEVEN_IN_BEIJING) == date(2026, 12, 2)
    assert today("Asia/Shanghai", SEVEN_IN_BEIJING) == date(2026, 12, 2)
    assert today("America/New_York", SEVEN_IN_BEIJING) == date(2026, 12, 1)
    assert today(now=datetime(2026, 12, 1, 15, 59, tzinfo=timezone.utc)) == date(2026, 12, 1)
    assert today(now=datetime(2026, 12, 1, 16, 0, tzinfo=timezone.utc)) == date(2026, 12, 2)


def test_the_list_goes_on_the_beijing_day_after_its_period():
    calendar = WorkCalendar()
    period = resolve_period(date(2026, 11, 23), working_days=7, calendar=calendar)
    assert period.end == date(2026, 12, 1)
    assert period_status(period, today(now=SEVEN_IN_BEIJING)).list_withdrawn
    # The machine's UTC date would have kept it online for another eight hours.
    assert not period_status(period, SEVEN_IN_BEIJING.date()).list_withdrawn


def test_the_machine_clock_zone_does_not_matter(minimal):
    code = ("import sys; from pathlib import Path; from generator.today import site_timezone, today; "
            "print(today(site_timezone(Path(sys.argv[1]))))")
    days = {subprocess.run([sys.executable, "-c", code, str(minimal.root)], capture_output=True,
                           text=True, check=True, env={**os.environ, "TZ": zone}).stdout.strip()
            for zone in ("UTC", "America/Los_Angeles", "Asia/Shanghai", "Pacific/Kiritimati")}
    assert days == {datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()}


def test_site_yaml_may_name_another_zone(minimal):
    assert site_timezone(minimal.root) == "Asia/Shanghai"
    minimal.append("site_config/site.yaml", "timezone: Europe/Berlin\n")
    assert site_timezone(minimal.root) == "Europe/Berlin"
    site, _ = load_and_validate(minimal.root)
    assert site.config.timezone == "Europe/Berlin"


def test_an_unknown_zone_is_an_error_naming_the_key(minimal):
    minimal.append("site_config/site.yaml", "timezone: 北京时间\n")
    with pytest.raises(ProblemsError) as caught:
        load_and_validate(minimal.root)
    [problem] = caught.value.problems
    assert problem.file == "site_config/site.yaml" and problem.line and "timezone" in problem.field
    assert "Asia/Shanghai" in problem.message


def test_a_build_without_a_date_is_as_of_today_in_the_sites_zone(minimal):
    from generator.build import build
    minimal.append("site_config/site.yaml", "timezone: Pacific/Kiritimati\n")   # UTC+14
    build(minimal.root)
    info = json.loads(minimal.read("build/site/.gongkai-build.json"))
    assert info["timezone"] == "Pacific/Kiritimati"
    assert info["as_of"] == datetime.now(ZoneInfo("Pacific/Kiritimati")).date().isoformat()
    assert info["full_scan"] is True and info["lists"] == []
