/* Catalogue filters: rows carry data-kind/-topic/-year; selects hide the rest.
   Without JavaScript the whole table stays visible. */
(function () {
  function apply(form) {
    var table = document.getElementById(form.getAttribute("data-gk-filter"));
    if (!table) return;
    var wanted = {};
    Array.prototype.forEach.call(form.elements, function (el) { if (el.name) wanted[el.name] = el.value; });
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var show = Object.keys(wanted).every(function (key) {
        return !wanted[key] || row.getAttribute("data-" + key) === wanted[key];
      });
      row.hidden = !show;
    });
  }
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-gk-filter]"), function (form) {
      form.addEventListener("change", function () { apply(form); });
      form.addEventListener("submit", function (e) { e.preventDefault(); });
    });
  }
  if (window.document$) { window.document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
