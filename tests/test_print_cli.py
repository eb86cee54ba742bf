"""`gongkai print KIND/SLUG`: one PDF without a site build; paper, output, missing fonts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.cli import main
from print_tools import flat, page_size, pdf_text

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-28"
EMPTY_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig></fontconfig>
"""


def test_notice_on_a4_when_asked(example, tmp_path, capsys):
    out = tmp_path / "notice.pdf"
    code = main(["-C", str(example.root), "print", "notices/jiangli-fuzhu-gongshi-2027",
                 "--paper", "a4", "--out", str(out), "--as-of", AS_OF])
    assert code == 0
    assert page_size(out) == "595.276 x 841.89 pts (A4)"
    assert "2026年11月23日至2026年12月1日" in flat(pdf_text(out))
    assert "A4" in capsys.readouterr().out
    assert not (example.root / "build/site").exists()     # no site build needed


def test_default_output_and_paper(minimal):
    assert main(["-C", str(minimal.root), "print", "service/guangrongzheng", "--as-of", AS_OF]) == 0
    out = minimal.root / "build/print/service-guangrongzheng.pdf"
    assert page_size(out) == "595.276 x 841.89 pts (A4)"
    assert "独生子女父母光荣证办理" in flat(pdf_text(out))


def test_wrong_targets_are_usage_errors(minimal, capsys):
    assert main(["-C", str(minimal.root), "print", "service/nothing", "--as-of", AS_OF]) == 2
    assert "data/services/nothing.yaml" in capsys.readouterr().err
    assert main(["-C", str(minimal.root), "print", "leaflet/guangrongzheng"]) == 2
    assert "不认识的类别「leaflet」" in capsys.readouterr().err
    assert main(["-C", str(minimal.root), "print", "guangrongzheng"]) == 2
    # Known item, but not yet published on that day.
    assert main(["-C", str(minimal.root), "print", "service/guangrongzheng",
                 "--as-of", "2026-01-01"]) == 2
    assert "还没有发布" in capsys.readouterr().err


def _without_cjk_fonts(tmp_path: Path) -> dict[str, str]:
    conf = tmp_path / "fonts.conf"
    conf.write_text(EMPTY_FONTCONFIG, encoding="utf-8")
    return {**os.environ, "FONTCONFIG_FILE": str(conf), "PYTHONPATH": str(REPO)}


def test_missing_cjk_font_names_the_package_instead_of_printing_boxes(minimal, tmp_path):
    env = _without_cjk_fonts(tmp_path)
    result = subprocess.run([sys.executable, "-m", "generator.cli", "-C", str(minimal.root),
                             "print", "service/guangrongzheng", "--as-of", AS_OF],
                            capture_output=True, text=True, env=env, cwd=REPO)
    assert result.returncode == 2
    assert "fonts-noto-cjk" in result.stderr and "中文字体" in result.stderr
    assert not (minimal.root / "build/print").exists()

    result = subprocess.run([sys.executable, "-m", "generator.cli", "-C", str(minimal.root),
                             "build", "--pdf", "--as-of", AS_OF],
                            capture_output=True, text=True, env=env, cwd=REPO)
    assert result.returncode == 1
    assert "fonts-noto-cjk" in result.stderr
    assert not (minimal.root / "build/site").exists()
