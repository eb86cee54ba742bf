"""site_config/synonyms.yaml: read, checked with the clerk's words, and used by search.

Each line of fixtures/synonyms_bad.txt is a broken file; every one must give a problem
naming the file and a line, in Chinese, and never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.search.synonyms import SYNONYMS_FILE, expand, read_synonyms

REPO = Path(__file__).resolve().parent.parent
BAD = Path(__file__).parent / "fixtures" / "synonyms_bad.txt"
CASES = [line for line in BAD.read_text(encoding="utf-8").splitlines()
         if line.strip() and not line.startswith("#")]


def write(root: Path, text: str) -> None:
    (root / "site_config").mkdir(parents=True, exist_ok=True)
    (root / SYNONYMS_FILE).write_text(text, encoding="utf-8")


def test_the_starter_list_reads_clean_and_has_the_fields_words():
    groups, problems = read_synonyms(REPO)
    assert problems == []
    words = {word for group in groups for word in group}
    assert {"计生委", "计生办", "卫生健康委", "独生子女证", "光荣证", "社会抚养费", "超生罚款"} <= words


@pytest.mark.parametrize("case", CASES)
def test_every_broken_file_is_reported_with_file_line_and_a_fix(tmp_path, case):
    write(tmp_path, case.replace("\\n", "\n").replace("\\t", "\t"))
    groups, problems = read_synonyms(tmp_path)
    assert problems and groups == [], case
    for problem in problems:
        assert problem.file == SYNONYMS_FILE and problem.line, case
        assert any("\u4e00" <= ch <= "\u9fff" for ch in problem.message + problem.hint), case
        assert problem.hint or "YAML" in problem.message, case


def test_no_file_and_an_empty_file_mean_no_synonyms(tmp_path):
    assert read_synonyms(tmp_path) == ([], [])
    write(tmp_path, "# 还没有同义词\n")
    assert read_synonyms(tmp_path) == ([], [])


def test_words_are_folded_like_queries(tmp_path):
    write(tmp_path, "- [ＢＭＩ指数, 体重指数]\n- [WiFi, 无线网]\n")
    assert read_synonyms(tmp_path)[0] == [["bmi指数", "体重指数"], ["wifi", "无线网"]]


def test_the_longest_word_in_a_term_is_replaced_by_the_others():
    groups = [["计生委", "计生办", "卫生健康委"], ["计划生育", "计生"]]
    assert expand("计生委", groups) == ["计生办", "卫生健康委"]
    assert expand("县计生委电话", groups) == ["县计生办电话", "县卫生健康委电话"]
    assert expand("计生服务站", groups) == ["计划生育服务站"]
    assert expand("光荣证", groups) == []


def test_validate_names_the_file_and_line_and_writes_nothing(example, capsys):
    example.write(SYNONYMS_FILE, "- [计生委, 计生办]\n- [卫健委]\n")
    code = main(["-C", str(example.root), "validate"])
    out = capsys.readouterr()
    text = out.out + out.err
    assert code == 1
    assert f"{SYNONYMS_FILE}:2" in text and "至少要有两个词" in text and "Traceback" not in text
    assert not (example.root / "build").exists()
