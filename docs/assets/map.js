/* The coverage map: one Tab stop, arrow keys inside, and a visible label for the municipality under the
 * pointer or the keyboard focus. Only the first municipality link is in the Tab order (map_svg.py);
 * this moves that single stop with the arrows (roving tabindex), so leaving the map takes one Tab. */
(function () {
  "use strict";
  var map = document.querySelector("svg.ke-map");
  var label = document.querySelector("[data-map-label]");
  if (!map || !label) return;
  var links = Array.prototype.slice.call(map.querySelectorAll("a"));
  if (!links.length) return;
  var idle = label.textContent;

  function show(link) { label.textContent = link ? link.getAttribute("aria-label") : idle; }
  function moveTo(i) {
    var next = links[(i + links.length) % links.length];
    links.forEach(function (a) { a.setAttribute("tabindex", a === next ? "0" : "-1"); });
    next.focus();
  }

  map.addEventListener("keydown", function (event) {
    var i = links.indexOf(document.activeElement);
    if (i < 0) return;
    var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
    if (step) { event.preventDefault(); moveTo(i + step); }
    else if (event.key === "Home") { event.preventDefault(); moveTo(0); }
    else if (event.key === "End") { event.preventDefault(); moveTo(links.length - 1); }
  });
  map.addEventListener("focusin", function (event) { show(event.target.closest("a")); });
  map.addEventListener("focusout", function () { show(null); });
  map.addEventListener("mouseover", function (event) { var a = event.target.closest("a"); if (a) show(a); });
  map.addEventListener("mouseleave", function () {
    show(map.contains(document.activeElement) ? document.activeElement.closest("a") : null);
  });
})();
