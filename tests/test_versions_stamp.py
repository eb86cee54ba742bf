"""The build stamp in every footer: when, from which commit, or that there is no git."""

from __future__ import annotations

import re
import subprocess
from datetime import datetime, timezone

from conftest import FIXTURES, copy_site
from versions_site import MIDDLE, build_at


def footer(root, rel="index.html") -> str:
    html = (root / "build/site" / rel).read_text(encoding="utf-8")
    return re.search(r'<p class="gk-stamp">(.*?)</p>', html, re.S).group(1)


def git(root, *args) -> str:
    return subprocess.run(["git", "-C", str(root), "-c", "user.name=测试", "-c",
                           "user.email=test@example.invalid", *args],
                          check=True, capture_output=True, text=True).stdout.strip()


def test_stamp_says_so_when_the_site_is_not_in_git(tmp_path, monkeypatch):
    # Keep git from finding a repository above the temporary folder.
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    site = copy_site(FIXTURES / "minimal", tmp_path / "site")
    build_at(site.root, MIDDLE)
    stamp = footer(site.root)
    assert "数据未使用 git 管理，无提交编号" in stamp
    assert re.search(r"构建于 \d{4}-\d\d-\d\d \d\d:\d\d（北京时间）", stamp)
    assert "数据截至 2026-11-28" in stamp


def test_stamp_names_the_commit_and_uncommitted_edits(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    built = datetime(2026, 11, 18, 8, 26, tzinfo=timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(built.timestamp())))
    site = copy_site(FIXTURES / "minimal", tmp_path / "site")
    git(site.root, "init", "-q")
    git(site.root, "add", "data", "content", "site_config", "mkdocs.yml")
    git(site.root, "commit", "-q", "-m", "数据")
    short = git(site.root, "rev-parse", "--short", "HEAD")
    build_at(site.root, MIDDLE)
    for rel in ("index.html", "fees/fuyangfei/index.html"):
        stamp = footer(site.root, rel)
        assert f"提交 {short}" in stamp and "含未提交的修改" not in stamp
        assert "构建于 2026-11-18 16:26（北京时间）" in stamp
    site.append("data/contacts.yaml", "\n")
    build_at(site.root, MIDDLE)
    assert f"提交 {short}（含未提交的修改）" in footer(site.root)
