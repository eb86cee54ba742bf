"""gongkai install-hook: check the staged data before every `git commit`."""



def register(sub) -> None:
    parser = sub.add_parser("install-hook", help="安装 git 提交前检查（pre-commit 钩子）")
    parser.add_argument("--force", action="store_true", help="替换已有的不同的 pre-commit 钩子")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..publish.hook import install_hook

    path, outcome = install_hook(args.root, args.force)
    print(f"{outcome}：{path}。以后每次 git commit 前都会检查暂存的数据，有错误时不会提交"
          "（紧急情况可用 git commit --no-verify 跳过）。")
    return 0
