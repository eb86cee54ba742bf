"""The body's own 落款: found in every way clerks type it, never in a sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.print.signoff import split_signoff

CORPUS = Path(__file__).parent / "corpus" / "signoff.txt"


def cases():
    for number, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#"):
            continue
        body, issuers, date = (line.split("\t") + ["", ""])[:3]
        yield pytest.param(body.replace("\\n", "\n"), tuple(filter(None, issuers.split("|"))),
                           date, id=f"line{number}")


@pytest.mark.parametrize("body, issuers, date", list(cases()))
def test_signoff_corpus(body, issuers, date):
    found = split_signoff(body)
    if not date:
        assert found is None, found
        return
    assert found is not None
    assert (found.issuers, found.date) == (issuers, date)
    # What is left of the body no longer ends with the 落款, and lost nothing else.
    assert date not in found.body and issuers[-1] not in found.body
    assert found.body == body[: len(found.body)]


def test_annotation_under_the_date_moves_with_the_signoff():
    found = split_signoff("正文。\n\n勍香镇人民政府\n2026年3月2日\n\n（此件公开发布）")
    assert found.annex == ("（此件公开发布）",) and found.body == "正文。"
