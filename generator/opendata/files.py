"""The open data files as bytes: CSV, JSON and the Frictionless datapackage.json.

CSV is UTF-8 with a byte order mark, so Excel opens the Chinese headers
without asking for an encoding, and CRLF line ends (RFC 4180). Nothing here
reads the clock: the same data as of the same date gives byte-identical files.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from .tables import Dataset, build_datasets

if TYPE_CHECKING:
    from ..render.pages import RenderContext

FOLDER = "opendata"
PACKAGE = "datapackage.json"
BOM = "\ufeff"


@dataclass(frozen=True)
class FileEntry:
    """One downloadable file, for the 开放数据 page."""

    path: str            # docs-relative: opendata/fee.csv
    title: str
    format: str          # CSV / JSON
    rows: int | None     # None for the package description
    size: int
    updated: str | None


def csv_bytes(dataset: Dataset) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")    # an empty cell for None
    writer.writerow([column.header for column in dataset.table.columns])
    writer.writerows(dataset.rows)
    return (BOM + text.getvalue()).encode("utf-8")


def json_bytes(value) -> bytes:
    """Indented JSON; a list of records has one record to a line: json's indenting
    encoder is pure Python, and 10,000 items' versions took it four seconds."""
    if isinstance(value, list):
        records = ",\n".join(json.dumps(record, ensure_ascii=False) for record in value)
        return f"[\n{records}\n]\n".encode("utf-8")
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _resource(name: str, path: str, data: bytes, title: str, description: str, **more) -> dict:
    # No `hash`: a hex digest can hold a run of digits that reads as a phone or
    # ID number to the leak scan; the byte count still catches a changed file.
    return {"name": name, "path": path, "title": title, "description": description,
            **more, "bytes": len(data)}


def _package(ctx: RenderContext, resources: list[dict]) -> dict:
    config = ctx.site.config
    host = urlparse(config.base_url).hostname or "gongkai"
    return {
        "name": f"{host}-opendata".lower(),
        "title": f"{config.name}开放数据",
        "description": "本站主动公开信息的结构化数据：各类条目的现行版本、全部版本、信息公开目录、"
                       "联系渠道和机构。只含条目层面的字段，不含任何公示名单。",
        "homepage": config.base_url + FOLDER + "/",
        "licenses": [{"path": config.base_url + FOLDER + "/#terms", "title": "本站开放数据使用条款"}],
        "resources": resources,
    }


def build_files(ctx: RenderContext) -> tuple[dict[str, bytes], list[FileEntry]]:
    files: dict[str, bytes] = {}
    entries: list[FileEntry] = []
    resources: list[dict] = []
    for dataset in build_datasets(ctx):
        table, rows = dataset.table, len(dataset.rows)
        csv_path = f"{table.stem}.csv"
        data = csv_bytes(dataset)
        files[f"{FOLDER}/{csv_path}"] = data
        entries.append(FileEntry(f"{FOLDER}/{csv_path}", table.title, "CSV", rows, len(data),
                                 dataset.updated))
        resources.append(_resource(
            table.name, csv_path, data, table.title, table.description, format="csv",
            mediatype="text/csv", encoding="utf-8-sig", schema=table.schema()))
        if dataset.records is not None:
            json_path = f"{table.stem}.json"
            data = json_bytes(dataset.records)
            files[f"{FOLDER}/{json_path}"] = data
            entries.append(FileEntry(f"{FOLDER}/{json_path}", table.title, "JSON", rows, len(data),
                                     dataset.updated))
            resources.append(_resource(
                f"{table.name}-json", json_path, data, f"{table.title}（JSON）",
                f"{table.description}与同名 CSV 同一批记录，键用英文，"
                "清单、标准、材料等保持嵌套结构。", format="json", mediatype="application/json",
                encoding="utf-8"))
    package = json_bytes(_package(ctx, resources))
    files[f"{FOLDER}/{PACKAGE}"] = package
    entries.append(FileEntry(f"{FOLDER}/{PACKAGE}", "数据包说明（Frictionless Data Package）",
                             "JSON", None, len(package), None))
    return files, entries
