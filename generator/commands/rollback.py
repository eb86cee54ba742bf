"""gongkai rollback DEST: switch the public site back to an earlier release at once."""

from pathlib import Path

from .publish import print_releases


def register(sub) -> None:
    parser = sub.add_parser("rollback", help="把网站切回之前发布的版本")
    parser.add_argument("dest", type=Path, help="gongkai publish 用的发布文件夹")
    parser.add_argument("--to", metavar="NAME", help="切换到哪个版本（默认：当前版本的前一个）")
    parser.add_argument("--list", action="store_true", help="只列出已发布的版本")
    parser.add_argument("--force", action="store_true",
                        help="即使该版本显示的公示名单已到撤下日期（或无法确认）也切换")
    parser.set_defaults(func=run, needs_site=False)


def run(args) -> int:
    from ..publish.release import rollback

    if args.list:
        print_releases(args.dest)
        return 0
    release = rollback(args.dest, args.to, force=args.force)
    print(f"已切换到版本 {release.name}：{release.description}")
    return 0
