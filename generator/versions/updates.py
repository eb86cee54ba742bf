"""The site's public record of changes: new items, major revisions, repeals, expiries.

Minor versions are left out (they do not move 更新日期 either). Changes dated
after the build date are marked upcoming; feeds leave them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..model import ResolvedVersion
from .select import ItemState

PUBLISHED, REVISED, REPEALED, EXPIRED = "发布", "修订", "废止", "失效"
_ORDER = {EXPIRED: 0, REPEALED: 1, REVISED: 2, PUBLISHED: 3}


@dataclass(frozen=True)
class Update:
    date: date
    change: str                       # 发布 / 修订 / 废止 / 失效
    state: ItemState
    version: ResolvedVersion | None   # the revision, for 修订
    note: str
    upcoming: bool                    # dated after the build date

    @property
    def key(self) -> str:
        """Stable identity of the change, for feed GUIDs."""
        suffix = {PUBLISHED: "published", REPEALED: "repealed", EXPIRED: "expired"}
        what = f"v/{self.version.number}" if self.version else suffix[self.change]
        return f"{self.state.item.kind.folder}/{self.state.item.slug}/{what}"


def item_updates(state: ItemState) -> list[Update]:
    meta, as_of = state.item.meta, state.as_of
    found = [Update(meta.published, PUBLISHED, state, None, meta.summary or "", False)]
    for version in state.item.versions[1:]:
        if version.change_type == "major":
            found.append(Update(version.effective_from, REVISED, state, version,
                                version.change_note or "", version.effective_from > as_of))
    if meta.repealed:
        found.append(Update(meta.repealed.date, REPEALED, state, None, meta.repealed.reason,
                            meta.repealed.date > as_of))
    if meta.expires:
        found.append(Update(meta.expires, EXPIRED, state, None, "", meta.expires > as_of))
    return found


def site_updates(states: list[ItemState]) -> list[Update]:
    """Every public change, newest first."""
    updates = [u for state in states for u in item_updates(state)]
    return sorted(updates, key=lambda u: (u.date, -_ORDER[u.change], u.state.item.slug),
                  reverse=True)
