"""Incremental builds stay safe: a number no longer declared public is found again, and
what a killed build left behind (it may hold a list since withdrawn) is removed."""

from __future__ import annotations

import time
from datetime import date

import pytest
import weasyprint

from generator.build import build
from generator.problems import ProblemsError

MOBILE = "13987654321"
CONTACT = f"""- id: zhiban
  name: 值班手机
  kind: phone
  value: "{MOBILE}"
"""
AS_OF = date(2026, 6, 1)


def test_removing_a_contact_makes_its_number_a_finding_on_an_incremental_build(minimal):
    minimal.append("data/contacts.yaml", CONTACT)
    # Only the attachment carries the number: the data scan cannot see it, the site scan can.
    minimal.path("data/attachments/zhiban.pdf").write_bytes(
        weasyprint.HTML(string=f"<p>值班手机 {MOBILE}</p>").write_pdf())
    minimal.replace("data/policies/xize.yaml", "topic: 计划生育\n",
                    "topic: 计划生育\nattachments:\n  - {file: zhiban.pdf, title: 值班安排}\n")
    build(minimal.root, AS_OF)
    minimal.replace("data/contacts.yaml", CONTACT, "")
    with pytest.raises(ProblemsError) as caught:
        build(minimal.root, AS_OF, incremental=True)
    hits = [p for p in caught.value.problems if "手机号码" in p.message]
    assert hits and hits[0].file == "build/site/attachments/zhiban.pdf"
    assert MOBILE not in str(caught.value)


def test_a_killed_builds_staging_folder_is_removed_by_the_next_build(minimal):
    build(minimal.root, AS_OF)
    leftover = minimal.path("build/.site-killed/notices/mingdan/index.html")
    leftover.parent.mkdir(parents=True)
    leftover.write_text("<td>张*英</td>", encoding="utf-8")
    build(minimal.root, AS_OF, incremental=True)
    deadline = time.monotonic() + 30      # deleted by a process of its own
    while minimal.path("build/.site-killed").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not minimal.path("build/.site-killed").exists()
    assert sorted(p.name for p in minimal.path("build").glob(".site-*")) == []
