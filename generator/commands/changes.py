"""gongkai changes: what the public will see differently, between two commits.

--since defaults to where a feature branch left the main branch, or to the
commit before HEAD on the main branch (in CI, HEAD~1 of a merge commit is the
main branch before the merge). --until defaults to HEAD, the committed state,
because only commits are published; --working-tree previews uncommitted edits.
"""

from ..problems import UsageError
from ._common import as_of_date


def register(sub) -> None:
    parser = sub.add_parser("changes", help="比较两个提交：公众看到的页面有哪些变化")
    parser.add_argument("--since", metavar="REV",
                        help="旧版本（默认：功能分支从主分支分出的位置，主分支上为 HEAD~1）")
    parser.add_argument("--until", metavar="REV", help="新版本（默认：HEAD）")
    parser.add_argument("--working-tree", action="store_true",
                        help="新版本用工作区里尚未提交的文件（提交前预览）")
    parser.add_argument("--as-of", type=as_of_date, help="按哪一天的情况比较（默认今天）")
    parser.add_argument("--ahead", type=int, default=7, metavar="N",
                        help="列出今后 N 天里到期自动发生的变化（默认 7）")
    parser.add_argument("--format", choices=("text", "markdown"), default="text",
                        help="text：终端阅读；markdown：贴到合并请求的评论里")
    parser.add_argument("--max-lines", type=int, default=400, metavar="N",
                        help="每个文件最多显示多少行差异（0 表示不限，默认 400）")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..publish import git
    from ..publish.changes import collect
    from ..publish.report import format_report
    from ..today import site_timezone, today

    if args.working_tree and args.until:
        raise UsageError("--until 和 --working-tree 只能用一个")
    if args.ahead < 0 or args.max_lines < 0:
        raise UsageError("--ahead 和 --max-lines 不能是负数")
    root = args.root
    git.site_prefix(root)   # a clear error outside a repository
    until = None if args.working_tree else _commit(root, args.until or "HEAD", "--until")
    since = _commit(root, args.since, "--since") if args.since else git.default_since(root)
    as_of = args.as_of or today(site_timezone(root))
    report = collect(root, since, until, as_of, args.ahead, args.max_lines)
    print(format_report(report, args.format), end="")
    return 0


def _commit(root, rev: str, option: str) -> str:
    from ..publish import git

    commit = git.resolve(root, rev)
    if commit is None:
        raise UsageError(f"{option} {rev}：git 里找不到这个提交或分支，请检查拼写（可用 git log 查看）")
    return commit
