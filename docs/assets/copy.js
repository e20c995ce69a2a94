/* "Copy" buttons for KE contact blocks: hospital staff paste the unit, phones, e-mail and HER-id
 * into a discharge message or a record. Added by script so no dead button shows without JavaScript. */
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  var en = document.documentElement.lang === "en";
  var words = en ? { copy: "Copy contact details", copied: "Copied" } : { copy: "Kopier kontaktinformasjonen", copied: "Kopiert" };
  document.querySelectorAll("dl.ke-contact").forEach(function (list) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ke-copy";
    button.textContent = words.copy;
    var status = document.createElement("span");
    status.className = "ke-copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      var lines = [];
      var heading = document.querySelector("h1");
      if (heading) lines.push(heading.textContent.trim());
      list.querySelectorAll("dt").forEach(function (dt) {
        var dd = dt.nextElementSibling;
        if (!dd) return;
        var link = dd.querySelector("a[href^='http']");
        var value = link && link.textContent.trim() !== link.getAttribute("href") ? link.getAttribute("href") : dd.textContent;
        lines.push(dt.textContent.trim() + ": " + value.replace(/\s+/g, " ").trim());
      });
      navigator.clipboard.writeText(lines.join("\n")).then(function () { status.textContent = words.copied; });
    });
    list.insertAdjacentElement("afterend", button);
    button.insertAdjacentElement("afterend", status);
  });
})();
