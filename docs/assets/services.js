/* Who offers what: county and hospital-trust filters that combine, on the service pages.
 * On the services index the form leads to the chosen service page with the filters in the URL
 * (?fylke=18&hf=unn); on a service page they hide the rows that do not match. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-services-filter]");
  if (!form) return;
  form.hidden = false;
  var county = form.querySelector("select[name=fylke]");
  var trust = form.querySelector("select[name=hf]");
  var service = form.querySelector("select[name=tjeneste]");
  var params = new URLSearchParams(window.location.search);
  county.value = params.get("fylke") || "";
  trust.value = params.get("hf") || "";

  if (service) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = new URLSearchParams();
      if (county.value) query.set("fylke", county.value);
      if (trust.value) query.set("hf", trust.value);
      var target = service.value + (query.toString() ? "?" + query.toString() : "");
      window.location.href = target;
    });
    return;
  }

  var table = document.querySelector("table[data-services-table]");
  var status = document.querySelector(".ke-filter-status");
  var lang = document.documentElement.lang === "en" ? "en" : "nb";
  function apply() {
    var shown = 0;
    var rows = table.querySelectorAll("tbody tr");
    rows.forEach(function (row) {
      var ok = (!county.value || row.getAttribute("data-county") === county.value) &&
               (!trust.value || row.getAttribute("data-trusts").split(" ").indexOf(trust.value) >= 0);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    status.textContent = lang === "en"
      ? "Showing " + shown + " of " + rows.length + " municipalities."
      : "Viser " + shown + " av " + rows.length + " kommuner.";
    var query = new URLSearchParams();
    if (county.value) query.set("fylke", county.value);
    if (trust.value) query.set("hf", trust.value);
    history.replaceState(null, "", window.location.pathname + (query.toString() ? "?" + query : ""));
  }
  county.addEventListener("change", apply);
  trust.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  if (county.value || trust.value) apply();
})();
