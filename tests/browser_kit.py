"""Helpers for browser tests: a local HTTP server for a built site, axe-core
injected from node_modules, and what a page transferred. The browser is Debian's
headless Chromium through Playwright (conftest's `browser` fixture)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import pytest
from browser_support import serve_folder

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "build" / "screenshots"
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

# One page of each kind the citizen meets (paths under the site root).
PAGE_TYPES = {
    "首页": "",
    "目录": "catalog/",
    "列表": "services/",
    "办事指南": "services/dusheng-zinv-guangrongzheng/",
    "公示": "notices/jiangli-fuzhu-gongshi-2027/",
    "收费": "fees/shehui-fuyangfei/",
    "奖励扶助": "subsidies/nongcun-jiangli-fuzhu/",
    "政策": "policies/jiangli-fuzhu-tongzhi/",
    "信息公开指南": "guide/",
    "联系我们": "contacts/",
    "页面不存在": "404.html",
}


def page_types(site_dir: Path) -> dict[str, str]:
    """PAGE_TYPES plus a version comparison when the build has one (*/compare/*)."""
    types = dict(PAGE_TYPES)
    compare = sorted(site_dir.glob("**/compare/**/index.html"))
    if compare:
        types["版本比较"] = compare[0].parent.relative_to(site_dir).as_posix() + "/"
    return types


@contextmanager
def serve(folder: Path, *, strip_csp_meta: bool = False):
    """Serve folder on 127.0.0.1 at a free port; yields the base URL, ending in /."""
    with serve_folder(folder, strip_csp_meta=strip_csp_meta) as base:
        yield base + "/"


def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci --no-audit --no-fund` in the repository")
    return AXE.read_text(encoding="utf-8")


def run_axe(page, source: str) -> list[dict]:
    """axe-core's violations for the loaded page: [{id, impact, help, nodes: [...]}]."""
    # Evaluated, not added as a <script>: the site's policy blocks inline scripts.
    page.evaluate(source)
    # Measured at rest: a fade still running (Material's search results open with one)
    # blends the text's colour, and axe read 4.41:1 where the colours give 4.6:1.
    result = page.evaluate("""async () => {
        await Promise.all(document.getAnimations()
            .filter(a => a.effect.getComputedTiming().iterations !== Infinity)
            .map(a => a.finished.catch(() => null)));
        const r = await axe.run(document, {resultTypes: ["violations"]});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => n.target.join(" ") + " — " + n.failureSummary)}));
    }""")
    return result


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def transferred(page) -> dict[str, int]:
    """Bytes the browser received for the page, by kind (HTML, CSS, JS, other),
    from the Resource Timing entries (encoded body sizes)."""
    return page.evaluate("""() => {
        const out = {html: 0, css: 0, js: 0, other: 0};
        for (const e of performance.getEntriesByType("navigation")) out.html += e.encodedBodySize;
        for (const e of performance.getEntriesByType("resource")) {
            const path = new URL(e.name).pathname;
            const kind = path.endsWith(".css") ? "css" : path.endsWith(".js") ? "js"
                       : path.endsWith(".html") || path.endsWith("/") ? "html" : "other";
            out[kind] += e.encodedBodySize;
        }
        return out;
    }""")
