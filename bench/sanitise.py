"""What issue 18's safety costs per page: the sanitiser, a body converted alone, the
Content-Security-Policy added to a page and the header collected from a whole site.

  python bench/sanitise.py [BUILT_SITE]      (default: build/site of this repository)

Reads the built pages of a site (build it first: `gongkai build`), and times each step
over all of them; prints milliseconds per page and the total.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.render.clerk import convert  # noqa: E402
from generator.sanitise import clean_page  # noqa: E402
from generator.site.csp import script_hashes, with_policy  # noqa: E402
from generator.walk import files_under  # noqa: E402

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
SEEDS = Path("/work/shared/seeds")


def timed(label: str, function, items) -> None:
    started = time.perf_counter()
    for item in items:
        function(item)
    seconds = time.perf_counter() - started
    print(f"{label:<34} {len(items):>6} 个  {seconds * 1000 / max(len(items), 1):7.3f} ms/个  共 {seconds:6.2f} s")


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "build/site")
    pages = [(site / rel).read_text(encoding="utf-8") for rel in files_under(site, ".html")]
    if not pages:
        sys.exit(f"{site} 里没有网页：请先运行 gongkai build")
    contents = [found.group(1) for page in pages if (found := ARTICLE.search(page))]
    # Item bodies: the seed texts (real local-government prose) in pieces of a body's size.
    seeds = "".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    bodies = [seeds[i:i + 2000] for i in range(0, len(seeds), 2000)] or contents
    print(f"{site}: {len(pages)} 个网页，{sum(map(len, pages)) / 1e6:.1f} MB")
    timed("清理页面正文（clean_page）", clean_page, contents)
    timed("正文单独转换并清理（clerk convert）", convert, bodies)
    timed("页面里的脚本哈希（script_hashes）", script_hashes, pages)
    timed("加上 <meta> 策略（with_policy）", with_policy, pages)


if __name__ == "__main__":
    main()
