"""Pages of the versioned record: one per version, one per change, the site's
更新记录 and the 规范性文件清理结果.

The version in force gets no page: the item page shows it, and its address
holds a stub that forwards there (generator/stubs) until a later version
takes effect and it becomes history.

Every page carries the version facts in its front matter, so the Markdown
tree in build/docs is itself a dated record of what applied when.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..model import ResolvedVersion
from ..versions import (EXPIRED, IN_FORCE, NOT_YET, REPEALED, ItemState, public_updated,
                        version_status)
from ..versions.updates import site_updates
from .pages import LIST_SEARCH, Page, RenderContext, full_content, notice_facts, paginate
from .version_tools import VersionTools, compare_path, stubbed_version, version_path

HISTORICAL, UPCOMING = "historical", "upcoming"
NORMATIVE = "规范性文件"
UPDATES_PAGE_ROWS = 200   # a big site's whole history was a 5 MB page


@dataclass(frozen=True)
class VersionView:
    """Which version a version page shows, and how it stands to the item today."""

    version: ResolvedVersion
    role: str                      # historical / upcoming
    item_state: ItemState          # the item as of the build date
    previous: ResolvedVersion | None
    next: ResolvedVersion | None


def version_state(state: ItemState, version: ResolvedVersion) -> ItemState:
    """The item as it stood while `version` applied (or will apply)."""
    n = version.number
    versions = state.item.versions
    return replace(state, current=version, history=tuple(versions[:n - 1]),
                   upcoming=tuple(versions[n:]), status=version_status(state, version),
                   updated=public_updated(state.item, version.number, state.as_of))


def _role(state: ItemState, version: ResolvedVersion) -> str:
    """Of a version with a page: any but the one in force."""
    shown = state.shown.number
    # A repealed or expired item has no version in force: its last one is history too.
    if version.number < shown or (version.number == shown and state.status in (REPEALED, EXPIRED)):
        return HISTORICAL
    return UPCOMING


def _search(state: ItemState, status: str, when: str) -> dict:
    # `of`: search folds a version into its item, one result per document.
    return {"kind": state.item.kind.label, "date": when, "status": status, "of": state.item.url}


def _version_page(ctx: RenderContext, state: ItemState, version: ResolvedVersion) -> Page:
    item, meta = state.item, state.item.meta
    seen = version_state(state, version)
    versions = item.versions
    view = VersionView(version, _role(state, version), state,
                       versions[version.number - 2] if version.number > 1 else None,
                       versions[version.number] if version.number < len(versions) else None)
    front = {
        "title": f"{meta.title}（第{version.number}版）",
        "kind": item.kind.name,
        "slug": item.slug,
        "version": version.number,
        "versions": len(versions),
        "effective_from": version.effective_from.isoformat(),
        "superseded_on": view.next.effective_from.isoformat() if view.next else None,
        "status": seen.status,
        "change_type": version.change_type,
        "change_note": version.change_note,
        "published": meta.published.isoformat(),
        "updated": seen.updated.isoformat(),
        "current_version": state.shown.number,
        "version_of": item.url,
        "search": _search(state, seen.status, version.effective_from.isoformat()),
        "frame": f"gk-version gk-version--{view.role}",     # the theme's box (version.md.j2)
    }
    facts = notice_facts(ctx.site, seen, own_page=False) if item.kind.name == "notice" else None
    return Page(version_path(item, version.number), "version.md.j2", front,
                {"state": seen, "item": item, "meta": meta, "v": full_content(seen),
                 "notice": facts, "version_view": view}, owner=item.slug)


def _compare_page(ctx: RenderContext, tools: VersionTools, state: ItemState,
                  old: ResolvedVersion, new: ResolvedVersion) -> Page:
    item, meta = state.item, state.item.meta
    status = version_status(state, new)
    front = {
        "title": f"{meta.title}：第{old.number}版与第{new.number}版对比",
        "kind": item.kind.name,
        "slug": item.slug,
        "compare": {"from": old.number, "to": new.number},
        "version": new.number,
        "effective_from": new.effective_from.isoformat(),
        "status": status,
        "change_type": new.change_type,
        "change_note": new.change_note,
        "changed_fields": None,     # filled in by finish
        "version_of": item.url,
        "updated": public_updated(state.item, new.number, state.as_of).isoformat(),
        "search": _search(state, status, new.effective_from.isoformat()),
        # Its text is the two versions' text again: searches find the versions themselves.
        "robots": "noindex",
    }
    return Page(compare_path(item, old.number, new.number), "compare.md.j2", front,
                {"state": state, "item": item, "meta": meta, "old": old, "new": new,
                 "old_status": version_status(state, old), "new_status": status},
                owner=item.slug, finish=lambda page: _add_changes(page, tools))


def _add_changes(page: Page, tools: VersionTools) -> None:
    """Comparing texts is most of the work of planning all pages: done at rendering."""
    context = page.context
    changes = tools.changes(context["item"], context["old"].number, context["new"].number)
    context["changes"] = changes
    page.front["changed_fields"] = [c.field for c in changes]


def _is_normative(state: ItemState) -> bool:
    """规范性文件 by their 公文种类; a policy with no genre is listed too rather
    than silently left out. 通知 and 政策解读 are not cleaned up."""
    content = state.shown.content
    genre = content.get("genre")
    return not content.get("interprets") and (genre is None or NORMATIVE in genre)


def history_pages(ctx: RenderContext) -> list[Page]:
    tools = VersionTools(ctx.site)
    pages = []
    for state in ctx.states:
        versions = state.item.versions
        stubbed = stubbed_version(state)
        pages += [_version_page(ctx, state, v) for v in versions if v is not stubbed]
        pages += [_compare_page(ctx, tools, state, a, b) for a, b in zip(versions, versions[1:])]
    updates = site_updates(ctx.states)
    past = [u for u in updates if not u.upcoming]
    upcoming = sorted((u for u in updates if u.upcoming), key=lambda u: (u.date, u.state.item.slug))
    for path, chunk, pager in paginate("updates/index.md", past, UPDATES_PAGE_ROWS):
        title = "更新记录" if pager.number == 1 else f"更新记录 第 {pager.number} 页"
        pages.append(Page(path, "updates.md.j2", {"title": title, "search": LIST_SEARCH},
                          {"past": chunk, "upcoming": upcoming if pager.number == 1 else [],
                           "pager": pager, "count": len(past)}))
    policies = sorted((s for s in ctx.by_kind["policy"] if _is_normative(s)),
                      key=lambda s: (s.item.meta.published, s.item.slug), reverse=True)
    pages.append(Page("cleanup/index.md", "cleanup.md.j2", {"title": "规范性文件清理结果",
                                                       "search": LIST_SEARCH},
                      {"in_force": [s for s in policies if s.status in (IN_FORCE, NOT_YET)],
                       "repealed": [s for s in policies if s.status == REPEALED],
                       "expired": [s for s in policies if s.status == EXPIRED]}))
    return pages
