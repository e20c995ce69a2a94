/* "Copy" buttons for KE contact blocks: hospital staff paste the unit, phones, e-mail and HER-id
 * into a discharge message or a record. Added by script so no dead button shows without JavaScript.
 *
 * Every copied block names whose KE it is (the page's heading is not enough: a municipality page also shows
 * the hospital's KE) and ends with who vouches for the details and how old they are. Both lines are written
 * by the build into data-copy-title and data-copy-source, in the page's language. */
(function () {
  "use strict";
  // The printed page's address, when the build did not know the public address (SITE_URL).
  document.querySelectorAll(".ke-print-url__href").forEach(function (span) {
    if (!span.textContent.trim()) span.textContent = location.href.split("#")[0];
  });
  if (!navigator.clipboard) return;
  // One complete table per language of the site; the page's <html lang> chooses (nb at /, nn at /nn/, en at /en/).
  var TEXT = {
    nb: { copy: "Kopier kontaktinformasjonen", copied: "Kopiert" },
    nn: { copy: "Kopier kontaktopplysningane", copied: "Kopiert" },
    en: { copy: "Copy contact details", copied: "Copied" }
  };
  var lang = document.documentElement.lang;
  var words = TEXT[TEXT.hasOwnProperty(lang) ? lang : "nb"];

  function blockText(list) {
    var lines = [];
    var title = list.getAttribute("data-copy-title");
    if (title) lines.push(title);
    list.querySelectorAll("dt").forEach(function (dt) {
      var dd = dt.nextElementSibling;
      if (!dd) return;
      // An unknown HER-id is a sentence about where to look, not an address: leave it out of the message.
      if (/HER-id/.test(dt.textContent) && !dd.querySelector(".ke-her-id")) return;
      var link = dd.querySelector("a[href^='http']");
      var value = link && link.textContent.trim() !== link.getAttribute("href") ? link.getAttribute("href") : dd.textContent;
      lines.push(dt.textContent.trim() + ": " + value.replace(/\s+/g, " ").trim());
    });
    var source = list.getAttribute("data-copy-source");
    if (source) lines.push(source);
    return lines.join("\n");
  }

  document.querySelectorAll("dl.ke-contact[data-copy-title]").forEach(function (list) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ke-copy";
    button.textContent = words.copy;
    var title = list.getAttribute("data-copy-title");
    if (title) button.setAttribute("aria-label", words.copy + ": " + title);
    var status = document.createElement("span");
    status.className = "ke-copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(blockText(list)).then(function () { status.textContent = words.copied; });
    });
    list.insertAdjacentElement("afterend", button);
    button.insertAdjacentElement("afterend", status);
  });
})();
