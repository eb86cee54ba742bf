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
