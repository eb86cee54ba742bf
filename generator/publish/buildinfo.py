"""Which commit and date a finished site was built from, stored beside its pages.

`gongkai publish` reads it to name the release and to refuse a stale, uncommitted
or not fully scanned build; `gongkai rollback` reads which name lists a release
shows and until when. It holds no personal data: list file names and dates only.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..problems import Problem
from ..output import put

INFO_FILE = ".gongkai-build.json"


def write_build_info(ctx) -> list[Problem]:
    """A post-build step (generator.pipeline): ctx is a generator.context.BuildContext."""
    stamp = ctx.stamp
    info = {"commit": stamp.commit, "dirty": stamp.dirty, "as_of": stamp.as_of.isoformat(),
            "built_at": stamp.built_at.isoformat(timespec="seconds"),
            "timezone": ctx.site.config.timezone,
            # Every file is scanned, or its result taken from the cache by its bytes;
            # `gongkai publish` refuses a build of an older gongkai that scanned fewer,
            # and a preview's, whose steps after the reload wrote files unscanned here.
            "full_scan": not ctx.left_out,
            "lists": shown_lists(ctx.render)}
    text = json.dumps(info, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    put(ctx.site_dir / INFO_FILE, text.encode("utf-8"))
    return []


def shown_lists(render) -> list[dict]:
    """The name lists this site shows: notice, list file and the day it must be gone."""
    return [{"notice": slug, "file": fact.list_source, "withdraw_on": fact.status.withdraw_on.isoformat()}
            for slug, fact in sorted(render.facts.items()) if fact.name_list is not None]


def read_build_info(site_dir: Path) -> dict | None:
    try:
        info = json.loads((site_dir / INFO_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None
