"""Every open data table as rows of cells, and the JSON beside it.

CSV cells are flat: a list becomes one cell with one entry per line (steps
numbered, questions as 问/答), and the lists that are themselves tables —
fee standards, subsidy amounts, application materials — get their own CSV
with the item's 编号 as foreign key. The JSON keeps every structure nested.
Rows are sorted by a key that does not depend on dict or file order, so the
same data always gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..model import KINDS
from ..model.labels import label
from .fields import (CATALOG, CONTACTS, NO, ORGANIZATIONS, PART_SOURCES, PART_TABLES, VERSIONS,
                     YES, Column, Table, kind_table)
from .records import contact_record, kept_records, organization_record

if TYPE_CHECKING:
    from ..render.pages import RenderContext


@dataclass
class Dataset:
    table: Table
    rows: list[list[Any]]            # cells in the table's column order; None is empty
    records: list[dict] | None      # written as <stem>.json when given
    updated: str | None             # latest data date in the table, ISO


def _cell(column: Column, value: Any) -> Any:
    if value is None or value == [] or value == "":
        return None
    if column.type == "boolean":
        return YES if value else NO
    if column.type == "number":
        return int(value) if float(value).is_integer() else value
    if isinstance(value, list):
        if column.key == "steps":
            return "\n".join(f"{n}. {step}" for n, step in enumerate(value, 1))
        if column.key == "faq":
            return "\n".join(f"问：{qa['q']}\n答：{qa['a']}" for qa in value)
        if column.key == "changed":
            return "、".join(label(name) for name in value)
        if column.key == "attachments":
            return "\n".join(a["url"] for a in value)
        return "\n".join(str(v) for v in value)
    return value


def _frame(table: Table, rows: list[dict]) -> list[list[Any]]:
    """Rows keyed by column key → cells in the table's column order."""
    return [[_cell(c, row.get(c.key)) for c in table.columns] for row in rows]


def _flat_item(record: dict) -> dict:
    flat = {**record["content"], **{k: v for k, v in record.items() if k != "content"}}
    flat["notice_kind"] = record["content"].get("kind")
    return flat


def _latest(dates) -> str | None:
    found = [d for d in dates if d]
    return max(found) if found else None


def build_datasets(ctx: RenderContext) -> list[Dataset]:
    by_slug = sorted(ctx.states, key=lambda s: s.item.slug)
    kept = {s.item.slug: kept_records(ctx, s) for s in by_slug}
    records = {slug: record for slug, (record, _) in kept.items()}
    datasets: list[Dataset] = []
    for kind in KINDS:
        mine = [records[s.item.slug] for s in by_slug if s.item.kind.name == kind]
        table = kind_table(kind)
        datasets.append(Dataset(table, _frame(table, [_flat_item(r) for r in mine]), mine,
                                _latest(r["updated"] for r in mine)))
    for name, table in PART_TABLES.items():
        kind, key = PART_SOURCES[name]
        rows, dates = [], []
        for record in (records[s.item.slug] for s in by_slug if s.item.kind.name == kind):
            for number, part in enumerate(record["content"].get(key) or [], 1):
                rows.append({**part, "slug": record["slug"], "no": number})
            dates.append(record["updated"])
        datasets.append(Dataset(table, _frame(table, rows), None, _latest(dates)))

    versions = [v for s in by_slug for v in kept[s.item.slug][1]]
    datasets.append(Dataset(VERSIONS, _frame(VERSIONS, versions), versions,
                            _latest(v["effective_from"] for v in versions
                                    if v["state"] != "即将生效")))

    catalog_order = sorted(ctx.states, key=lambda s: (s.item.meta.created, s.item.slug), reverse=True)
    catalog = [{**records[s.item.slug], "kind": s.item.kind.label,
                "doc_no": s.shown.content.get("doc_no")} for s in catalog_order]
    datasets.append(Dataset(CATALOG, _frame(CATALOG, catalog), None,
                            _latest(r["updated"] for r in catalog)))

    contacts = [contact_record(c) for _, c in sorted(ctx.site.contacts.items())]
    contact_rows = [{**c, "kind": c["kind_label"], "schedule": c["schedule_text"]} for c in contacts]
    datasets.append(Dataset(CONTACTS, _frame(CONTACTS, contact_rows), contacts, None))

    orgs = [organization_record(o) for _, o in sorted(ctx.site.organizations.items())]
    datasets.append(Dataset(ORGANIZATIONS, _frame(ORGANIZATIONS, orgs), orgs, None))
    return datasets
