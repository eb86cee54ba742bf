"""The site's bigram postings joined from blocks of pages, fresh or from the cache,
are the ones made from all pages at once; a block whose pages' text changed, in
any of the inputs its key holds, is made again."""

from __future__ import annotations

import random

import pytest

from generator.cache.store import Store
from generator.search import blocks, postings
from generator.search.blocks import site_bigrams
from generator.search.postings import block_bigrams

WORDS = ["计划生育", "奖励扶助", "社会抚养费", "办事指南", "城关镇", "第12号", "ＡＢＣ", "abc",
         "2026年", "的", "和", "公示", "名单", "政策文件"]


def site(seed: int, count: int) -> tuple[list[str], list[str], list[int], list[int]]:
    """Page URLs, texts (title, headings, body) and title and zone lengths."""
    rng = random.Random(seed)
    urls, texts, titles, zones = [], [], [], []
    for n in range(count):
        title = "".join(rng.choices(WORDS, k=rng.randint(0, 4)))
        headings = " ".join(rng.choices(WORDS, k=rng.randint(0, 3)))
        body = " ".join("".join(rng.choices(WORDS, k=rng.randint(1, 9)))
                        for _ in range(rng.randint(0, 30)))
        urls.append(f"policies/p{n}/")
        texts.append(f"{title} {headings} {body}")
        titles.append(len(title))
        zones.append(len(title) + 1 + len(headings))
    return urls, texts, titles, zones


def level_fields(level: postings.Level) -> dict[str, tuple]:
    """A gram's docs, positions and first and last page, gram by gram."""
    grams = {}
    for n, key in enumerate(level.keys):
        begin_d = level.doc_end[n - 1] if n else 0
        begin_p = level.pos_end[n - 1] if n else 0
        grams[str(key)] = (level.docs[begin_d:level.doc_end[n]],
                           level.positions[begin_p:level.pos_end[n]],
                           int(level.first[n]), int(level.last[n]), int(level.first_size[n]))
    return grams


@pytest.fixture
def made(monkeypatch) -> list[int]:
    """Pages of each block made (not taken from the store), in this process; blocks of
    about 4 pages."""
    monkeypatch.setattr(blocks, "BLOCK_PAGES", 4)
    monkeypatch.setattr(blocks, "forked_map", lambda function, items, **_: list(map(function, items)))
    seen: list[int] = []

    def spy(texts, title_lengths, zone_lengths):
        seen.append(len(texts))
        return block_bigrams(texts, title_lengths, zone_lengths)
    monkeypatch.setattr(blocks, "block_bigrams", spy)
    return seen


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_joined_blocks_are_all_pages_at_once(made, seed):
    urls, texts, titles, zones = site(seed, 60)
    joined = site_bigrams(urls, texts, titles, zones, None)
    assert len(made) > 5        # many blocks were joined
    assert level_fields(joined) == level_fields(block_bigrams(texts, titles, zones))


def test_no_pages_and_empty_pages_have_no_bigrams(made):
    assert site_bigrams([], [], [], [], None).keys == []
    assert site_bigrams(["a/", "b/"], ["", "x"], [0, 1], [1, 2], None).keys == []


@pytest.mark.parametrize("edit", ["text", "title_length", "zone_length", "insert", "remove"])
def test_a_warm_join_makes_again_only_the_changed_block_and_equals_a_cold_one(
        made, tmp_path, edit):
    urls, texts, titles, zones = site(7, 80)
    first = Store(tmp_path, "search-blocks", "f" * 64)
    site_bigrams(urls, texts, titles, zones, first)
    first.save()
    # One input a block's key holds changes for page 40; the title's extent alone moves
    # the title and heading flags, the text keeps its length so only its bytes differ.
    if edit == "text":
        texts[40] = texts[40].replace("的", "和", 1) if "的" in texts[40] else "的" + texts[40][1:]
    elif edit == "title_length":
        titles[40] = titles[40] + 1
    elif edit == "zone_length":
        zones[40] = zones[40] + 1
    elif edit == "insert":
        for listed, value in ((urls, "new/"), (texts, "新增的公示名单"), (titles, 2), (zones, 2)):
            listed.insert(40, value)
    else:
        for listed in (urls, texts, titles, zones):
            del listed[40]
    made.clear()
    warm = site_bigrams(urls, texts, titles, zones, Store(tmp_path, "search-blocks", "f" * 64))
    assert level_fields(warm) == level_fields(block_bigrams(texts, titles, zones))
    assert len(made) in (1, 2)      # the page's block (a new boundary page splits one)
    assert sum(made) < len(texts) / 4
