"""Incremental builds stay safe: a number no longer declared public is found again, and
what a killed build left behind (it may hold a list since withdrawn) never reaches the site."""

from __future__ import annotations

import time
from datetime import date

import pytest

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
    # Only a template of the site's own carries the number, on the policy pages alone: the
    # validator reads data and attachments, not templates, and an incremental build would
    # reuse those pages unscanned (the contacts page, which changes, does not show it).
    overrides = minimal.path("site_config/overrides")
    overrides.mkdir(parents=True, exist_ok=True)
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}{% block footer %}{% if page and page.url.startswith("policies/") %}'
        '值班手机 ' + MOBILE + '{% endif %}{{ super() }}{% endblock %}', encoding="utf-8")
    build(minimal.root, AS_OF)
    minimal.replace("data/contacts.yaml", CONTACT, "")
    with pytest.raises(ProblemsError) as caught:
        build(minimal.root, AS_OF, incremental=True)
    hits = [p for p in caught.value.problems if "手机号码" in p.message]
    assert hits
    assert MOBILE not in str(caught.value)


def test_what_a_killed_build_left_never_reaches_the_site(minimal):
    """Its staging folder becomes the next build's spare, where nothing is trusted
    (generator/output.py), or is deleted when there is a spare already."""
    build(minimal.root, AS_OF)
    for killed in ("build/.site-killed", "build/.site-killed-too"):
        leftover = minimal.path(f"{killed}/notices/mingdan/index.html")
        leftover.parent.mkdir(parents=True)
        leftover.write_text("<td>张*英</td>", encoding="utf-8")
    build(minimal.root, AS_OF, incremental=True)
    deadline = time.monotonic() + 30      # deleted by a process of its own
    while len(list(minimal.path("build").glob(".site-*"))) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert sorted(p.name for p in minimal.path("build").glob(".site-*")) == []
    assert not any("张*英" in p.read_text(encoding="utf-8", errors="replace")
                   for p in minimal.path("build/site").rglob("*") if p.is_file())
