"""RSS 2.0 and Atom feeds of public changes, read back with the real feedparser."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import feedparser
import pytest

from conftest import FIXTURES, copy_site
from versions_site import MIDDLE, build_at, make_versioned

BASE = "https://test.example.gov.cn/"
CHINA = timezone(timedelta(hours=8))


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = copy_site(FIXTURES / "minimal", tmp_path_factory.mktemp("feeds"))
    make_versioned(folder)
    return build_at(folder.root, MIDDLE)


def parse(root, name):
    raw = (root / "build/site/feeds" / name).read_bytes()
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed, raw


@pytest.mark.parametrize("name, version", [("rss.xml", "rss20"), ("atom.xml", "atom10")])
def test_feed_has_the_changes_up_to_the_build_date(site, name, version):
    feed, _ = parse(site, name)
    assert feed.version == version
    by_link = {e.link: e for e in feed.entries}
    revision = by_link[BASE + "subsidies/jiangli/v/2/"]
    # Escaped in the XML, read back as the clerk wrote it.
    assert revision.title == "农村部分计划生育家庭奖励扶助（修订，第2版）"
    assert revision.summary.startswith("奖励扶助金提高到每人每年800元 & 其他不变<第二版>")
    when = revision.published_parsed
    assert datetime(*when[:6], tzinfo=timezone.utc) == datetime(2026, 6, 1, tzinfo=CHINA)
    policy = sorted(e.title for e in feed.entries if e.link == BASE + "policies/xize/")
    assert policy == ["社会抚养费征收管理实施细则（发布）", "社会抚养费征收管理实施细则（废止）"]
    # No future entries: v3 takes effect 2027-01-01, after the build date.
    assert BASE + "subsidies/jiangli/v/3/" not in by_link
    latest = max(datetime(*e.published_parsed[:6], tzinfo=timezone.utc) for e in feed.entries)
    assert latest <= datetime(2026, 11, 28, tzinfo=CHINA)
    # Minor changes are not news.
    assert not any("窗口调整" in e.summary for e in feed.entries)
    for entry in feed.entries:
        assert entry.link.startswith(BASE)
    ids = [e.id for e in feed.entries]
    assert len(ids) == len(set(ids))
    assert "tag:test.example.gov.cn,2026-03-04:subsidies/jiangli/v/2" in ids


def test_feeds_are_identical_on_rebuild_and_ids_survive_new_entries(site):
    _, rss = parse(site, "rss.xml")
    _, atom = parse(site, "atom.xml")
    build_at(site, MIDDLE)
    assert parse(site, "rss.xml")[1] == rss and parse(site, "atom.xml")[1] == atom
    before = {e.link: e.id for e in parse(site, "atom.xml")[0].entries}
    build_at(site, MIDDLE + timedelta(days=60))      # v3 is in force now: one more entry
    after = {e.link: e.id for e in parse(site, "atom.xml")[0].entries}
    assert BASE + "subsidies/jiangli/v/3/" in after
    assert all(after[link] == id_ for link, id_ in before.items())


def test_every_page_links_to_the_feeds_in_its_head(site):
    for rel in ("index.html", "subsidies/jiangli/index.html", "subsidies/jiangli/v/1/index.html"):
        html = (site / "build/site" / rel).read_text(encoding="utf-8")
        head = html.split("</head>")[0]
        assert '<link rel="alternate feed" type="application/rss+xml"' in head
        assert '<link rel="alternate feed" type="application/atom+xml"' in head
        assert "feeds/atom.xml" in head
