"""The `gongkai` command. Exit codes: 0 done, 1 the data has errors, 2 wrong usage."""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path

from . import argparse_zh
from .commands import COMMANDS
from .problems import ProblemsError, UsageError

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def add_argument(self, *args, **kwargs):
        action = super().add_argument(*args, **kwargs)
        argparse_zh.name_value(action)
        return action

    def error(self, message: str):
        self.print_usage(sys.stderr)
        print(f"{self.prog}：参数有误：{argparse_zh.error_text(message)}（运行 {self.prog} -h 查看用法）",
              file=sys.stderr)
        sys.exit(EXIT_USAGE)


def make_parser() -> argparse.ArgumentParser:
    argparse_zh.install()
    parser = _Parser(prog="gongkai", description="政务公开网站生成器",
                     epilog="运行 gongkai 命令 -h 查看每个命令的用法。退出码：0 成功，1 数据有错误，2 命令用法有误。")
    parser.add_argument("-C", dest="root", type=Path, default=Path("."),
                        help="网站所在的文件夹（默认：当前文件夹）")
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令",
                                parser_class=_Parser)
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    if getattr(args, "needs_site", True) and not args.root.is_dir():
        print(f"找不到文件夹 {args.root}，请检查 -C 后面的路径", file=sys.stderr)
        return EXIT_USAGE
    try:
        return args.func(args)
    except ProblemsError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        errors = sum(1 for p in err.problems if p.level == "error")
        print(f"发现 {errors} 个错误，没有生成任何文件，上一次生成的网站保持不变。", file=sys.stderr)
        return EXIT_DATA
    except UsageError as err:
        print(err, file=sys.stderr)
        return EXIT_USAGE
    except OSError as err:
        print(file_system_message(err, args.command), file=sys.stderr)
        return EXIT_DATA


# What a clerk can do about the file-system conditions a command meets.
_ERRNO_HINTS = {
    errno.ENOSPC: ("磁盘已满", "请清理磁盘空间后再运行"),
    errno.EDQUOT: ("磁盘配额已用完", "请清理空间或请管理员调高配额后再运行"),
    errno.EACCES: ("没有写入或读取的权限", "请检查这个文件夹的权限，或换一个有权限的用户运行"),
    errno.EPERM: ("操作不被允许", "请检查这个文件夹的权限，或换一个有权限的用户运行"),
    errno.EROFS: ("所在的磁盘是只读的", "请换到可以写入的文件夹运行，或请管理员改为可写"),
    errno.ENOENT: ("文件或文件夹不存在", "请确认路径写对了，运行期间没有被删除或移走"),
    errno.ENOTDIR: ("这里应该是文件夹，却是一个文件", "请把这个文件改名或移走"),
    errno.EEXIST: ("这里应该是文件夹，却是一个文件", "请把这个文件改名或移走"),
    errno.EFBIG: ("文件超过了系统允许的大小", "请检查磁盘空间和系统对文件大小的限制"),
}


def file_system_message(err: OSError, command: str) -> str:
    what, hint = _ERRNO_HINTS.get(err.errno, (f"文件系统出错（{err.strerror or err}）",
                                              "请检查磁盘和文件夹权限后重试"))
    where = f"{err.filename}：" if err.filename else ""
    # A build swaps its new site in only at the very end (build.py).
    outcome = "没有生成新的网站，上一次生成的网站保持不变" if command == "build" else "命令没有完成"
    return f"{where}{what}，{hint}。{outcome}。"


if __name__ == "__main__":
    sys.exit(main())
