"""Bounded input: each hostile file is refused with a Chinese message naming the file
and line, by the real command in a process whose memory is capped, never a traceback;
a build that meets a file-system failure leaves the last good site as it was."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys

import pytest

POLICY = "data/policies/xize.yaml"    # the fixture's one policy
MEMORY_CAP = 1536 * 1024 * 1024   # bytes of address space; the laughs below need ~12 GB

LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))


def _policy(extra: str) -> str:
    return ("title: 细则\npublisher: town\ncreated: 2026-03-02\npublished: 2026-03-04\n"
            f"versions:\n  - effective_from: 2026-03-04\n    body: 正文\n{extra}")


# (case, file, its content, what the message says, the line it names)
CASES = [
    ("billion laughs", "data/policies/laughs.yaml", LAUGHS, "展开后的内容太多", None),
    ("recursive alias", "data/policies/loop.yaml", "loop: &r [*r]\n", "别名引用了它自己", 1),
    ("5,000 deep, flow", "data/policies/deep.yaml", "a: " + "[" * 5000 + "]" * 5000 + "\n",
     "层次太深", 1),
    ("100,000 deep, flow", "data/policies/deeper.yaml",
     "a: " + "[" * 100_000 + "]" * 100_000 + "\n", "层次太深", 1),
    ("nested merge keys", "data/policies/merges.yaml",
     "".join("  " * i + "<<:\n" for i in range(1200)) + "  " * 1200 + "a: 1\n", "层次太深", 1),
    ("deep, block", "data/policies/block.yaml",
     "".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60 + "v\n", "层次太深", None),
    ("file size", "data/policies/big.yaml", _policy("# " + "填" * (3 * 1024 * 1024) + "\n"),
     "文件太大", None),
    ("period days", "data/notices/gonggao.yaml", None, "天数 999999999 太大", None),
    ("date far ahead", "data/policies/ahead.yaml",
     _policy("").replace("published: 2026-03-04", "published: 9999-12-31"), "超出范围", 4),
    ("date far back", "data/policies/back.yaml",
     _policy("").replace("created: 2026-03-02", "created: 0001-01-01"), "超出范围", 3),
    ("infinite amount", "data/subsidies/jiangli.yaml", None, "不是合理的数", None),
    ("second document", "data/policies/two.yaml", _policy("---\ntitle: 另一个\n"),
     "第二个「---」", 8),
    ("NUL byte", "data/policies/nul.yaml", _policy("").replace("正文", "正\0文"), "空字符", 7),
    ("control character", "data/policies/esc.yaml", _policy("").replace("正文", "正\x1b文"),
     "控制字符 U+001B", 7),
    ("complex key", "data/policies/key.yaml", _policy("? [a, b]\n: c\n"), "字段名只能是文字", 8),
    ("file name", "data/policies/x\n.yaml", _policy(""), "「x\\n」不能用作网址", None),
]


def _capped():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def gongkai(root, *args, limits=_capped) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.cli", "-C", str(root), *args],
                          capture_output=True, text=True, timeout=300, preexec_fn=limits,
                          cwd=os.getcwd())


@pytest.fixture(scope="module")
def validated(tmp_path_factory):
    """`gongkai validate` once on a site holding every case (it reports all problems at once)."""
    from conftest import FIXTURES, copy_site
    site = copy_site(FIXTURES / "minimal", tmp_path_factory.mktemp("limits"))
    site.append("data/notices/gonggao.yaml", "    period: {start: 2026-03-04, days: 999999999}\n")
    site.replace("data/subsidies/jiangli.yaml", "amount: 720", "amount: .inf")
    for _, rel, text, _, _ in CASES:
        if text is not None:
            site.path(rel).write_bytes(text.encode("utf-8"))
    return gongkai(site.root, "validate")


def test_the_run_ends_with_a_list_of_problems_not_a_traceback(validated):
    assert validated.returncode == 1, validated.stderr[-3000:]
    assert "Traceback" not in validated.stderr and "Error" not in validated.stderr
    assert "RecursionError" not in validated.stderr and "MemoryError" not in validated.stderr


@pytest.mark.parametrize("case, rel, text, message, line", CASES, ids=[c[0] for c in CASES])
def test_each_limit_is_refused_in_chinese(validated, case, rel, text, message, line):
    rel = rel.replace("\n", "\\n")
    reported = [text for text in validated.stderr.splitlines()
                if message in text and text.startswith(rel + ":")]
    assert reported, validated.stderr[-3000:]
    assert line is None or reported[0].startswith(f"{rel}:{line}:"), reported


def _site_files(site) -> dict[str, int]:
    return {str(path.relative_to(site)): path.stat().st_mtime_ns
            for path in sorted(site.rglob("*")) if path.is_file()}


def test_file_system_failures_leave_the_last_good_site(minimal):
    assert gongkai(minimal.root, "build", "--as-of", "2026-03-10").returncode == 0
    site = minimal.path("build/site")
    before = _site_files(site)
    minimal.replace(POLICY, "第一条", "第壹条")

    def disk_full():
        # Every write past 64 KB fails with EFBIG, as a full disk fails with ENOSPC.
        _capped()
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    result = gongkai(minimal.root, "build", "--as-of", "2026-03-10", limits=disk_full)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "上一次生成的网站保持不变" in result.stderr
    assert _site_files(site) == before


def test_a_build_folder_that_cannot_be_written(minimal):
    minimal.path("build").write_text("不是文件夹", encoding="utf-8")
    result = gongkai(minimal.root, "build", "--as-of", "2026-03-10")
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "build" in result.stderr and "上一次生成的网站保持不变" in result.stderr
