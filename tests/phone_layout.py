"""What a page looks like to a villager's phone, measured in the browser:
sideways scroll, squeezed table cells, broken phone numbers, small targets.
Each function returns the offenders (empty when the page is right)."""

from __future__ import annotations

# A cell must be at least as wide as the first four characters of its own text
# (in its own font): narrower, and a title prints a character or two per line.
SQUEEZED_CELLS = """() => {
    const canvas = document.createElement("canvas").getContext("2d");
    const out = [];
    for (const cell of document.querySelectorAll("main td, main th")) {
        const text = cell.innerText.trim();
        if (!text || !cell.checkVisibility({visibilityProperty: true})) continue;
        // Column names of a table shown as cards are there for screen readers only.
        const head = cell.closest("thead");
        if (head && head.getBoundingClientRect().width <= 1) continue;
        const style = getComputedStyle(cell);
        canvas.font = style.font;
        const need = canvas.measureText(Array.from(text).slice(0, 4).join("")).width;
        const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        if (room + 1 < need) out.push(`${text.slice(0, 12)}: ${Math.round(room)}px < ${Math.round(need)}px`);
    }
    return out;
}"""

# Phone numbers (tel: links and the spans templates mark as unbreakable) sit on one line.
BROKEN_NUMBERS = """() => {
    const out = [];
    for (const el of document.querySelectorAll("a[href^='tel:'], .gk-nowrap")) {
        const rects = Array.from(el.getClientRects()).filter(r => r.width > 0);
        if (rects.length === 0) continue;
        const tops = new Set(rects.map(r => Math.round(r.top)));
        if (tops.size > 1) out.push(el.textContent.trim());
    }
    return out;
}"""

# Every visible link and control is at least 44 × 44 px (WCAG 2.5.5), except a
# link inside a sentence (2.5.5's inline exception): a <p> with other text besides the link.
SMALL_TARGETS = """() => {
    const out = [];
    const targets = document.querySelectorAll(
        "a[href], button, input:not([type=hidden]), select, label[for], summary, [role=button]");
    for (const el of targets) {
        const style = getComputedStyle(el);
        if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
        // Off-canvas until opened (the drawer, the search panel) or until focused (skip link).
        if (el.closest(".md-sidebar, .md-search__inner, .md-skip")) continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || box.right <= 0 || box.left >= innerWidth) continue;
        if (el.matches("input[type=checkbox], input[type=radio]") && style.opacity === "0") continue;
        const sentence = el.closest("p, li, td, dd");
        if (el.tagName === "A" && sentence && sentence.tagName === "P"
            && sentence.textContent.trim().length > el.textContent.trim().length) continue;
        if (box.width < 43.5 || box.height < 43.5)
            out.push(`${el.tagName.toLowerCase()}.${el.className || ""} ${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 16)}: ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return out;
}"""


def sideways(page) -> int:
    """How many pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate("Math.max(0, document.documentElement.scrollWidth - innerWidth)")


def squeezed_cells(page) -> list[str]:
    return page.evaluate(SQUEEZED_CELLS)


def broken_numbers(page) -> list[str]:
    return page.evaluate(BROKEN_NUMBERS)


def small_targets(page) -> list[str]:
    return page.evaluate(SMALL_TARGETS)
