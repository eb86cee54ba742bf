"""`gongkai install-hook`: a plain git pre-commit hook that validates the staged data.

The hook calls the gongkai that installed it (an absolute path, so it works
from GUI git clients whose PATH lacks the virtualenv) and falls back to
`gongkai` on PATH if that one has moved.
"""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

from ..problems import UsageError
from . import git

TEMPLATE = Path(__file__).parent / "templates" / "pre-commit.sh"


def gongkai_command() -> tuple[str, str]:
    """(executable, extra arguments) that run this gongkai."""
    argv0 = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
    if argv0 and argv0.name.startswith("gongkai") and argv0.is_file():
        return str(argv0), ""
    found = shutil.which("gongkai")
    if found:
        return str(Path(found).resolve()), ""
    # Run as `python -m generator.cli` (or from tests): the same interpreter.
    return sys.executable, "-m generator.cli "


def render_hook(site_prefix: str) -> str:
    executable, args = gongkai_command()
    return (TEMPLATE.read_text(encoding="utf-8")
            .replace("@EXECUTABLE@", shlex.quote(executable))
            .replace("@ARGS@", args)
            .replace("@SITE@", shlex.quote(site_prefix)))


def install_hook(root: Path, force: bool = False) -> tuple[Path, str]:
    """Write the hook; returns its path and what happened (已安装 / 已是最新 / 已替换)."""
    prefix = git.site_prefix(root)
    hooks = git.run_git(root, "rev-parse", "--git-path", "hooks")
    target = (root / hooks / "pre-commit").resolve()
    text = render_hook(prefix)
    outcome = "已安装"
    if target.exists():
        if target.read_text(encoding="utf-8", errors="replace") == text:
            return target, "已是最新"
        if not force:
            raise UsageError(f"{target} 已经存在且内容不同（可能是别的工具的钩子）：没有覆盖它。"
                             "确认要替换时加 --force（原文件会改名为 pre-commit.old）")
        target.replace(target.with_name("pre-commit.old"))
        outcome = "已替换（原钩子保存为 pre-commit.old）"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    target.chmod(0o755)
    return target, outcome
