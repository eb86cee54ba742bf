"""Calendar files kept in build/cache by the arguments they are made from: a kept
file is the one making it again gives, and a change to what it is made from is seen."""

from __future__ import annotations

from datetime import date

from generator.cache.store import Stores
from generator.calendars.files import STORE_KIND, calendar_files, notice_ics_path
from generator.render import make_context
from generator.validated import load_and_validate

AS_OF = date(2026, 11, 28)
NOTICE = "data/notices/jiangli-fuzhu-gongshi-2027.yaml"
ICS = notice_ics_path("jiangli-fuzhu-gongshi-2027")


def calendars(root, cache, as_of: date = AS_OF) -> tuple[dict[str, bytes], Stores]:
    """The calendars made with the cache in `cache` (None: none), and its stores, saved."""
    site, _ = load_and_validate(root)
    stores = Stores(cache, "fingerprint")
    files = calendar_files(make_context(site, as_of, stores=stores))
    stores.save()
    return files, stores


def test_kept_calendars_are_the_ones_made_afresh(example, tmp_path):
    cache = tmp_path / "cache"
    first, stores = calendars(example.root, cache)
    assert ICS in first and stores(STORE_KIND).added
    kept, stores = calendars(example.root, cache)
    assert kept == first == calendars(example.root, None)[0]
    assert not stores(STORE_KIND).added      # every file came from the cache


def test_a_changed_notice_makes_its_calendar_again(example, tmp_path):
    cache = tmp_path / "cache"
    before, _ = calendars(example.root, cache)
    example.replace(NOTICE, "title: 勍香镇2027年度", "title: 勍香镇二〇二七年度")
    after, stores = calendars(example.root, cache)
    assert after == calendars(example.root, None)[0]
    assert "二〇二七年度".encode() in after[ICS] and after[ICS] != before[ICS]
    assert stores(STORE_KIND).added
    # The build date is the calendars' DTSTAMP: a new day makes each file again.
    later, _ = calendars(example.root, cache, date(2026, 11, 29))
    assert later == calendars(example.root, None, date(2026, 11, 29))[0]
    assert later[ICS] != after[ICS]
