"""A store is pickled straight into its file, and a save that fails keeps the last one."""

from __future__ import annotations

import pytest

from generator.cache.store import Store
from generator.replace import replace_with


class Unpicklable:
    def __reduce__(self):
        raise TypeError("not this one")


def test_a_saved_store_is_read_back_whole(tmp_path):
    store = Store(tmp_path, "pages", "f1")
    values = {bytes([i]): ("页面", i, b"\0" * i) for i in range(200)}
    for entry, value in values.items():
        store.put(entry, value)
    store.save()
    again = Store(tmp_path, "pages", "f1")
    assert {entry: again.get(entry) for entry in values} == values
    assert [p.name for p in tmp_path.iterdir()] == [store.path.name]


def test_a_save_that_fails_keeps_the_last_store_and_leaves_no_partial_file(tmp_path):
    store = Store(tmp_path, "pages", "f1")
    store.put(b"a", "kept")
    store.save()
    kept = store.path.read_bytes()
    failing = Store(tmp_path, "pages", "f1")
    failing.put(b"b", Unpicklable())
    with pytest.raises(TypeError):
        failing.save()
    assert store.path.read_bytes() == kept
    assert [p.name for p in tmp_path.iterdir()] == [store.path.name]


def test_replace_with_needs_the_folder_as_replace_file_does(tmp_path):
    # Render makes a new folder only when writing into it fails (render/writer.py).
    with pytest.raises(FileNotFoundError):
        replace_with(tmp_path / "new" / "index.md", lambda out: out.write(b"x"))
    assert list(tmp_path.iterdir()) == []
