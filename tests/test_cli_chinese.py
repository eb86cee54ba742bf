"""Every command's help and usage errors are Chinese, argparse's own words included."""

from __future__ import annotations

import re

import pytest

from generator.cli import make_parser, main
from generator.commands import COMMANDS

ARGPARSE_ENGLISH = re.compile(r"usage:|options:|positional arguments|show this help|error:|"
                              r"required|unrecognized|invalid|expected|choose from")


def command_names() -> list[str]:
    return list(make_parser()._subparsers._group_actions[0].choices)


def help_of(args: list[str], capsys) -> str:
    with pytest.raises(SystemExit) as caught:
        main(args + ["-h"])
    assert caught.value.code == 0
    return capsys.readouterr().out


def test_there_is_help_for_every_command(capsys):
    assert len(command_names()) == len(COMMANDS)


@pytest.mark.parametrize("command", [None, *command_names()])
def test_help_is_chinese(command, capsys):
    text = help_of([command] if command else [], capsys)
    assert text.startswith("用法：gongkai") and "显示这段帮助后退出" in text
    assert not ARGPARSE_ENGLISH.search(text), text
    # Values are named in Chinese, not by the option's name in capitals (argparse's default).
    usage = text.splitlines()[0]
    assert not re.search(r"\b(AS_OF|HOST|PORT|OUT|OUTPUT|NOTICE|DIR|SLUG|DEST|FILE|YEAR|TARGET)\b", usage), usage


@pytest.mark.parametrize("args, words", [
    (["new"], "缺少参数：类别, 文件名"),
    (["new", "policies", "x"], "没有「policies」这一项"),
    (["serve", "--port", "八千"], "「八千」不是有效的整数"),
    (["build", "--as-of", "2026-13-01"], "一年只有 1—12 月"),
    (["build", "--as-of"], "后面要写一个值"),
    (["validate", "--fast"], "不认识的参数：--fast"),
    (["bianyi"], "没有「bianyi」这一项"),
])
def test_usage_errors_are_chinese(args, words, capsys):
    with pytest.raises(SystemExit) as caught:
        main(args)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert words in err and "用法：gongkai" in err, err
    assert not ARGPARSE_ENGLISH.search(err), err
