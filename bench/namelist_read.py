"""Time reading and checking one large name list, as XLSX and as CSV.

  python bench/namelist_read.py 10000

Rows are synthetic (check digits computed, names made up): a name, an ID and a phone,
both masked, an address masked to the village, and two public columns (category,
remark) that go through every check a public cell gets. Prints seconds per file
(wall clock and CPU).
"""

from __future__ import annotations

import csv
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.privacy.namelist import ColumnSpec, load_name_list  # noqa: E402

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
HEADER = ["姓名", "身份证号", "联系电话", "家庭住址", "扶助类别", "备注"]
COLUMNS = [ColumnSpec("姓名", mask="name"), ColumnSpec("身份证号", mask="id_card"),
           ColumnSpec("联系电话", mask="phone"), ColumnSpec("家庭住址", mask="address"),
           ColumnSpec("扶助类别"), ColumnSpec("备注", required=False)]


def fake_id(n: int) -> str:
    first = f"532923{1950 + n % 50}{n % 12 + 1:02d}{n % 28 + 1:02d}{n % 1000:03d}"
    return first + "10X98765432"[sum(int(d) * w for d, w in zip(first, WEIGHTS)) % 11]


def rows(count: int) -> list[list[str]]:
    return [[f"张{n % 97}明", fake_id(n), f"138{n:08d}", f"勍香镇第{n % 12 + 1}村{n % 9}组{n % 50}号",
             "奖励扶助", f"2026年第{n % 40}批，户内 {n % 5 + 1} 人"] for n in range(count)]


def main(counts: list[int]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for count in counts:
            table = [HEADER, *rows(count)]
            book = openpyxl.Workbook()
            for row in table:
                book.active.append(row)
            xlsx = Path(folder) / "mingdan.xlsx"
            book.save(xlsx)
            plain = Path(folder) / "mingdan.csv"
            with plain.open("w", newline="", encoding="utf-8-sig") as file:
                csv.writer(file).writerows(table)
            for path in (xlsx, plain):
                started, cpu = time.perf_counter(), time.process_time()
                name_list, problems = load_name_list(path, COLUMNS, path.name)
                seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
                assert name_list is not None, problems[:3]
                # CPU time too: on a shared machine the wall clock says more about the neighbours.
                print(f"{count:>7} rows {path.suffix:5}  {seconds:6.2f} s  ({cpu:.2f} s CPU)")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [10000])
