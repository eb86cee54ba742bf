"""The citizen's side in a real browser (Debian's headless Chromium): axe-core
accessibility in both colour schemes, keyboard reach, the 关怀模式 switch,
375 px phones, and a site that loads nothing from other hosts."""

from __future__ import annotations

import json

import pytest

from browser_kit import (DESKTOP, PHONE, SCREENSHOTS, axe_source, page_types,
                         run_axe, serious, serve, transferred)


@pytest.fixture(scope="module")
def site(example_built, browser):
    """(base URL, page types, browser) for one build of the example site."""
    with serve(example_built.site_dir) as base:
        yield base, page_types(example_built.site_dir), browser


@pytest.fixture(scope="module")
def axe():
    return axe_source()


# The page types issue 7 names for axe; the others are covered by the phone pass.
AXE_TYPES = ("首页", "目录", "列表", "办事指南", "公示", "版本比较", "联系我们")


def open_page(browser, url, *, viewport=DESKTOP, scheme="light", requests=None):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    if requests is not None:
        page.on("request", lambda request: requests.append(request.url))
    page.goto(url, wait_until="load")
    return context, page


@pytest.fixture(scope="module")
def phone_visits(site):
    """Each page type opened cold on a 375 px phone: bytes, width, requests."""
    base, types, browser = site
    visits = {}
    for name, path in types.items():
        requests: list[str] = []
        context, page = open_page(browser, base + path, viewport=PHONE, requests=requests)
        page.wait_for_load_state("networkidle")
        visits[name] = {"bytes": transferred(page), "requests": requests,
                        "width": page.evaluate("document.documentElement.scrollWidth")}
        context.close()
    return visits


@pytest.fixture(scope="module", params=["light", "dark"])
def axe_results(request, site, axe):
    """axe-core violations per page type in one colour scheme, at desktop width,
    with every request the pages made."""
    base, types, browser = site
    scheme = request.param
    requests: list[str] = []
    context, page = open_page(browser, base, scheme=scheme, requests=requests)
    results = {}
    for name in AXE_TYPES:
        if name not in types:
            continue        # no comparison pages in this build
        page.goto(base + types[name])
        body_scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert body_scheme == ("slate" if scheme == "dark" else "default")
        results[name] = run_axe(page, axe)
    context.close()
    return scheme, results, requests


def test_no_serious_accessibility_violations(axe_results, record_property):
    scheme, results, _ = axe_results
    counts = {name: {v["id"]: len(v["nodes"]) for v in found} for name, found in results.items()}
    record_property(f"axe_{scheme}", json.dumps(counts, ensure_ascii=False))
    print(f"axe ({scheme}):", json.dumps(counts, ensure_ascii=False))
    assert {"首页", "目录", "列表", "办事指南", "公示", "联系我们"} <= set(results)
    bad = {name: serious(found) for name, found in results.items() if serious(found)}
    assert not bad, json.dumps(bad, ensure_ascii=False, indent=1)


def test_care_mode_keeps_contrast_and_text_alternatives(site, axe):
    base, types, browser = site
    for scheme in ("light", "dark"):
        context, page = open_page(browser, base + types["办事指南"], scheme=scheme)
        page.click(".gk-care-toggle")
        assert page.evaluate("document.documentElement.classList.contains('gk-care')")
        bad = serious(run_axe(page, axe))
        assert not bad, (scheme, bad)
        context.close()


def test_care_switch_enlarges_text_and_persists_across_pages(site):
    base, types, browser = site
    context, page = open_page(browser, base, viewport=PHONE)
    root_size = "parseFloat(getComputedStyle(document.documentElement).fontSize)"
    default = page.evaluate(root_size)
    toggle = page.locator(".gk-care-toggle")
    assert toggle.is_visible()
    assert toggle.get_attribute("aria-pressed") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert page.evaluate(root_size) >= 1.3 * default
    # High contrast too: body text goes from Material's 87 % grey to black.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).color") == \
        "rgb(0, 0, 0)"
    # Another page, a fresh load: the stored mode is applied again.
    page.goto(base + types["办事指南"])
    assert page.evaluate(root_size) >= 1.3 * default
    assert page.locator(".gk-care-toggle").get_attribute("aria-pressed") == "true"
    overflow = page.evaluate("document.documentElement.scrollWidth")
    assert overflow <= PHONE["width"], f"关怀模式下页面横向滚动：{overflow}px"
    page.locator(".gk-care-toggle").click()
    page.goto(base + types["公示"])
    assert page.evaluate(root_size) == pytest.approx(default)
    context.close()


def test_care_mode_is_set_before_first_paint(site):
    """The inline script in <head> sets the class before <body> exists, so the
    first paint is already large; care.js itself never reads the stored choice."""
    base, _, browser = site
    context = browser.new_context(viewport=PHONE)
    context.add_init_script("""
        localStorage.setItem('gk-care', '1');
        new MutationObserver((changes, observer) => {
            if (!document.body) return;
            window.__gkAtBody = document.documentElement.className;
            observer.disconnect();
        }).observe(document, {childList: true, subtree: true});""")
    page = context.new_page()
    page.goto(base)
    assert "gk-care" in page.evaluate("window.__gkAtBody")
    context.close()


def test_no_sideways_scroll_on_a_375px_phone(phone_visits):
    wide = {name: v["width"] for name, v in phone_visits.items() if v["width"] > PHONE["width"]}
    assert not wide, f"页面在 375px 宽的手机上横向滚动：{wide}"


def test_no_sideways_scroll_in_care_mode_and_tables_scroll_inside(site):
    base, types, browser = site
    context = browser.new_context(viewport=PHONE)
    context.add_init_script("localStorage.setItem('gk-care', '1')")
    page = context.new_page()
    wide = {}
    for name, path in types.items():
        page.goto(base + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[name] = width
    assert not wide, f"关怀模式下页面在 375px 宽的手机上横向滚动：{wide}"
    # The catalogue's records are cards, nothing to scroll; the annual report's form
    # keeps its shape and scrolls inside its own box, which takes focus.
    page.goto(base + types["目录"])
    assert page.locator(".gk-catalog td").first.evaluate("e => getComputedStyle(e).display") == "block"
    page.goto(base + "reports/2025/")
    box = page.locator(".gk-table-scroll").first
    assert box.evaluate("e => getComputedStyle(e).overflowX") == "auto"
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")
    assert box.get_attribute("tabindex") == "0"
    context.close()


def test_phone_numbers_are_one_tap(site):
    base, types, browser = site
    context, page = open_page(browser, base + types["联系我们"], viewport=PHONE)
    tel = page.locator("main a[href^='tel:']")
    assert tel.count() >= 5
    assert tel.first.is_visible()
    context.close()


def test_every_request_stays_on_the_site(site, phone_visits, axe_results):
    base, types, _ = site
    requests = axe_results[2] + [url for v in phone_visits.values() for url in v["requests"]]
    assert len(requests) >= 3 * len(types)
    foreign = sorted({url for url in requests if not url.startswith(base)})
    assert not foreign, f"页面从其他网站加载了内容：{foreign}"


def test_keyboard_reaches_the_switch_main_links_and_search(site):
    base, types, browser = site
    context, page = open_page(browser, base + types["办事指南"])
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("""() => { const e = document.activeElement;
            return {tag: e.tagName, href: e.getAttribute('href') || '', cls: e.className || '',
                    type: e.getAttribute('type') || ''}; }"""))
    hrefs = [s["href"] for s in seen]
    assert any("gk-care-toggle" in s["cls"] for s in seen), "键盘到不了关怀模式按钮"
    for target in ("catalog/", "contacts/", "notices/"):
        assert any(h.rstrip("/").endswith(target.rstrip("/")) for h in hrefs), f"键盘到不了 {target}"
    assert any(s["href"].startswith("#") for s in seen[:3]), "第一个 Tab 应到“跳转至”正文的链接"
    has_search = page.evaluate("!!document.querySelector('input[type=search], .md-search__input')")
    if has_search:
        page.goto(base + types["办事指南"])
        reached = False
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.matches('input[type=search], .md-search__input')"):
                reached = True
                break
        assert reached, "键盘到不了搜索框"
    context.close()


def test_page_weight_is_measured(phone_visits, record_property):
    """HTML + CSS + JS each page type makes the browser fetch, cold cache."""
    weights = {name: v["bytes"] for name, v in phone_visits.items()}
    record_property("page_bytes", json.dumps(weights, ensure_ascii=False))
    print("bytes:", json.dumps(weights, ensure_ascii=False))
    for name, parts in weights.items():
        total = parts["html"] + parts["css"] + parts["js"]
        assert parts["html"] > 0 and parts["css"] > 0 and parts["js"] > 0, name
        # An old phone on a slow link: keep every page well under half a megabyte.
        assert total < 400_000, (name, parts)


def test_screenshots_for_people_to_look_at(site):
    base, types, browser = site
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    written = []
    for name, key in (("home", "首页"), ("service", "办事指南"), ("notice", "公示")):
        for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
            context, page = open_page(browser, base + types[key], viewport=viewport)
            target = SCREENSHOTS / f"{name}-{label}.png"
            page.wait_for_timeout(800)      # Material fades the tabs in after load
            page.screenshot(path=str(target), full_page=True)
            written.append(target)
            context.close()
    for target in written:
        assert target.stat().st_size > 10_000, target
