"""Time the personal-number finder on 5 MB of text and the leak scan on a real Material build.

The site has 300 pages of seed text and one name-list page of 10,000 masked rows.
Run from the repository root: .venv/bin/python bench/privacy_scan.py
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator.privacy.detect import find_personal_numbers
from generator.privacy.mask import mask_id_card, mask_name, mask_phone
from generator.privacy.scan import scan_site

# The seed texts sit beside the repository or its worktrees (shared/seeds); without them
# one line is used.
SEEDS = next((sorted((folder / "shared" / "seeds").glob("*.txt"))
              for folder in Path(__file__).resolve().parents
              if (folder / "shared" / "seeds").is_dir()), [])


def paragraphs() -> list[str]:
    text = "\n".join(path.read_text(encoding="utf-8") for path in SEEDS)
    found = [line for line in text.splitlines() if len(line) > 40]
    return found or ["勍香镇农村部分计划生育家庭奖励扶助金 720 元/人·年，咨询电话 0351-1234567。"]


def time_detect(paras: list[str]) -> None:
    text = "\n".join(paras)
    text = text * (5_000_000 // len(text.encode()) + 1)
    started = time.perf_counter()
    find_personal_numbers(text)
    print(f"find_personal_numbers: {len(text.encode()) / 1e6:.1f} MB in "
          f"{time.perf_counter() - started:.3f} s")


def write_site(root: Path, paras: list[str]) -> None:
    docs = root / "docs"
    docs.mkdir()
    random.seed(1)
    (docs / "index.md").write_text("# 勍香镇政务公开\n\n" + "\n\n".join(paras[:5]), encoding="utf-8")
    for n in range(300):
        body = "\n\n".join(random.sample(paras, min(8, len(paras))))
        (docs / f"page{n:03d}.md").write_text(f"# 页面 {n}\n\n{body}\n", encoding="utf-8")
    row = (f"| {mask_name('张晓静')} | {mask_id_card('141122195506120017')} | 勍香镇东庄村 "
           f"| {mask_phone('13812345678')} |")
    (docs / "list.md").write_text(
        "# 奖励扶助对象名单公示\n\n| 姓名 | 身份证号 | 住址 | 电话 |\n|---|---|---|---|\n"
        + "\n".join([row] * 10_000) + "\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: 勍香镇\ntheme:\n  name: material\n  language: zh\nplugins:\n  - search\n",
        encoding="utf-8")


def time_scan(paras: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_site(root, paras)
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, check=True,
                       capture_output=True)
        site = root / "site"
        files = [path for path in site.rglob("*") if path.is_file()]
        size = sum(path.stat().st_size for path in files)
        started = time.perf_counter()
        problems = scan_site(site, frozenset())
        print(f"scan_site: {len(files)} files, {size / 1e6:.1f} MB in "
              f"{time.perf_counter() - started:.2f} s, {len(problems)} problems")


if __name__ == "__main__":
    seed_paragraphs = paragraphs()
    time_detect(seed_paragraphs)
    time_scan(seed_paragraphs)
