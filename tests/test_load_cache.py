"""Item files and name lists kept in build/cache: what is read from there is what reading
the files afresh gives, and a changed file (or declaration) is read again."""

from __future__ import annotations

import subprocess
import sys

from generator.validated import load_and_validate

LIST = "data/notices/jiangli-fuzhu-gongshi-2027-mingdan.csv"


def test_a_kept_list_is_the_list_read_afresh_and_an_edit_is_read_again(example):
    cache = example.root / "build" / "cache"
    cold, _ = load_and_validate(example.root)
    first, _ = load_and_validate(example.root, cache=cache)
    assert first.name_lists and first.name_lists == cold.name_lists
    assert list(cache.glob("name-lists-*.pickle"))
    # Reading the kept lists needs no spreadsheet library: a fresh process shows it.
    probe = ("import sys; from pathlib import Path; from generator.validated import load_and_validate;"
             "root = Path(sys.argv[1]); site, _ = load_and_validate(root, cache=root / 'build/cache');"
             "print(len(site.name_lists), 'pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe, str(example.root)], capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == [str(len(cold.name_lists)), "False"]

    rows = example.read(LIST).splitlines()
    example.write(LIST, "\n".join(rows[:-1]) + "\n")      # one person fewer
    edited, _ = load_and_validate(example.root, cache=cache)
    fresh, _ = load_and_validate(example.root)
    assert edited.name_lists == fresh.name_lists != cold.name_lists


def test_item_files_parsed_before_are_taken_from_the_cache_as_parsed_afresh(example):
    cache = example.root / "build" / "cache"
    rel = "data/services/dusheng-zinv-guangrongzheng.yaml"
    load_and_validate(example.root, cache=cache)
    # CRLF line ends are read as text mode reads them, from the cache as from the file.
    example.write(rel, example.read(rel).replace("\n", "\r\n"))
    for _ in range(2):
        kept, _ = load_and_validate(example.root, cache=cache)
        fresh, _ = load_and_validate(example.root)
        assert kept.docs == fresh.docs
        assert [(i.file, i.meta, i.versions) for i in kept.items] == \
            [(i.file, i.meta, i.versions) for i in fresh.items]
    assert len(list(cache.glob("parsed-yaml-*.pickle"))) == 1
