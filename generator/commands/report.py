"""gongkai report YEAR: the 政府信息公开工作年度报告 as Markdown.

Prints the report (or writes it with -o). Section 二's document and fee
counts come from the catalogue; sections 一, 三 to 六 from data/report/YEAR.yaml,
which `gongkai validate` has checked. Without that file the report is a
draft with the computed parts filled in and the rest marked to be written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..problems import UsageError
from ._common import report as report_problems


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"年度「{text}」要写四位数字，例如 2025")
    return int(text)


def register(sub) -> None:
    parser = sub.add_parser("report", help="生成政府信息公开工作年度报告（Markdown）")
    parser.add_argument("year", type=_year, help="报告年度，例如 2025")
    parser.add_argument("-o", dest="output", type=Path, help="写到这个文件（默认输出到屏幕）")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..report.build import render_report
    from ..report.load import FOLDER, load_reports
    from ..validated import load_and_validate

    site, warnings = load_and_validate(args.root)
    report_problems(warnings)
    reports = {r.year: r for r in load_reports(site)[0]}
    found = reports.get(args.year)
    if found is None:
        print(f"没有 {FOLDER}/{args.year}.yaml：第一、三、四、五部分留空待填，"
              "第二部分已按目录统计。", file=sys.stderr)
    text = render_report(site, args.year, found)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    if args.output.is_dir():
        raise UsageError(f"{args.output} 是文件夹，请写一个文件名，例如 report-{args.year}.md")
    args.output.write_text(text, encoding="utf-8")
    print(f"年度报告已写到 {args.output}", file=sys.stderr)
    return 0
