"""The key of what a page that belongs to no item was given to show (its own
context: a listing's rows, a catalogue's page of items, the home page's latest).

Such a page is made from the items in its context, the site's shared inputs and
what it looked up: the context is pickled with each item in it replaced by the
key of its files, and each item's state by that key and which of its versions
the state shows as of which date (all a state holds besides the item), so a
listing of a thousand items is keyed without pickling a thousand items.
"""

from __future__ import annotations

import io
import pickle
from typing import Any

from pydantic import BaseModel

from ..load.site_loader import SiteData
from ..model.items import Item, ResolvedVersion
from ..versions import ItemState
from .lookups import NotedDict, Whole


class Unkeyable(Exception):
    """The context holds an item the site lacks, or a whole shared table, which
    a page reaches only through lookups (render/lookups.py)."""


def _ref(*key) -> None:
    """Stands for an item or a state in a pickled context, which is never loaded."""


class _Keying(pickle.Pickler):
    # reducer_override, not persistent_id: it is not called for plain strings,
    # numbers, lists and dicts, which are most of a context (a third of its cost).
    def __init__(self, file, items: dict[str, bytes]) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.items = items

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, (SiteData, Whole, NotedDict)):
            raise Unkeyable(type(obj).__name__)
        if isinstance(obj, Item):
            return _ref, ("item", obj.slug, self._item(obj))
        if isinstance(obj, ItemState):
            numbers = tuple(v.number for v in obj.history), tuple(v.number for v in obj.upcoming)
            return _ref, ("state", obj.item.slug, self._item(obj.item), obj.as_of,
                          obj.current.number if obj.current else None, numbers, obj.status,
                          obj.updated)
        # Sets of strings sorted: they pickle in an order that changes with each
        # process's hash seed (a version's changed fields, a model's fields set).
        if isinstance(obj, ResolvedVersion):
            return _ref, ("version", obj.number, obj.effective_from, obj.change_note,
                          obj.change_type, obj.content, tuple(sorted(obj.changed)))
        if isinstance(obj, BaseModel):
            return _ref, ("model", type(obj), tuple(obj.__dict__.items()),
                          tuple(sorted(obj.model_fields_set)))
        return NotImplemented

    def _item(self, item: Item) -> bytes:
        found = self.items.get(item.slug)
        if found is None:
            raise Unkeyable(item.slug)
        return found


def context_key(context: dict[str, Any], items: dict[str, bytes]) -> bytes | None:
    """`context` as bytes, items and states by `items` (slug → key of its files);
    None when it cannot be keyed, and the page is then rendered every build."""
    buffer = io.BytesIO()
    try:
        _Keying(buffer, items).dump(context)
    except (Unkeyable, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return None
    return buffer.getvalue()
