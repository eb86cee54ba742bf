/*
 * gongkai's exact Chinese search, in the header search box.
 *
 * The index (built by generator/search) holds, for every two-character gram and for
 * longer grams extending frequent ones, the pages, counts and positions where it
 * occurs. A term is covered by grams at fixed offsets; a page matches where all of
 * them sit at those offsets, so results are exactly the pages containing the term,
 * whatever a word segmenter would do. Files are fetched only when a query needs them
 * and kept for the rest of the visit. generator/search/query.py is the same algorithm
 * in Python; keep the two in step.
 */
(function () {
  "use strict";

  const PAGE_SIZE = 10;           // results rendered per screenful
  const EXCERPT_BEFORE = 30;      // characters of context before the first hit
  const EXCERPT_LENGTH = 110;
  const TYPING_PAUSE_MS = 120;
  const FIRST_PIECES = 2;         // grams fetched before deciding to check candidates' text
  const CONTINUES = 1;            // a page class's flags, as generator/search/layout.py
  const LISTS = 2;
  const SUGGESTED_SYNONYMS = 6;   // words offered when nothing is found

  /* Folding: the same table as generator/search/fold.py. */
  const SPACES = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006" +
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

  function fold(text) {
    let out = "";
    for (let i = 0; i < text.length; i++) {
      let code = text.charCodeAt(i);
      if (SPACES.indexOf(text[i]) >= 0) {
        out += " ";
        continue;
      }
      if (code >= 0xff01 && code <= 0xff5e) code -= 0xfee0;
      if (code >= 0x41 && code <= 0x5a) code += 0x20;
      out += String.fromCharCode(code);
    }
    return out;
  }

  function queryTerms(query) {
    const seen = [];
    fold(query).split(" ").forEach(function (term) {
      if (term && seen.indexOf(term) < 0) seen.push(term);
    });
    return seen;
  }

  function codePoints(text) {
    return Array.from(text);
  }

  /*
   * Other forms of a folded term: the longest synonym word in it (the first of equals)
   * replaced by each other word of its group; generator/search/synonyms.py's expand.
   */
  function expand(term, groups) {
    let best = null;
    groups.forEach(function (group) {
      group.forEach(function (word) {
        if (term.indexOf(word) >= 0 &&
            (best === null || codePoints(word).length > codePoints(best.word).length)) {
          best = { group: group, word: word };
        }
      });
    });
    if (best === null) return [];
    return best.group.filter(function (other) { return other !== best.word; })
      .map(function (other) { return term.split(best.word).join(other); });
  }

  /* 32-bit FNV-1a over code points, as generator/search/layout.py. */
  function gramHash(gram) {
    let hash = 0x811c9dc5;
    for (const ch of gram) {
      hash = Math.imul(hash ^ ch.codePointAt(0), 0x01000193) >>> 0;
    }
    return hash;
  }

  function readVarint(bytes, state) {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[state.at++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  }

  /* Decode a gram's docs (and positions, if given) into parallel arrays. */
  function decodePostings(docs, positions) {
    const result = { pages: [], counts: [], titles: [], headings: [],
      positions: positions ? [] : null };
    const state = { at: 0 };
    const posState = { at: 0 };
    let page = 0;
    while (state.at < docs.length) {
      const delta = readVarint(docs, state);
      const packed = readVarint(docs, state);
      const title = packed & 1 ? readVarint(docs, state) : 0;
      const heading = packed & 2 ? readVarint(docs, state) : 0;
      page = result.pages.length ? page + delta : delta;
      const count = Math.floor(packed / 4);
      result.pages.push(page);
      result.counts.push(count);
      result.titles.push(title);
      result.headings.push(heading);
      if (positions) {
        const found = new Array(count);
        let at = 0;
        for (let i = 0; i < count; i++) {
          at += readVarint(positions, posState);
          found[i] = at;
        }
        result.positions.push(found);
      }
    }
    return result;
  }

  function Index(manifestUrl) {
    this.manifestUrl = manifestUrl;
    this.files = new Map();
    this.shards = new Map();
    this.manifest = null;
    this.ready = null;      // the manifest, once asked for
  }

  Index.prototype.load = function () {
    if (!this.ready) {
      this.ready = fetch(this.manifestUrl, { cache: "no-cache" })
        .then(function (response) {
          if (!response.ok) throw new Error("search index: " + response.status);
          return response.json();
        })
        .then((manifest) => {
          this.manifest = manifest;
          return manifest;
        });
      this.ready.catch(() => { this.ready = null; });
    }
    return this.ready;
  };

  Index.prototype.url = function (name) {
    return new URL(name + "?v=" + this.manifest.version, this.manifestUrl).href;
  };

  Index.prototype.bytes = function (name) {
    if (!this.files.has(name)) {
      const request = fetch(this.url(name))
        .then(function (response) {
          if (!response.ok) throw new Error("search index: " + response.status);
          return response.arrayBuffer();
        })
        .then(function (buffer) { return new Uint8Array(buffer); });
      request.catch(() => this.files.delete(name));
      this.files.set(name, request);
    }
    return this.files.get(name);
  };

  /* A page's record: doc/<n>.json lists those of one document's pages, n its first page
     (the pages after it are flagged CONTINUES), as generator/search/layout.py. */
  Index.prototype.doc = function (page) {
    return Promise.all([this.load(), this.bytes("facets.bin")]).then((loaded) => {
      const first = documentStart(loaded[0], loaded[1], page);
      return this.bytes("doc/" + first + ".json").then(function (bytes) {
        return JSON.parse(new TextDecoder().decode(bytes))[page - first];
      });
    });
  };

  Index.prototype.shard = function (number) {
    if (!this.shards.has(number)) {
      this.shards.set(number, this.bytes("s/" + number + ".bin").then(function (data) {
        const entries = new Map();
        const decoder = new TextDecoder();
        const state = { at: 0 };
        while (state.at < data.length) {
          const parts = [];
          for (let i = 0; i < 3; i++) {
            const size = readVarint(data, state);
            parts.push(data.subarray(state.at, state.at + size));
            state.at += size;
          }
          entries.set(decoder.decode(parts[0]), [parts[1], parts[2]]);
        }
        return entries;
      }));
    }
    return this.shards.get(number);
  };

  Index.prototype.postings = function (gram, withPositions) {
    const heavy = this.manifest.heavy[gram];
    if (heavy) {
      const files = [this.bytes("h/" + heavy[0] + ".d.bin")];
      if (withPositions) files.push(this.bytes("h/" + heavy[0] + ".p.bin"));
      return Promise.all(files).then(function (parts) {
        return decodePostings(parts[0], withPositions ? parts[1] : null);
      });
    }
    const number = gramHash(gram) & (this.manifest.shards - 1);
    return this.shard(number).then(function (entries) {
      const entry = entries.get(gram) || [new Uint8Array(0), new Uint8Array(0)];
      return decodePostings(entry[0], withPositions ? entry[1] : null);
    });
  };

  /* Which grams to fetch for a term: the plan of generator/search/query.py. */
  function indexed(gram, manifest) {
    const size = codePoints(gram).length;
    if (size === 2) return true;
    const parent = codePoints(gram).slice(0, -1).join("");
    return Object.prototype.hasOwnProperty.call(manifest.heavy, parent) && size <= manifest.maxGram;
  }

  function cost(gram, whole, manifest) {
    const heavy = manifest.heavy[gram];
    if (!heavy) return manifest.shardBytes;
    return heavy[1] + (whole ? 0 : heavy[2]);
  }

  function plan(term, manifest) {
    const chars = codePoints(term);
    const size = chars.length;
    const wholeCost = indexed(term, manifest) ? cost(term, true, manifest) : null;
    const best = new Array(size + 1).fill(null);
    best[0] = { cost: 0, pieces: [] };
    for (let end = 2; end <= size; end++) {
      for (let start = end - 2; start >= 0; start--) {
        const gram = chars.slice(start, end).join("");
        if (!indexed(gram, manifest)) break;
        let before = null;
        for (let j = start; j < end; j++) {
          if (best[j] && (before === null || best[j].cost < before.cost)) before = best[j];
        }
        if (before === null) continue;
        const option = {
          cost: before.cost + cost(gram, false, manifest),
          pieces: before.pieces.concat([[start, gram]]),
        };
        if (best[end] === null || option.cost < best[end].cost) best[end] = option;
      }
    }
    if (wholeCost !== null && wholeCost <= best[size].cost) return [[0, term]];
    return best[size].pieces;
  }

  /*
   * Pages where all pieces sit at their relative offsets:
   * page -> [matches, one in the title, one in another heading].
   */
  function adjacent(index, pieces) {
    return Promise.all(pieces.map(function (piece) {
      return index.postings(piece[1], true);
    })).then(function (loaded) {
      const where = loaded.map(function (postings) {
        const at = new Map();
        postings.pages.forEach(function (page, i) { at.set(page, i); });
        return at;
      });
      const anchor = loaded[0];   // the leftmost piece
      const matches = new Map();
      anchor.pages.forEach(function (page, i) {
        const rows = where.map(function (at) { return at.get(page); });
        if (rows.some(function (row) { return row === undefined; })) return;
        const cursors = pieces.map(function () { return 0; });
        let found = 0;
        let inTitle = false;
        let inHeading = false;
        const titles = anchor.titles[i];
        anchor.positions[i].forEach(function (start, nth) {
          for (let k = 1; k < pieces.length; k++) {
            const list = loaded[k].positions[rows[k]];
            const target = start + pieces[k][0] - pieces[0][0];
            while (cursors[k] < list.length && list[cursors[k]] < target) cursors[k]++;
            if (list[cursors[k]] !== target) return;
          }
          if (found === 0) inTitle = nth < titles;
          if (nth >= titles && nth < titles + anchor.headings[i]) inHeading = true;
          found++;
        });
        if (found) matches.set(page, [found, inTitle, inHeading]);
      });
      return matches;
    });
  }

  /* Check candidates against their text, which is fetched anyway to show them. */
  function verified(index, term, candidates) {
    return Promise.all(candidates.map(function (page) { return index.doc(page); }))
      .then(function (docs) {
        const matches = new Map();
        docs.forEach(function (doc, i) {
          const text = fold(doc.t + " " + doc.h + " " + doc.x);
          let count = 0;
          for (let at = text.indexOf(term); at >= 0; at = text.indexOf(term, at + 1)) count++;
          if (count) {
            matches.set(candidates[i], [count, fold(doc.t).indexOf(term) >= 0,
              fold(doc.h).indexOf(term) >= 0]);
          }
        });
        return matches;
      });
  }

  /*
   * page -> [occurrences, one in the title, one in another heading] for one term.
   * A long term needs many grams;
   * the two cheapest (later ones first among equals: the end of a code or number tells
   * pages apart) often leave few candidates, and when checking their text costs less
   * than fetching the remaining grams, that is what happens.
   */
  function termMatches(index, term) {
    const manifest = index.manifest;
    const pieces = plan(term, manifest);
    if (pieces.length === 1) {
      return index.postings(term, false).then(function (postings) {
        const matches = new Map();
        postings.pages.forEach(function (page, i) {
          matches.set(page, [postings.counts[i], postings.titles[i] > 0,
            postings.headings[i] > 0]);
        });
        return matches;
      });
    }
    if (pieces.length <= FIRST_PIECES) return adjacent(index, pieces);
    const costOf = function (i) { return cost(pieces[i][1], false, manifest); };
    const order = pieces.map(function (piece, i) { return i; }).sort(function (a, b) {
      return costOf(a) - costOf(b) || pieces[b][0] - pieces[a][0];
    });
    const first = order.slice(0, FIRST_PIECES).sort(function (a, b) { return a - b; });
    let rest = 0;
    order.slice(FIRST_PIECES).forEach(function (i) { rest += costOf(i); });
    return adjacent(index, first.map(function (i) { return pieces[i]; }))
      .then(function (candidates) {
        if (candidates.size * manifest.docBytes <= rest) {
          const pages = Array.from(candidates.keys()).sort(function (a, b) { return a - b; });
          return verified(index, term, pages);
        }
        return adjacent(index, pieces);
      });
  }

  /* A single character's matches: the titles holding it. */
  function titleMatches(index, character) {
    return index.postings(character, false).then(function (postings) {
      const matches = new Map();
      postings.pages.forEach(function (page, i) {
        matches.set(page, [postings.counts[i], true, false]);
      });
      return matches;
    });
  }

  /* One term's matches in all its forms. */
  function formsMatches(index, forms) {
    return Promise.all(forms.map(function (form) { return termMatches(index, form); }))
      .then(function (perForm) {
        const found = new Map();
        perForm.forEach(function (matches) {
          matches.forEach(function (match, page) {
            const before = found.get(page) || [0, false, false];
            found.set(page, [before[0] + match[0], before[1] || match[1], before[2] || match[2]]);
          });
        });
        return found;
      });
  }

  /* A page's [kind number, status number, flags]: its class, a byte or two in facets.bin. */
  function pageClass(manifest, data, page) {
    const width = manifest.facetBytes;
    const at = page * width;
    return manifest.classes[width === 1 ? data[at] : data[at] + 256 * data[at + 1]];
  }

  /* The first page of the page's document: layout.py's document_start. */
  function documentStart(manifest, data, page) {
    while (pageClass(manifest, data, page)[2] & CONTINUES) page--;
    return page;
  }

  /*
   * One hit per document, its lowest-numbered page found (its own page, else its newest
   * version); lists only when no document is found. Best first: current before
   * historical, more terms in the title, then in other headings, more terms, more
   * occurrences, newer.
   * generator/search/query.py's _ranked.
   */
  function ranked(manifest, data, combined, filters) {
    const facets = function (page) { return pageClass(manifest, data, page); };
    const documents = new Map();
    Array.from(combined.keys()).sort(function (a, b) { return a - b; }).forEach(function (page) {
      if (filters.kind && manifest.kinds[facets(page)[0]] !== filters.kind) return;
      const current = manifest.statuses[facets(page)[1]].current;
      if (filters.status && current !== (filters.status === "current")) return;
      const start = documentStart(manifest, data, page);
      if (!documents.has(start)) documents.set(start, []);
      documents.get(start).push(page);
    });
    let found = Array.from(documents.values());
    if (found.some(function (pages) { return !(facets(pages[0])[2] & LISTS); })) {
      found = found.filter(function (pages) { return !(facets(pages[0])[2] & LISTS); });
    }
    const hits = found.map(function (pages) {
      const entry = combined.get(pages[0]);
      return {
        page: pages[0], count: entry[0], titles: entry[1], headings: entry[2], terms: entry[3],
        folded: pages.slice(1),
        history: !manifest.statuses[facets(pages[0])[1]].current,
        list: Boolean(facets(pages[0])[2] & LISTS),
      };
    });
    hits.sort(function (a, b) {
      return (a.history - b.history) || (b.titles - a.titles) || (b.headings - a.headings) ||
        (b.terms - a.terms) || (b.count - a.count) || (a.page - b.page);
    });
    return hits;
  }

  /*
   * Pages containing any term of two or more characters as typed or in another form the
   * synonyms give (titles only, when every term is a single character), one result per
   * document, best first. filters: {kind: name or "", status: "current" | "history" | ""}.
   * generator/search/query.py's search.
   */
  function search(index, query, filters) {
    const typed = queryTerms(query);
    let terms = typed.filter(function (term) { return codePoints(term).length >= 2; });
    const ignored = terms.length ?
      typed.filter(function (term) { return codePoints(term).length < 2; }) : [];
    const titlesOnly = !terms.length;
    if (titlesOnly) terms = typed;
    const empty = { terms: [], also: [], ignored: [], titlesOnly: false, hits: [] };
    if (!terms.length) return Promise.resolve(empty);
    return index.load().then(function (manifest) {
      const also = [];
      const perTerm = terms.map(function (term) {
        if (titlesOnly) return titleMatches(index, term);
        const forms = [term].concat(expand(term, manifest.synonyms));
        forms.slice(1).forEach(function (form) {
          if (also.indexOf(form) < 0 && terms.indexOf(form) < 0) also.push(form);
        });
        return formsMatches(index, forms);
      });
      return Promise.all([Promise.all(perTerm), index.bytes("facets.bin"), also]);
    }).then(function (results) {
      const combined = new Map();     // page -> [occurrences, title, heading terms, terms]
      results[0].forEach(function (found) {
        found.forEach(function (match, page) {
          const entry = combined.get(page) || [0, 0, 0, 0];
          combined.set(page, [entry[0] + match[0], entry[1] + (match[1] ? 1 : 0),
            entry[2] + (match[2] ? 1 : 0), entry[3] + 1]);
        });
      });
      return {
        terms: terms, also: results[2], ignored: ignored, titlesOnly: titlesOnly,
        hits: ranked(index.manifest, results[1], combined, filters || {}),
      };
    });
  }

  /* ---- The header search box ---- */

  const root = document.querySelector("[data-gongkai-search]");
  if (!root) return;
  const index = new Index(new URL(root.getAttribute("data-index"), document.baseURI).href);
  const toggle = document.getElementById("__search");
  const form = root.querySelector("form");
  const input = root.querySelector(".md-search__input");
  const meta = root.querySelector(".md-search-result__meta");
  const list = root.querySelector(".md-search-result__list");
  const scrollwrap = root.querySelector(".md-search__scrollwrap");
  const itemTemplate = root.querySelector("template[data-gongkai-result]");
  const helpTemplate = root.querySelector("template[data-gongkai-help]");
  const kindFilter = root.querySelector("[data-gongkai-filter=kind]");
  const statusFilter = root.querySelector("[data-gongkai-filter=status]");
  let latest = null;      // the result being shown: {marks, hits, shown}
  let sequence = 0;       // drops answers to queries typed over since
  let timer = null;

  function message(name, value) {
    const text = root.getAttribute("data-msg-" + name);
    return value === undefined ? text : text.replace("#", value);
  }

  function setToggle(open) {
    if (toggle && toggle.checked !== open) {
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function prepare() {
    return index.load().then(function (manifest) {
      if (kindFilter.options.length === 1) {
        manifest.kinds.forEach(function (kind) {
          kindFilter.appendChild(new Option(kind, kind));
        });
      }
      return manifest;
    });
  }

  function siteUrl(relative) {
    return new URL(relative, new URL("../", index.manifestUrl)).href;
  }

  /* text[start, end) as nodes, every occurrence of the terms in a <mark>. */
  function marked(text, terms, start, end) {
    const folded = fold(text);
    const marks = [];
    terms.forEach(function (term) {
      for (let at = folded.indexOf(term, start); at >= 0 && at < end;
           at = folded.indexOf(term, at + 1)) {
        marks.push([at, Math.min(at + term.length, end)]);
      }
    });
    marks.sort(function (a, b) { return a[0] - b[0]; });
    const fragment = document.createDocumentFragment();
    let cursor = start;
    marks.forEach(function (mark) {
      if (mark[1] <= cursor) return;
      const from = Math.max(mark[0], cursor);
      fragment.appendChild(document.createTextNode(text.slice(cursor, from)));
      const element = document.createElement("mark");
      element.textContent = text.slice(from, mark[1]);
      fragment.appendChild(element);
      cursor = mark[1];
    });
    fragment.appendChild(document.createTextNode(text.slice(cursor, end)));
    return fragment;
  }

  /* The body text around the first hit (or its start, if only the title matched). */
  function excerpt(text, terms) {
    const folded = fold(text);
    let first = -1;
    terms.forEach(function (term) {
      const at = folded.indexOf(term);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    const start = Math.max(0, first - EXCERPT_BEFORE);
    const end = Math.min(text.length, start + EXCERPT_LENGTH);
    const fragment = document.createDocumentFragment();
    if (start > 0) fragment.appendChild(document.createTextNode("…"));
    fragment.appendChild(marked(text, terms, start, end));
    if (end < text.length) fragment.appendChild(document.createTextNode("…"));
    return fragment;
  }

  function renderItem(doc, hit, terms) {
    const item = itemTemplate.content.firstElementChild.cloneNode(true);
    const slot = function (name) { return item.querySelector("[data-slot=" + name + "]"); };
    item.querySelector("a").href = siteUrl(doc.u);
    slot("title").appendChild(marked(doc.t, terms, 0, doc.t.length));
    slot("kind").textContent = doc.k;
    slot("date").textContent = doc.d;
    slot("status").textContent = doc.s;
    slot("excerpt").appendChild(excerpt(doc.x, terms));
    const versions = slot("versions");
    if (hit.folded.length) {
      // A version page names its document (o); the document's page has the history.
      versions.href = siteUrl((doc.o || doc.u) + "#history");
      versions.textContent = message("versions", hit.folded.length);
    } else {
      versions.remove();
    }
    return item;
  }

  /* A suggestion the reader can take with one tap: it becomes the query. */
  function suggestion(query) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "gongkai-search__try";
    button.textContent = query;
    button.addEventListener("click", function () {
      input.value = query;
      input.focus();
      run();
    });
    return button;
  }

  /* Shorter words to try: every term of three or more characters cut in two. */
  function shorter(terms) {
    const parts = [];
    terms.forEach(function (term) {
      const chars = codePoints(term);
      if (chars.length === 3) parts.push(chars.slice(0, 2).join(""), chars.slice(1).join(""));
      else if (chars.length > 3) {
        const half = Math.floor(chars.length / 2);
        parts.push(chars.slice(0, half).join(""), chars.slice(half).join(""));
      } else parts.push(term);
    });
    const query = parts.join(" ");
    return query === terms.join(" ") ? [] : [query];
  }

  /* Synonym words sharing two characters in a row with what was typed. */
  function related(terms, also) {
    const words = [];
    index.manifest.synonyms.forEach(function (group) {
      group.forEach(function (word) {
        if (words.length >= SUGGESTED_SYNONYMS || words.indexOf(word) >= 0 ||
            terms.indexOf(word) >= 0 || also.indexOf(word) >= 0) return;
        const chars = codePoints(word);
        for (let i = 0; i + 1 < chars.length; i++) {
          const pair = chars[i] + chars[i + 1];
          if (terms.some(function (term) { return term.indexOf(pair) >= 0; })) {
            words.push(word);
            return;
          }
        }
      });
    });
    return words;
  }

  /* Nothing found: what to try, whom to call, how to ask for what is not published. */
  function help(result, filtered) {
    const panel = helpTemplate.content.firstElementChild.cloneNode(true);
    const fill = function (name, queries) {
      const line = panel.querySelector("[data-slot=" + name + "]");
      if (!queries.length) {
        line.remove();
        return;
      }
      const where = line.querySelector("[data-slot=tries]");
      queries.forEach(function (query) { where.appendChild(suggestion(query)); });
    };
    fill("shorter", shorter(result.terms));
    fill("synonyms", related(result.terms, result.also));
    const unfilter = panel.querySelector("[data-slot=unfilter]");
    if (filtered) {
      unfilter.querySelector("button").addEventListener("click", function () {
        kindFilter.value = "";
        statusFilter.value = "";
        run();
      });
    } else {
      unfilter.remove();
    }
    return panel;
  }

  /* Render the next screenful of the current result, fetching its pages' texts. */
  function renderMore() {
    const result = latest;
    if (!result || result.rendering || result.shown >= result.hits.length) return;
    result.rendering = true;
    const slice = result.hits.slice(result.shown, result.shown + PAGE_SIZE);
    Promise.all(slice.map(function (hit) { return index.doc(hit.page); })).then(function (docs) {
      if (latest !== result) return;
      docs.forEach(function (doc, i) {
        list.appendChild(renderItem(doc, slice[i], result.marks));
      });
      result.shown += slice.length;
      result.rendering = false;
    }, showError);
  }

  function showError() {
    meta.textContent = message("error");
  }

  function describe(result) {
    const count = result.hits.length;
    let text = count === 0 ? message("none") : count === 1 ? message("one") : message("other", count);
    const notes = [];
    if (result.titlesOnly) notes.push(message("titles"));
    if (result.ignored.length) notes.push(message("ignored", result.ignored.join("、")));
    if (result.also.length) notes.push(message("also", result.also.join("、")));
    if (count && result.hits[0].list) notes.push(message("lists"));
    if (notes.length) text += "（" + notes.join("；") + "）";
    return text;
  }

  function run() {
    const query = input.value;
    const mine = ++sequence;
    if (!query.trim()) {
      latest = null;
      list.textContent = "";
      meta.textContent = message("placeholder");
      return;
    }
    meta.textContent = message("loading");
    const filters = { kind: kindFilter.value, status: statusFilter.value };
    search(index, query, filters)
      .then(function (result) {
        if (mine !== sequence) return;
        latest = { marks: result.terms.concat(result.also), hits: result.hits, shown: 0 };
        list.textContent = "";
        meta.textContent = describe(result);
        if (!result.hits.length) list.appendChild(help(result, filters.kind || filters.status));
        renderMore();
      }, function () {
        if (mine === sequence) showError();
      });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, TYPING_PAUSE_MS);
  }

  function open() {
    setToggle(true);
    prepare().catch(showError);
  }

  function close() {
    setToggle(false);
    input.blur();
  }

  function isTyping(element) {
    return element && (element.isContentEditable ||
      /^(INPUT|TEXTAREA|SELECT)$/.test(element.tagName));
  }

  input.addEventListener("focus", open);
  // With an input method, search the characters chosen, not the pinyin being typed.
  input.addEventListener("input", function (event) {
    if (!event.isComposing) schedule();
  });
  input.addEventListener("compositionend", schedule);
  kindFilter.addEventListener("change", run);
  statusFilter.addEventListener("change", run);
  form.addEventListener("reset", function () { setTimeout(run); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    const first = list.querySelector(".md-search-result__link[href]");
    if (first) first.click();
  });
  root.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a[href]")) setToggle(false);
  });
  if (toggle) {
    // The header's magnifier (phones) and the overlay flip the toggle directly.
    toggle.addEventListener("change", function () {
      if (toggle.checked && document.activeElement !== input) input.focus();
      if (!toggle.checked && document.activeElement === input) input.blur();
    });
  }
  scrollwrap.addEventListener("scroll", function () {
    if (scrollwrap.scrollTop + scrollwrap.clientHeight > scrollwrap.scrollHeight - 200) {
      renderMore();
    }
  });

  window.addEventListener("keydown", function (event) {
    if (event.metaKey || event.ctrlKey || event.altKey || event.isComposing) return;
    const active = document.activeElement;
    const searching = toggle ? toggle.checked : root.contains(active);
    if (!searching) {
      if ((event.key === "/" || event.key === "s" || event.key === "S") && !isTyping(active)) {
        event.preventDefault();
        input.focus();
      }
      return;
    }
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (active && active.tagName === "SELECT") return;
      const stops = [input].concat(Array.from(list.querySelectorAll("a[href]")));
      const at = stops.indexOf(active);
      const step = event.key === "ArrowDown" ? 1 : -1;
      const next = stops[(Math.max(at, 0) + step + stops.length) % stops.length];
      event.preventDefault();
      next.focus();
      if (next !== input && stops.indexOf(next) >= stops.length - 2) renderMore();
    }
  });

  /* For tests and for other pages of the site: the same search, without the UI. */
  function urls(pages) {
    return Promise.all(pages.map(function (page) { return index.doc(page); }))
      .then(function (docs) { return docs.map(function (doc) { return doc.u; }); });
  }

  window.gongkaiSearch = {
    /* Resolves to the result pages' URLs (relative to the site root), best first. */
    query: function (query, filters) {
      return search(index, query, filters || {}).then(function (result) {
        return urls(result.hits.map(function (hit) { return hit.page; }));
      });
    },
    /* The whole result: {urls, folded: [URLs folded into each], also, ignored, titlesOnly}. */
    result: function (query, filters) {
      return search(index, query, filters || {}).then(function (result) {
        return Promise.all([urls(result.hits.map(function (hit) { return hit.page; })),
          Promise.all(result.hits.map(function (hit) { return urls(hit.folded); }))])
          .then(function (found) {
            return { urls: found[0], folded: found[1], also: result.also,
              ignored: result.ignored, titlesOnly: result.titlesOnly };
          });
      });
    },
  };
})();
