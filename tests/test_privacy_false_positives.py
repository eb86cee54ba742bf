"""Our own output is no personal data: 300 generated items full of the digits bulletins
carry (counts, amounts, dates, 文号, 索引号, article numbers in titles and headings) build
with the leak scan finding nothing, and heading anchors keep the Chinese of the title.

300 items hold every digit form bench/synth.py writes many times over (each title form about
20 times, each paragraph form 80 to 120 times, 300-odd digit-heavy headings) on every kind of
page the numbers reach, paged listings and the catalogue included; more items only repeat them."""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

from generator.build import build
from generator.privacy.detect import find_personal_numbers
from generator.walk import files_under

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from synth import make_site  # noqa: E402  (bench/ is no package)

ITEMS = 300
AS_OF = date(2026, 11, 28)
_HEADING_ID = re.compile(r'<h[2-6] id="([^"]*)"')


def test_hundreds_of_digit_heavy_items_build_with_no_findings(tmp_path):
    root = make_site(ITEMS, tmp_path / "site")
    # build() runs the leak scan over every output and raises on any finding.
    build(root, AS_OF)
    site = root / "build" / "site"
    pages = [name for name in files_under(site) if name.endswith("index.html")]
    assert len(pages) > ITEMS
    # The headings really are digit-heavy, and their anchors keep the Chinese between the digits.
    anchors = [anchor for name in pages
               for anchor in _HEADING_ID.findall((site / name).read_text(encoding="utf-8"))]
    assert sum(1 for anchor in anchors if re.search("[0-9].*[0-9]", anchor)) > 100
    assert not [anchor for anchor in anchors if re.search("[0-9]{11}", anchor)]


def test_anchors_of_a_digit_heavy_heading_keep_its_chinese(minimal):
    policy = "data/policies/xize.yaml"
    minimal.replace(policy, "      第一条 为规范社会抚养费征收管理，制定本细则。",
                    "      ## 下辖18个村委,总人口185（第1853号）\n\n      第一条 为规范社会抚养费征收管理，制定本细则。")
    build(minimal.root, AS_OF)
    page = (minimal.root / "build/site/policies/xize/index.html").read_text(encoding="utf-8")
    assert 'id="下辖18个村委总人口185第1853号"' in page
    assert not find_personal_numbers(page)
