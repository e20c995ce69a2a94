/* Who offers what: county and hospital-trust filters that combine, on the service pages.
 * On the services index the form leads to the chosen service page with the filters in the URL
 * (?fylke=18&hf=unn); on a service page they hide the rows that do not match. */
(function () {
  "use strict";
  // One complete table per language of the site; the page's <html lang> chooses (nb at /, nn at /nn/, en at /en/).
  var TEXT = {
    nb: {
      // The services index: counts beside each service for the chosen county / trust.
      countRight: function (known, total, where) {
        return "en rett i alle kommuner; vi har opplysninger fra " + known + " av " + total + " kommuner i " + where;
      },
      countKnown: function (known, total, where) { return "kjent i " + known + " av " + total + " kommuner i " + where; },
      countsFor: function (where, total) { return "Tallene gjelder nå " + where + " (" + total + " kommuner)."; },
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
    nn: {
      countRight: function (known, total, where) {
        return "ein rett i alle kommunar; vi har opplysningar frå " + known + " av " + total + " kommunar i " + where;
      },
      countKnown: function (known, total, where) { return "kjend i " + known + " av " + total + " kommunar i " + where; },
      countsFor: function (where, total) { return "Tala gjeld no " + where + " (" + total + " kommunar)."; },
      showing: function (shown, all) { return "Viser " + shown + " av " + all + " kommunar."; },
      showingIn: function (shown, where) {
        return "Viser " + shown + (shown === 1 ? " kommune" : " kommunar") + " i " + where + " som vi veit har tilbodet.";
      },
      none: function (county, trust) { return "Ingen kommune høyrer både til " + county + " og til " + trust + ". Vel eit anna fylke eller helseføretak."; },
      where: function (names) { return names.join(" og "); },
      empty: function (where) {
        return "Vi veit enno ikkje om nokon kommune i " + where + " som har dette tilbodet. Det tyder ikkje at dei manglar det: " +
          "vi har berre ikkje opplysningane. Vel eit anna fylke eller helseføretak, eller «Alle».";
      },
      unknown: function (n, total, where) {
        return "For " + n + " av " + total + (total === 1 ? " kommune" : " kommunar") + " i " + where +
          " veit vi ikkje om dei har tilbodet. Det tyder ikkje at dei manglar det.";
      },
      noContact: function (n, total, where) {
        return "For " + n + " av " + total + (total === 1 ? " kommune" : " kommunar") + " i " + where +
          " har vi ingen opplysningar eller kontakt for dette enno. Dei skal likevel gje det.";
      },
      emptyRight: function (where) {
        return "Vi har enno ingen opplysningar om dette frå kommunane i " + where + ". Det er ein rett i alle kommunar: " +
          "spør koordinerande eining i kommunen. Vel eit anna fylke eller helseføretak, eller «Alle».";
      }
    },
    en: {
      countRight: function (known, total, where) {
        return "a right in every municipality; we have details from " + known + " of " + total + " municipalities in " + where;
      },
      countKnown: function (known, total, where) { return "known in " + known + " of " + total + " municipalities in " + where; },
      countsFor: function (where, total) { return "The counts are now for " + where + " (" + total + " municipalities)."; },
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
  };
  var lang = document.documentElement.lang;
  var words = TEXT[TEXT.hasOwnProperty(lang) ? lang : "nb"];

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
    var recount = function () {
      if (!list) return;
      var key = county.value + "|" + trust.value;
      var filtered = county.value || trust.value;
      var totals = JSON.parse(list.getAttribute("data-totals"));
      var names = [];
      if (county.value) names.push(county.options[county.selectedIndex].textContent.trim());
      if (trust.value) names.push(trust.options[trust.selectedIndex].textContent.trim());
      var where = words.where(names);
      var total = totals[key] || 0;
      list.querySelectorAll(".ke-known").forEach(function (span) {
        if (!span.hasAttribute("data-national")) span.setAttribute("data-national", span.textContent);
        if (!filtered) { span.textContent = span.getAttribute("data-national"); return; }
        var known = JSON.parse(span.getAttribute("data-known"))[key] || 0;
        // A statutory service (child coordinator) is a right everywhere: we count contacts, not "who has it".
        var right = span.hasAttribute("data-statutory");
        span.textContent = (right ? words.countRight : words.countKnown)(known, total, where);
      });
      if (indexStatus) {
        indexStatus.textContent = filtered ? words.countsFor(where, total) : "";
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
    var where = words.where(names);
    // Never an empty table without a word: say that we know of none here, and why that is not a "no".
    // Counts for the chosen county / trust, not for the whole country.
    var total = filtered ? (totals[county.value + "|" + trust.value] || 0) : null;
    var emptyText = !shown ? (total === 0 ? words.none(chosenName(county), chosenName(trust)) : words.empty(where)) : "";
    // Material wraps tables (and styles them display:table), so hide the wrapper, not only the table.
    var box = table.closest(".md-typeset__scrollwrap") || table;
    box.style.display = shown === 0 ? "none" : "";
    table.hidden = shown === 0;
    empty.hidden = shown !== 0;
    empty.textContent = emptyText;
    unknown.hidden = filtered && total === 0;
    var statutory = unknown.hasAttribute("data-statutory");
    unknownText.textContent = filtered ? (statutory ? words.noContact : words.unknown)(total - shown, total, where) : nationalText;
    if (!shown && statutory && total !== 0) empty.textContent = words.emptyRight(where);
    status.textContent = filtered ? words.showingIn(shown, where) : words.showing(shown, rows.length);
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
