"""gongkai init DIR: a new, valid, buildable site for another office."""

from pathlib import Path


NEEDS_SITE = False   # DIR is created, not read


def register(sub) -> None:
    parser = sub.add_parser("init", help="在新文件夹里生成一个可用的网站骨架")
    parser.add_argument("dir")
    parser.set_defaults(func=run, needs_site=NEEDS_SITE)


def run(args) -> int:
    from ..scaffold import init_site

    target = init_site(Path(args.dir))
    print(f"已在 {target} 生成新网站。下一步：cd {args.dir} && gongkai build")
    return 0
