"""Bounds on one YAML file, so that no input can exhaust memory, the stack or time.

A data file of this site is a few kilobytes: one item, or a list of offices.
Aliases can make a small file expand exponentially ("billion laughs") or refer
to themselves, and libyaml's composer recurses once per nesting level in C
(100,000 levels crash the interpreter). Each limit is far beyond any real file
and is reported as a Problem with the file and line, never an exception.
"""

from __future__ import annotations

import re

import yaml

from ..problems import Problem

MAX_BYTES = 2 * 1024 * 1024     # the largest example item is under 20 KB
MAX_DEPTH = 40                  # the deepest real structure is about 6 levels
MAX_VALUES = 200_000            # values once aliases are expanded; an item has a few hundred
# Only a text with this many brackets can nest deeper than MAX_DEPTH in flow style
# ([[[…]]]); block style needs an indentation per level, which MAX_BYTES bounds.
_BRACKETS_WORTH_A_LOOK = MAX_DEPTH

# What YAML does not allow in a file (C0 controls other than tab and line ends, and
# the like); libyaml's own message is English and names no line.
_NOT_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def visible(name: str) -> str:
    """A file name as it can be printed on one line: x\\n.yaml, not a line break."""
    return _CONTROL.sub(lambda found: repr(found.group())[1:-1], name)


class LimitExceeded(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def too_big(size: int, file: str) -> Problem | None:
    if size <= MAX_BYTES:
        return None
    return Problem(file, None, "",
                   f"文件太大（{size / 1024 / 1024:.1f} MB，最多 {MAX_BYTES // 1024 // 1024} MB）",
                   "一个数据文件只写一个条目；名单请放在 CSV 或 Excel 文件里")


def text_problem(text: str, file: str) -> Problem | None:
    """A limit the text breaks before it is parsed, or None."""
    found = too_big(len(text.encode("utf-8", "surrogatepass")), file)
    if found:
        return found
    bad = _NOT_PRINTABLE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        code = f"U+{ord(bad.group()):04X}"
        what = "空字符（NUL）" if bad.group() == "\0" else f"不可见的控制字符 {code}"
        return Problem(file, line, "", f"这一行有{what}",
                       "这种字符常来自从别的软件复制的文字；请删掉它，或把这一行重新输入一遍")
    if text.count("[") + text.count("{") >= _BRACKETS_WORTH_A_LOOK:
        return _flow_depth(text, file)
    return None


def _flow_depth(text: str, file: str) -> Problem | None:
    """Nesting too deep, found from libyaml's events (its parser keeps a stack of its
    own; only its composer recurses)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return too_deep(file, event.start_mark.line + 1)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None     # the composer reports the syntax error with its line
    return None


def too_deep(file: str, line: int) -> Problem:
    return Problem(file, line, "", f"层次太深（超过 {MAX_DEPTH} 层）",
                   "数据文件最多几层缩进；请检查这里是否多写了括号或缩进")


def too_many(file: str, line: int) -> Problem:
    return Problem(file, line, "", f"展开后的内容太多（超过 {MAX_VALUES:,} 项）",
                   "多半是别名（&名字 / *名字）层层引用造成的；请把内容直接写出来，不要用别名")


def alias_loop(file: str, line: int) -> Problem:
    return Problem(file, line, "", "别名引用了它自己（例如 loop: &r [*r]），内容会无限展开",
                   "请删掉这个别名（*名字），把内容直接写出来")
