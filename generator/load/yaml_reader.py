"""A YAML reader that remembers where every value came from.

PyYAML silently keeps the last of two duplicate keys and turns `no` into False;
a clerk needs both caught with a line number. We compose the node tree with the
safe loader and build plain Python values ourselves, recording for each path
the line and the raw text the clerk typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..problems import Problem
from . import limits
from .yaml_errors import syntax_problems

PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Origin:
    line: int          # 1-based
    raw: str | None    # the scalar exactly as typed, None for mappings/sequences
    quoted: bool = False


@dataclass
class YamlDoc:
    """A parsed file: its value and where each part of it was written."""

    file: str
    value: Any
    # path → an Origin's fields as a plain tuple. Documents are parsed in worker
    # processes and sent back: at 10,000 items, 313,000 Origin objects took 3.9 s to
    # pickle and unpickle, which made parsing on two cores no faster than on one;
    # as tuples, 1.1 s.
    origins: dict[PathKey, tuple[int, str | None, bool]] = field(default_factory=dict)
    # Fields on lines left out because they could not be parsed: the rest is still
    # checked, but these are not to be reported missing (that would repeat the problem).
    blanked: tuple[str, ...] = ()

    def line(self, path: PathKey) -> int | None:
        """The line of `path`, or of its nearest written ancestor."""
        path = tuple(path)
        while True:
            if path in self.origins:
                return self.origins[path][0]
            if not path:
                return 1
            path = path[:-1]

    def origin(self, path: PathKey) -> Origin | None:
        found = self.origins.get(tuple(path))
        return Origin(*found) if found is not None else None

    def sub(self, prefix: PathKey) -> "YamlDoc":
        """The part of this document under `prefix`, with positions kept."""
        n = len(prefix)
        origins = {k[n:]: v for k, v in self.origins.items() if k[:n] == tuple(prefix)}
        value = self.value
        for key in prefix:
            value = value[key]
        return YamlDoc(self.file, value, origins, self.blanked)


# libyaml's parser is about ten times faster; the nodes (and marks) are the same.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"


class _Builder:
    def __init__(self, file: str):
        self.file = file
        self.loader = yaml.SafeLoader("")
        self.origins: dict[PathKey, tuple[int, str | None, bool]] = {}
        self.problems: list[Problem] = []
        self.values = 0
        self.open: set[int] = set()     # collections being built: an alias to one is a loop

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        line = node.start_mark.line + 1
        self.values += 1
        if self.values > limits.MAX_VALUES:
            raise limits.LimitExceeded(limits.too_many(self.file, line))
        if isinstance(node, yaml.CollectionNode):
            if len(path) >= limits.MAX_DEPTH:
                raise limits.LimitExceeded(limits.too_deep(self.file, line))
            if id(node) in self.open:
                raise limits.LimitExceeded(limits.alias_loop(self.file, line))
            self.open.add(id(node))
            try:
                return self._collection(node, path, line)
            finally:
                self.open.discard(id(node))
        return self._scalar(node, path, line)

    def _collection(self, node: yaml.CollectionNode, path: PathKey, line: int) -> Any:
        if isinstance(node, yaml.MappingNode):
            self.origins[path] = (line, None, False)
            try:
                self.loader.flatten_mapping(node)
            except RecursionError:      # merge keys (<<:) nested deeper than Python's stack
                raise limits.LimitExceeded(limits.too_deep(self.file, line)) from None
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise limits.LimitExceeded(Problem(
                        self.file, key_node.start_mark.line + 1, "", "字段名只能是文字",
                        "请写成「字段名: 值」；以 ? 开头的复杂字段名不能用"))
                key = self.loader.construct_object(key_node, deep=True)
                if not isinstance(key, (str, int)):
                    key = str(key)
                if key in result:
                    first = self.origins[path + (key,)][0]
                    self.problems.append(Problem(
                        self.file, key_node.start_mark.line + 1, str(key),
                        f"字段「{key}」重复出现（第 {first} 行已经写过一次）",
                        "请删除或合并其中一个，同一层里每个字段只能写一次"))
                    continue
                result[key] = self.build(value_node, path + (key,))
                # The key's own line is where a clerk looks for the field.
                _, raw, quoted = self.origins[path + (key,)]
                self.origins[path + (key,)] = (key_node.start_mark.line + 1, raw, quoted)
            return result
        if isinstance(node, yaml.SequenceNode):
            self.origins[path] = (line, None, False)
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]

    def _scalar(self, node: yaml.ScalarNode, path: PathKey, line: int) -> Any:
        try:
            # Most scalars are text: skip the generic constructor for them.
            value = node.value if node.tag == _STR_TAG else self.loader.construct_object(node, deep=True)
        except ValueError:
            # An impossible date such as 2026-13-01: keep the text so the
            # schema can say which field and how to write it.
            value = node.value
        self.origins[path] = (line, node.value, node.style in ("'", '"'))
        return value


def _constructor_problem(file: str, err: yaml.MarkedYAMLError) -> Problem:
    mark = err.problem_mark or err.context_mark
    return Problem(file, mark.line + 1 if mark else None, "", "这个值无法读取",
                   "请给这个值加上引号，写成文字")


def compose_yaml(text: str, file: str) -> tuple[yaml.Node | None, list[Problem]]:
    """The node tree of one YAML document, or every syntax problem in the clerk's words.
    For readers that walk nodes themselves; most callers want `parse_yaml`."""
    node, problems, _ = _compose(text, file)
    return (None, problems) if problems else (node, [])


def _compose(text: str, file: str) -> tuple[yaml.Node | None, list[Problem], tuple[str, ...]]:
    """The node tree, the syntax problems, and the fields on the lines left out to read the rest."""
    beyond = limits.text_problem(text, file)
    if beyond:
        return None, [beyond], ()
    if "\t" not in text:
        try:
            return yaml.compose(text, Loader=_COMPOSER), [], ()
        except yaml.YAMLError:
            pass
    problems, repaired, blanked = syntax_problems(
        text, file, lambda fixed: yaml.compose(fixed, Loader=_COMPOSER))
    try:
        return yaml.compose(repaired if problems else text, Loader=_COMPOSER), problems, blanked
    except yaml.YAMLError:
        return None, problems, blanked


def parse_yaml(text: str, file: str) -> tuple[YamlDoc | None, list[Problem]]:
    """Parse one YAML document; problems instead of exceptions. A document with syntax
    problems comes back without the lines at fault (see `YamlDoc.blanked`)."""
    node, problems, blanked = _compose(text, file)
    if node is None:
        return (None, problems) if problems else (YamlDoc(file, None, {(): (1, None, False)}), [])
    builder = _Builder(file)
    try:
        value = builder.build(node, ())
    except yaml.constructor.ConstructorError as err:
        return None, problems + [_constructor_problem(file, err)]
    except limits.LimitExceeded as err:
        return None, problems + [err.problem]
    return YamlDoc(file, value, builder.origins, blanked), problems + builder.problems


def read_yaml(path: Path, display: str) -> tuple[YamlDoc | None, list[Problem]]:
    try:
        beyond = limits.too_big(path.stat().st_size, display)
        if beyond:
            return None, [beyond]
        data = path.read_bytes()
    except OSError as err:
        return None, [Problem(display, None, "", f"无法读取这个文件（{err.strerror}）",
                              "请确认它是一个普通文件，并且当前用户有权读取")]
    return decode_yaml(data, display)


def decode_yaml(data: bytes, display: str) -> tuple[YamlDoc | None, list[Problem]]:
    """A file's bytes parsed as read_yaml parses the file: UTF-8, line ends read as
    Python's text mode reads them."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, [Problem(display, None, "", "文件不是 UTF-8 编码",
                              "请用 UTF-8 编码另存这个文件（记事本：另存为 → 编码选 UTF-8）")]
    return parse_yaml(text.replace("\r\n", "\n").replace("\r", "\n"), display)
