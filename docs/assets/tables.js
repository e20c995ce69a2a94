/* A table wider than the screen scrolls inside its own box (Material's scrollwrap). Such a box must be
 * reachable by keyboard and named (WCAG 2.1.1; axe rule scrollable-region-focusable). Runs after Material
 * has wrapped the tables (document$), and again when the window size changes. */
(function () {
  "use strict";
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
      if (table.scrollWidth > table.clientWidth + 1 || wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", label(wrap));
      } else if (wrap.hasAttribute("tabindex")) {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(mark);
  else document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("resize", mark);
})();
