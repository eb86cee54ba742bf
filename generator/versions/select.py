"""Which version of each item applies on a given date (DESIGN.md, versions).

As of D, the current version is the latest with effective_from <= D; later
ones are upcoming (即将生效), earlier ones historical (已修改).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model import Item, ResolvedVersion

IN_FORCE = "有效"
REPEALED = "已废止"
EXPIRED = "失效"
NOT_YET = "尚未生效"
AMENDED = "已修改"
UPCOMING = "即将生效"


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


def public_updated(item: Item, count: int, as_of: date) -> date:
    """更新日期 once the first `count` versions apply: publication, then each major
    revision and a repeal or expiry by `as_of`; minor versions do not move it
    (GOV.UK's rule), and neither does the first version taking effect."""
    meta = item.meta
    dates = [meta.published]
    dates += [v.effective_from for v in item.versions[1:count] if v.change_type == "major"]
    dates += [d for d in (meta.repealed.date if meta.repealed else None, meta.expires)
              if d is not None and d <= as_of]
    return max(dates)


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
    updated = public_updated(item, len(past), as_of)
    return ItemState(item, as_of, current, tuple(past[:-1]), upcoming, status, updated)


def version_status(state: ItemState, version: ResolvedVersion) -> str:
    """The 有效性 of one version as of the state's date: the shown version carries
    the item's status (有效, 已废止, 失效…); earlier ones were amended, later ones
    are yet to take effect."""
    if version.number > state.shown.number:
        return UPCOMING
    if version.number < state.shown.number:
        return AMENDED
    return UPCOMING if state.current is None else state.status
