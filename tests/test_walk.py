"""Listing a built tree gives the files sorted(rglob) gives, in the same order."""

from __future__ import annotations

from generator.walk import files_under


def test_files_come_in_rglob_order(tmp_path):
    for rel in ("a/index.html", "a-b/index.html", "a/b/index.html", "a.html", ".hidden/x.html",
                "a/feed.xml", "Z/index.html", "a/b-c/d/index.html"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    (tmp_path / "empty").mkdir()
    names = [p.relative_to(tmp_path).as_posix() for p in sorted(tmp_path.rglob("*.html"))]
    assert files_under(tmp_path, ".html") == names
    assert "a/b-c/d/index.html" in names and ".hidden/x.html" in names
    assert files_under(tmp_path) == [p.relative_to(tmp_path).as_posix()
                                     for p in sorted(tmp_path.rglob("*")) if p.is_file()]
    assert files_under(tmp_path / "empty") == []
