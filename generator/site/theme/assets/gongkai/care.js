/* 关怀模式 (适老化): a header switch for large text and high contrast.
   The choice is kept in localStorage; main.html's inline script applies it
   before first paint, this file only adds the switch and handles clicks. */
(function () {
  var KEY = "gk-care";
  var root = document.documentElement;

  function store(on) {
    try { localStorage.setItem(KEY, on ? "1" : "0"); } catch (e) { /* private mode: this page only */ }
  }

  // A table wider than the screen scrolls in its own box; keyboard users can
  // reach and scroll it only if the box takes focus (WCAG 2.1.1).
  function markScrollable() {
    var boxes = document.querySelectorAll(".md-typeset__scrollwrap, .gk-table-scroll");
    Array.prototype.forEach.call(boxes, function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "表格（可左右滑动查看）");
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  function addSwitch() {
    var inner = document.querySelector(".md-header__inner");
    if (!inner || inner.querySelector(".gk-care-toggle")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "gk-care-toggle";
    button.textContent = "关怀模式";
    button.title = "大字体、高对比度，再点一次恢复";
    button.setAttribute("aria-pressed", root.classList.contains("gk-care") ? "true" : "false");
    button.addEventListener("click", function () {
      var on = root.classList.toggle("gk-care");
      button.setAttribute("aria-pressed", on ? "true" : "false");
      store(on);
      markScrollable();
    });
    // Before the palette and search buttons, so it sits with the header's other switches.
    var before = inner.querySelector(".md-header__option, .md-header__button[for='__search'], .md-header__source");
    inner.insertBefore(button, before);
  }

  function init() {
    addSwitch();
    markScrollable();
  }

  // Material wraps tables from its document$ stream; run after it when it is there.
  if (window.document$) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  window.addEventListener("resize", markScrollable);
})();
