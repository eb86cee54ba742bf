"""Files that providers keep in build/cache by what they are made from (calendars,
version stubs): a kept file is the one making it again gives, and a change to
what it is made from is seen."""

from __future__ import annotations

from datetime import date

from generator.cache.store import Stores
from generator.calendars.files import STORE_KIND, calendar_files, notice_ics_path
from generator.render import make_context
from generator.stubs import STORE_KIND as STUBS, version_stubs
from generator.validated import load_and_validate

AS_OF = date(2026, 11, 28)
NOTICE = "data/notices/jiangli-fuzhu-gongshi-2027.yaml"
ICS = notice_ics_path("jiangli-fuzhu-gongshi-2027")


def made(root, cache, as_of: date = AS_OF, provider=calendar_files
              ) -> tuple[dict[str, bytes], Stores]:
    """The provider's files made with the cache in `cache` (None: none), and its
    stores, saved."""
    site, _ = load_and_validate(root)
    stores = Stores(cache, "fingerprint")
    files = provider(make_context(site, as_of, stores=stores))
    stores.save()
    return files, stores


def test_kept_calendars_are_the_ones_made_afresh(example, tmp_path):
    cache = tmp_path / "cache"
    first, stores = made(example.root, cache)
    assert ICS in first and stores(STORE_KIND).added
    kept, stores = made(example.root, cache)
    assert kept == first == made(example.root, None)[0]
    assert not stores(STORE_KIND).added      # every file came from the cache


def test_a_changed_notice_makes_its_calendar_again(example, tmp_path):
    cache = tmp_path / "cache"
    before, _ = made(example.root, cache)
    example.replace(NOTICE, "title: 勍香镇2027年度", "title: 勍香镇二〇二七年度")
    after, stores = made(example.root, cache)
    assert after == made(example.root, None)[0]
    assert "二〇二七年度".encode() in after[ICS] and after[ICS] != before[ICS]
    assert stores(STORE_KIND).added
    # The build date is the calendars' DTSTAMP: a new day makes each file again.
    later, _ = made(example.root, cache, date(2026, 11, 29))
    assert later == made(example.root, None, date(2026, 11, 29))[0]
    assert later[ICS] != after[ICS]


def test_a_stub_is_kept_until_its_item_title_changes(example, tmp_path):
    cache, fee = tmp_path / "cache", "data/fees/jisheng-zhengjian-gongbenfei.yaml"
    stub = "fees/jisheng-zhengjian-gongbenfei/v/1/index.html"
    first, _ = made(example.root, cache, provider=version_stubs)
    kept, stores = made(example.root, cache, provider=version_stubs)
    assert kept == first == made(example.root, None, provider=version_stubs)[0]
    assert stub in kept and not stores(STUBS).added
    example.replace(fee, "title: 计划生育证件工本费（免收）", "title: 计划生育证件工本费（一律免收）")
    after, stores = made(example.root, cache, provider=version_stubs)
    assert after == made(example.root, None, provider=version_stubs)[0]
    assert "（一律免收）（第1版）" in after[stub].decode("utf-8") and stores(STUBS).added
