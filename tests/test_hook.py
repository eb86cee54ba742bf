"""The pre-commit hook from `gongkai install-hook`, run by real `git commit`s."""

from __future__ import annotations

import os

import pytest

from generator.cli import main

from gitsite import commit, git, make_repo

BROKEN = "title: 社会抚养费\npublisher: [town\n"


@pytest.fixture
def repo(minimal):
    make_repo(minimal)
    assert main(["-C", str(minimal.root), "install-hook"]) == 0
    return minimal


def head(site) -> str:
    return git(site.root, "rev-parse", "HEAD").stdout.strip()


def test_hook_is_an_executable_shell_script(repo):
    hook = repo.root / ".git/hooks/pre-commit"
    assert os.access(hook, os.X_OK)
    text = hook.read_text(encoding="utf-8")
    assert text.startswith("#!/bin/sh") and "checkout-index" in text and "validate" in text


def test_invalid_staged_data_blocks_the_commit(repo):
    before = head(repo)
    repo.write("data/fees/fuyangfei.yaml", BROKEN)
    git(repo.root, "add", "-A")
    result = git(repo.root, "commit", "-m", "坏数据", check=False)
    assert result.returncode != 0
    assert "fuyangfei.yaml" in result.stderr and "提交已取消" in result.stderr
    assert head(repo) == before


def test_valid_change_commits(repo):
    before = head(repo)
    repo.replace("data/fees/fuyangfei.yaml", "amount: 1500", "amount: 1600")
    git(repo.root, "add", "-A")
    result = git(repo.root, "commit", "-m", "调整收费", check=False)
    assert result.returncode == 0, result.stderr
    assert head(repo) != before


def test_the_staged_content_is_checked_not_the_working_tree(repo):
    good = repo.read("data/fees/fuyangfei.yaml")
    # Staged: a good change. Working tree: broken, not staged. The commit holds the good one.
    repo.write("data/fees/fuyangfei.yaml", good.replace("amount: 1500", "amount: 1600"))
    git(repo.root, "add", "data/fees/fuyangfei.yaml")
    repo.write("data/fees/fuyangfei.yaml", BROKEN)
    assert git(repo.root, "commit", "-m", "好的修改", check=False).returncode == 0
    # Staged: broken. Working tree: good again. The commit would hold the broken file.
    git(repo.root, "add", "data/fees/fuyangfei.yaml")
    repo.write("data/fees/fuyangfei.yaml", good)
    result = git(repo.root, "commit", "-m", "坏的暂存", check=False)
    assert result.returncode != 0 and "fuyangfei.yaml" in result.stderr


def test_commits_outside_the_data_skip_the_check(repo):
    repo.write("data/fees/fuyangfei.yaml", BROKEN)          # broken but not staged
    repo.write("README.md", "说明\n")
    git(repo.root, "add", "README.md")
    assert git(repo.root, "commit", "-m", "说明", check=False).returncode == 0


def test_an_existing_other_hook_is_kept_unless_forced(repo, capsys):
    hook = repo.root / ".git/hooks/pre-commit"
    assert main(["-C", str(repo.root), "install-hook"]) == 0
    assert "已是最新" in capsys.readouterr().out
    hook.write_text("#!/bin/sh\nexit 0\n")
    assert main(["-C", str(repo.root), "install-hook"]) == 2
    assert "已经存在且内容不同" in capsys.readouterr().err
    assert hook.read_text() == "#!/bin/sh\nexit 0\n"
    assert main(["-C", str(repo.root), "install-hook", "--force"]) == 0
    assert (repo.root / ".git/hooks/pre-commit.old").read_text() == "#!/bin/sh\nexit 0\n"
    assert "checkout-index" in hook.read_text()


def test_outside_a_repository_is_a_usage_error(minimal, capsys):
    assert main(["-C", str(minimal.root), "install-hook"]) == 2
    assert "不在 git 仓库里" in capsys.readouterr().err


def test_site_in_a_subfolder_of_the_repository(minimal, tmp_path):
    top = tmp_path / "top"
    top.mkdir()
    minimal.root.rename(top / "site")
    git(top, "init", "-q")
    commit(top, "网站放在子文件夹里")
    assert main(["-C", str(top / "site"), "install-hook"]) == 0
    (top / "site/data/fees/fuyangfei.yaml").write_text(BROKEN, encoding="utf-8")
    git(top, "add", "-A")
    result = git(top, "commit", "-m", "坏数据", check=False)
    assert result.returncode != 0 and "fuyangfei.yaml" in result.stderr
