"""Which days are working days (工作日) under China's official holiday schedule.

The State Council announces each year's public holidays and make-up working
days (调休) late in the year before; the `chinese_calendar` package lags it and
knows a fixed range of years. A site may therefore add or correct days for any
year in `site_config/holidays.yaml`:

```yaml
2027:
  source: 国务院办公厅关于2027年部分节假日安排的通知   # optional, for the auditor
  holidays:                                          # days off
    - 2027-01-01
    - {from: 2027-02-06, to: 2027-02-13, name: 春节}
  workdays: [2027-02-14]                             # 调休上班 (usually a weekend)
```

- top-level keys are four-digit years; each holds `holidays` (required),
  `workdays` (optional) and `source` (optional);
- an entry is an ISO date or a range `{from, to, name}` (`name` optional);
- every date belongs to the year it is listed under (split a holiday that
  spans New Year between the two years);
- no day is both a holiday and a working day.

A listed day overrides `chinese_calendar`. In a year the package does not know,
unlisted days follow the plain week: Monday to Friday work, weekends off.
A year is covered when the package knows it or the file lists it; asking about
any other year raises `NotCovered`, because guessing would silently give a
wrong notice period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import yaml

from ..load.yaml_reader import compose_yaml
from ..problems import Problem

# The package's rule over its own tables: its is_workday checks its argument against
# the range of every year it knows on each call (0.1 ms), which was a tenth of loading
# a 1,000-item site, once for each day of each notice period.
_PACKAGE_WORKDAYS = frozenset(chinese_calendar.constants.workdays)
_PACKAGE_HOLIDAYS = frozenset(chinese_calendar.constants.holidays)


def _package_workday(d: date) -> bool:
    return d in _PACKAGE_WORKDAYS or (d.weekday() < 5 and d not in _PACKAGE_HOLIDAYS)


HOLIDAYS_FILE = "site_config/holidays.yaml"

# The package raises NotImplementedError outside the years its tables hold.
PACKAGE_YEARS = frozenset(d.year for d in chinese_calendar.constants.holidays)

_YEAR = re.compile(r"\d{4}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR_KEYS = ("holidays", "workdays", "source")
_RANGE_KEYS = ("from", "to", "name")


class NotCovered(Exception):
    """A day falls in a year whose holiday schedule nobody has given us."""

    def __init__(self, year: int, holidays_file: str = HOLIDAYS_FILE):
        self.year = year
        known = f"{min(PACKAGE_YEARS)}—{max(PACKAGE_YEARS)}"
        super().__init__(
            f"{year}年的法定节假日安排还没有收录（内置数据只有{known}年，"
            f"{holidays_file} 里也没有{year}年），无法计算工作日。"
            f"请按国务院办公厅发布的{year}年部分节假日安排通知，"
            f"把放假日期（holidays）和调休上班日期（workdays）写进 {holidays_file}"
        )


@dataclass(frozen=True)
class WorkCalendar:
    """The package's schedule with the site's own days laid over it."""

    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    years: frozenset[int] = frozenset()        # years listed in holidays.yaml
    holidays_file: str = HOLIDAYS_FILE

    @classmethod
    def load(cls, path: Path | None, display: str | None = None
             ) -> tuple["WorkCalendar", list[Problem]]:
        """Read holidays.yaml if there is one; a file with errors adds no days."""
        shown = display or (str(path) if path else HOLIDAYS_FILE)
        if path is None or not path.exists():
            return cls(holidays_file=shown), []
        reader = _Reader(shown)
        reader.read(path)
        if reader.problems:
            return cls(holidays_file=shown), reader.problems
        return cls(frozenset(reader.holidays), frozenset(reader.workdays),
                   frozenset(reader.years), shown), []

    def covers(self, d: date) -> bool:
        return d.year in self.years or d.year in PACKAGE_YEARS

    def is_workday(self, d: date) -> bool:
        if d in self.workdays:
            return True
        if d in self.holidays:
            return False
        if d.year in PACKAGE_YEARS:
            return _package_workday(d)
        if d.year in self.years:
            return d.weekday() < 5
        raise NotCovered(d.year, self.holidays_file)

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start` (start itself not counted; n=0 gives start)."""
        if n < 0:
            raise ValueError("n must not be negative")
        d = start
        while n:
            d += timedelta(days=1)
            if self.is_workday(d):
                n -= 1
        return d

    def working_days_between(self, first: date, last: date) -> list[date]:
        """Working days from `first` to `last`, both included."""
        days = (first + timedelta(days=i) for i in range((last - first).days + 1))
        return [d for d in days if self.is_workday(d)]


class _Reader:
    """Walks the composed YAML nodes so every problem keeps its line number."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.holidays: dict[date, int] = {}   # day → line it was listed on
        self.workdays: dict[date, int] = {}
        self.years: set[int] = set()

    def problem(self, node: yaml.Node, field_: str, message: str, hint: str) -> None:
        self.problems.append(Problem(self.file, node.start_mark.line + 1, field_, message, hint))

    def read(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            self.problems.append(Problem(self.file, None, "", "文件不是 UTF-8 编码",
                                         "请用 UTF-8 编码另存此文件"))
            return
        root, problems = compose_yaml(text, self.file)
        if problems:
            self.problems.extend(problems)
            return
        if root is None:
            return
        if not isinstance(root, yaml.MappingNode):
            self.problem(root, "", "文件应当按年份分组",
                         "请写成“2027:”开头、下面缩进写 holidays 和 workdays 的格式")
            return
        for key, value in root.value:
            self.read_year(key, value)

    def read_year(self, key: yaml.Node, value: yaml.Node) -> None:
        text = key.value if isinstance(key, yaml.ScalarNode) else ""
        if not _YEAR.fullmatch(text):
            self.problem(key, text, f"“{text}”不是年份",
                         "顶层只写四位数的年份，例如 2027:")
            return
        year = int(text)
        if year in self.years:
            self.problem(key, text, f"{year}年写了两次", "请把两处合并成一处")
            return
        self.years.add(year)
        if not isinstance(value, yaml.MappingNode):
            self.problem(value, text, f"{year}年下面没有 holidays 和 workdays",
                         "请在年份下面缩进写 holidays:（放假日期）和 workdays:（调休上班日期）")
            return
        seen: set[str] = set()
        for k, v in value.value:
            name = k.value if isinstance(k, yaml.ScalarNode) else ""
            where = f"{year}.{name}"
            if name not in _YEAR_KEYS:
                self.problem(k, where, f"不认识的键“{name}”",
                             "年份下面只能写 holidays、workdays 和 source")
            elif name in seen:
                self.problem(k, where, f"{name} 写了两次", "请把两处的日期合并到一个列表里")
            elif name == "source":
                if not isinstance(v, yaml.ScalarNode):
                    self.problem(v, where, "source 应当是一行文字", "请写通知的文号或标题")
            else:
                self.read_days(year, name, v)
            seen.add(name)
        if "holidays" not in seen:
            self.problem(value, f"{year}.holidays", f"{year}年没有写放假日期",
                         "请按国务院办公厅的通知写出 holidays: 列表")

    def read_days(self, year: int, kind: str, node: yaml.Node) -> None:
        where = f"{year}.{kind}"
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, where, f"{kind} 应当是日期列表",
                         f"请写成 {kind}: [{year}-01-01] 或每行一个“- 日期”")
            return
        for item in node.value:
            if isinstance(item, yaml.MappingNode):
                days = self.read_range(year, where, item)
            else:
                day = self.read_date(year, where, item)
                days = [day] if day else []
            for day in days:
                self.record(kind, day, item, where)

    def read_range(self, year: int, where: str, node: yaml.MappingNode) -> list[date]:
        # `name` only documents the entry for the reader of the file.
        parts: dict[str, yaml.Node] = {}
        for k, v in node.value:
            name = k.value if isinstance(k, yaml.ScalarNode) else ""
            if name not in _RANGE_KEYS:
                self.problem(k, where, f"不认识的键“{name}”",
                             "一段日期只能写 from（起）、to（止）和 name（名称）")
                return []
            parts[name] = v
        if "from" not in parts or "to" not in parts:
            self.problem(node, where, "一段日期要同时写 from 和 to",
                         f"例如 {{from: {year}-02-06, to: {year}-02-13, name: 春节}}")
            return []
        first = self.read_date(year, f"{where}.from", parts["from"])
        last = self.read_date(year, f"{where}.to", parts["to"])
        if not first or not last:
            return []
        if last < first:
            self.problem(parts["to"], f"{where}.to", f"结束日期 {last} 早于开始日期 {first}",
                         "请检查 from 和 to 是否写反")
            return []
        return [first + timedelta(days=i) for i in range((last - first).days + 1)]

    def read_date(self, year: int, where: str, node: yaml.Node) -> date | None:
        text = node.value if isinstance(node, yaml.ScalarNode) else ""
        try:
            day = date.fromisoformat(text) if _DATE.fullmatch(text) else None
        except ValueError:
            day = None
        if day is None:
            self.problem(node, where, f"“{text}”不是有效日期",
                         "日期请写成 YYYY-MM-DD，例如 2027-01-01，并确认这一天存在")
            return None
        if day.year != year:
            self.problem(node, where, f"{day} 不属于{year}年，却写在{year}年下面",
                         f"请把它移到 {day.year}: 下面，或改正年份")
            return None
        return day

    def record(self, kind: str, day: date, node: yaml.Node, where: str) -> None:
        own, other = ((self.holidays, self.workdays) if kind == "holidays"
                      else (self.workdays, self.holidays))
        if day in other:
            line = other[day]
            self.problem(node, where,
                         f"{day} 既写成放假又写成调休上班（另一处在第{line}行）",
                         "请对照国务院办公厅的通知，删掉错误的一处")
            return
        own.setdefault(day, node.start_mark.line + 1)
