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
  var TEXT = {
    nb: {
      count: function (n) { return n === 1 ? "1 forslag. Trykk Enter for å gå dit." : n + " forslag. Bruk pil opp og ned, og Enter."; },
      none: function (q) { return "Fant ingen kommune for «" + q + "». Sjekk stavemåten, eller velg fra listen over fylker."; },
      noPostal: function (q) { return "Fant ikke postnummer " + q + ". Sjekk nummeret, eller skriv navnet på kommunen."; },
      notMunicipality: function (code, place, area) {
        return code + " " + place + " er på " + area + ". " + area + " er ikke en kommune og er ikke med i denne oversikten. " +
          "Ring ReHabiliteringstelefonen 800 30 061 for råd.";
      },
      municipalityNumber: "kommunenummer",
      postalCode: "postnummer",
      loading: "Henter kommunelisten …",
      failed: "Kunne ikke hente kommunelisten. Velg fra listen over fylker i stedet."
    },
    en: {
      count: function (n) { return n === 1 ? "1 suggestion. Press Enter to go there." : n + " suggestions. Use the up and down arrows, then Enter."; },
      none: function (q) { return "No municipality found for “" + q + "”. Check the spelling, or choose from the list of counties."; },
      noPostal: function (q) { return "Postal code " + q + " was not found. Check the number, or type the municipality's name."; },
      notMunicipality: function (code, place, area) {
        return code + " " + place + " is in " + area + ". " + area + " is not a municipality and is not part of this directory. " +
          "Call ReHabiliteringstelefonen on 800 30 061 for advice.";
      },
      municipalityNumber: "municipality number",
      postalCode: "postal code",
      loading: "Loading the list of municipalities …",
      failed: "Could not load the list of municipalities. Choose from the list of counties instead."
    }
  };

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
    return { municipalities: municipalities, byNumber: byNumber, postal: postal, elsewhere: raw.x };
  }

  function scoreKey(key, q) {
    if (key === q) return 0;
    if (key.indexOf(q) === 0) return 1;
    if ((" " + key).indexOf(" " + q) >= 0) return 2;
    if (key.indexOf(q) >= 0) return 3;
    return -1;
  }

  /* Suggestions for a query: [{kind, number, label, detail}] plus an optional message. */
  function search(index, query) {
    var q = fold(query);
    var result = { suggestions: [], message: null, kind: "name" };
    if (!q) return result;
    if (/^\d+$/.test(q)) {
      result.kind = "number";
      return searchDigits(index, q, result);
    }
    var scored = [];
    index.municipalities.forEach(function (m) {
      var best = -1;
      for (var i = 0; i < m.keys.length; i++) {
        var s = scoreKey(m.keys[i], q);
        if (s >= 0 && (best < 0 || s < best)) best = s;
        if (best === 0) break;
      }
      if (best >= 0) scored.push({ m: m, score: best });
    });
    scored.sort(function (a, b) { return a.score - b.score || a.m.order - b.m.order; });
    result.suggestions = scored.slice(0, MAX_SUGGESTIONS).map(function (s) {
      return { number: s.m.number, label: s.m.name, detail: s.m.county };
    });
    if (!result.suggestions.length) result.message = ["none", query.trim()];
    return result;
  }

  function searchDigits(index, q, result) {
    var m = q.length === 4 ? index.byNumber[q] : null;
    if (m) result.suggestions.push({ number: m.number, label: m.name, detail: "municipalityNumber", code: q });
    if (q.length === 4) {
      var hit = index.postal[q];
      if (hit && index.byNumber[hit.number]) {
        result.suggestions.push({ number: hit.number, label: index.byNumber[hit.number].name, detail: "postalCode",
                                  code: q, place: hit.place });
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

  function Finder(form) {
    this.form = form;
    this.input = form.querySelector("[role=combobox]");
    this.list = form.querySelector("[role=listbox]");
    this.status = form.querySelector("[role=status]");
    this.root = form.getAttribute("data-root");
    this.text = TEXT[form.getAttribute("data-lang")] || TEXT.nb;
    this.indexUrl = form.getAttribute("data-index");
    this.index = null;
    this.loading = null;
    this.suggestions = [];
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
    this.input.addEventListener("blur", function () { setTimeout(function () { self.close(); }, 150); });
    this.list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.list.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) self.go(Number(option.getAttribute("data-index")));
    });
    this.form.addEventListener("submit", function (event) {
      if (self.suggestions.length) { event.preventDefault(); self.go(self.active >= 0 ? self.active : 0); }
      else if (self.index) { event.preventDefault(); self.update(); }
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
      name.textContent = s.label;
      var detail = document.createElement("span");
      detail.className = "ke-finder__detail";
      if (s.detail === "postalCode") detail.textContent = self.text.postalCode + " " + s.code + " " + s.place;
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
    if (s) window.location.href = this.root + "kommune/" + s.number + "/";
  };

  window.KEFinder = { fold: fold, prepare: prepare, search: search };
  var form = document.querySelector("form.ke-finder");
  if (form) window.KEFinder.instance = new Finder(form);
})();
