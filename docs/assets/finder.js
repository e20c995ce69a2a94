/* KE finder: type a municipality name (any official form, with or without æøå or Sami
 * letters), a postal code or a municipality number, and go straight to its page.
 * WAI-ARIA 1.2 combobox with listbox popup. No dependencies, no third-party requests.
 * fold() must stay identical to ke_finder/model/names.py fold(): tests/test_finder.py checks both. */
(function () {
  "use strict";

  var ASCII_FOR = { "æ": "ae", "ø": "o", "å": "a", "đ": "d", "ŋ": "n", "ŧ": "t", "ʒ": "z", "ǯ": "z", "ß": "ss" };
  /* Characters nobody sees (zero-width, bidi controls, soft hyphen …): dropped before matching, so a
   * pasted name still matches. Copy of ke_finder/characters.py INVISIBLE; tests/test_finder.py compares. */
  var INVISIBLE = /[\u00AD\u034F\u0600-\u0605\u061C\u06DD\u070F\u0890-\u0891\u08E2\u115F-\u1160\u17B4-\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB\u{110BD}\u{110CD}\u{13430}-\u{1343F}\u{1BCA0}-\u{1BCA3}\u{1D173}-\u{1D17A}\u{E0001}\u{E0020}-\u{E007F}\u{E0100}-\u{E01EF}]/gu;
  var MAX_SUGGESTIONS = 10;
  // One complete table per language of the site; the form's data-lang chooses (ke-finder.html writes the page's).
  var TEXT = {
    nb: {
      count: function (n) { return n === 1 ? "1 forslag. Trykk Enter for å gå dit." : n + " forslag. Bruk pil opp og ned, og Enter."; },
      none: function (q) { return "Fant ingen kommune for «" + q + "». Trykk Enter for å søke etter det på hele nettstedet, eller velg fra listen over fylker."; },
      searchFor: function (q) { return "Søk etter «" + q + "»"; },
      searchWhere: "på hele nettstedet",
      hospital: function (trust) { return "sykehus i " + trust; },
      trust: "helseforetak",
      noPostal: function (q) { return "Fant ikke postnummer " + q + ". Sjekk nummeret, eller skriv navnet på kommunen."; },
      notMunicipality: function (code, place, area) {
        var where = place === area ? "" : (code ? code + " " : "") + place + " er på " + area + ". ";
        return where + area + " er ikke en kommune og er ikke med i denne oversikten. " +
          "Ring ReHabiliteringstelefonen 800 30 061 for råd.";
      },
      didYouMean: function (q, labels) {
        return "Fant ingen kommune som heter «" + q + "». Mente du " + orList(labels, "eller") + "? Velg fra listen.";
      },
      choose: function (n) { return n + " treff passer. Velg ett av dem i listen: pil ned og Enter, eller trykk på det."; },
      district: function (municipality) { return "bydel i " + municipality; },
      place: function (place) { return "poststed " + place; },
      municipalityNumber: "kommunenummer",
      postalCode: "postnummer",
      loading: "Henter kommunelisten …",
      failed: "Kunne ikke hente kommunelisten. Velg fra listen over fylker i stedet."
    },
    nn: {
      count: function (n) { return n === 1 ? "1 forslag. Trykk Enter for å gå dit." : n + " forslag. Bruk pil opp og ned, og Enter."; },
      none: function (q) { return "Fann ingen kommune for «" + q + "». Trykk Enter for å søkje etter det på heile nettstaden, eller vel frå lista over fylke."; },
      searchFor: function (q) { return "Søk etter «" + q + "»"; },
      searchWhere: "på heile nettstaden",
      hospital: function (trust) { return "sjukehus i " + trust; },
      trust: "helseføretak",
      noPostal: function (q) { return "Fann ikkje postnummer " + q + ". Sjekk nummeret, eller skriv namnet på kommunen."; },
      notMunicipality: function (code, place, area) {
        var where = place === area ? "" : (code ? code + " " : "") + place + " er på " + area + ". ";
        return where + area + " er ikkje ein kommune og er ikkje med i denne oversikta. " +
          "Ring ReHabiliteringstelefonen 800 30 061 for råd.";
      },
      didYouMean: function (q, labels) {
        return "Fann ingen kommune som heiter «" + q + "». Meinte du " + orList(labels, "eller") + "? Vel frå lista.";
      },
      choose: function (n) { return n + " treff passar. Vel eitt av dei i lista: pil ned og Enter, eller trykk på det."; },
      district: function (municipality) { return "bydel i " + municipality; },
      place: function (place) { return "poststad " + place; },
      municipalityNumber: "kommunenummer",
      postalCode: "postnummer",
      loading: "Hentar kommunelista …",
      failed: "Kunne ikkje hente kommunelista. Vel frå lista over fylke i staden."
    },
    en: {
      count: function (n) { return n === 1 ? "1 suggestion. Press Enter to go there." : n + " suggestions. Use the up and down arrows, then Enter."; },
      none: function (q) { return "No municipality found for “" + q + "”. Press Enter to search the whole site for it, or choose from the list of counties."; },
      searchFor: function (q) { return "Search for “" + q + "”"; },
      searchWhere: "on the whole site",
      hospital: function (trust) { return "hospital in " + trust; },
      trust: "hospital trust",
      noPostal: function (q) { return "Postal code " + q + " was not found. Check the number, or type the municipality's name."; },
      notMunicipality: function (code, place, area) {
        var where = place === area ? "" : (code ? code + " " : "") + place + " is in " + area + ". ";
        return where + area + " is not a municipality and is not part of this directory. " +
          "Call ReHabiliteringstelefonen on 800 30 061 for advice.";
      },
      didYouMean: function (q, labels) {
        return "No municipality is called “" + q + "”. Did you mean " + orList(labels, "or") + "? Choose from the list.";
      },
      choose: function (n) { return n + " matches. Choose one from the list: arrow down and Enter, or tap it."; },
      district: function (municipality) { return "district of " + municipality; },
      place: function (place) { return "postal place " + place; },
      municipalityNumber: "municipality number",
      postalCode: "postal code",
      loading: "Loading the list of municipalities …",
      failed: "Could not load the list of municipalities. Choose from the list of counties instead."
    }
  };

  function orList(items, word) {
    var unique = items.filter(function (x, i) { return items.indexOf(x) === i; }).slice(0, 3);
    return unique.length < 2 ? unique.join("") : unique.slice(0, -1).join(", ") + " " + word + " " + unique[unique.length - 1];
  }

  function fold(text) {
    var lowered = String(text).replace(INVISIBLE, "").toLowerCase().normalize("NFC");
    var out = "";
    for (var i = 0; i < lowered.length; i++) {
      var ch = lowered[i];
      if (ASCII_FOR.hasOwnProperty(ch)) { out += ASCII_FOR[ch]; continue; }
      var base = ch.normalize("NFD")[0];
      out += /[a-z0-9]/.test(base) ? base : " ";
    }
    return out.split(/\s+/).filter(Boolean).join(" ");
  }

  /* The loaded index, reshaped once for fast lookups. */
  function prepare(raw) {
    var byNumber = {};
    var municipalities = raw.m.map(function (row, order) {
      var m = { number: row[0], name: row[1], county: raw.c[row[2]] || "", keys: row[3].split("|"), order: order };
      byNumber[m.number] = m;
      return m;
    });
    var postal = {};
    Object.keys(raw.p).forEach(function (number) {
      raw.p[number].split("\t").forEach(function (entry) {
        postal[entry.slice(0, 4)] = { number: number, place: entry.slice(4) };
      });
    });
    /* Postal place names ("Mosjøen", "Sandvika"): one entry per folded name, with every municipality
     * it lies in, or the area it lies in when that is not a municipality (Longyearbyen). */
    var placeByKey = {};
    function addPlace(name, number) {
      var key = fold(name);
      if (!key) return;
      var p = placeByKey[key] || (placeByKey[key] = { key: key, name: name, numbers: [], elsewhere: false, area: null });
      if (raw.x[number]) { p.elsewhere = true; p.area = raw.x[number]; }
      else if (p.numbers.indexOf(number) < 0) p.numbers.push(number);
    }
    Object.keys(postal).sort().forEach(function (code) { addPlace(postal[code].place, postal[code].number); });
    Object.keys(raw.x).forEach(function (number) { addPlace(raw.x[number], number); });
    var places = Object.keys(placeByKey).sort().map(function (key) {
      var p = placeByKey[key];
      if (p.elsewhere && p.numbers.length) p.elsewhere = false;  // a municipality shares the name: no dead end
      return p;
    });
    var districts = [];
    Object.keys(raw.d || {}).sort().forEach(function (number) {
      raw.d[number].forEach(function (row, i) {
        districts.push({ municipality: number, id: row[0], name: row[1], key: fold(row[1]), order: i });
      });
    });
    /* Hospitals by the names people use ("Rikshospitalet", "Haukeland"): they lead to their trust's page. */
    var hospitals = [];
    (raw.h || []).forEach(function (row, i) {
      row[0].split("|").forEach(function (key) {
        hospitals.push({ key: key, name: row[1], trust: row[2], trustName: row[3], order: i });
      });
    });
    return { municipalities: municipalities, byNumber: byNumber, postal: postal, elsewhere: raw.x,
             places: places, districts: districts, hospitals: hospitals };
  }

  function scoreKey(key, q) {
    if (key === q) return 0;
    if (key.indexOf(q) === 0) return 1;
    if ((" " + key).indexOf(" " + q) >= 0) return 2;
    if (key.indexOf(q) >= 0) return 3;
    return -1;
  }

  /* Words people add around a name ("Tromsø kommune", "Voss herad", "Bergen municipality", "Bydel
   * Frogner"): dropped from the query unless nothing else is left. Sami and Kven words for
   * municipality included. */
  var FILLER = { kommune: 1, kommun: 1, kommuna: 1, herad: 1, municipality: 1, bydel: 1, bydelen: 1,
                 district: 1, borough: 1, gielda: 1, suohkan: 1, tjielte: 1, kunta: 1, of: 1,
                 sentrum: 1, centre: 1, center: 1 };  // "Stryn sentrum": the town centre is the town

  /* A postal code typed with a space ("0 450", "04 50") is the code: digits around one space are joined
   * when they make four. */
  function joinSpacedCode(q) {
    return q.replace(/(^| )(\d{1,3}) (\d{1,3})(?= |$)/g, function (all, before, a, b) {
      return (a + b).length === 4 ? before + a + b : all;
    });
  }

  function stripFiller(q) {
    var words = q.split(" ");
    var kept = words.filter(function (w) { return !FILLER.hasOwnProperty(w); });
    return kept.length ? kept.join(" ") : q;
  }

  /* Optimal string alignment distance, stopping early above 1: one typo is a letter missing,
   * extra, wrong, or two neighbours swapped ("kautokeno", "trondhiem"). */
  function withinOneEdit(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;                       // one wrong letter
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);  // swapped
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);  // extra / missing
  }

  /* Every name that leads somewhere, as [key, target]: municipality names, postal place names,
   * Oslo's districts and the places that are not municipalities (Svalbard, Jan Mayen). */
  function forEachName(index, visit) {
    index.municipalities.forEach(function (m) {
      for (var i = 0; i < m.keys.length; i++) visit(m.keys[i], { kind: "name", m: m });
    });
    index.places.forEach(function (p) { visit(p.key, { kind: "place", place: p }); });
    index.districts.forEach(function (d) { visit(d.key, { kind: "district", district: d }); });
    index.hospitals.forEach(function (h) { visit(h.key, { kind: "hospital", hospital: h }); });
  }

  /* Suggestions for a query: [{number, label, detail, hash?, exact}] plus an optional message. */
  function search(index, query) {
    var q = stripFiller(joinSpacedCode(fold(query)));
    var result = { suggestions: [], message: null, kind: "name" };
    if (!q) return result;
    if (/^\d+$/.test(q)) {
      result.kind = "number";
      return searchDigits(index, q, result);
    }
    var code = q.match(/(?:^| )(\d{4})(?: |$)/);  // "0450 Oslo", "Oslo 0450"
    if (code) {
      result.kind = "number";
      return searchDigits(index, code[1], result);
    }
    var best = {};   // destination -> {score, target}
    forEachName(index, function (key, target) {
      var s = scoreKey(key, q);
      if (s < 0) return;
      if (target.kind === "place" && s > 1) return;  // place names: whole name or its start only
      addTarget(best, target, s);
    });
    var typo = false;
    if (!Object.keys(best).length && q.length >= 4) {
      forEachName(index, function (key, target) {
        if (withinOneEdit(key, q)) addTarget(best, target, 0);
      });
      typo = Object.keys(best).length > 0;
    }
    // A name typed in full ("Herøy") is not padded with places that merely start with it ("Herøysundet").
    var exactName = Object.keys(best).some(function (dest) {
      return best[dest].score === 0 && best[dest].target.kind !== "place";
    });
    if (exactName) {
      Object.keys(best).forEach(function (dest) {
        if (best[dest].target.kind === "place" && best[dest].score > 0) delete best[dest];
      });
    }
    var elsewhere = null;
    Object.keys(best).forEach(function (dest) {
      var hit = best[dest];
      if (hit.target.kind === "place" && hit.target.place.elsewhere) {
        if (!elsewhere || hit.score < elsewhere.score) {
          elsewhere = { name: hit.target.place.name, area: hit.target.place.area, score: hit.score };
        }
        delete best[dest];
      }
    });
    var scored = Object.keys(best).map(function (dest) { return best[dest]; });
    scored.sort(function (a, b) { return a.score - b.score || a.rank - b.rank || a.order - b.order; });
    result.suggestions = scored.slice(0, MAX_SUGGESTIONS).map(function (hit) { return suggestion(index, hit); });
    if (elsewhere && (elsewhere.score === 0 || !scored.length) && !scored.some(function (hit) { return hit.score === 0; })) {
      result.message = ["notMunicipality", "", elsewhere.name, elsewhere.area];
    } else if (typo) {
      result.message = ["didYouMean", query.trim(), result.suggestions.map(function (s) { return s.label; })];
    } else if (!result.suggestions.length) {
      // Not a place: perhaps a topic ("koordinator for barn"). Offer to search the whole site for it.
      result.message = ["none", query.trim()];
      result.suggestions = [{ search: query.trim(), label: query.trim(), detail: "search", exact: true }];
    }
    return result;
  }

  /* Keep the best-scoring way to each destination (a municipality, or a district's anchor). */
  function addTarget(best, target, score) {
    var dests = [];
    if (target.kind === "name") dests = [[target.m.number, 0, target.m.order]];
    else if (target.kind === "district") dests = [["d" + target.district.id, 0.5, target.district.order]];
    else if (target.kind === "hospital") dests = [["h" + target.hospital.name, 0.8, target.hospital.order]];
    else if (target.place.elsewhere) dests = [["x" + target.place.key, 2, 0]];
    else dests = target.place.numbers.map(function (n, i) { return [n, 1, i]; });
    dests.forEach(function (d) {
      var old = best[d[0]];
      var rank = d[1];
      if (!old || score < old.score || (score === old.score && rank < old.rank)) {
        best[d[0]] = { score: score, rank: rank, order: d[2], target: target };
      }
    });
  }

  function suggestion(index, hit) {
    var t = hit.target;
    if (t.kind === "district") {
      var d = t.district;
      return { number: d.municipality, label: d.name, detail: "district", place: index.byNumber[d.municipality].name,
               hash: "bydel-" + d.id, exact: hit.score === 0 };
    }
    if (t.kind === "hospital") {
      var h = t.hospital;
      return { trust: h.trust, label: h.name, detail: "hospital", place: h.trustName, exact: hit.score === 0 };
    }
    if (t.kind === "place") {
      var number = t.place.numbers[hit.order];
      return { number: number, label: index.byNumber[number].name, detail: "place", place: t.place.name,
               exact: hit.score === 0 };
    }
    return { number: t.m.number, label: t.m.name, detail: t.m.county, exact: hit.score === 0 };
  }

  function searchDigits(index, q, result) {
    var m = q.length === 4 ? index.byNumber[q] : null;
    if (m) result.suggestions.push({ number: m.number, label: m.name, detail: "municipalityNumber", code: q, exact: true });
    if (q.length === 4) {
      var hit = index.postal[q];
      if (hit && index.byNumber[hit.number]) {
        result.suggestions.push({ number: hit.number, label: index.byNumber[hit.number].name, detail: "postalCode",
                                  code: q, place: hit.place, exact: true });
      } else if (hit && index.elsewhere[hit.number]) {
        result.message = ["notMunicipality", q, hit.place, index.elsewhere[hit.number]];
      } else if (!m) {
        result.message = ["noPostal", q];
      }
      return result;
    }
    if (q.length < 4) {
      var codes = Object.keys(index.postal).filter(function (code) { return code.indexOf(q) === 0; }).sort();
      codes.slice(0, MAX_SUGGESTIONS).forEach(function (code) {
        var hit = index.postal[code];
        if (index.byNumber[hit.number]) {
          result.suggestions.push({ number: hit.number, label: index.byNumber[hit.number].name, detail: "postalCode",
                                    code: code, place: hit.place });
        }
      });
    }
    if (!result.suggestions.length && !result.message) result.message = ["noPostal", q];
    return result;
  }

  /* Where Enter goes without a highlighted option: the one destination if the query points at exactly
   * one (a single suggestion, or a single exact match); otherwise null and the user chooses. */
  function destinationFor(suggestions) {
    var dests = {};
    var exact = {};
    suggestions.forEach(function (s, i) {
      var key = s.trust ? "trust#" + s.trust : s.search ? "search#" : s.number + "#" + (s.hash || "");
      if (!dests.hasOwnProperty(key)) dests[key] = i;
      if (s.exact && !exact.hasOwnProperty(key)) exact[key] = i;
    });
    var all = Object.keys(dests), exacts = Object.keys(exact);
    if (all.length === 1) return dests[all[0]];
    if (exacts.length === 1) return exact[exacts[0]];
    return null;
  }

  function Finder(form) {
    this.form = form;
    this.input = form.querySelector("[role=combobox]");
    this.list = form.querySelector("[role=listbox]");
    this.status = form.querySelector("[role=status]");
    // data-root is the site root plus the language's prefix ("", "nn/" or "en/"), so a choice made on a
    // nynorsk page leads to the nynorsk page of the municipality.
    this.root = form.getAttribute("data-root");
    var lang = form.getAttribute("data-lang");
    this.text = TEXT[TEXT.hasOwnProperty(lang) ? lang : "nb"];
    this.indexUrl = form.getAttribute("data-index");
    this.index = null;
    this.loading = null;
    this.suggestions = [];
    this.query = null;
    this.active = -1;
    this.bind();
  }

  Finder.prototype.load = function () {
    var self = this;
    if (!this.loading) {
      this.loading = fetch(this.indexUrl, { credentials: "same-origin" })
        .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
        .then(function (raw) { self.index = prepare(raw); return self.index; })
        .catch(function (error) { self.loading = null; self.say(self.text.failed); throw error; });
    }
    return this.loading;
  };

  Finder.prototype.bind = function () {
    var self = this;
    this.input.addEventListener("focus", function () { self.load().catch(function () {}); });
    this.input.addEventListener("input", function () { self.update(); });
    this.input.addEventListener("keydown", function (event) { self.onKey(event); });
    this.input.addEventListener("blur", function () {
      self.closeTimer = setTimeout(function () { self.close(); }, 150);
    });
    this.list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) self.go(Number(option.getAttribute("data-index")));
    });
    this.form.addEventListener("submit", function (event) {
      if (!self.index) return;  // not loaded (yet): the form leads to the list of every municipality
      event.preventDefault();
      if (self.input.value !== self.query) self.update();
      if (self.active >= 0) { self.go(self.active); return; }
      var target = destinationFor(self.suggestions);
      if (target !== null) { self.go(target); return; }
      if (self.suggestions.length) {
        // More than one place fits ("Herøy", "4014"): never pick one silently; let the user choose.
        // (Pressing the button blurred the box: keep the list open and the focus where the arrows work.)
        clearTimeout(self.closeTimer);
        if (document.activeElement !== self.input) self.input.focus();
        self.list.hidden = false;
        self.input.setAttribute("aria-expanded", "true");
        self.say(self.text.choose(self.suggestions.length));
      }
    });
  };

  Finder.prototype.update = function () {
    var self = this;
    var query = this.input.value;
    if (!this.index) {
      this.say(this.text.loading);
      this.load().then(function () { if (self.input.value === query) self.update(); }).catch(function () {});
      return;
    }
    var result = search(this.index, query);
    this.query = query;
    this.render(result);
  };

  Finder.prototype.render = function (result) {
    var self = this;
    this.suggestions = result.suggestions;
    this.active = -1;
    this.list.textContent = "";
    result.suggestions.forEach(function (s, i) {
      var li = document.createElement("li");
      li.id = "ke-finder-option-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.setAttribute("data-index", String(i));
      li.className = "ke-finder__option";
      var name = document.createElement("span");
      name.className = "ke-finder__name";
      name.textContent = s.search ? self.text.searchFor(s.label) : s.label;
      var detail = document.createElement("span");
      detail.className = "ke-finder__detail";
      if (s.detail === "postalCode") detail.textContent = self.text.postalCode + " " + s.code + " " + s.place;
      else if (s.detail === "district") detail.textContent = self.text.district(s.place);
      else if (s.detail === "hospital") detail.textContent = s.label === s.place ? self.text.trust : self.text.hospital(s.place);
      else if (s.detail === "search") detail.textContent = self.text.searchWhere;
      else if (s.detail === "place") detail.textContent = self.text.place(s.place);
      else if (s.detail === "municipalityNumber") detail.textContent = self.text.municipalityNumber + " " + s.code;
      else if (s.label.indexOf(s.detail) < 0) detail.textContent = s.detail;  // "Herøy (Nordland)" names it already
      li.appendChild(name);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(detail);
      self.list.appendChild(li);
    });
    var open = result.suggestions.length > 0;
    this.list.hidden = !open;
    this.input.setAttribute("aria-expanded", open ? "true" : "false");
    this.input.removeAttribute("aria-activedescendant");
    if (result.message) this.say(this.text[result.message[0]].apply(null, result.message.slice(1)));
    else if (open) this.say(this.text.count(result.suggestions.length));
    else this.say("");
  };

  Finder.prototype.say = function (message) { this.status.textContent = message; };

  Finder.prototype.close = function () {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  Finder.prototype.highlight = function (i) {
    var options = this.list.querySelectorAll("[role=option]");
    if (!options.length) return;
    this.active = (i + options.length) % options.length;
    for (var k = 0; k < options.length; k++) options[k].setAttribute("aria-selected", k === this.active ? "true" : "false");
    this.input.setAttribute("aria-activedescendant", options[this.active].id);
    options[this.active].scrollIntoView({ block: "nearest" });
  };

  Finder.prototype.onKey = function (event) {
    var open = !this.list.hidden;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open && this.suggestions.length) { this.list.hidden = false; this.input.setAttribute("aria-expanded", "true"); }
      this.highlight(this.active + 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      this.highlight(this.active - 1);
    } else if (event.key === "Escape") {
      if (open) { event.preventDefault(); this.close(); }
      else if (this.input.value) { event.preventDefault(); this.input.value = ""; this.render({ suggestions: [] }); }
    }
  };

  Finder.prototype.go = function (i) {
    var s = this.suggestions[i];
    if (!s) return;
    if (s.search) window.location.href = this.root + "search/?q=" + encodeURIComponent(s.search);
    else if (s.trust) window.location.href = this.root + "helseforetak/" + encodeURIComponent(s.trust) + "/";
    else window.location.href = this.root + "kommune/" + s.number + "/" + (s.hash ? "#" + s.hash : "");
  };

  window.KEFinder = { fold: fold, prepare: prepare, search: search, destinationFor: destinationFor,
                      withinOneEdit: withinOneEdit };
  var form = document.querySelector("form.ke-finder");
  if (form) window.KEFinder.instance = new Finder(form);
})();
