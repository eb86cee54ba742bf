// Live reload for `gongkai serve`, from a file rather than inline: the site's
// Content-Security-Policy allows only scripts from the site itself. Same protocol
// as MkDocs' own: /livereload/<epoch>/<request> answers once a newer build is visible;
// the page's address tells serve which pages to build first after a save.
(function () {
  var script = document.currentScript;
  var epoch = Number(script.dataset.epoch);
  var request = script.dataset.request;
  var req, timeout;

  function poll() {
    req = new XMLHttpRequest();
    req.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) {
        location.reload();
      } else {
        timeout = setTimeout(poll, this.status === 200 ? 0 : 3000);
      }
    };
    req.open("GET", "/livereload/" + epoch + "/" + request + "?page="
             + encodeURIComponent(location.pathname));
    req.send();
  }

  function stop() {
    if (req) { req.abort(); }
    if (timeout) { clearTimeout(timeout); }
    req = timeout = undefined;
  }

  window.addEventListener("load", function () {
    if (document.visibilityState === "visible") { poll(); }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") { poll(); } else { stop(); }
  });
  window.addEventListener("beforeunload", stop);
})();
