"""What day it is for the site: the date in its time zone, Beijing unless site.yaml says
otherwise. Every command asks here, so a build at 07:00 Beijing time (23:00 UTC the day
before) withdraws a list on the same day as a build at noon, whatever the machine's clock zone."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError



def zone(name: str | None) -> ZoneInfo:
    """The named zone; Beijing for a missing or unknown name (validation reports the latter)."""
    # Imported here: publish and print import this module before they know they need a site.
    from .model.site_config import DEFAULT_TIMEZONE
    try:
        return ZoneInfo(name or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return ZoneInfo(DEFAULT_TIMEZONE)


def today(timezone_name: str | None = None, now: datetime | None = None) -> date:
    """The date in `timezone_name` at `now` (default: this moment)."""
    return (now or datetime.now(timezone.utc)).astimezone(zone(timezone_name)).date()


def site_timezone(root: Path) -> str:
    """site.yaml's `timezone`, for commands that need the date before they load the site."""
    from .load.site_loader import SITE_FILE
    from .load.yaml_reader import read_yaml
    from .model.site_config import DEFAULT_TIMEZONE
    path = root / SITE_FILE
    if path.is_file():
        doc, _ = read_yaml(path, SITE_FILE)
        value = doc.value if doc is not None else None
        if isinstance(value, dict) and isinstance(value.get("timezone"), str):
            return value["timezone"]
    return DEFAULT_TIMEZONE
