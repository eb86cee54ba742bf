"""argparse in Chinese: its usage line, headings and error texts, and names for values.

argparse looks up each of its strings through the module's `_` (gettext) when it
uses them; the clerk's terminal has no Chinese catalogue for Python itself, so
the CLI hands argparse this one.
"""

from __future__ import annotations

import argparse

_TEXTS = {
    "usage: ": "用法：",
    "positional arguments": "参数",
    "options": "选项",
    "show this help message and exit": "显示这段帮助后退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：参数有误：%(message)s\n",
    "the following arguments are required: %s": "缺少参数：%s",
    "unrecognized arguments: %s": "不认识的参数：%s",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "没有「%(value)s」这一项，可选的有：%(choices)s",
    "invalid %(type)s value: %(value)r": "「%(value)s」不是有效的%(type)s",
    "expected one argument": "后面要写一个值",
    "expected at least one argument": "后面至少要写一个值",
    "expected at most one argument": "后面最多写一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 不明确，可能是：%(matches)s",
    "not allowed with argument %s": "不能和 %s 一起用",
    "one of the arguments %s is required": "以下参数至少要写一个：%s",
    "ignored explicit argument %r": "多写了值 %r",
    "can't open '%(filename)s': %(error)s": "打不开「%(filename)s」：%(error)s",
}
# The type names argparse puts, untranslated, into "invalid %(type)s value".
_TYPES = {"int": "整数", "float": "数字", "Path": "路径", "as_of_date": "日期", "upper": "文字"}
# Names for values in usage, help and errors, instead of the option's name in capitals.
METAVARS = {"as_of": "日期", "host": "地址", "port": "端口", "out": "文件", "output": "文件",
            "notice": "公示文件名", "paper": "纸张", "dir": "文件夹", "slug": "文件名", "file": "名单文件",
            "year": "年度", "dest": "发布文件夹", "root": "文件夹", "kind": "类别"}


def translate(text: str) -> str:
    return _TEXTS.get(text, text)


def error_text(message: str) -> str:
    """An argparse error message with the type names it leaves in English translated."""
    for name, chinese in _TYPES.items():
        message = message.replace(f"不是有效的{name}", f"不是有效的{chinese}")
    return message


def translate_plural(singular: str, plural: str, n: int) -> str:
    return translate(singular if n == 1 else plural)


def name_value(action: argparse.Action) -> None:
    """Give a value a Chinese name in usage, help and errors, unless it lists its choices."""
    if action.metavar is None and action.choices is None and action.dest in METAVARS and action.nargs != 0:
        action.metavar = METAVARS[action.dest]


def install() -> None:
    """Make argparse speak Chinese in this process (the `gongkai` command)."""
    argparse._ = translate
    argparse.ngettext = translate_plural
