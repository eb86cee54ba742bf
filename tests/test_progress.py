"""Build progress: stage, count and elapsed on a terminal; nothing in CI or a pipe."""

import io
from datetime import date

from generator.build import build
from generator.progress import Progress


def test_progress_names_stages_counts_and_elapsed(minimal):
    out = io.StringIO()
    build(minimal.root, date(2026, 6, 1), progress=Progress(out, enabled=True))
    text = out.getvalue()
    for stage in ("读取并检查数据", "生成 Markdown 页面（5 个）", "MkDocs 生成网页", "个人信息泄露扫描",
                  "死链接检查"):
        assert stage in text
    assert "完成，用时" in text and "s]" in text


def test_progress_is_quiet_when_not_a_terminal_or_in_ci(monkeypatch):
    assert not Progress(io.StringIO()).enabled          # StringIO is no terminal
    monkeypatch.setenv("CI", "true")

    class Terminal(io.StringIO):
        def isatty(self):
            return True
    assert not Progress(Terminal()).enabled
    monkeypatch.delenv("CI")
    assert Progress(Terminal()).enabled


def test_gongkai_progress_turns_lines_on_in_ci_and_off_on_a_terminal(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("GONGKAI_PROGRESS", "1")
    assert Progress(io.StringIO()).enabled
    monkeypatch.delenv("CI")
    monkeypatch.setenv("GONGKAI_PROGRESS", "0")
    assert not Progress(Terminal()).enabled
    assert Progress(io.StringIO(), enabled=True).enabled     # the caller's choice comes first
