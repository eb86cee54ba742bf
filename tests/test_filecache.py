"""Results from built files are reused only while the file is the same file."""

from __future__ import annotations

import os
import shutil

from generator.filecache import FileCache


def lengths(folder, calls):
    def compute(names):
        calls.extend(names)
        return [len((folder / name).read_bytes()) for name in names]
    return compute


def test_unchanged_files_are_not_read_again_and_changed_ones_are(tmp_path):
    site, code, cache = tmp_path / "site", tmp_path / "parser.py", tmp_path / "c.pickle"
    site.mkdir()
    code.write_text("version 1")
    for name, text in (("a.html", "甲"), ("b.html", "乙乙")):
        (site / name).write_text(text, encoding="utf-8")
    files = ["a.html", "b.html"]
    calls: list[str] = []
    assert FileCache(cache, [code]).results(site, files, lengths(site, calls)) == [3, 6]
    assert calls == ["a.html", "b.html"]

    calls.clear()
    (site / "b.html").write_text("乙乙乙", encoding="utf-8")
    assert FileCache(cache, [code]).results(site, files, lengths(site, calls)) == [3, 9]
    assert calls == ["b.html"]

    # A copy that keeps the modification time (an incremental build's seed) is a hit ...
    calls.clear()
    copy = tmp_path / "copy"
    shutil.copytree(site, copy, copy_function=shutil.copy2)
    assert FileCache(cache, [code]).results(copy, files, lengths(copy, calls)) == [3, 9]
    assert calls == []
    # ... a same-sized rewrite at another time is not.
    stat = (copy / "a.html").stat()
    (copy / "a.html").write_text("丙", encoding="utf-8")
    os.utime(copy / "a.html", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert FileCache(cache, [code]).results(copy, files, lengths(copy, calls)) == [3, 9]
    assert calls == ["a.html"]


def test_new_code_starts_an_empty_cache(tmp_path):
    site, code, cache = tmp_path / "site", tmp_path / "parser.py", tmp_path / "c.pickle"
    site.mkdir()
    (site / "a.html").write_text("甲", encoding="utf-8")
    code.write_text("version 1")
    FileCache(cache, [code]).results(site, ["a.html"], lengths(site, []))
    code.write_text("version 2")
    calls: list[str] = []
    FileCache(cache, [code]).results(site, ["a.html"], lengths(site, calls))
    assert calls == ["a.html"]
    cache.write_bytes(b"not a pickle")
    calls.clear()
    assert FileCache(cache, [code]).results(site, ["a.html"], lengths(site, calls)) == [3]
    assert calls == ["a.html"]


def test_other_settings_start_an_empty_cache(tmp_path):
    # The link check's entries hold links resolved against the site's base URL.
    site, code, cache = tmp_path / "site", tmp_path / "parser.py", tmp_path / "c.pickle"
    site.mkdir()
    (site / "a.html").write_text("甲", encoding="utf-8")
    code.write_text("version 1")
    FileCache(cache, [code], settings="https://a.example/").results(site, ["a.html"], lengths(site, []))
    calls: list[str] = []
    FileCache(cache, [code], settings="https://a.example/").results(site, ["a.html"], lengths(site, calls))
    assert calls == []
    FileCache(cache, [code], settings="https://b.example/").results(site, ["a.html"], lengths(site, calls))
    assert calls == ["a.html"]
