/* Full-text search with Pagefind: one index per language (chosen by <html lang>), loaded in
 * chunks as the query needs them, all from this site. Results show the KE phone where known.
 *
 * Whole questions work ("hva gjør jeg hvis jeg ikke får individuell plan", "who helps me coordinate my
 * health services"): Pagefind finds only pages that hold every word, so
 *   1. the language's function words (STOP_WORDS, the one list; tests/test_search_questions.py reads it
 *      from window.KESearch) are dropped before searching, and
 *   2. when the rest still finds nothing, the longest part of the question that does find pages is
 *      searched instead (fewest words dropped; among equals, the one with most pages), and the page says
 *      which words it left out.
 * Synonyms for the plain words people use live on the guides (front matter search_keywords). */
(function () {
  "use strict";

  // Function words only: never a word that could be what someone searches for (not "plan", "barn", "hjelp").
  var STOP_WORDS = {
    nb: "av alle at blir da de deg dei den denne der det dette du eg eller en er et etter for fra før får gjør " +
        "ha har hun hva hvem hvilke hvilken hvis hvor hvordan hvorfor jeg kan kom kommer man med meg men min mine " +
        "mitt må når og om oss på seg selv sin sine sitt skal som så til ut vi vil være ved å ikke ingen noe noen",
    nn: "av alle at blir da dei deg den denne der det dette du eg eller ein eit er etter for frå før får gjer " +
        "ha har ho kva kven kvifor korleis kor kan kom kjem med meg men min mine mitt må når og om oss på seg " +
        "sjølv sin sine sitt skal som så til ut vi vil vere ved å ikkje ingen noko nokon",
    en: "a about am an and are as at be can do does for from get has have how i if in is it me my of on or our " +
        "should so that the their them there they this to us was we what when where which who why will with you " +
        "your not no any"
  };
  var MAX_TERMS = 8;  // longer questions: only the first eight content words are tried in parts

  var TEXT = {
    nb: { partial: function (kept, left) { return "Ingen sider har alle ordene. Viser treff på «" + kept + "» (uten «" + left + "»)."; } },
    nn: { partial: function (kept, left) { return "Ingen sider har alle orda. Viser treff på «" + kept + "» (utan «" + left + "»)."; } },
    en: { partial: function (kept, left) { return "No page has all the words. Showing results for “" + kept + "” (without “" + left + "”)."; } }
  };

  function stopSet(lang) {
    var set = {};
    (STOP_WORDS[lang] || "").split(" ").forEach(function (w) { if (w) set[w] = true; });
    return set;
  }

  /* The words of a query that are worth searching for, in order; the query itself when all are function words. */
  function contentWords(query, lang) {
    var stop = stopSet(lang);
    var words = String(query).toLowerCase().split(/[\s?!.,;:«»"“”()]+/).filter(Boolean);
    var kept = words.filter(function (w) { return !stop[w]; });
    return kept.length ? kept : words;
  }

  /* Every part of the words with `size` words, in the order they were typed. */
  function parts(words, size) {
    var out = [];
    (function pick(start, chosen) {
      if (chosen.length === size) { out.push(chosen.slice()); return; }
      for (var i = start; i < words.length; i++) { chosen.push(words[i]); pick(i + 1, chosen); chosen.pop(); }
    })(0, []);
    return out;
  }

  /* The query to search for: the content words if some page holds them all, else the largest part that finds
   * pages. search(query) resolves to the number of pages found. Resolves to {query, left} (left: words dropped). */
  function plan(query, lang, search) {
    var words = contentWords(query, lang).slice(0, MAX_TERMS);
    var whole = words.join(" ");
    return search(whole).then(function (count) {
      if (count > 0 || words.length < 2) return { query: whole, left: [] };
      var size = words.length - 1;
      function trySize() {
        if (size < 1) return { query: whole, left: [] };
        var candidates = parts(words, size);
        return Promise.all(candidates.map(function (p) { return search(p.join(" ")); })).then(function (counts) {
          var best = -1;
          counts.forEach(function (c, i) { if (c > 0 && (best < 0 || c > counts[best])) best = i; });
          if (best < 0) { size -= 1; return trySize(); }
          var chosen = candidates[best];
          return { query: chosen.join(" "), left: words.filter(function (w) { return chosen.indexOf(w) < 0; }) };
        });
      }
      return trySize();
    });
  }

  window.KESearch = { STOP_WORDS: STOP_WORDS, contentWords: contentWords, plan: plan };

  var holder = document.getElementById("ke-search");
  if (!holder || typeof PagefindUI === "undefined") return;
  var root = holder.getAttribute("data-bundle");
  var lang = document.documentElement.getAttribute("lang") || "nb";
  if (!TEXT.hasOwnProperty(lang)) lang = "nb";
  var planned = {};  // what was typed (trimmed) -> the query searched instead
  var note = document.getElementById("ke-search-note");
  var input = null;  // the UI's search box, once the UI is built

  function typed(term) { return String(term).trim().replace(/\s+/g, " "); }

  var ui = new PagefindUI({
    element: "#ke-search",
    bundlePath: root,
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    autofocus: true,
    // Short generated pages (a hospital's page is mostly its name) outranked the guides for everyday words
    // ("sykehus", "hospital"); weigh page length less so the page about the word comes first.
    // A guide's search_keywords (meta field "keywords", overrides/main.html) count more than a page title:
    // Pagefind adds a boost for title matches, and a hospital named "... Sykehus" otherwise beat the guide.
    // The keywords are searched only as this meta field (outside the indexed body), so they never show as
    // a result's excerpt.
    ranking: { pageLength: 0.1, metaWeights: { keywords: 10 } },
    processTerm: function (term) {
      var key = typed(term);
      return planned.hasOwnProperty(key) ? planned[key] : contentWords(key, lang).join(" ");
    },
    processResult: function (result) {
      if (result.meta) delete result.meta.keywords;  // for ranking only, not shown as a tag
      if (result.meta && result.meta.phone) {
        result.meta.title = result.meta.title + " – " + holder.getAttribute("data-phone-word") + " " + result.meta.phone;
        delete result.meta.phone;  // shown in the title; not again as an untranslated tag
      }
      return result;
    }
  });

  input = holder.querySelector("input");

  var pagefind = null;
  function api() {
    if (!pagefind) pagefind = import(new URL(root + "pagefind.js", location.href).href);
    return pagefind;
  }
  function count(query) {
    return api().then(function (pf) { return pf.search(query); }).then(function (r) { return r.results.length; });
  }

  var latest = 0;
  function replan(value) {
    var key = typed(value);
    var ticket = ++latest;
    if (note) note.textContent = "";
    if (!key || planned.hasOwnProperty(key)) { showNote(key); return; }
    plan(key, lang, count).then(function (p) {
      if (ticket !== latest) return;  // the user typed on
      planned[key] = p.query;
      if (p.left.length) {
        notes[key] = TEXT[lang].partial(p.query, p.left.join(" "));
        // Search again, now with the planned query (processTerm). The UI searches only when the box's text
        // changes, so the text goes back with one space more or less; `typed` makes both the same key.
        var again = / $/.test(input.value) ? input.value.replace(/ +$/, "") : input.value + " ";
        ui.triggerSearch(again);
      }
      showNote(key);
    }).catch(function () {});
  }
  var notes = {};
  function showNote(key) { if (note) note.textContent = notes[key] || ""; }

  if (input) input.addEventListener("input", function () { replan(input.value); });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query && input) {
    input.value = query;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
})();
