"""The link check parses each distinct piece of a page once (checks/links.py TagPieces):
a page's ids and links must be those of its tags read in one pass, with their lines,
whether its pieces were seen on another page or not."""

from __future__ import annotations

import random

from generator.checks.links import TagPieces, _piece_tags, check_folder, parse_html

_TOKENS = ["<a href=\"x/\">", "<a\nhref='y/'>", "</a>", ">\n", "\n", "<p id=\"p\">", "<img src=z.png>",
           "<a name=n>", "<base href=\"/\">", "<div title=\"a>\n<a href=t/>\">", "<", ">", "text",
           "<span class=\"c\"\n>", "href=\"no-tag/\"", "<A HREF=\"UP/\">", " ", "<!--", "-->"]


def test_random_pages_give_the_tags_of_one_pass_over_the_whole_page():
    rng = random.Random(26)
    pieces = TagPieces()
    for _ in range(5_000):
        text = "".join(rng.choice(_TOKENS) for _ in range(rng.randint(1, 25)))
        assert pieces.tags(text) == list(_piece_tags(text)), repr(text)


def test_a_page_parses_the_same_with_pieces_seen_on_other_pages():
    theme = "".join(f'<li>\n<a href="../p{n}/" id="n{n}">第{n}页</a>\n</li>\n' for n in range(20))
    pages = [f"<html>\n{theme}<p>\n<a href=\"q{n}/#x\">正文</a>\n</p>\n{theme}</html>\n"
             for n in range(5)]
    pieces = TagPieces()
    for n, text in enumerate(pages):
        shared, alone = parse_html(text, pieces=pieces), parse_html(text)
        assert (shared.ids, shared.links) == (alone.ids, alone.links)
        assert (f"q{n}/#x", 2 + theme.count("\n") + 1) in shared.links


def test_a_dead_link_in_a_page_whose_theme_was_seen_is_found_on_its_line(tmp_path):
    theme = "".join(f'<li>\n<a href="../p{n}/">第{n}页</a>\n</li>\n' for n in range(30))
    for n in range(30):
        folder = tmp_path / f"p{n}"
        folder.mkdir()
        body = '<p>\n<a href="../gone/">旧页</a>\n</p>\n' if n == 12 else "<p>正文</p>\n"
        (folder / "index.html").write_text(f"<html>\n{theme}{body}</html>\n", encoding="utf-8")
    [problem] = check_folder(tmp_path)
    assert "p12/index.html（第" in problem.message and "../gone/" in problem.message
    line = 1 + theme.count("\n") + 2
    assert f"第{line}行" in problem.message
