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


def test_a_link_to_a_folder_is_not_followed_as_os_walk_does_not(tmp_path):
    import os

    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.html").write_text("x")
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    walked = sorted(os.path.relpath(os.path.join(parent, name), tmp_path).replace(os.sep, "/")
                    for parent, _, names in os.walk(tmp_path) for name in names)
    assert files_under(tmp_path) == walked == ["real/a.html"]
