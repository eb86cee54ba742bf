"""The villager's phone, in a real browser (Debian's headless Chromium): every
page type at 320 and 375 px in normal and 关怀模式 and at 1280 px, with no
sideways scroll, no squeezed table cell, no phone number over two lines, no
target under 44 × 44 px; axe-core in all four modes (normal and care, light and
dark); the read-aloud button; and web pages printed from the browser.
Screenshots of each case go to build/screenshots/."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from browser_kit import (DESKTOP, PHONE, SCREENSHOTS, axe_source, page_types,
                         run_axe, serious, serve)
from generator.build import build
from phone_layout import broken_numbers, sideways, small_targets, squeezed_cells

AS_OF = date(2026, 11, 28)
NARROW = {"width": 320, "height": 640}
# Every page type a citizen meets, the summary pages with tables among them.
EXTRA_TYPES = {"年度报告": "reports/2025/", "更新记录": "updates/",
               "清理结果": "cleanup/", "开放数据": "opendata/"}
CARE = "localStorage.setItem('gk-care', '1')"
# (name, viewport, 关怀模式): the phone cases also check targets.
CASES = [("375", PHONE, False), ("375-care", PHONE, True), ("320", NARROW, False),
         ("320-care", NARROW, True), ("1280", DESKTOP, False)]
STUB_SPEECH = """
    window.__spoken = [];
    Object.defineProperty(window, "speechSynthesis", {configurable: true, value: {
        getVoices: () => [{lang: "en-US", name: "en"}, {lang: "zh-CN", name: "zh"}],
        speak: u => window.__spoken.push({text: u.text, lang: u.lang}),
        cancel: () => { window.__cancelled = (window.__cancelled || 0) + 1; },
        addEventListener: () => {}}});"""


CORPUS = Path(__file__).parent / "corpus" / "phone_contacts.txt"


def corpus_lines() -> list[str]:
    return [line for line in CORPUS.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def hostile_contacts() -> str:
    """data/contacts.yaml entries for the corpus: long names, extensions, long addresses."""
    entries = []
    for number, line in enumerate(corpus_lines(), 1):
        kind, name, value = line.split("\t")
        entries.append(f"- id: corpus-{number}\n  name: {json.dumps(name, ensure_ascii=False)}\n"
                       f"  kind: {kind}\n  value: {json.dumps(value, ensure_ascii=False)}\n")
    return "\n" + "".join(entries)


@pytest.fixture(scope="module")
def site(tmp_path_factory, browser):
    """(base URL, page types, browser) for one build of the example site, its contacts
    page with the hostile contacts of tests/corpus/phone_contacts.txt added."""
    from conftest import REPO, copy_site
    folder = copy_site(REPO, tmp_path_factory.mktemp("phone"))
    folder.append("data/contacts.yaml", hostile_contacts())
    result = build(folder.root, AS_OF)
    with serve(result.site_dir) as base:
        yield base, {**page_types(result.site_dir), **EXTRA_TYPES}, browser


def context(browser, viewport, *, care=False, scheme="light"):
    ctx = browser.new_context(viewport=viewport, color_scheme=scheme)
    if care:
        ctx.add_init_script(CARE)
    return ctx


@pytest.fixture(scope="module")
def layouts(site):
    """What each case measured on each page type, and the failed requests."""
    base, types, browser = site
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    found, failed = {}, []
    for case, viewport, care in CASES:
        ctx = context(browser, viewport, care=care)
        page = ctx.new_page()
        page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.status} {r.url}"))
        for name, path in types.items():
            page.goto(base + path, wait_until="load")
            phone = viewport is not DESKTOP
            found[case, name] = {
                "sideways": sideways(page), "squeezed": squeezed_cells(page),
                "broken": broken_numbers(page), "small": small_targets(page) if phone else []}
            if viewport is not NARROW:
                shot = path.strip("/").replace("/", "-") or "home"
                page.screenshot(path=str(SCREENSHOTS / f"phone-{case}-{shot}.png"), full_page=True)
        ctx.close()
    return found, failed


def offenders(layouts, key):
    found, _ = layouts
    return {f"{case} {name}": v[key] for (case, name), v in found.items() if v[key]}


def test_nothing_scrolls_sideways(layouts):
    bad = offenders(layouts, "sideways")
    assert not bad, f"页面横向滚动（多出的像素）：{bad}"


def test_no_table_cell_narrower_than_four_of_its_characters(layouts):
    bad = offenders(layouts, "squeezed")
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)


def test_no_phone_number_name_or_amount_breaks_over_two_lines(layouts):
    bad = offenders(layouts, "broken")
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)


def test_every_link_and_control_is_44_px_on_phones(layouts):
    bad = offenders(layouts, "small")
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)


def test_no_page_makes_a_failing_request(layouts):
    _, failed = layouts
    assert not failed, sorted(set(failed))


def test_tables_are_cards_on_phones_and_in_care_mode_and_tables_at_1280(site):
    base, types, browser = site
    display = "e => getComputedStyle(e).display"
    for viewport, care, wanted in ((PHONE, False, "block"), (DESKTOP, True, "block"),
                                   (DESKTOP, False, "table-cell")):
        ctx = context(browser, viewport, care=care)
        page = ctx.new_page()
        page.goto(base + types["联系我们"])
        shown = page.inner_text("article")
        assert all(line.split("\t")[2] in shown for line in corpus_lines())   # the corpus is there
        cell = page.locator("table.gk-cards td[data-label='号码或地址']").first
        assert cell.evaluate(display) == wanted, (viewport, care)
        if wanted == "block":    # the card names the column beside or above the value
            label = cell.evaluate("e => getComputedStyle(e, '::before').content")
            assert label == '"号码或地址"'
        ctx.close()


@pytest.fixture(scope="module")
def axe():
    return axe_source()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("care", [False, True], ids=["normal", "care"])
def test_axe_finds_nothing_serious_in_every_mode(site, axe, scheme, care, record_property):
    base, types, browser = site
    ctx = context(browser, PHONE, care=care, scheme=scheme)
    page = ctx.new_page()
    results = {}
    for name, path in types.items():
        page.goto(base + path)
        results[name] = run_axe(page, axe)
    # Search results (Material's result bar and the kind labels) at desktop width.
    page.set_viewport_size(DESKTOP)
    page.goto(base)
    page.fill(".md-search__input", "奖励扶助")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    results["搜索结果"] = run_axe(page, axe)
    ctx.close()
    mode = f"{'care' if care else 'normal'}-{scheme}"
    counts = {name: {v["id"]: len(v["nodes"]) for v in found} for name, found in results.items()}
    record_property(f"axe_{mode}", json.dumps(counts, ensure_ascii=False))
    bad = {name: serious(found) for name, found in results.items() if serious(found)}
    assert not bad, (mode, json.dumps(bad, ensure_ascii=False, indent=1))


def test_read_aloud_speaks_the_main_text_in_chinese(site):
    base, types, browser = site
    ctx = context(browser, PHONE, care=True)
    ctx.add_init_script(STUB_SPEECH)
    page = ctx.new_page()
    page.goto(base + types["奖励扶助"])
    button = page.locator(".gk-read-aloud button")
    assert button.is_visible() and button.get_attribute("aria-pressed") == "false"
    box = button.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44
    paragraphs = page.evaluate("""() => [...document.querySelectorAll('article p, article li')]
        .filter(e => !e.closest('.gk-read-aloud, .gk-print-links') && !e.querySelector('p, li'))
        .map(e => e.textContent.replace(/\\s+/g, ' ').trim()).filter(Boolean)""")
    button.click()
    spoken = page.evaluate("window.__spoken")
    assert spoken and {u["lang"] for u in spoken} == {"zh-CN"}
    text = re.sub(r"\s+", " ", " ".join(u["text"] for u in spoken))
    title = page.evaluate("document.querySelector('article h1').textContent.trim()")
    assert title in text
    missing = [p for p in paragraphs if p not in text]
    assert not missing, missing
    assert "金额：720 元" in text           # a card's value is read with its column name
    assert button.get_attribute("aria-pressed") == "true" and button.text_content() == "停止朗读"
    # Leaving 关怀模式 stops the voice.
    cancelled = page.evaluate("window.__cancelled")
    page.click(".gk-care-toggle")
    page.wait_for_function(f"window.__cancelled > {cancelled}")
    assert button.get_attribute("aria-pressed") == "false"
    ctx.close()


def test_read_aloud_is_hidden_without_a_voice_or_outside_care_mode(site):
    base, types, browser = site
    # Headless Chromium has speechSynthesis but no voice at all.
    ctx = context(browser, PHONE, care=True)
    page = ctx.new_page()
    page.goto(base + types["政策"])
    assert page.evaluate("speechSynthesis.getVoices().length") == 0
    assert not page.locator(".gk-read-aloud").is_visible()
    ctx.close()
    ctx = context(browser, PHONE)
    ctx.add_init_script(STUB_SPEECH)
    page = ctx.new_page()
    page.goto(base + types["政策"])
    assert not page.locator(".gk-read-aloud").is_visible()
    page.click(".gk-care-toggle")
    assert page.locator(".gk-read-aloud").is_visible()
    ctx.close()


def test_a_web_name_list_printed_from_the_browser_keeps_its_columns(site, tmp_path):
    base, types, browser = site
    ctx = context(browser, PHONE, care=True)
    page = ctx.new_page()
    page.goto(base + types["公示"])
    page.emulate_media(media="print")
    cells = page.evaluate("""() => [...document.querySelectorAll('.gk-list td')].slice(0, 8)
        .map(e => [getComputedStyle(e).display, parseFloat(getComputedStyle(e).paddingLeft),
                   getComputedStyle(e).borderLeftStyle])""")
    assert cells and all(c == ["table-cell", c[1], "solid"] and c[1] > 0 for c in cells), cells
    out = tmp_path / "list.pdf"
    page.pdf(path=str(out), format="A4")
    ctx.close()
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    # 张*梅 and her masked ID stay apart, as columns, not 张*梅5329…
    assert re.search(r"\S\*\S\s+\d{4}\*{10}\d{3}[\dX]", text), text[:2000]
    assert not re.search(r"\S\*\S\d{4}\*{10}", text)


def test_the_widest_report_forms_print_on_landscape_pages(site, tmp_path):
    base, types, browser = site
    page = browser.new_page()
    page.goto(base + types["年度报告"])
    page.emulate_media(media="print")
    named = page.evaluate("""() => [...document.querySelectorAll('.gk-report-table')]
        .map(e => getComputedStyle(e).page)""")
    assert named == ["auto", "gk-landscape", "gk-landscape"], named
    out = tmp_path / "report.pdf"
    page.pdf(path=str(out), format="A4", prefer_css_page_size=True)
    page.close()
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(out)], capture_output=True,
                          text=True, check=True).stdout
    sizes = [tuple(map(float, m))
             for m in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]
    assert any(w > h for w, h in sizes) and any(w < h for w, h in sizes), sizes
