"""gongkai import-list FILE --notice SLUG: bring a clerk's spreadsheet beside a notice.

The file is copied next to the notice and a column declaration is proposed
(ID and phone columns masked, bank numbers unpublished); nothing is published
until the clerk pastes the declaration into the notice and builds.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..kind_names import KIND_NAMES
from ..problems import UsageError

SUPPORTED = (".csv", ".xlsx")


def register(sub) -> None:
    parser = sub.add_parser("import-list", help="导入公示名单（CSV/XLSX），并建议各列的遮蔽方式")
    parser.add_argument("file", type=Path, help="名单文件（.xlsx 或 .csv）")
    parser.add_argument("--notice", required=True, help="公示的文件名（data/notices/ 里，不带 .yaml）")
    parser.add_argument("--force", action="store_true", help="覆盖已经存在的同名名单文件")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..privacy.propose import propose_columns, render_declaration

    source: Path = args.file
    if not source.is_file():
        raise UsageError(f"找不到名单文件 {source}")
    if source.suffix.lower() not in SUPPORTED:
        raise UsageError(f"名单只能是 .xlsx 或 .csv 文件，{source.name} 不是；请在 Excel 里另存为 .xlsx")
    folder = args.root / "data" / KIND_NAMES["notice"][0]
    notice = folder / f"{args.notice}.yaml"
    if not notice.is_file():
        raise UsageError(f"找不到公示 {notice.relative_to(args.root)}；请先用 gongkai new notice {args.notice} 新建")
    specs = propose_columns(source)   # raises ProblemsError when unreadable: nothing copied
    target = folder / f"{args.notice}-mingdan{source.suffix.lower()}"
    if target.exists() and not args.force:
        raise UsageError(f"{target.relative_to(args.root)} 已经存在；确认要替换请加 --force")
    shutil.copyfile(source, target)
    print(f"已复制到 {target.relative_to(args.root)}。")
    print(f"请核对下面的声明，把它放进 {notice.relative_to(args.root)} 最新一个版本里（与 body 对齐），"
          "再运行 gongkai validate：\n")
    print(render_declaration(specs, target.name))
    return 0
