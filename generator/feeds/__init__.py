"""RSS 2.0 and Atom feeds of the site's public changes: new items, major
revisions, repeals and expiries, as of the build date (nothing dated later).

Links are absolute (site.yaml's base_url) and ids are tag URIs built from
the item's folder, slug and version, so a reader sees each change once no
matter how often the site is rebuilt. The XML comes from autoescaping
Jinja2 templates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from email.utils import format_datetime
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..render.pages import RenderContext, item_path, served_path
from ..render.version_tools import compare_path, version_path
from ..versions.updates import REVISED, Update, site_updates

FEED_SIZE = 50
RSS_PATH, ATOM_PATH = "feeds/rss.xml", "feeds/atom.xml"
CHINA = timezone(timedelta(hours=8))


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    link: str
    compare: str | None
    summary: str
    category: str
    when: datetime

    @property
    def rfc822(self) -> str:
        return format_datetime(self.when)

    @property
    def rfc3339(self) -> str:
        return self.when.isoformat()


def _midnight(day: date) -> datetime:
    """Dates are Beijing calendar days; a feed needs an instant."""
    return datetime.combine(day, time(0), CHINA)


def absolute(base_url: str, docs_path: str) -> str:
    return base_url + served_path(docs_path)


def _entry(base_url: str, update: Update) -> Entry:
    item = update.state.item
    host = urlsplit(base_url).hostname
    if update.change == REVISED:
        number = update.version.number
        title = f"{item.meta.title}（{update.change}，第{number}版）"
        # The version's own address even while it is in force (a stub forwards to the item
        # page then): readers keep an entry's link, and later it shows the version announced.
        link = absolute(base_url, version_path(item, number))
        compare = absolute(base_url, compare_path(item, number - 1, number))
    else:
        title = f"{item.meta.title}（{update.change}）"
        link, compare = absolute(base_url, item_path(item)), None
    return Entry(f"tag:{host},{item.meta.published.isoformat()}:{update.key}", title, link,
                 compare, update.note, item.kind.label, _midnight(update.date))


def feed_entries(ctx: RenderContext) -> list[Entry]:
    base_url = ctx.site.config.base_url
    past = [u for u in site_updates(ctx.states) if not u.upcoming]
    return [_entry(base_url, u) for u in past[:FEED_SIZE]]


def _environment() -> Environment:
    return Environment(loader=PackageLoader("generator.feeds", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def feed_files(ctx: RenderContext) -> dict[str, bytes]:
    config = ctx.site.config
    entries = feed_entries(ctx)
    # The newest change, not the clock: rebuilding unchanged data gives identical bytes.
    updated = entries[0].when if entries else _midnight(ctx.as_of)
    env = _environment()
    names = {"config": config, "entries": entries, "updated": updated,
             "home": config.base_url, "updates_page": absolute(config.base_url, "updates/index.md"),
             "rss_url": config.base_url + RSS_PATH, "atom_url": config.base_url + ATOM_PATH,
             "feed_id": f"tag:{urlsplit(config.base_url).hostname},2000:feeds/updates",
             "rfc822": format_datetime}
    return {path: env.get_template(template).render(**names).encode("utf-8")
            for path, template in ((RSS_PATH, "rss.xml.j2"), (ATOM_PATH, "atom.xml.j2"))}
