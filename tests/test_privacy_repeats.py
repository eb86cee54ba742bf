"""The leak scan searches each distinct piece of a page once (privacy/repeats.py) and
skips texts with fewer than 11 digits: it must find exactly what the detector finds in
the whole text, wherever a number sits against a cut, and in a piece it has seen before."""

from __future__ import annotations

import random

import pytest

from generator.privacy.detect import find_personal_numbers
from generator.privacy.repeats import CUT, Finder, cut
from generator.privacy.scan import scan_site
from privacy_corpus import harmless, hostile

# What a page holds around a number: cuts, comments across them, tags across lines,
# entities, invisible characters and digits on either side of a cut.
_TOKENS = ["1", "3", "8", "9", "0", "5", "X", " ", "-", ".", "\n", ">\n", "<", ">", "<b>", "</b>",
           "<span\n>", "<!--", "-->", "<!-- x -->", "&#49;", "&#x31;", "&amp;", "\u200b", "+86",
           "(+86)", "１", "－", "a", "\r\n", "&", "<br>", "<div>", "138", "1234", "5678",
           "13987654321", "532923197105122348", "6222021234567894"]
_AROUND_A_CUT = [">\n", "<b>\n", ">\n<!--", "-->\n>\n", "1>\n", ">\n1"]


def test_cut_pieces_join_back_into_the_text_and_no_cut_is_inside_a_comment():
    text = "<p>a</p>\n<!-- x>\ny -->\n<p>b</p>\n<!-- open>\n"
    pieces = cut(text)
    assert CUT.join(pieces) == text
    assert pieces == ["<p>a</p", "<!-- x>\ny --", "<p>b</p", "<!-- open", ""]


def test_random_texts_give_the_findings_of_the_whole_text():
    rng = random.Random(23)
    finder = Finder(frozenset())
    with_findings = 0
    for _ in range(20_000):
        text = "".join(rng.choice(_TOKENS) for _ in range(rng.randint(1, 30)))
        assert finder(text) == find_personal_numbers(text), repr(text)
        with_findings += bool(find_personal_numbers(text))
    assert with_findings > 3_000      # the texts do hold numbers in every form


@pytest.mark.parametrize("case", hostile() + harmless(), ids=str)
def test_every_corpus_case_split_anywhere_by_a_cut_is_found_as_in_the_whole(case):
    finder = Finder(frozenset())
    text = case.text
    for position in range(len(text) + 1):
        for inserted in _AROUND_A_CUT:
            page = f"<p>x</p>\n{text[:position]}{inserted}{text[position:]}>\n{text}"
            assert finder(page) == find_personal_numbers(page), repr(page)


def test_a_number_in_a_piece_seen_before_is_found_at_its_place_in_each_page():
    finder = Finder(frozenset())
    line = "<td>13987654321</td>"
    first = f"<tr>\n{line}>\n"
    second = f"<p>other text, longer</p>\n<tr>\n{line}>\n"
    assert [f.start for f in finder(first)] == [first.index("139")]
    assert [f.start for f in finder(second)] == [second.index("139")]
    assert finder(second) == find_personal_numbers(second)


def test_a_number_hidden_from_a_quick_look_by_references_is_still_found():
    # Eleven digits, but as references: the raw text holds more digits than the number.
    text = "电话：" + "".join(f"&#{ord(c)};" for c in "13987654321")
    [finding] = Finder(frozenset())(text)
    assert finding.digits == "13987654321"


def test_the_site_scan_finds_a_number_in_a_page_whose_theme_it_has_seen(tmp_path):
    theme = "".join(f'<div class="md-nav">\n<a href="../p{n}/">第{n}页</a>\n</div>\n'
                    for n in range(40))
    for n in range(30):
        folder = tmp_path / f"p{n}"
        folder.mkdir()
        body = "<p>联系电话 139 8765 4321</p>\n" if n == 17 else "<p>无</p>\n"
        (folder / "index.html").write_text(f"<html>\n{theme}{body}{theme}</html>\n", encoding="utf-8")
    [problem] = scan_site(tmp_path, frozenset())
    assert "p17/index.html" in problem.file and "139****4321" in problem.message
