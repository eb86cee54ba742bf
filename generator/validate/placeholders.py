"""Text left from a `gongkai new` template is never published.

A new item validates as soon as it is created; the clerk must still be told
which fields hold the template's 请在这里写… instead of real content.
"""

from __future__ import annotations

from functools import cache

from ..load.texts import path_text, strings
from ..load.yaml_reader import YamlDoc, parse_yaml
from ..model.labels import label
from ..problems import Problem
from ..scaffold import ITEM_TEMPLATES


def placeholders_in_file(file: str, doc: YamlDoc, allowed: frozenset[str]) -> list[Problem]:
    phrases = placeholder_phrases()
    problems: list[Problem] = []
    for path, text in strings(doc.value, ()):
        phrase = next((p for p in phrases if p in text), None)
        if phrase is None:
            continue
        field = path_text(path)
        name = next((step for step in reversed(path) if isinstance(step, str)), "")
        problems.append(Problem(file, doc.line(path), field,
                                f"「{name}」（{label(name)}）还是模板里的示例文字「{phrase}」",
                                "请改成真实的内容；不需要的选填字段可以整行删掉"))
    return problems


@cache
def placeholder_phrases() -> tuple[str, ...]:
    """The instructions the templates put where a value goes (请在这里写…, 请写…)."""
    phrases: set[str] = set()
    for template in sorted(ITEM_TEMPLATES.glob("*.yaml")):
        text = template.read_text(encoding="utf-8").replace("{{", "").replace("}}", "")
        doc, _ = parse_yaml(text, template.name)
        for _, value in strings(doc.value if doc else None, ()):
            phrases.update(line[line.index("请"):].strip() for line in value.splitlines()
                           if "请在这里写" in line or line.strip().startswith("请写"))
    # The longest first, so a message quotes the whole phrase the clerk left.
    return tuple(sorted(phrases, key=len, reverse=True))
