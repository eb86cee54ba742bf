"""Withdrawal that holds in every path: each case builds the site for real and then
reads every file under build/site (gzip opened, PDFs read back) for the list's values."""

from __future__ import annotations

import gzip
import re
from datetime import date

import pytest

from generator.build import build
from generator.cli import main
from generator.commands import print_cmd
from generator.privacy.mask import mask_id_card
from generator.publish import release
from generator.publish.release import list_releases, publish

from print_tools import flat, pdf_text
from test_notices_site import NOTICE, PEOPLE, write_list

NOTICE_FILE = "data/notices/mingdan-gongshi.yaml"
PAGE = "build/site/notices/mingdan-gongshi/index.html"
PDF = "build/site/print/notice/mingdan-gongshi/mingdan-gongshi.pdf"
IN_PERIOD, AFTER = date(2026, 11, 25), date(2026, 12, 2)   # 7 working days from 11-23 end 12-01
LIST_VALUES = re.compile(r"张\*英|李\*国|5329\*+")


def shown_forms(person) -> list[str]:
    """Everything of one person that must vanish: raw values and their masked forms."""
    name, id_no, _, phone = person
    return [name, name[0] + "*" + name[-1], id_no, mask_id_card(id_no), phone]


def exposed(site, people=PEOPLE) -> list[tuple[str, str]]:
    """(file, value) for every value of `people` found in any file of the built site."""
    found = []
    for path in sorted((site.root / "build/site").rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.decompress(data)
        text = flat(pdf_text(path)) if path.suffix == ".pdf" else data.decode("utf-8", "ignore")
        found += [(path.name, value) for person in people for value in shown_forms(person)
                  if value in text]
    return found


@pytest.fixture
def with_list(minimal):
    minimal.write(NOTICE_FILE, NOTICE)
    write_list(minimal, PEOPLE)
    return minimal


def test_pdf_then_incremental_builds_remove_list_pdfs_and_pages(with_list):
    build(with_list.root, IN_PERIOD, pdf=True)
    assert "张*英" in flat(pdf_text(with_list.path(PDF)))
    # Same period, built without --pdf: yesterday's sheet must not stay behind.
    assert build(with_list.root, date(2026, 11, 26), incremental=True).incremental
    assert not with_list.path(PDF).exists()
    assert "张*英" in with_list.read(PAGE)
    build(with_list.root, IN_PERIOD, pdf=True)
    assert build(with_list.root, AFTER, incremental=True).incremental
    assert not with_list.path(PDF).exists()
    assert "名单已按规定撤下" in with_list.read(PAGE)
    assert exposed(with_list) == []


def test_not_shown_before_the_period_starts(with_list):
    with_list.replace(NOTICE_FILE, "published: 2026-11-23", "published: 2026-11-20")
    build(with_list.root, date(2026, 11, 21))
    assert "名单将于公示期开始之日（2026年11月23日）公布" in with_list.read(PAGE)
    assert exposed(with_list) == []


@pytest.mark.parametrize("ending,message", [
    ("repealed: {date: 2026-11-24, reason: 公示对象资格复核后撤销}\n", "本公示已废止"),
    ("expires: 2026-11-24\n", "本公示已失效"),
])
def test_not_shown_on_a_repealed_or_expired_notice(with_list, ending, message):
    with_list.replace(NOTICE_FILE, "versions:\n", ending + "versions:\n")
    build(with_list.root, IN_PERIOD)
    assert message in with_list.read(PAGE)
    assert exposed(with_list) == []


V2_WITHOUT_LI = """  - effective_from: 2026-11-25
    change_note: 经复核删除一名不符合条件的人员
    list:
      file: mingdan-v2.csv
      columns:
        - {name: 姓名, mask: name}
        - {name: 身份证号, mask: id_card}
        - {name: 家庭住址, mask: address}
        - {name: 联系电话, publish: false}
"""


def test_a_person_removed_in_v2_is_on_no_page_of_any_version(with_list):
    with_list.append(NOTICE_FILE, V2_WITHOUT_LI)
    write_list(with_list, PEOPLE[:1], "data/notices/mingdan-v2.csv")
    build(with_list.root, date(2026, 11, 26))
    assert "张*英" in with_list.read(PAGE)
    assert exposed(with_list, PEOPLE[1:]) == []
    pages = {number: with_list.read(f"build/site/notices/mingdan-gongshi/v/{number}/index.html")
             for number in (1, 2)}
    assert not [number for number, page in pages.items() if "张*英" in page]
    # v1 is history: its page says where the list is; v2, in force, is a stub (generator/stubs).
    assert "名单只在" in pages[1] and "version-stub.js" in pages[2]


def test_a_later_versions_declarations_apply_to_the_same_file(with_list):
    # v1 published the names in full; v2 (same file) masks them.
    with_list.replace(NOTICE_FILE, "{name: 姓名, mask: name}", "{name: 姓名}")
    with_list.append(NOTICE_FILE, V2_WITHOUT_LI.replace("mingdan-v2.csv", "mingdan.csv"))
    build(with_list.root, date(2026, 11, 26))
    assert "张*英" in with_list.read(PAGE)
    names = [(PEOPLE[0][0], "", "", ""), (PEOPLE[1][0], "", "", "")]
    assert [hit for hit in exposed(with_list, names) if hit[1] in (PEOPLE[0][0], PEOPLE[1][0])] == []


def test_rollback_refuses_a_release_whose_list_has_expired(with_list, tmp_path, monkeypatch, capsys):
    dest = tmp_path / "www"
    build(with_list.root, IN_PERIOD)
    during = publish(with_list.path("build/site"), dest)
    build(with_list.root, AFTER)
    after = publish(with_list.path("build/site"), dest)
    assert during.info["lists"] == [{"notice": "mingdan-gongshi", "file": "data/notices/mingdan.csv",
                                     "withdraw_on": "2026-12-02"}]
    assert after.info["lists"] == []
    monkeypatch.setattr(release, "today", lambda zone=None: date(2026, 12, 1))
    assert main(["rollback", str(dest)]) == 0          # the list's last day: still shown
    assert main(["rollback", str(dest), "--to", after.name]) == 0
    monkeypatch.setattr(release, "today", lambda zone=None: AFTER)
    assert main(["rollback", str(dest)]) == 2
    err = capsys.readouterr().err
    assert "mingdan-gongshi" in err and "data/notices/mingdan.csv" in err and "2026-12-02" in err
    assert [r.name for r in list_releases(dest) if r.current] == [after.name]
    assert main(["rollback", str(dest), "--force"]) == 0
    assert [r.name for r in list_releases(dest) if r.current] == [during.name]


def test_print_prints_no_list_withdrawn_pending_or_withdrawn_since(with_list, tmp_path,
                                                                   monkeypatch):
    with_list.replace(NOTICE_FILE, "published: 2026-11-23", "published: 2026-11-20")

    def printed(day: str) -> str:
        out = tmp_path / f"{day}.pdf"
        assert main(["-C", str(with_list.root), "print", "notice/mingdan-gongshi",
                     "--as-of", day, "--out", str(out)]) == 0
        return flat(pdf_text(out))

    monkeypatch.setattr(print_cmd, "today", lambda zone=None: IN_PERIOD)
    assert "张*英" in printed(IN_PERIOD.isoformat())
    for day in ("2026-12-02", "2026-11-21"):      # withdrawn; not yet started
        assert not LIST_VALUES.search(printed(day)), day
    # Today is after the period: a sheet of a day within it is reprinted without the list.
    monkeypatch.setattr(print_cmd, "today", lambda zone=None: AFTER)
    text = printed(IN_PERIOD.isoformat())
    assert not LIST_VALUES.search(text) and "名单已按规定撤下" in text


def test_rollback_refuses_a_release_it_cannot_check(tmp_path, capsys):
    dest = tmp_path / "www"
    for number, info in enumerate(['{"as_of": "2026-11-25"}',
                                   '{"lists": [{"notice": "x", "withdraw_on": "明天"}]}',
                                   '{"lists": [{"notice": "y", "withdraw_on": "2999-01-01"}]}'], 1):
        folder = dest / "releases" / f"000{number}-20261125T000000Z-abc"
        folder.mkdir(parents=True)
        (folder / ".gongkai-build.json").write_text(info, encoding="utf-8")
    release.switch(dest, "0003-20261125T000000Z-abc")
    assert main(["rollback", str(dest)]) == 2
    assert "应于 明天 撤下" in capsys.readouterr().err
    assert main(["rollback", str(dest), "--to", "0001-20261125T000000Z-abc"]) == 2
    assert "没有记录它显示了哪些公示名单" in capsys.readouterr().err
    assert main(["rollback", str(dest), "--to", "0001-20261125T000000Z-abc", "--force"]) == 0


def test_print_runs_the_same_scan_as_build(minimal, tmp_path, capsys):
    # Split over two lines of the YAML, the number is whole again on paper.
    minimal.replace("data/notices/gonggao.yaml", "    body: 每月18日为领导接待日。",
                    "    body: |\n      每月18日为领导接待日，联系人手机1398765\n      4321。")
    out = tmp_path / "gonggao.pdf"
    assert main(["-C", str(minimal.root), "print", "notice/gonggao", "--as-of", "2026-06-01",
                 "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "手机号码" in err and "data/notices/gonggao.yaml" in err and "13987654321" not in err
    assert not out.exists()
