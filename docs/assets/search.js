/* Full-text search with Pagefind: one index per language (chosen by <html lang>), loaded in
 * chunks as the query needs them, all from this site. Results show the KE phone where known. */
(function () {
  "use strict";
  var holder = document.getElementById("ke-search");
  if (!holder || typeof PagefindUI === "undefined") return;
  var root = holder.getAttribute("data-bundle");
  new PagefindUI({
    element: "#ke-search",
    bundlePath: root,
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    autofocus: true,
    // Short generated pages (a hospital's page is mostly its name) outranked the guides for everyday words
    // ("sykehus", "hospital"); weigh page length less so the page about the word comes first.
    // A guide's search_keywords (meta field "keywords", overrides/main.html) count like a page title:
    // Pagefind adds a boost for title matches, and a hospital named "... Sykehus" otherwise beat the guide.
    ranking: { pageLength: 0.1, metaWeights: { keywords: 5 } },
    processResult: function (result) {
      if (result.meta) delete result.meta.keywords;  // for ranking only, not shown as a tag
      if (result.meta && result.meta.phone) {
        result.meta.title = result.meta.title + " – " + holder.getAttribute("data-phone-word") + " " + result.meta.phone;
        delete result.meta.phone;  // shown in the title; not again as an untranslated tag
      }
      return result;
    }
  });
  var params = new URLSearchParams(window.location.search);
  var query = params.get("q");
  if (query) {
    var input = holder.querySelector("input");
    if (input) { input.value = query; input.dispatchEvent(new Event("input", { bubbles: true })); }
  }
})();
