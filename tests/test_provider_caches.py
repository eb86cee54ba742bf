"""Files that providers keep in build/cache by what they are made from (calendars,
version stubs, open data records): a kept file is the one making it again gives, and a change to
what it is made from is seen."""

from __future__ import annotations

from datetime import date

from generator.cache.store import Stores
from generator.calendars.files import STORE_KIND, calendar_files, notice_ics_path
from generator.opendata.provider import opendata_files
from generator.opendata.records import STORE_KIND as RECORDS
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


def test_open_data_records_are_kept_until_an_item_changes(example, tmp_path):
    cache, fee = tmp_path / "cache", "data/fees/jisheng-zhengjian-gongbenfei.yaml"
    first, _ = made(example.root, cache, provider=opendata_files)
    kept, stores = made(example.root, cache, provider=opendata_files)
    assert kept == first == made(example.root, None, provider=opendata_files)[0]
    assert not stores(RECORDS).added
    example.replace(fee, "title: 计划生育证件工本费（免收）", "title: 计划生育证件工本费（一律免收）")
    after, stores = made(example.root, cache, provider=opendata_files)
    assert after == made(example.root, None, provider=opendata_files)[0]
    assert "（一律免收）" in after["opendata/fee.json"].decode("utf-8") and stores(RECORDS).added
    # An item the fee's records name is held back: it leaves them, though the fee is unchanged.
    related = [s for s in make_context(load_and_validate(example.root)[0], AS_OF).states
               if s.item.slug == "jisheng-zhengjian-gongbenfei"][0].item.meta.related
    other = related[0]
    assert other in after["opendata/fee.json"].decode("utf-8")
    path = next(example.root.glob(f"data/*/{other}.yaml")).relative_to(example.root).as_posix()
    text = example.read(path)
    published = next(line for line in text.splitlines() if line.startswith("published:"))
    example.replace(path, published, "published: 2099-01-01")
    later, _ = made(example.root, cache, provider=opendata_files)
    assert later == made(example.root, None, provider=opendata_files)[0]
    assert other not in later["opendata/fee.json"].decode("utf-8")
