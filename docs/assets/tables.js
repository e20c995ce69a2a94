/* A table wider than the screen scrolls inside its own box (Material's scrollwrap). Such a box must be
 * reachable by keyboard and named (WCAG 2.1.1; axe rule scrollable-region-focusable). Runs after Material
 * has wrapped the tables (document$), and again when the window size changes. */
(function () {
  "use strict";
  // One complete table per language of the site; the page's <html lang> chooses (nb at /, nn at /nn/, en at /en/).
  var TEXT = {
    nb: { hint: "Tabellen er bredere enn skjermen: sveip eller rull sideveis for å se alle kolonnene. →" },
    nn: { hint: "Tabellen er breiare enn skjermen: sveip eller rull sidelengs for å sjå alle kolonnane. →" },
    en: { hint: "The table is wider than the screen: swipe or scroll sideways to see every column. →" }
  };
  var lang = document.documentElement.lang;
  var words = TEXT[TEXT.hasOwnProperty(lang) ? lang : "nb"];
  function label(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption) return caption.textContent.trim();
    var section = wrap.closest("section[aria-labelledby]");
    var heading = section && document.getElementById(section.getAttribute("aria-labelledby"));
    return heading ? heading.textContent.trim() : document.title;
  }
  function mark() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var table = wrap.querySelector(".md-typeset__table") || wrap;
      var hint = wrap.previousElementSibling && wrap.previousElementSibling.classList.contains("ke-scroll-hint")
        ? wrap.previousElementSibling : null;
      if (table.scrollWidth > table.clientWidth + 1 || wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", label(wrap));
        if (!hint) {
          // Say visibly that the table goes on to the side, so no column is mistaken for missing.
          hint = document.createElement("p");
          hint.className = "ke-scroll-hint";
          hint.setAttribute("aria-hidden", "true");
          hint.textContent = words.hint;
          wrap.parentNode.insertBefore(hint, wrap);
        }
      } else if (wrap.hasAttribute("tabindex")) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
      if (hint && !wrap.hasAttribute("tabindex")) hint.remove();
    });
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(mark);
  else document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", mark);
})();
