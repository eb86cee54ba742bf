"""site_config/synonyms.yaml: words people use for the same thing, searched together.

The file is a list of groups, each a list of words (计生委, 计生办, 卫生健康委 …). A
query term containing a word of a group is searched as typed and with that word
replaced by each other word of its group; the result says which were searched too.
search.js expands terms the same way (`expand`), from the groups in the manifest.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..load.yaml_reader import YamlDoc, read_yaml
from ..problems import Problem
from .fold import SPACES, fold

if TYPE_CHECKING:
    from ..load.site_loader import SiteData

SYNONYMS_FILE = "site_config/synonyms.yaml"
EXAMPLE = "- [计生委, 计生办, 卫生健康委]"


def _group_problems(doc: YamlDoc, number: int, group: object,
                    seen: dict[str, int]) -> tuple[list[str], list[Problem]]:
    field = f"第{number + 1}组"
    line = doc.line((number,))
    if not isinstance(group, list):
        return [], [Problem(doc.file, line, field, "每一组要写成方括号里的一串词",
                            f"例如 {EXAMPLE}")]
    if len(group) < 2:
        return [], [Problem(doc.file, line, field, "一组至少要有两个词",
                            "只有一个词时没有可以同时搜索的说法，请补上别的说法或删掉这一组")]
    words, problems = [], []
    for place, word in enumerate(group):
        where = doc.line((number, place))
        if isinstance(word, (list, dict)):
            problems.append(Problem(doc.file, where, field, f"第{place + 1}个词又套了一层括号",
                                    f"一组里的词直接用逗号分开，例如 {EXAMPLE}"))
            continue
        if not isinstance(word, str):
            origin = doc.origin((number, place))
            typed = origin.raw if origin and origin.raw is not None else word
            problems.append(Problem(doc.file, where, field, f"第{place + 1}个词「{typed}」不是文字",
                                    "数字或 yes/no 之类的词请加上引号，空着的词请删掉"))
            continue
        folded = fold(word.strip())
        if len(folded) < 2:
            problems.append(Problem(doc.file, where, field, f"词「{word}」不到两个字",
                                    "单个字几乎每一页都有，不能作同义词"))
        elif any(ch in SPACES for ch in folded):
            problems.append(Problem(doc.file, where, field, f"词「{word}」中间有空格",
                                    "检索时空格分开两个词；请去掉空格，或分成两个词写"))
        elif folded in seen:
            problems.append(Problem(doc.file, where, field,
                                    f"词「{word}」已经写在第{seen[folded] + 1}组",
                                    "一个词只能属于一组；请把两组合并，或删掉其中一处"))
        else:
            seen[folded] = number
            words.append(folded)
    return words, problems


def read_synonyms(root: Path) -> tuple[list[list[str]], list[Problem]]:
    """The site's synonym groups, folded, and what is wrong with the file (if anything);
    no file means no synonyms."""
    path = root / SYNONYMS_FILE
    if not path.is_file():
        return [], []
    doc, problems = read_yaml(path, SYNONYMS_FILE)
    if doc is None or problems:
        return [], problems
    if doc.value is None:
        return [], []
    if not isinstance(doc.value, list):
        return [], [Problem(SYNONYMS_FILE, doc.line(()), "", "文件要写成一组一行的列表",
                            f"每行以“- ”开头，例如 {EXAMPLE}")]
    groups, seen = [], {}
    for number, group in enumerate(doc.value):
        words, found = _group_problems(doc, number, group, seen)
        problems += found
        if len(words) >= 2:
            groups.append(words)
    return (groups if not problems else []), problems


def check_synonyms(site: SiteData) -> list[Problem]:
    """A validation rule (generator.pipeline, checks): the synonyms file is well formed."""
    return read_synonyms(site.root)[1]


def expand(term: str, groups: list[list[str]]) -> list[str]:
    """Other forms of a folded term: the longest group word in it (the first of equals)
    replaced by each other word of its group. search.js has the same rule."""
    best: tuple[list[str], str] | None = None
    for group in groups:
        for word in group:
            if word in term and (best is None or len(word) > len(best[1])):
                best = (group, word)
    if best is None:
        return []
    group, word = best
    return [term.replace(word, other) for other in group if other != word]
