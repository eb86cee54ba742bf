"""The clerk's mistakes (tests/corpus/clerk_mistakes.txt): one `gongkai validate` lists
them all, each at its file and line, in Chinese that says what to change."""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main
from generator.load.yaml_reader import parse_yaml

CORPUS = Path(__file__).parent / "corpus" / "clerk_mistakes.txt"
BASE = "data/services/guangrongzheng.yaml"


@dataclass(frozen=True)
class Mistake:
    name: str
    target: str
    old: str
    new: str
    line: int
    expected: str


def _unescape(text: str) -> str:
    return text.replace("\\n", "\n").replace("\\t", "\t")


def mistakes() -> list[Mistake]:
    rows = [line.split("\t") for line in CORPUS.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    return [Mistake(name, target, _unescape(old), _unescape(new), int(line), expected)
            for name, target, old, new, line, expected in rows]


def plant(site, mistake: Mistake) -> tuple[str, int]:
    """Put one mistake into the site; the file and line it must be reported at."""
    if mistake.target == "service":
        text = site.read(BASE)
        assert mistake.old in text, mistake.name
        file = f"data/services/{mistake.name}.yaml"
        site.write(file, text.replace(mistake.old, mistake.new, 1))
        return file, mistake.line
    file = f"data/{mistake.target}.yaml"
    before = site.read(file)
    site.write(file, before.rstrip("\n") + "\n" + mistake.new + "\n")
    return file, before.rstrip("\n").count("\n") + 1 + mistake.line


def validate(root: Path, capsys) -> tuple[int, list[str]]:
    code = main(["-C", str(root), "validate"])
    err = capsys.readouterr().err
    return code, err.splitlines()


def test_the_corpus_has_many_kinds_of_mistake():
    names = [m.name for m in mistakes()]
    assert len(names) >= 25 and len(set(names)) == len(names)


def test_one_run_reports_every_mistake(minimal, capsys):
    planted = {m: plant(minimal, m) for m in mistakes()}
    code, lines = validate(minimal.root, capsys)
    assert code == 1
    assert not any("Traceback" in line for line in lines)
    missed = []
    for mistake, (file, line) in planted.items():
        prefix = re.compile(rf"^{re.escape(file)}:{line}(:\d+)?: ")
        if not any(prefix.match(text) and mistake.expected in text for text in lines):
            missed.append(f"{mistake.name}: {file}:{line} {mistake.expected}")
    assert not missed, "\n".join(missed + ["--- output:"] + lines)
    # Each mistake once, and nothing it does not cause: no echo of a blanked line, no cascade.
    reported = Counter(m[1] for m in (re.match(r"^(\S+?):\d+", text) for text in lines) if m)
    assert reported == Counter(file for file, _ in planted.values()), "\n".join(lines)
    # Sorted by file, then line.
    places = [(m[1], int(m[2])) for m in (re.match(r"^(\S+?):(\d+)", text) for text in lines) if m]
    assert places == sorted(places)


def test_no_message_is_in_english(minimal, capsys):
    for mistake in mistakes():
        plant(minimal, mistake)
    _, lines = validate(minimal.root, capsys)
    for text in lines:
        if text.startswith("data/"):
            message = text.split(": ", 1)[1]
            assert not re.search(r"\b(?:not|found|expected|Input|should|valid|error|while)\b", message), text


def test_every_syntax_mistake_in_a_file_is_listed_with_a_caret():
    text = ("title：光荣证\n"
            "publisher: town\n"
            "keywords: [一, 二\n"
            "summary: \"没有结束的引号\n"
            "created: 2026-03-02\n")
    doc, problems = parse_yaml(text, "x.yaml")
    assert [p.line for p in problems] == [1, 3, 4]
    shown = str(problems[0]).splitlines()
    assert shown[1].strip() == "title：光荣证"
    # The caret sits under the full-width colon: "title" is five columns wide.
    assert shown[2] == "    " + " " * 5 + "^"
    # The rest of the file is still read.
    assert doc is not None and doc.value["publisher"] == "town"


def test_a_single_value_is_a_list_of_one(minimal, capsys):
    minimal.replace(BASE, "    conditions: [只生育一个子女的夫妻]", "    conditions: 只生育一个子女的夫妻")
    minimal.replace("data/contacts.yaml", "bymonthday: [18]", "bymonthday: 18")
    code, lines = validate(minimal.root, capsys)
    assert code == 0, lines


@pytest.mark.parametrize("kind", ["policy", "fee", "subsidy", "service", "notice"])
def test_a_new_item_is_an_error_until_its_placeholders_are_replaced(minimal, capsys, kind):
    assert main(["-C", str(minimal.root), "new", kind, "xin"]) == 0
    code, lines = validate(minimal.root, capsys)
    assert code == 1
    file = [text for text in lines if text.startswith("data/")]
    assert file and all("还是模板里的示例文字" in text for text in file), lines


def test_a_broken_link_in_a_body_is_reported_at_its_data_file_in_chinese(minimal, capsys):
    minimal.replace("data/policies/xize.yaml", "    body: |\n",
                    "    body: |\n      见[收费](../../fees/nowhere.md)和[第三条](#第三条)。\n\n")
    assert main(["-C", str(minimal.root), "build", "--as-of", "2026-06-01"]) == 1
    lines = capsys.readouterr().err.splitlines()
    # A body is converted on its own (render/clerk.py), so MkDocs no longer sees its links:
    # the link check reports them once each, at the line and column of the data file
    # where they were written, though the item's page and print sheet both show them.
    for link, column in (("「../../fees/nowhere.md」", 13), ("「#第三条」", 42)):
        found = [line for line in lines if link in line]
        assert len(found) == 1 and found[0].startswith(f"data/policies/xize.yaml:12:{column}: 链接"), lines
        assert "不存在" in found[0]
    assert not (minimal.root / "build/site").exists()


EIGHT_MISTAKES = """\
title: 请在这里写办理事项名称
publisher: nobody
created: 2026-13-01
published: 2026-03-01
summary：这是概述
versions:
  - effective_from: 2026-03-04
    conditions: 只生育一个子女的夫妻
    materials:
      - name: 居民身份证
        form: 原件复印
    steps: [申请, 受理, 发证]
    promised_limit: 很快
    fee: nofee
    consult: [zixun, nobody]
  - effective_from: 2026-03-01
    hours: 9:00
"""


def test_one_file_with_mistakes_of_every_stage_gets_them_all_at_once(minimal, capsys):
    """Syntax, dates, types, placeholders and references: one run, not five."""
    minimal.write("data/services/bad.yaml", EIGHT_MISTAKES)
    code, lines = validate(minimal.root, capsys)
    assert code == 1
    found = [text for text in lines if text.startswith("data/services/bad.yaml:")]
    expected = [(1, "示例文字"), (2, "找不到机构「nobody」"), (3, "一年只有 1—12 月"), (5, "中文冒号"),
                (11, "只能写原件"), (13, "「很快」不是整数"), (14, "找不到收费标准「nofee」"),
                (15, "找不到联系渠道「nobody」"), (16, "不晚于上一个版本"), (17, "读成了数字 540")]
    assert [(int(text.split(":")[1]), next((w for n, w in expected if w in text), None))
            for text in found] == expected, "\n".join(lines)


SLIPS = [":", "：", "\t", "\"", "'", "[", "]", "{", "}", "-", " ", "\n", "|", ">", "@", "*", "&", "!",
         "%", "#", "\u3000", "---\n", ",", "?", "`"]


def test_slips_of_the_keyboard_never_crash_and_never_show_english():
    """Characters dropped at random into the example's files: always Chinese problems, no exception."""
    from conftest import REPO
    from generator.load.schema_errors import salvage, validate_model
    from generator.model import KINDS
    files = [(kind, path.read_text(encoding="utf-8")) for kind in KINDS.values()
             for path in sorted((REPO / "data" / kind.folder).glob("*.yaml"))]
    rng = random.Random(22)
    for _ in range(300):
        kind, text = rng.choice(files)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(SLIPS) + text[at:]
        doc, problems = parse_yaml(text, "x.yaml")
        if doc is not None and isinstance(doc.value, dict):
            found = validate_model(kind.model, doc)[1]
            problems += found
            if found:
                salvage(kind.model, doc)
        for problem in problems:
            assert not re.search(r"[A-Za-z]{4,} [a-z]{3,} [a-z]{3,}", problem.message + problem.hint), problem


def test_an_item_that_cannot_be_read_is_not_called_missing_by_the_items_naming_it(minimal, capsys):
    minimal.replace("data/policies/xize.yaml", "publisher: town\n", "")         # fuyangfei names xize
    minimal.replace("data/fees/fuyangfei.yaml", "title: ", "title: [")
    minimal.replace(BASE, "fee: 不收费", "fee: fuyangfei")
    code, lines = validate(minimal.root, capsys)
    assert code == 1
    assert not any("找不到" in line for line in lines), "\n".join(lines)
    assert any(line.startswith("data/policies/xize.yaml:1: publisher") for line in lines)
    assert any(line.startswith("data/fees/fuyangfei.yaml:1:") for line in lines)


def test_a_contact_after_one_that_cannot_be_read_is_still_named_right(minimal, capsys):
    minimal.replace("data/contacts.yaml", "- id: zixun\n  name: 咨询电话\n", "- id: zixun\n")
    minimal.replace("data/contacts.yaml", "  value: \"0883-3621315\"\n",
                    "  value: \"0883-3621315\"\n  org: xiang\n")
    _, lines = validate(minimal.root, capsys)
    assert any(line.startswith("data/contacts.yaml:9: 联系渠道“举报电话”的 org（所属机构）: 找不到机构「xiang」")
               for line in lines), "\n".join(lines)
    # zixun is written, only wrongly: whatever names it is not told it does not exist.
    assert not any("找不到联系渠道「zixun」" in line for line in lines), "\n".join(lines)


def test_a_syntax_problem_does_not_repeat_an_id_number_on_its_line():
    from fake_ids import make_id
    number = make_id("53292319630205123")
    _, problems = parse_yaml(f"title: 名单\nsummary: 身份证 {number}: 张三\n", "x.yaml")
    shown = "\n".join(str(p) for p in problems)
    assert problems and problems[0].line == 2 and number not in shown
    assert shown.splitlines()[1].strip() == f"summary: 身份证 {number[:3]}{'*' * 13}{number[-2:]}: 张三"
