"""Name lists (公示名单) of notices: read once, checked and masked, keyed by file and
column declarations.

The lists live beside the notice file (data/notices/名单.xlsx); only masked,
published columns come out of here (see privacy.namelist). Two versions that use
one file with different declarations (v2 adds `mask: name`) get a list each, so
every version is shown under its own declarations.
"""

from __future__ import annotations

import pickle

from ..cache.store import MISSING, Store, key
from ..load.site_loader import SiteData
from ..privacy.namelist import ColumnSpec, NameList, load_name_list
from ..problems import Problem
from ..validate.personal import public_numbers

ListKey = tuple[str, tuple[ColumnSpec, ...]]
STORE_KIND = "name-lists"     # in build/cache


def list_file(item, spec) -> str:
    """The list's path as the clerk sees it: beside the notice's own file."""
    return item.file.rsplit("/", 1)[0] + "/" + spec.file


def list_key(item, spec) -> tuple[str, ListKey]:
    """The list's file, and the key of its masked rows in SiteData.name_lists."""
    display = list_file(item, spec)
    return display, (display, tuple(ColumnSpec(**column.model_dump()) for column in spec.columns))


def load_name_lists(site: SiteData, store: Store | None = None,
                    ) -> tuple[dict[ListKey, NameList], list[Problem]]:
    """Every notice's list, read, checked and masked. A list is a function of its file's
    bytes, its declarations and the public numbers: `store` keeps it under them, so an
    unchanged list is not read again (nor pandas imported to read it)."""
    allowed = public_numbers(site)
    lists: dict[ListKey, NameList] = {}
    checked: set[ListKey] = set()
    problems: list[Problem] = []
    for item in site.of_kind("notice"):
        for version in item.versions:
            spec = version.content.get("list")
            if spec is None:
                continue
            display, key = list_key(item, spec)
            if key in checked:
                continue
            checked.add(key)
            path = site.root / display
            if not path.is_file():
                problems.append(Problem(item.file, item.line("versions", version.number - 1, "list", "file"),
                                        f"versions[{version.number}].list.file",
                                        f"找不到名单文件 {display}",
                                        "名单文件要和公示的 YAML 文件放在同一个文件夹，文件名一致（含扩展名）"))
                continue
            name_list, found = _load(store, path, key, display, allowed)
            problems.extend(found)
            if name_list is not None:
                lists[key] = name_list
    return lists, problems


def _load(store: Store | None, path, list_key: ListKey, display: str,
          allowed: frozenset[str]) -> tuple[NameList | None, list[Problem]]:
    if store is None:
        return load_name_list(path, list(list_key[1]), display, allowed)
    data = path.read_bytes()
    entry = key(display, data, pickle.dumps(list_key[1], protocol=pickle.HIGHEST_PROTOCOL),
                "\0".join(sorted(allowed)))
    found = store.get(entry)
    if found is MISSING:
        found = load_name_list(path, list(list_key[1]), display, allowed)
        if path.read_bytes() == data:    # kept only if the file did not change as it was read
            store.put(entry, found)
    return found
