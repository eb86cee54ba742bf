/* 朗读 (read aloud) in 关怀模式: the page's main text read by the browser's own
   speech synthesis in Chinese. Nothing is fetched from anywhere: where the
   browser has no speech synthesis or no Chinese voice, the button stays hidden. */
(function () {
  var LANG = "zh-CN";
  // Chromium stops an utterance after about 15 seconds: read the page in pieces.
  var PIECE = 120;

  // A mainland Chinese voice if there is one, else any Chinese voice.
  function chineseVoice(speech) {
    var chinese = Array.prototype.filter.call(speech.getVoices() || [], function (voice) {
      return /^zh/i.test(voice.lang);
    });
    var mainland = chinese.filter(function (voice) { return /^zh[-_]CN$/i.test(voice.lang); });
    return mainland[0] || chinese[0] || null;
  }

  // The article's text, block by block, without the button itself, heading anchors,
  // print links and the column names of tables shown as cards.
  function mainText(article) {
    var copy = article.cloneNode(true);
    var skip = copy.querySelectorAll(".gk-read-aloud, .headerlink, .gk-print-links, .md-content__button, .gk-cards thead");
    Array.prototype.forEach.call(skip, function (el) { el.remove(); });
    var blocks = copy.querySelectorAll("h1, h2, h3, h4, p, li, td, th, dt, dd, summary");
    var parts = [];
    Array.prototype.forEach.call(blocks, function (el) {
      if (el.querySelector("p, li, td, th, dt, dd")) return;   // its children are read on their own
      var text = el.textContent.replace(/\s+/g, " ").trim();
      // A card's value is read with its column name, as the card shows it.
      var label = el.getAttribute("data-label");
      if (text) parts.push(label ? label + "：" + text : text);
    });
    return parts;
  }

  function pieces(parts) {
    var out = [];
    parts.forEach(function (text) {
      var sentences = text.match(/[^。！？；!?;]+[。！？；!?;]*/g) || [text];
      var current = "";
      sentences.forEach(function (s) {
        if (current && (current + s).length > PIECE) { out.push(current); current = ""; }
        current += s;
      });
      if (current) out.push(current);
    });
    return out;
  }

  function init() {
    var speech = window.speechSynthesis;
    var holder = document.querySelector(".gk-read-aloud");
    if (!holder || !speech || typeof window.SpeechSynthesisUtterance !== "function") return;
    var button = holder.querySelector("button");
    var article = holder.closest("article") || document.querySelector("article");

    function showIfVoice() { holder.hidden = !chineseVoice(speech); }
    showIfVoice();
    if (speech.addEventListener) speech.addEventListener("voiceschanged", showIfVoice);

    function stopped() {
      button.setAttribute("aria-pressed", "false");
      button.textContent = "朗读本页";
    }
    button.addEventListener("click", function () {
      if (button.getAttribute("aria-pressed") === "true") {
        speech.cancel();
        stopped();
        return;
      }
      speech.cancel();
      var list = pieces(mainText(article));
      list.forEach(function (text, i) {
        var utterance = new SpeechSynthesisUtterance(text);
        utterance.lang = LANG;    // the browser picks its Chinese voice for it
        if (i === list.length - 1) { utterance.onend = stopped; utterance.onerror = stopped; }
        speech.speak(utterance);
      });
      button.setAttribute("aria-pressed", "true");
      button.textContent = "停止朗读";
    });
    // Leaving the page, or 关怀模式 (which offers the button), stops the voice.
    window.addEventListener("pagehide", function () { speech.cancel(); });
    new MutationObserver(function () {
      if (!document.documentElement.classList.contains("gk-care") &&
          button.getAttribute("aria-pressed") === "true") {
        speech.cancel();
        stopped();
      }
    }).observe(document.documentElement, {attributes: true, attributeFilter: ["class"]});
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
