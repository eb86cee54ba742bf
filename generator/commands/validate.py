"""gongkai validate: check data/ and report every problem at once."""

from ._common import report


def register(sub) -> None:
    parser = sub.add_parser("validate", help="检查 data/ 里的数据")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..validated import load_and_validate

    site, warnings = load_and_validate(args.root)
    report(warnings)
    print(f"检查通过：{len(site.items)} 个条目，{len(site.contacts)} 个联系渠道，"
          f"{len(site.organizations)} 个机构" + (f"，{len(warnings)} 条警告" if warnings else "") + "。")
    return 0
