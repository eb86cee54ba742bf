"""A file is not read again while its stat shows it untouched since its bytes were
hashed; a file whose bytes may have changed always is: rewritten in place with its size
and modification time put back, replaced by another with the same size and times, or
changed too soon after it was read to tell by its times (git's racy-timestamp rule)."""

from __future__ import annotations

import os
import time

import pytest

from generator.cache import statindex
from generator.cache.files import FileStore, Listing, listing, read_results
from generator.cache.statindex import RACY_NS, StatIndex, identity
from generator.cache.store import MISSING
from generator.privacy.scan import scan_site
from fake_ids import make_id

FINGERPRINT = "一"


@pytest.fixture
def settled(monkeypatch):
    """Files count as still as soon as a clock tick has passed, so that a test need not
    wait two seconds for each file it writes to settle."""
    monkeypatch.setattr(statindex, "RACY_NS", 0)
    yield
    time.sleep(0.05)


def tick() -> None:
    time.sleep(0.05)    # more than a tick of the clock the kernel stamps files with


def write(folder, names: dict[str, str]) -> None:
    for name, text in names.items():
        (folder / name).write_text(text, encoding="utf-8")


def lengths(folder, cache, calls: list[str], files: Listing | None = None) -> list[int]:
    """Each file's length, kept by its bytes; `calls` gets the files measured."""
    files = files or listing(folder, cache, FINGERPRINT)
    store = FileStore(cache, "lengths", FINGERPRINT, b"")

    def measure(name: str, data: bytes) -> int:
        calls.append(name)
        return len(data)
    found = read_results(store, files, list(files.stats), measure)
    store.save()
    files.save()
    return found


def test_a_file_left_alone_is_not_read_again(tmp_path, settled):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    write(site, {"a.html": "甲", "b.html": "乙乙"})
    tick()
    calls: list[str] = []
    assert lengths(site, cache, calls) == [3, 6]
    before = listing(site, cache, FINGERPRINT)
    # Moved away, the files cannot be read: the stats and the index alone give the answer.
    site.rename(tmp_path / "moved")
    assert lengths(site, cache, calls, Listing(site, before.stats, before.index)) == [3, 6]
    assert calls == ["a.html", "b.html"]


def test_bytes_changed_in_place_with_size_and_time_put_back_are_read(tmp_path, settled):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    write(site, {"a.html": "甲", "b.html": "乙乙"})
    tick()
    assert lengths(site, cache, []) == [3, 6]
    old = (site / "b.html").stat()
    tick()
    with open(site / "b.html", "r+b") as file:          # the same inode
        file.write("丙丁".encode())
    os.utime(site / "b.html", ns=(old.st_atime_ns, old.st_mtime_ns))
    new = (site / "b.html").stat()
    assert (new.st_ino, new.st_size, new.st_mtime_ns) == (old.st_ino, old.st_size, old.st_mtime_ns)
    assert new.st_ctime_ns != old.st_ctime_ns            # what no program can put back
    calls: list[str] = []
    assert lengths(site, cache, calls) == [3, 6]
    assert calls == ["b.html"]           # new bytes, so measured: the store had no result


def test_a_file_replaced_by_one_with_the_same_size_and_times_is_read(tmp_path, settled):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    write(site, {"a.html": "甲"})
    tick()
    assert lengths(site, cache, []) == [3]
    old = (site / "a.html").stat()
    write(tmp_path, {"new.html": "乙"})
    os.utime(tmp_path / "new.html", ns=(old.st_atime_ns, old.st_mtime_ns))
    os.replace(tmp_path / "new.html", site / "a.html")   # as a build replaces a changed file
    calls: list[str] = []
    assert lengths(site, cache, calls) == [3]
    assert calls == ["a.html"]


def test_a_racy_entry_is_not_kept_so_the_file_is_read_again(tmp_path):
    """A file changed within RACY_NS of the moment its stat was taken could change again
    within the same clock tick and keep its times: it is read until it has settled."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    write(site, {"a.html": "甲"})
    assert lengths(site, cache, []) == [3]                # read just after it was written
    files = listing(site, cache, FINGERPRINT)
    assert files.index.known("a.html", files.stats["a.html"]) is MISSING
    # The rule itself: kept only when the file's last change is RACY_NS before the stat.
    seen = identity(files.stats["a.html"])
    index = StatIndex(None, "site", FINGERPRINT)
    index.learn("a.html", seen, b"digest", started=max(seen[3], seen[4]) + RACY_NS)
    assert index.known("a.html", files.stats["a.html"]) is MISSING
    index.learn("a.html", seen, b"digest", started=max(seen[3], seen[4]) + RACY_NS + 1)
    assert index.known("a.html", files.stats["a.html"]) == b"digest"


def test_both_copies_of_the_site_are_known(tmp_path, settled):
    """A build writes into the older of two copies of the site: the files of both stay
    known, and those of a removed file are forgotten."""
    cache = tmp_path / "cache"
    copies = [tmp_path / "one", tmp_path / "two"]
    for copy in copies:
        copy.mkdir()
        write(copy, {"a.html": "甲", "b.html": "乙"})
    tick()
    for copy in copies:
        assert lengths(copy, cache, []) == [3, 3]
    calls: list[str] = []
    for copy in copies:
        assert lengths(copy, cache, calls) == [3, 3]
    assert calls == []
    (copies[0] / "b.html").unlink()
    lengths(copies[0], cache, calls)
    assert "b.html" not in listing(copies[0], cache, FINGERPRINT).index.store.entries


def test_the_leak_scan_finds_a_number_written_into_an_unchanged_looking_file(tmp_path, settled):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    clean = "<p>编号 " + "0" * 18 + "</p>"
    write(site, {"index.html": clean})
    tick()

    def scan() -> list:
        store = FileStore(cache, "leaks", FINGERPRINT, b"")
        files = listing(site, cache, FINGERPRINT)
        problems = scan_site(site, frozenset(), cache=store, files=files)
        store.save()
        files.save()
        return problems

    assert scan() == []
    assert scan() == []
    old = (site / "index.html").stat()
    tick()
    leaked = "<p>编号 " + make_id("14112219550612001") + "</p>"
    assert len(leaked.encode()) == len(clean.encode())
    (site / "index.html").write_text(leaked, encoding="utf-8")
    os.utime(site / "index.html", ns=(old.st_atime_ns, old.st_mtime_ns))
    [problem] = scan()
    assert "身份证号" in problem.message
