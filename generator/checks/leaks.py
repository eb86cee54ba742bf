"""The leak scan: no unmasked ID, mobile or bank number in any built file."""

from __future__ import annotations

from ..privacy.scan import scan_site
from ..problems import Problem
from ..validate.personal import public_numbers


def origins(ctx) -> dict[str, str]:
    """Output folder → the data file it came from, for messages that say where to fix."""
    mapping = {}
    for state in ctx.render.states:
        item = state.item
        mapping[f"{item.kind.folder}/{item.slug}/"] = item.file
        fact = ctx.render.facts.get(item.slug)
        if fact and fact.list_source:
            mapping[f"{item.kind.folder}/{item.slug}/list/"] = fact.list_source
    return mapping


def leak_scan(ctx) -> list[Problem]:
    mapping = origins(ctx)

    def origin(relpath: str) -> str | None:
        # The longest matching folder wins: list pages before their notice.
        best = None
        for prefix, source in mapping.items():
            if relpath.startswith(prefix) and (best is None or len(prefix) > len(best[0])):
                best = (prefix, source)
        return best[1] if best else None

    return scan_site(ctx.site_dir, public_numbers(ctx.site), origin, display_root="build/site",
                     since=ctx.reused_before)
