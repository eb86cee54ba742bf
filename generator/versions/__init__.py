"""Versions of an item: which one applies on a date, how two differ, what changed site-wide.

`select` picks the current, historical and upcoming versions as of a date;
`diff` compares two versions field by field (text bodies character by
character); `updates` lists the public changes of the whole site.
"""

from .select import (AMENDED, EXPIRED, IN_FORCE, NOT_YET, REPEALED, UPCOMING, ItemState,
                     is_public, public_updated, select, version_status)

__all__ = ["AMENDED", "EXPIRED", "IN_FORCE", "NOT_YET", "REPEALED", "UPCOMING", "ItemState",
           "is_public", "public_updated", "select", "version_status"]
