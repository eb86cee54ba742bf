"""The few git operations publishing needs, with errors phrased for the clerk.

Old commits are read with `git archive` into a temporary folder, so the
working copy, the index and the repository's worktree list stay untouched.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from ..problems import UsageError

# Where a site's pages come from; a commit's other files do not change the site.
SITE_PARTS = ("data", "content", "site_config", "mkdocs.yml")
MAIN_BRANCHES = ("main", "master")


def run_git(root: Path, *args: str, text: bool = True) -> str | bytes | None:
    """Output of a git command in root, or None when git says no."""
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=text,
                                timeout=60)
    except FileNotFoundError:
        raise UsageError("找不到 git 命令，请先安装 git")
    if result.returncode != 0:
        return None
    return result.stdout.strip() if text else result.stdout


def site_prefix(root: Path) -> str:
    """The site folder's path inside its repository ("" at the top, else "sub/dir/")."""
    prefix = run_git(root, "rev-parse", "--show-prefix")
    if prefix is None:
        raise UsageError(f"{root} 不在 git 仓库里：请先 git init 并提交数据，或用 -C 指向网站仓库")
    return prefix


def resolve(root: Path, rev: str) -> str | None:
    return run_git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")


def short(root: Path, commit: str) -> str:
    return run_git(root, "rev-parse", "--short", commit) or commit[:7]


def current_branch(root: Path) -> str | None:
    return run_git(root, "symbolic-ref", "--quiet", "--short", "HEAD")


def main_branch(root: Path) -> str | None:
    """The branch releases come from: origin's default if known, else main or master."""
    remote_head = run_git(root, "symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD")
    if remote_head:
        return remote_head
    for name in MAIN_BRANCHES:
        if resolve(root, name):
            return name
    return None


def default_since(root: Path) -> str | None:
    """What `gongkai changes` compares with when no --since is given.

    On a feature branch: where it left the main branch (what a merge would add).
    On the main branch or a detached HEAD (CI checkouts): the commit before HEAD,
    so after a merge commit that is the main branch as it was before the merge.
    None when HEAD has no parent: everything is new.
    """
    branch, main = current_branch(root), main_branch(root)
    if branch and main and branch != main.split("/")[-1]:
        base = run_git(root, "merge-base", main, "HEAD")
        if base:
            return base
    return resolve(root, "HEAD~1")


def export_site(root: Path, commit: str, dest: Path) -> Path | None:
    """The site's files at a commit, unpacked under dest; None if the site did not exist yet."""
    prefix = site_prefix(root)
    top = run_git(root, "rev-parse", "--show-toplevel")
    listed = run_git(root, "ls-tree", "--full-tree", "--name-only", commit, "--",
                     *(prefix + part for part in SITE_PARTS))
    if not listed:
        return None
    archive = run_git(Path(top), "archive", "--format=tar", commit, "--", *listed.splitlines(),
                      text=False)
    if archive is None:
        raise UsageError(f"无法从提交 {short(root, commit)} 取出网站文件（git archive 失败）")
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:") as tar:
        tar.extractall(dest, filter="data")
    return dest / prefix
