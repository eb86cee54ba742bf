"""The `gongkai` command: init, new, validate, build, serve.

Exit codes: 0 done, 1 the data has errors, 2 the command was used wrongly.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from .problems import Problem, ProblemsError, UsageError

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _as_of(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期「{text}」要写成 YYYY-MM-DD，例如 2026-11-02")


def _report(problems: list[Problem], stream=sys.stderr) -> None:
    for problem in problems:
        print(problem, file=stream)


def cmd_validate(args) -> int:
    from .build import load_and_validate
    site, warnings = load_and_validate(args.root)
    _report(warnings)
    print(f"检查通过：{len(site.items)} 个条目，{len(site.contacts)} 个联系渠道，"
          f"{len(site.organizations)} 个机构" + (f"，{len(warnings)} 条警告" if warnings else "") + "。")
    return EXIT_OK


def cmd_build(args) -> int:
    from .build import build
    result = build(args.root, args.as_of or date.today())
    _report(result.warnings)
    index = result.site_dir / "index.html"
    print(f"网站已生成：{result.pages} 个页面，用时 {result.seconds:.1f} 秒（生成的 Markdown："
          f"{result.docs.written} 个更新，{result.docs.unchanged} 个未变，{result.docs.removed} 个删除）。")
    print(f"打开：{index.resolve()}")
    return EXIT_OK


def cmd_serve(args) -> int:
    from .serve import serve
    serve(args.root, args.as_of, args.host, args.port)
    return EXIT_OK


def cmd_init(args) -> int:
    from .scaffold import init_site
    target = init_site(Path(args.dir))
    print(f"已在 {target} 生成新网站。下一步：cd {args.dir} && gongkai build")
    return EXIT_OK


def cmd_new(args) -> int:
    from .scaffold import new_item
    path = new_item(args.root, args.kind, args.slug)
    print(f"已生成 {path.relative_to(args.root)}，请按注释填写后运行 gongkai validate。")
    return EXIT_OK


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="gongkai", description="政务公开网站生成器")
    parser.add_argument("-C", dest="root", type=Path, default=Path("."),
                        help="网站所在的文件夹（默认：当前文件夹）")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")

    p = sub.add_parser("validate", help="检查 data/ 里的数据")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("build", help="生成网站到 build/site/")
    p.add_argument("--as-of", type=_as_of, help="按哪一天的情况生成（默认今天）")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("serve", help="本地预览，数据修改后自动重新生成")
    p.add_argument("--as-of", type=_as_of)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("init", help="在新文件夹里生成一个可用的网站骨架")
    p.add_argument("dir")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("new", help="按模板新建一个条目")
    p.add_argument("kind", choices=["policy", "fee", "subsidy", "service", "notice"])
    p.add_argument("slug", help="文件名（小写英文、数字、连字符），也是网址")
    p.set_defaults(func=cmd_new)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.command != "init" and not args.root.is_dir():
        print(f"找不到文件夹 {args.root}，请检查 -C 后面的路径", file=sys.stderr)
        return EXIT_USAGE
    try:
        return args.func(args)
    except ProblemsError as err:
        _report(err.problems)
        errors = sum(1 for p in err.problems if p.level == "error")
        print(f"发现 {errors} 个错误，没有生成任何文件，上一次生成的网站保持不变。", file=sys.stderr)
        return EXIT_DATA
    except UsageError as err:
        print(err, file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
