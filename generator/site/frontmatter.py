"""The front matter of a generated page, read as JSON a line, as YAML reads it.

render/pages.py writes a generated page's front matter one key a line, each value
JSON (`dump_front`), which YAML reads as the same value; reading it with YAML was
a tenth of building such a page. Here each line is read with `json` instead, and a
page with anything YAML could read otherwise — a line not of that form, a number
with a fraction or exponent (YAML 1.1 reads `1e5` as text), NaN — is given to MkDocs'
own reader (as is one with a character or escape YAML does not accept), so the result is always the one MkDocs would get.
"""

from __future__ import annotations

import json
import re

from mkdocs.utils.meta import YAML_RE, get_data
from yaml.reader import Reader

# A key as dump_front writes it: plain when YAML reads it as that text, else JSON.
_LINE = re.compile(r'([a-z_][a-z0-9_]*|"(?:[^"\\]|\\.)*"): (.*)')
# An escaped UTF-16 surrogate, which JSON reads and libyaml refuses (or a backslash
# followed by such text: read by MkDocs' reader too, which gives the same).
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")
_YAML_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}


class _NotPlain(ValueError):
    """A value YAML might read differently from JSON."""


def _refuse(text: str):
    raise _NotPlain(text)


def _value(text: str):
    return json.loads(text, parse_float=_refuse, parse_constant=_refuse)


def _read(block: str) -> dict | None:
    """The block's keys and values, or None if a line is not `key: JSON`."""
    if Reader.NON_PRINTABLE.search(block) or _SURROGATE.search(block):
        return None     # YAML refuses the block, and MkDocs reads no front matter
    data = {}
    for line in block.splitlines():
        found = _LINE.fullmatch(line)
        if found is None:
            return None
        key, value = found.groups()
        if key.startswith('"'):
            key = _value(key)
        elif key in _YAML_WORDS:
            return None
        try:
            data[key] = _value(value)
        except ValueError:
            return None
    return data


def read_front_matter(source: str) -> tuple[str, dict]:
    """(Markdown, front matter) of a page, exactly as mkdocs.utils.meta.get_data gives them."""
    found = YAML_RE.match(source)
    data = _read(found.group(1)) if found else None
    if data is None:
        return get_data(source)
    return source[found.end():].lstrip("\n"), data
