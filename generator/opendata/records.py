"""The open data records: public items as plain, JSON-ready dictionaries.

Only item-level fields are exported. A notice's name list (`list`: the file
and its columns) is never read here, so no personal data from a 名单公示 —
masked or not, during or after its period — can reach the open data.
References to items that are not public yet are dropped: their slugs would
announce them early. An item's records are kept in build/cache the way its pages
are (render/cache.py): under its state and the site's inputs, while the items
they looked up are unchanged.
"""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from ..cache.store import MISSING, key
from ..calendars.schedule import describe_schedule
from ..model.labels import CONTACT_KIND_LABELS
from ..render.cache import lookups_key, render_inputs
from ..render.context_key import context_key
from ..render.lookups import EVERYTHING, noting
from ..versions import ItemState
from .fields import CHANGE_TYPES

if TYPE_CHECKING:
    from ..render.pages import RenderContext

# Content fields that never leave the site's own pages.
NEVER_EXPORTED = frozenset({"list"})
STORE_KIND = "opendata-records"     # the store of items' records in build/cache


def plain(value: Any) -> Any:
    """Models, dates and containers as JSON values, in a stable order."""
    if isinstance(value, BaseModel):
        return {k: plain(v) for k, v in value if k not in NEVER_EXPORTED}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if k not in NEVER_EXPORTED}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def content(ctx: RenderContext, state_content: dict) -> dict:
    """A version's content (in schema order, as resolved), with references to
    non-public items removed."""
    public = ctx.public
    out = plain(dict(state_content))
    if out.get("interprets") not in public:
        out.pop("interprets", None)
    return out


def item_record(ctx: RenderContext, state: ItemState) -> dict:
    item, meta, shown = state.item, state.item.meta, state.shown
    base = ctx.site.config.base_url
    record: dict[str, Any] = {
        "slug": item.slug,
        "kind": item.kind.name,
        "title": meta.title,
        "index_no": meta.index_no,
        "publisher": meta.publisher,
        "publisher_name": ctx.site.organizations[meta.publisher].name,
        "topic": meta.topic,
        "created": meta.created.isoformat(),
        "published": meta.published.isoformat(),
        "updated": state.updated.isoformat(),
        "status": state.status,
        "version": shown.number,
        "effective_from": shown.effective_from.isoformat(),
        "repealed_date": meta.repealed.date.isoformat() if meta.repealed else None,
        "repealed_reason": meta.repealed.reason if meta.repealed else None,
        "repealed_basis": meta.repealed.basis if meta.repealed else None,
        "expires": meta.expires.isoformat() if meta.expires else None,
        "summary": meta.summary,
        "keywords": list(meta.keywords),
        "related": [slug for slug in meta.related if slug in ctx.public],
        "attachments": [{"file": a.file, "title": a.title, "url": f"{base}attachments/{a.file}"}
                        for a in meta.attachments],
        "url": base + item.url,
    }
    if item.kind.name == "notice":
        facts = ctx.facts.get(item.slug)
        period = facts.period if facts else None
        record["period_start"] = period.start.isoformat() if period else None
        record["period_end"] = period.end.isoformat() if period else None
        record["period"] = facts.text if period else None
        record["period_state"] = facts.status.state if period and facts.status else None
    record["content"] = content(ctx, shown.content)
    return record


def version_records(ctx: RenderContext, state: ItemState) -> list[dict]:
    item = state.item
    current = state.current.number if state.current else None
    records = []
    for version in item.versions:
        if current is not None and version.number == current:
            where = "现行"
        elif current is not None and version.number < current:
            where = "历史"
        else:
            where = "即将生效"
        records.append({
            "slug": item.slug,
            "kind": item.kind.label,
            "number": version.number,
            "effective_from": version.effective_from.isoformat(),
            "change_type": CHANGE_TYPES[version.change_type],
            "state": where,
            "change_note": version.change_note,
            "changed": sorted(version.changed - NEVER_EXPORTED),
            "url": ctx.site.config.base_url + item.url,
            "content": content(ctx, version.content),
        })
    return records


def contact_record(contact) -> dict:
    record = plain(contact)
    record["kind_label"] = CONTACT_KIND_LABELS.get(contact.kind, contact.kind)
    schedule = contact.schedule
    record["schedule_text"] = describe_schedule(schedule.freq, schedule.byday, schedule.bymonthday,
                                                schedule.opens, schedule.closes) if schedule else None
    return record


def organization_record(org) -> dict:
    return plain(org)


def kept_records(ctx: RenderContext, state: ItemState) -> tuple[dict, list[dict]]:
    """item_record and version_records of `state`, from build/cache while the state
    (its item's files, the versions it shows, the date), the site's shared inputs
    and the items the records looked up (which of them are public) are unchanged."""
    site, items = render_inputs(ctx)
    given = context_key({"state": state}, items)
    store = ctx.stores(STORE_KIND)
    entry = key(site, given) if given is not None else None
    found = store.get(entry) if entry is not None else MISSING
    if found is not MISSING and found[1] == lookups_key(items, found[0]):
        return found[2]
    with noting() as looked_up:
        made = item_record(ctx, state), version_records(ctx, state)
    if entry is not None and EVERYTHING not in looked_up:
        seen = frozenset(looked_up)
        store.put(entry, (seen, lookups_key(items, seen), made))
    return made
