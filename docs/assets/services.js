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
    // Counts beside each service follow the chosen county / trust: "known in 2 of 18 municipalities in Troms".
    var list = document.querySelector("ul[data-totals]");
    var indexStatus = document.querySelector(".ke-filter-status");
    var en = document.documentElement.lang === "en";
    var recount = function () {
      if (!list) return;
      var key = county.value + "|" + trust.value;
      var filtered = county.value || trust.value;
      var totals = JSON.parse(list.getAttribute("data-totals"));
      var names = [];
      if (county.value) names.push(county.options[county.selectedIndex].textContent.trim());
      if (trust.value) names.push(trust.options[trust.selectedIndex].textContent.trim());
      var where = names.join(en ? " and " : " og ");
      var total = totals[key] || 0;
      list.querySelectorAll(".ke-known").forEach(function (span) {
        if (!span.hasAttribute("data-national")) span.setAttribute("data-national", span.textContent);
        if (!filtered) { span.textContent = span.getAttribute("data-national"); return; }
        var known = JSON.parse(span.getAttribute("data-known"))[key] || 0;
        // A statutory service (child coordinator) is a right everywhere: we count contacts, not "who has it".
        var right = span.hasAttribute("data-statutory");
        span.textContent = right
          ? (en ? "a right in every municipality; we have details from " + known + " of " + total + " municipalities in " + where
                : "en rett i alle kommuner; vi har opplysninger fra " + known + " av " + total + " kommuner i " + where)
          : (en ? "known in " + known + " of " + total + " municipalities in " + where
                : "kjent i " + known + " av " + total + " kommuner i " + where);
      });
      if (indexStatus) {
        indexStatus.textContent = !filtered ? "" : en
          ? "The counts are now for " + where + " (" + total + " municipalities)."
          : "Tallene gjelder nå " + where + " (" + total + " kommuner).";
      }
    };
    county.addEventListener("change", recount);
    trust.addEventListener("change", recount);
    recount();
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
  var empty = document.querySelector(".ke-filter-empty");
  var unknown = document.querySelector(".ke-filter-unknown");
  var unknownText = unknown.querySelector(".ke-filter-unknown__text");
  var nationalText = unknownText.textContent;
  var totals = JSON.parse(unknown.getAttribute("data-totals"));
  var lang = document.documentElement.lang === "en" ? "en" : "nb";
  var TEXT = {
    nb: {
      showing: function (shown, all) { return "Viser " + shown + " av " + all + " kommuner."; },
      showingIn: function (shown, where) {
        return "Viser " + shown + (shown === 1 ? " kommune" : " kommuner") + " i " + where + " som vi vet har tilbudet.";
      },
      none: function (county, trust) { return "Ingen kommune hører både til " + county + " og til " + trust + ". Velg et annet fylke eller helseforetak."; },
      where: function (names) { return names.join(" og "); },
      empty: function (where) {
        return "Vi vet ennå ikke om noen kommune i " + where + " som har dette tilbudet. Det betyr ikke at de mangler det: " +
          "vi har bare ikke opplysningene. Velg et annet fylke eller helseforetak, eller «Alle».";
      },
      unknown: function (n, total, where) {
        return "For " + n + " av " + total + (total === 1 ? " kommune" : " kommuner") + " i " + where +
          " vet vi ikke om de har tilbudet. Det betyr ikke at de mangler det.";
      },
      noContact: function (n, total, where) {
        return "For " + n + " av " + total + (total === 1 ? " kommune" : " kommuner") + " i " + where +
          " har vi ingen opplysninger eller kontakt for dette ennå. De skal likevel gi det.";
      },
      emptyRight: function (where) {
        return "Vi har ennå ingen opplysninger om dette fra kommunene i " + where + ". Det er en rett i alle kommuner: " +
          "spør koordinerende enhet i kommunen. Velg et annet fylke eller helseforetak, eller «Alle».";
      }
    },
    en: {
      showing: function (shown, all) { return "Showing " + shown + " of " + all + " municipalities."; },
      showingIn: function (shown, where) {
        return "Showing " + shown + (shown === 1 ? " municipality" : " municipalities") + " in " + where + " that we know offer this.";
      },
      none: function (county, trust) { return "No municipality belongs both to " + county + " and to " + trust + ". Choose another county or hospital trust."; },
      where: function (names) { return names.join(" and "); },
      empty: function (where) {
        return "We do not know yet of any municipality in " + where + " that offers this. That does not mean they lack it: " +
          "we just do not have the details. Choose another county or hospital trust, or “All”.";
      },
      unknown: function (n, total, where) {
        return "For " + n + " of " + total + (total === 1 ? " municipality" : " municipalities") + " in " + where +
          " we do not know whether they offer this. That does not mean they lack it.";
      },
      noContact: function (n, total, where) {
        return "For " + n + " of " + total + (total === 1 ? " municipality" : " municipalities") + " in " + where +
          " we have no details or contact for this yet. They must still provide it.";
      },
      emptyRight: function (where) {
        return "We have no details about this yet from the municipalities in " + where + ". It is a right in every " +
          "municipality: ask the municipality's coordinating unit. Choose another county or hospital trust, or “All”.";
      }
    }
  }[lang];
  function chosenName(select) { return select.options[select.selectedIndex].textContent.trim(); }
  function apply() {
    var shown = 0;
    var rows = table.querySelectorAll("tbody tr");
    rows.forEach(function (row) {
      var ok = (!county.value || row.getAttribute("data-county") === county.value) &&
               (!trust.value || row.getAttribute("data-trusts").split(" ").indexOf(trust.value) >= 0);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    var filtered = county.value || trust.value;
    var names = [];
    if (county.value) names.push(chosenName(county));
    if (trust.value) names.push(chosenName(trust));
    var where = TEXT.where(names);
    // Never an empty table without a word: say that we know of none here, and why that is not a "no".
    // Counts for the chosen county / trust, not for the whole country.
    var total = filtered ? (totals[county.value + "|" + trust.value] || 0) : null;
    var emptyText = !shown ? (total === 0 ? TEXT.none(chosenName(county), chosenName(trust)) : TEXT.empty(where)) : "";
    // Material wraps tables (and styles them display:table), so hide the wrapper, not only the table.
    var box = table.closest(".md-typeset__scrollwrap") || table;
    box.style.display = shown === 0 ? "none" : "";
    table.hidden = shown === 0;
    empty.hidden = shown !== 0;
    empty.textContent = emptyText;
    unknown.hidden = filtered && total === 0;
    var statutory = unknown.hasAttribute("data-statutory");
    unknownText.textContent = filtered ? (statutory ? TEXT.noContact : TEXT.unknown)(total - shown, total, where) : nationalText;
    if (!shown && statutory && total !== 0) empty.textContent = TEXT.emptyRight(where);
    status.textContent = filtered ? TEXT.showingIn(shown, where) : TEXT.showing(shown, rows.length);
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
