"""The annual report as Markdown: counts from the catalogue, the rest from the YAML."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..load.site_loader import SiteData
from ..model import KINDS
from .counts import count_documents, fees_in_force, published_in
from .layout import (CARRIED_IN, CARRIED_IN_LABEL, CARRIED_OUT, CARRIED_OUT_LABEL, DECISION_COLUMN,
                     DECISIONS, FEE_COLUMN, FEE_ROW, LITIGATION, LITIGATION_KINDS, NEW, NEW_LABEL,
                     ORG_KINDS, OUTCOMES, RESULT_TOTAL, RESULT_TOTAL_LABEL, RESULTS, RESULTS_LABEL,
                     REVIEW, TOTAL)
from .load import FOLDER, ReportFile, applicant_columns, column_values


@dataclass(frozen=True)
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Line:
    """One row of table 三: its label cells (with spans) and the seven numbers."""

    lead: tuple[Cell, ...]
    values: tuple[int, ...]


def paragraphs(text: str | None) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def application_lines(applications) -> list[Line]:
    columns = [column_values(column) for _, column in applicant_columns(applications)]

    def numbers(key: str) -> tuple[int, ...]:
        row = [column[key] for column in columns]
        return tuple(row) + (sum(row),)

    results: list[Line] = []
    for row in RESULTS:
        if not row.parts:
            results.append(Line((Cell(row.label, colspan=2),), numbers(row.key)))
            continue
        for n, part in enumerate(row.parts):
            group = (Cell(row.label, rowspan=len(row.parts)),) if n == 0 else ()
            results.append(Line(group + (Cell(part.label),), numbers(f"{row.key}.{part.key}")))
    results.append(Line((Cell(RESULT_TOTAL_LABEL, colspan=2),), numbers(RESULT_TOTAL)))
    # 三、本年度办理结果 spans all its rows, in the first one's leading cell.
    results[0] = Line((Cell(RESULTS_LABEL, rowspan=len(results)),) + results[0].lead, results[0].values)
    return [Line((Cell(NEW_LABEL, colspan=3),), numbers(NEW)),
            Line((Cell(CARRIED_IN_LABEL, colspan=3),), numbers(CARRIED_IN)),
            *results,
            Line((Cell(CARRIED_OUT_LABEL, colspan=3),), numbers(CARRIED_OUT))]


def review_numbers(reviews) -> list[int]:
    groups = [getattr(reviews, REVIEW)] + [getattr(getattr(reviews, LITIGATION), kind)
                                           for kind in LITIGATION_KINDS]
    out: list[int] = []
    for outcomes in groups:
        parts = [getattr(outcomes, key) for key in OUTCOMES]
        out += parts + [sum(parts)]
    return out


def report_context(site: SiteData, year: int, report: ReportFile | None) -> dict:
    data = report.data if report else None
    office = (data.publisher if data and data.publisher else None) or site.config.publisher
    active = data.active if data else None
    published = published_in(site, year)
    return {
        "year": year,
        "end": date(year, 12, 31),
        "office": site.organizations[office],
        "config": site.config,
        "file": f"{FOLDER}/{year}.yaml",
        "has_data": data is not None,
        "overview": paragraphs(data.overview if data else None),
        "published": [(KINDS[kind].label, published[kind]) for kind in KINDS if kind in published],
        "published_total": sum(published.values()),
        "documents": count_documents(site, year, office),
        "decisions": [(title, [(row, getattr(getattr(active, row), DECISION_COLUMN) if active else 0)
                               for row in rows]) for title, rows in DECISIONS],
        "decision_column": DECISION_COLUMN,
        "fee_row": FEE_ROW,
        "fee_amount": getattr(getattr(active, FEE_ROW), FEE_COLUMN) if active else None,
        "fees": fees_in_force(site, year),
        "org_kinds": ORG_KINDS,
        "total": TOTAL,
        "lines": application_lines(data.applications) if data else [],
        "review": REVIEW, "litigation": LITIGATION, "litigation_kinds": LITIGATION_KINDS,
        "outcomes": OUTCOMES,
        "reviews": review_numbers(data.reviews) if data else [],
        "issues": paragraphs(data.issues if data else None),
        "other_matters": paragraphs(data.other_matters if data else None),
    }


def report_title(site: SiteData, year: int, report: ReportFile | None) -> str:
    office = (report.data.publisher if report and report.data.publisher else None) \
        or site.config.publisher
    return f"{site.organizations[office].name}{year}年政府信息公开工作年度报告"


def render_report(site: SiteData, year: int, report: ReportFile | None) -> str:
    """The report's Markdown body (no front matter), as the command prints it."""
    # Imported here: the renderer registers this package's page provider.
    from ..render.environment import render_markdown

    return render_markdown("report.md.j2", f"reports/{year}/index.md",
                           title=report_title(site, year, report),
                           **report_context(site, year, report))
