"""YAML syntax errors in the clerk's words: what to do, on which line, at which column.

The parser stops at its first error and often points at the line after the
mistake (a full-width colon on line 5 is "could not find expected ':'" on
line 6). We look at the lines it names for the mistakes clerks make, say what
to change, and then parse again with the bad line blanked out, so that one run
lists every mistake the parser can find.
"""

from __future__ import annotations

import re
from typing import Callable

import yaml

from ..problems import Problem

# Enough for a file typed in the wrong editor; past this the rest is noise.
MAX_SYNTAX_PROBLEMS = 20

_KEY = r"^(\s*(?:-\s+)?)([A-Za-z_][A-Za-z0-9_]*)"
_FULL_WIDTH_COLON = re.compile(_KEY + r"\s*(：)")
_NO_SPACE = re.compile(_KEY + r"(:)(?=[^\s/])")
_KEY_LINE = re.compile(_KEY + r"\s*:(\s|$)")
_KEY_START = re.compile(r"^[\s→]*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*[:：]")
_LONG_NUMBER = re.compile(r"\d{7,}")
_TAB = ("这一行用了制表符（Tab）缩进", "YAML 只能用空格缩进，请把 Tab 换成空格")
_SECOND_DOCUMENT = ("文件里有第二个「---」", "每个文件只写一个条目，请删掉这一行以及后面多余的内容")

Compose = Callable[[str], object]


def colon_mistake(text: str) -> tuple[int, str, str] | None:
    """A `key：value` or `key:value` line: (0-based column, message, hint), else None."""
    found = _FULL_WIDTH_COLON.match(text)
    if found:
        return (found.start(3), f"「{found[2]}」后面用了中文冒号「：」",
                f"请改成英文冒号加一个空格：{found[2]}: …")
    found = _NO_SPACE.match(text)
    if found:
        return (found.start(3) + 1, f"「{found[2]}:」的冒号后面少了一个空格",
                f"请在冒号后面加一个空格：{found[2]}: …")
    return None


def syntax_problems(text: str, file: str, compose: Compose) -> tuple[list[Problem], str, tuple[str, ...]]:
    """Every syntax problem found by parsing, blanking the line at fault, and parsing again;
    with the text as blanked, so the rest can still be checked, and the fields written on
    the lines blanked."""
    lines = text.split("\n")
    problems: list[Problem] = []
    for number, line in enumerate(lines):
        if line.lstrip(" ").startswith("\t"):
            problems.append(_at(file, lines, number, len(line) - len(line.lstrip(" ")), *_TAB))
            lines[number] = ""
    while len(problems) < MAX_SYNTAX_PROBLEMS:
        try:
            compose("\n".join(lines))
            break
        except yaml.MarkedYAMLError as err:
            number, column, message, hint = _explain(err, lines)
        except yaml.YAMLError:
            problems.append(Problem(file, None, "", "文件无法读取", "请检查文件内容，可以对照 gongkai new 生成的模板"))
            break
        problems.append(_at(file, lines, number, column, message, hint))
        if not lines[number].strip():
            break    # blanking cannot help any more: what remains is not worth guessing at
        if message == _SECOND_DOCUMENT[0]:
            lines[number:] = [""] * (len(lines) - number)
        lines[number] = ""
    found = (_KEY_START.match(p.source) for p in problems if p.source)
    return problems, "\n".join(lines), tuple(match[1] for match in found if match)


def _at(file: str, lines: list[str], number: int, column: int, message: str, hint: str) -> Problem:
    source = _masked(lines[number].replace("\t", "→")) if number < len(lines) else ""
    return Problem(file, number + 1, "", message, _masked(hint), column=column + 1, source=source)


def _masked(text: str) -> str:
    """Long digit runs (an ID or phone number, maybe) starred in the middle, same width:
    problems end up in terminals and CI logs, and the caret must still point right."""
    return _LONG_NUMBER.sub(lambda m: m[0][:3] + "*" * (len(m[0]) - 5) + m[0][-2:], text)


def _explain(err: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, int, str, str]:
    """(0-based line, 0-based column, message, hint) for one parser error."""
    problem = str(err.problem or "")
    context = str(err.context or "")
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line, mark.column) if mark else (0, 0)
    start = err.context_mark.line if err.context_mark else line
    # A line without a proper colon is only noticed on the line after it.
    for number in sorted({start, line, _previous(lines, line)} - {None}):
        if number < len(lines):
            found = colon_mistake(lines[number])
            if found:
                return (number, *found)
    text = lines[line] if line < len(lines) else ""
    char = text[column] if column < len(text) else ""
    if "quoted scalar" in context and "end of stream" in problem:
        quote = lines[start][err.context_mark.column] if err.context_mark else "\""
        return (start, err.context_mark.column if err.context_mark else 0,
                f"引号「{quote}」没有配对（从这里开始一直到文件末尾都被当成了一段文字）",
                f"请在这段文字的末尾补上「{quote}」，或者去掉这个引号")
    if "unknown escape character" in problem:
        return (line, column, "双引号里的反斜杠「\\」后面跟了 YAML 不认识的字符",
                "含有反斜杠的文字请改用单引号，例如 'C:\\资料'，或写成两个反斜杠 \\\\")
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        return (start, err.context_mark.column, f"方括号/花括号「{bracket}」没有闭合",
                "写在一行里的列表要用「]」结束，例如 [办事指南, 社会抚养费]；也可以每项单独一行，以「- 」开头")
    if "cannot start any token" in problem:
        if char == "\t":
            return (line, column, *_TAB)
        return (line, column, f"值不能以「{char}」开头", _quote_hint(text[column:]))
    if "undefined alias" in problem or "anchor" in context:
        symbol = "*" if "alias" in problem else "&"
        return (line, column, f"值不能以「{symbol}」开头", _quote_hint(text[column:]))
    if "block scalar" in context:
        return (line, column, "「|」或「>」后面不能接文字",
                "多行文字请在「|」后面换行，每行比字段名多缩进两个空格")
    if "single document" in context:
        return (line, column, *_SECOND_DOCUMENT)
    if "mapping values are not allowed" in problem:
        return _stray_colon(lines, line, column)
    if "expected '-' indicator" in problem or "expected key" in problem or \
            "expected <block end>" in problem:
        return _misaligned(lines, line, column)
    return (line, column, "这一行的格式不对",
            "请检查这一行及上一行的缩进、引号和冒号，可以对照 gongkai new 生成的模板")


def _quote_hint(value: str) -> str:
    value = value.strip()
    return f"请给整个值加上引号，例如 \"{value}\"" if len(value) > 1 else "请给整个值加上引号"


def _previous(lines: list[str], line: int) -> int | None:
    for number in range(line - 1, -1, -1):
        stripped = lines[number].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _stray_colon(lines: list[str], line: int, column: int) -> tuple[int, int, str, str]:
    text = lines[line] if line < len(lines) else ""
    before = _previous(lines, line)
    if before is not None and ":" not in lines[before] and not lines[before].strip().startswith("-"):
        return (before, len(lines[before].rstrip()), "这一行缺少冒号",
                "每个字段写成「字段名: 值」，冒号是英文的，后面空一格")
    if _KEY_LINE.match(text) and before is not None and _indent(text) > _indent(lines[before]):
        return (line, _indent(text), "这一行的缩进比上一行多",
                "同一层的字段要左边对齐：请删掉多出的空格，和上一行的字段名对齐")
    return (line, column, "值里含有「: 」（冒号加空格）",
            f"请给整个值加上引号，例如 \"{text.split(':', 1)[-1].strip()}\"，或者把冒号改成中文冒号「：」")


def _misaligned(lines: list[str], line: int, column: int) -> tuple[int, int, str, str]:
    text = lines[line] if line < len(lines) else ""
    before = _previous(lines, line)
    if text.lstrip().startswith("-"):
        return (line, _indent(text), "列表项的缩进和上面的列表项不一致",
                "同一个列表里的每一项「- 」要左边对齐")
    if before is not None and lines[before].lstrip().startswith("-") and _indent(text) < _indent(
            lines[before]) + 2 and _indent(text) > _indent(lines[before]):
        return (line, _indent(text), "这一行的缩进和上面的字段不一致",
                "列表项里的字段要和「- 」后面的第一个字段左边对齐")
    if '"' in text or "'" in text:
        return (line, column, "引号后面还有别的文字",
                "引号要把整个值括起来，例如 title: \"文字\"；值里的引号请改用中文引号“”")
    return (line, _indent(text), "这一行的缩进不对",
            "同一层的字段要左边对齐，下一层的字段比上一层多缩进两个空格")
