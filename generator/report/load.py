"""Read data/report/YEAR.yaml and check it: schema, the table's own sums, and
that any policy counts typed in agree with the catalogue."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..load.schema_errors import validate_model
from ..load.site_loader import SiteData
from ..load.yaml_reader import YamlDoc, read_yaml
from ..problems import Problem
from .counts import count_documents
from .layout import (CARRIED_IN, CARRIED_OUT, DOC_COLUMNS, LITIGATION, LITIGATION_KINDS, NEW,
                     ORG_KINDS, ORGS, OUTCOMES, PERSON, RESULT_TOTAL, RESULTS, REVIEW, TOTAL)
from .model import ReportData

FOLDER = "data/report"
_YEAR_FILE = re.compile(r"^(\d{4})\.ya?ml$")


@dataclass(frozen=True)
class ReportFile:
    year: int
    file: str            # data/report/2025.yaml
    data: ReportData
    doc: YamlDoc


def report_paths(root: Path) -> tuple[dict[int, Path], list[Problem]]:
    """Every data/report/YEAR.yaml; other files there are named as mistakes."""
    folder = root / FOLDER
    found: dict[int, Path] = {}
    problems: list[Problem] = []
    if not folder.is_dir():
        return found, problems
    for path in sorted(folder.iterdir()):
        match = _YEAR_FILE.match(path.name)
        if match:
            found[int(match[1])] = path
        elif path.suffix in (".yaml", ".yml"):
            problems.append(Problem(f"{FOLDER}/{path.name}", None, "文件名",
                                    f"年度报告数据的文件名「{path.name}」不是年份",
                                    "请改成报告年度，例如 2025.yaml"))
    return found, problems


def column_values(column) -> dict[str, int]:
    """One applicant column as row key → number; sub-rows as 'row.part'."""
    values = {NEW: getattr(column, NEW), CARRIED_IN: getattr(column, CARRIED_IN)}
    for row in RESULTS:
        cell = getattr(column, row.key)
        if row.parts:
            for part in row.parts:
                values[f"{row.key}.{part.key}"] = getattr(cell, part.key)
        else:
            values[row.key] = cell
    values[RESULT_TOTAL] = sum(v for k, v in values.items() if k not in (NEW, CARRIED_IN))
    values[CARRIED_OUT] = getattr(column, CARRIED_OUT)
    return values


def applicant_columns(applications) -> list[tuple[tuple[str, ...], object]]:
    orgs = getattr(applications, ORGS)
    return [((PERSON,), getattr(applications, PERSON))] + \
        [((ORGS, kind), getattr(orgs, kind)) for kind in ORG_KINDS]


def _check_applications(report: ReportData, doc: YamlDoc) -> list[Problem]:
    problems = []
    base = ("applications",)

    def add(path: tuple, message: str, hint: str = "请核对") -> None:
        problems.append(Problem(doc.file, doc.line(base + path), ".".join(base + path), message, hint))

    sums: dict[str, int] = {}
    for path, column in applicant_columns(report.applications):
        values = column_values(column)
        for key, value in values.items():
            sums[key] = sums.get(key, 0) + value
        typed = getattr(column, RESULT_TOTAL)
        if typed is not None and typed != values[RESULT_TOTAL]:
            add(path + (RESULT_TOTAL,),
                f"（七）总计（{typed}）不等于（一）至（六）之和（{values[RESULT_TOTAL]}）")
        left = values[NEW] + values[CARRIED_IN]
        right = values[RESULT_TOTAL] + values[CARRIED_OUT]
        if left != right:
            add(path, f"一+二（{left}）不等于 三+四（{right}）")
    total = getattr(report.applications, TOTAL)
    if total is not None:
        for key, value in column_values(total).items():
            if key == RESULT_TOTAL and getattr(total, RESULT_TOTAL) is None:
                continue
            if value != sums[key]:
                add((TOTAL,) + tuple(key.split(".")),
                    f"总计列（{value}）不等于自然人与法人或其他组织各列之和（{sums[key]}）")
    return problems


def _check_outcomes(outcomes, path: tuple, doc: YamlDoc) -> list[Problem]:
    typed = getattr(outcomes, TOTAL)
    parts = sum(getattr(outcomes, key) for key in OUTCOMES)
    if typed is None or typed == parts:
        return []
    return [Problem(doc.file, doc.line(path + (TOTAL,)), ".".join(path + (TOTAL,)),
                    f"总计（{typed}）不等于{'、'.join(OUTCOMES)}之和（{parts}）", "请核对")]


def _check_reviews(report: ReportData, doc: YamlDoc) -> list[Problem]:
    problems = _check_outcomes(getattr(report.reviews, REVIEW), ("reviews", REVIEW), doc)
    litigation = getattr(report.reviews, LITIGATION)
    for kind in LITIGATION_KINDS:
        problems += _check_outcomes(getattr(litigation, kind), ("reviews", LITIGATION, kind), doc)
    return problems


def _check_counts(site: SiteData, year: int, office: str, report: ReportData,
                  doc: YamlDoc) -> list[Problem]:
    problems = []
    for genre, counted in count_documents(site, year, office).items():
        typed = getattr(report.active, genre)
        if typed is None:
            continue
        for column, number in zip(DOC_COLUMNS, counted.numbers()):
            value = getattr(typed, column)
            if value is not None and value != number:
                path = ("active", genre, column)
                problems.append(Problem(
                    doc.file, doc.line(path), ".".join(path),
                    f"填写的 {value} 与政策文件目录统计的 {number} 不一致",
                    f"这个数由 data/policies/ 里公文种类为「{genre}」的文件自动统计，"
                    "请删掉这一项，或核对政策文件的 genre、created、repealed"))
    return problems


def load_report(site: SiteData, year: int, path: Path) -> tuple[ReportFile | None, list[Problem]]:
    rel = f"{FOLDER}/{path.name}"
    doc, problems = read_yaml(path, rel)
    if doc is None or problems:
        return None, problems
    data, problems = validate_model(ReportData, doc)
    if data is None:
        return None, problems
    if data.year is not None and data.year != year:
        problems.append(Problem(rel, doc.line(("year",)), "year",
                                f"year 写的是 {data.year}，文件名却是 {path.name}",
                                "请让两者一致（文件名就是报告年度，year 可以不写）"))
    office = data.publisher or site.config.publisher
    if office not in site.organizations:
        problems.append(Problem(rel, doc.line(("publisher",)), "publisher",
                                f"机构「{office}」不在 data/organizations.yaml 里",
                                "请写机构表里的 id，或删掉 publisher 使用网站的发布机构"))
        return None, problems
    problems += _check_applications(data, doc)
    problems += _check_reviews(data, doc)
    problems += _check_counts(site, year, office, data, doc)
    if problems:
        return None, problems
    return ReportFile(year, rel, data, doc), []


def load_reports(site: SiteData) -> tuple[list[ReportFile], list[Problem]]:
    paths, problems = report_paths(site.root)
    reports = []
    for year, path in sorted(paths.items()):
        report, found = load_report(site, year, path)
        problems += found
        if report is not None:
            reports.append(report)
    return reports, problems


def check_reports(site: SiteData) -> list[Problem]:
    """A validation rule (generator.pipeline, checks): every report file is consistent."""
    return load_reports(site)[1]
