"""Which version of each item applies on a given date (DESIGN.md, versions).

As of D, the current version is the latest with effective_from <= D; later
ones are upcoming (即将生效), earlier ones historical (已修改).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .model import Item, ResolvedVersion

IN_FORCE = "有效"
REPEALED = "已废止"
EXPIRED = "失效"
NOT_YET = "尚未生效"
AMENDED = "已修改"


@dataclass(frozen=True)
class ItemState:
    item: Item
    as_of: date
    current: ResolvedVersion | None     # None while every version is still upcoming
    history: tuple[ResolvedVersion, ...]
    upcoming: tuple[ResolvedVersion, ...]
    status: str
    updated: date                        # public 更新日期: minor changes do not move it

    @property
    def shown(self) -> ResolvedVersion:
        """The version a page shows: the current one, else the first upcoming."""
        return self.current or self.upcoming[0]

    @property
    def in_force(self) -> bool:
        return self.status == IN_FORCE


def is_public(item: Item, as_of: date) -> bool:
    """Items dated to be published later are not on the site yet."""
    return item.meta.published <= as_of


def select(item: Item, as_of: date) -> ItemState:
    past = [v for v in item.versions if v.effective_from <= as_of]
    upcoming = tuple(v for v in item.versions if v.effective_from > as_of)
    current = past[-1] if past else None
    meta = item.meta
    if meta.repealed and meta.repealed.date <= as_of:
        status = REPEALED
    elif meta.expires and meta.expires <= as_of:
        status = EXPIRED
    elif current is None:
        status = NOT_YET
    else:
        status = IN_FORCE
    majors = [v.effective_from for v in past if v.change_type == "major"]
    updated = max([meta.published, *majors])
    return ItemState(item, as_of, current, tuple(past[:-1]), upcoming, status, updated)
