"""Results about built files are reused for the same name and bytes, wherever and
whenever the file was made, and for nothing else."""

from __future__ import annotations

import os
import shutil

from generator.cache.files import file_results
from generator.cache.store import Store


def lengths(folder, calls):
    def compute(names):
        calls.extend(names)
        return [len((folder / name).read_bytes()) for name in names]
    return compute


def results(cache, site, files, calls, fingerprint="一", setting=""):
    store = Store(cache, "lengths", fingerprint)
    found = file_results(store, site, files, lengths(site, calls), setting)
    store.save()
    return found


def test_same_bytes_are_a_hit_anywhere_and_other_bytes_never(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    for name, text in (("a.html", "甲"), ("b.html", "乙乙")):
        (site / name).write_text(text, encoding="utf-8")
    files = ["a.html", "b.html"]
    calls: list[str] = []
    assert results(cache, site, files, calls) == [3, 6]
    assert calls == ["a.html", "b.html"]

    calls.clear()
    (site / "b.html").write_text("乙乙乙", encoding="utf-8")
    assert results(cache, site, files, calls) == [3, 9]
    assert calls == ["b.html"]

    # A fresh copy (new modification times, as on a CI runner) is a hit ...
    calls.clear()
    copy = tmp_path / "copy"
    shutil.copytree(site, copy, copy_function=shutil.copy)
    assert results(cache, copy, files, calls) == [3, 9]
    assert calls == []
    # ... a same-sized rewrite with the old modification time is not.
    stat = (copy / "a.html").stat()
    (copy / "a.html").write_text("丙", encoding="utf-8")
    os.utime(copy / "a.html", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert results(cache, copy, files, calls) == [3, 9]
    assert calls == ["a.html"]


def test_the_name_the_setting_and_the_fingerprint_are_part_of_the_key(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    (site / "a.html").write_text("甲", encoding="utf-8")
    (site / "b.html").write_text("甲", encoding="utf-8")
    results(cache, site, ["a.html"], [])
    calls: list[str] = []
    results(cache, site, ["a.html", "b.html"], calls)
    assert calls == ["b.html"]          # names are scanned too: another name, another result
    calls.clear()
    results(cache, site, ["a.html"], calls, setting="https://b.example/")
    assert calls == ["a.html"]          # links resolve against the base URL
    calls.clear()
    results(cache, site, ["a.html"], calls, fingerprint="二")
    assert calls == ["a.html"]          # other code, libraries, settings or public numbers
    assert [p.name for p in cache.iterdir()] == ["lengths-二.pickle"]


def test_an_unreadable_cache_is_computed_afresh(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    (site / "a.html").write_text("甲", encoding="utf-8")
    results(cache, site, ["a.html"], [])
    for stored in cache.iterdir():
        stored.write_bytes(b"not a pickle")
    calls: list[str] = []
    assert results(cache, site, ["a.html"], calls) == [3]
    assert calls == ["a.html"]


def test_a_file_store_does_not_see_the_build_stamp(tmp_path):
    """Every build stamps every page's footer: a page that differs from the last
    build's only there is a hit, one that differs anywhere else is not."""
    from generator.cache.files import FileStore

    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    page = "<p>正文{}</p><p class=\"gk-stamp\">{}</p>"
    old, new = "构建于 2026-11-28 09:00（北京时间）", "构建于 2026-12-01 18:30（北京时间）"
    calls: list[str] = []

    def build(stamp: str, text: str) -> list[int]:
        (site / "a.html").write_text(page.format(text, stamp), encoding="utf-8")
        store = FileStore(cache, "lengths", "一", stamp.encode())
        found = file_results(store, site, ["a.html"], lengths(site, calls))
        store.save()
        return found

    build(old, "甲")
    assert calls == ["a.html"]
    build(new, "甲")
    assert calls == ["a.html"]            # only the stamp changed: kept
    build(new, "乙")
    assert calls == ["a.html", "a.html"]  # the page changed



def test_read_results_computes_only_what_the_store_lacks_from_the_bytes_it_read(tmp_path):
    from generator.cache.files import FileStore, read_results

    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    names = [f"{n}.html" for n in range(600)]      # enough for the forked workers
    for name in names:
        (site / name).write_text(f"页{name}", encoding="utf-8")

    def run(folder, build: int) -> list[tuple[int, int]]:
        """(length, the build that computed it) of each file."""
        store = FileStore(folder, "lengths", "一", b"")
        found = read_results(store, site, names, lambda name, data: (len(data), build))
        store.save()
        return found

    lengths = [len(f"页{name}".encode()) for name in names]
    assert run(cache, 1) == [(length, 1) for length in lengths]
    (site / "7.html").write_text("改过的页", encoding="utf-8")
    lengths[7] = len("改过的页".encode())
    found = run(cache, 2)
    assert [length for length, _ in found] == lengths
    assert [n for n, (_, build) in enumerate(found) if build == 2] == [7]
    # Without a folder the store keeps nothing and every file is computed.
    assert run(None, 3) == [(length, 3) for length in lengths]
