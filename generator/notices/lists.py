"""Name lists (公示名单) of notices: read once, checked and masked, keyed by file.

The lists live beside the notice file (data/notices/名单.xlsx); only masked,
published columns come out of here (see privacy.namelist).
"""

from __future__ import annotations

from ..load.site_loader import SiteData
from ..privacy.namelist import ColumnSpec, NameList, load_name_list
from ..problems import Problem
from ..validate.personal import public_numbers


def list_file(item, spec) -> str:
    """The list's path as the clerk sees it: beside the notice's own file."""
    return item.file.rsplit("/", 1)[0] + "/" + spec.file


def load_name_lists(site: SiteData) -> tuple[dict[str, NameList], list[Problem]]:
    allowed = public_numbers(site)
    lists: dict[str, NameList] = {}
    problems: list[Problem] = []
    for item in site.of_kind("notice"):
        for version in item.versions:
            spec = version.content.get("list")
            if spec is None:
                continue
            display = list_file(item, spec)
            if display in lists:
                continue
            columns = [ColumnSpec(**column.model_dump()) for column in spec.columns]
            path = site.root / display
            if not path.is_file():
                problems.append(Problem(item.file, item.line("versions", version.number - 1, "list", "file"),
                                        f"versions[{version.number}].list.file",
                                        f"找不到名单文件 {display}",
                                        "名单文件要和公示的 YAML 文件放在同一个文件夹，文件名一致（含扩展名）"))
                continue
            name_list, found = load_name_list(path, columns, display, allowed)
            problems.extend(found)
            if name_list is not None:
                lists[display] = name_list
    return lists, problems
