"""Published versions keep their numbers: insert or delete one and validation fails."""

from __future__ import annotations

import subprocess

from generator.cli import main

NEW_LAST = """\
  - effective_from: 2026-12-01
    change_note: 新增一项材料。
    steps: [申请, 受理, 审核, 发证]
"""
NEW_FIRST = """\
versions:
  - effective_from: 2026-01-01
    conditions: [只生育一个子女的夫妻]
    materials:
      - name: 居民身份证
    steps: [申请, 发证]
"""


def commit(root) -> None:
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "发布"]):
        subprocess.run(["git", "-C", str(root), "-c", "user.name=测试",
                        "-c", "user.email=test@example.invalid", *args], check=True)


def test_appending_a_version_is_fine_inserting_one_before_is_not(minimal, capsys, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(minimal.root.parent))
    rel = "data/services/guangrongzheng.yaml"
    assert main(["-C", str(minimal.root), "validate"]) == 0    # not in git: nothing to compare
    commit(minimal.root)
    minimal.append(rel, NEW_LAST)
    assert main(["-C", str(minimal.root), "validate"]) == 0, capsys.readouterr().err
    commit(minimal.root)
    minimal.replace(rel, "versions:\n", NEW_FIRST)
    assert main(["-C", str(minimal.root), "validate"]) == 1
    err = capsys.readouterr().err
    assert f"{rel}:6: 第1版（2026-01-01 起）: 生效日期为 2026-01-01 的版本插在了已经发布的版本（2026-03-04 起）之前" in err
    assert "新版本只能加在 versions 列表的最后" in err


def test_deleting_a_published_version_fails(minimal, capsys, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(minimal.root.parent))
    rel = "data/services/guangrongzheng.yaml"
    minimal.append(rel, NEW_LAST)
    commit(minimal.root)
    minimal.write(rel, minimal.read(rel).replace(NEW_LAST, ""))
    assert main(["-C", str(minimal.root), "validate"]) == 1
    assert "已经发布的 2 个版本现在只剩 1 个" in capsys.readouterr().err
    # Correcting a committed version's date keeps its position and number.
    minimal.append(rel, NEW_LAST.replace("2026-12-01", "2026-12-02"))
    assert main(["-C", str(minimal.root), "validate"]) == 0
