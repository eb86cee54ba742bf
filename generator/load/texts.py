"""Every piece of text in a parsed file, with its path: for the checks that read all of it."""

from __future__ import annotations

from typing import Any, Iterator


def strings(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from strings(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from strings(child, path + (index,))


def path_text(path: tuple) -> str:
    """A path in the checks' notation, `versions[1].body` (load.field_names names it for the clerk)."""
    text = ""
    for step in path:
        text += f"[{step + 1}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text
