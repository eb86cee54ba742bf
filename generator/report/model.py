"""data/report/YEAR.yaml: what the office keeps for its annual report.

Section keys are English like the rest of data/; inside the tables the keys
are the official table's Chinese row and column names (layout.py), so the
file reads like the form it is copied from. Every count defaults to 0: an
office with no applications writes `applications: {}`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, create_model

from ..model.base import Strict, Text
from .layout import (DECISION_COLUMN, DECISIONS, DOC_COLUMNS, DOC_GENRES, FEE_COLUMN, FEE_ROW,
                     LITIGATION, LITIGATION_KINDS, ORG_KINDS, OUTCOMES, PERSON, RESULTS, REVIEW,
                     TOTAL, CARRIED_IN, CARRIED_OUT, NEW, ORGS, RESULT_TOTAL)

Count = Annotated[int, Field(ge=0)]


def _model(name: str, fields: dict):
    return create_model(name, __base__=Strict, **fields)


def _counts(name: str, keys) -> type[Strict]:
    return _model(name, {key: (Count, 0) for key in keys})


def _default(model: type[Strict]):
    return Field(default_factory=model)


_result_fields: dict = {}
for _row in RESULTS:
    if _row.parts:
        _part_model = _counts(f"Parts{len(_result_fields)}", [p.key for p in _row.parts])
        _result_fields[_row.key] = (_part_model, _default(_part_model))
    else:
        _result_fields[_row.key] = (Count, 0)

# One applicant column of table 三; 总计 (（七）总计) may be written, and is then checked.
ApplicantColumn = _model("ApplicantColumn", {
    NEW: (Count, 0), CARRIED_IN: (Count, 0), **_result_fields,
    RESULT_TOTAL: (Count | None, None), CARRIED_OUT: (Count, 0)})
OrgColumns = _model("OrgColumns", {kind: (ApplicantColumn, _default(ApplicantColumn))
                                   for kind in ORG_KINDS})
Applications = _model("Applications", {
    PERSON: (ApplicantColumn, _default(ApplicantColumn)),
    ORGS: (OrgColumns, _default(OrgColumns)),
    TOTAL: (ApplicantColumn | None, None)})

Outcomes = _model("Outcomes", {**{key: (Count, 0) for key in OUTCOMES}, TOTAL: (Count | None, None)})
Litigation = _model("Litigation", {kind: (Outcomes, _default(Outcomes)) for kind in LITIGATION_KINDS})
Reviews = _model("Reviews", {REVIEW: (Outcomes, _default(Outcomes)),
                             LITIGATION: (Litigation, _default(Litigation))})

DocCounts = _model("DocCounts", {key: (Count | None, None) for key in DOC_COLUMNS})
DecisionCount = _counts("DecisionCount", [DECISION_COLUMN])
FeeAmount = _model("FeeAmount", {FEE_COLUMN: (Annotated[float, Field(ge=0)], 0)})
Active = _model("Active", {
    **{genre: (DocCounts | None, None) for genre in DOC_GENRES},
    **{row: (DecisionCount, _default(DecisionCount)) for _, rows in DECISIONS for row in rows},
    FEE_ROW: (FeeAmount, _default(FeeAmount))})


class ReportData(Strict):
    year: int | None = None            # if written, must match the file name
    publisher: str | None = None       # organization id; default: the site's publisher
    overview: Text                     # 一、总体情况
    active: Active = Field(default_factory=Active)      # 二 (beyond what the catalogue counts)
    applications: Applications         # 三
    reviews: Reviews                   # 四
    issues: Text                       # 五、存在的主要问题及改进情况
    other_matters: str | None = None   # 六、其他需要报告的事项
