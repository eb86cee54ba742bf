"""Clerk Markdown (bodies, the home and guide introductions) is converted once per
distinct text and kept in build/cache under the shared fingerprint: a second render
converts nothing, and gives the same HTML."""

from __future__ import annotations

from datetime import date

from generator.build import build
from generator.cache.fingerprint import fingerprint
from generator.cache.store import Store, key
from generator.render import clerk, make_context
from generator.validate.personal import public_numbers
from generator.validated import load_and_validate

AS_OF = date(2026, 11, 28)


def _counting(monkeypatch) -> list[str]:
    converted: list[str] = []

    def in_this_process(function, items, chunksize=1):
        converted.extend(items)
        return [function(item) for item in items]
    monkeypatch.setattr(clerk, "forked_map", in_this_process)
    return converted


def test_each_distinct_text_is_converted_once_and_kept(minimal, tmp_path, monkeypatch):
    minimal.write("content/home.md", "本站由**勍香镇**主办。\n")
    site, _ = load_and_validate(minimal.root)
    ctx = make_context(site, AS_OF)
    converted = _counting(monkeypatch)
    first = clerk.prepare(ctx, Store(tmp_path, clerk.STORE_KIND, "f1"))
    texts = clerk.clerk_texts(ctx)
    assert sorted(converted) == sorted(texts) and len(texts) >= 3
    # Chinese emphasis as clerks know it (Python-Markdown), which CommonMark would not bold.
    assert "<strong>勍香镇</strong>" in first["本站由**勍香镇**主办。\n"]
    Store(tmp_path, clerk.STORE_KIND, "f1").save()      # nothing used: nothing kept
    store = Store(tmp_path, clerk.STORE_KIND, "f1")
    clerk.prepare(ctx, store)
    store.save()
    converted.clear()
    again = clerk.prepare(ctx, Store(tmp_path, clerk.STORE_KIND, "f1"))
    assert converted == [] and again == first
    # Another fingerprint (code, libraries, settings) reads nothing of it.
    clerk.prepare(ctx, Store(tmp_path, clerk.STORE_KIND, "f2"))
    assert sorted(converted) == sorted(texts)


def test_a_build_keeps_the_bodies_under_the_sites_fingerprint(minimal):
    build(minimal.root, AS_OF)
    site, _ = load_and_validate(minimal.root)
    store = Store(minimal.root / "build/cache", clerk.STORE_KIND,
                  fingerprint(minimal.root, public_numbers(site)))
    body = next(v.content["body"] for item in site.items for v in item.versions
                if v.content.get("body"))
    assert store.get(key(body)) == clerk.convert(body)
