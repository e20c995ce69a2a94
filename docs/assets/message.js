/* Message helper for health personnel: choose the municipality, get a ready text for the patient record
 * system's message to its coordinating unit, with the right recipient and what the message should contain.
 *
 * Data: the open data the site already publishes (api/v1/municipalities.json, ke-units.json,
 * hospital-trusts.json), loaded by this page only, so no page grows with the number of municipalities.
 * Facts: helsepersonelloven § 38 a (notify as soon as possible; whoever provides specialist health services notifies
 * the hospital trust's KE, everyone else the municipality's KE); Helsedirektoratet's guideline 13.5 (confidentiality
 * and the consent rules apply to the message itself; record it in the patient record); pasient- og
 * brukerrettighetsloven § 2-5 (an individual plan needs consent, which is another consent). The other points are
 * from practice, and the page says so. */
(function () {
  "use strict";
  var root = document.getElementById("ke-message");
  if (!root) return;
  // One complete table per language of the site; the page's <html lang> chooses (nb at /, nn at /nn/, en at /en/).
  var TEXT = {
    nb: {
      loading: "Henter kommunene …",
      failed: "Listen over kommuner kunne ikke hentes. Finn kommunens side i listen over fylker i stedet.",
      choose: "Kommune",
      chooseHint: "Pasientens hjemkommune.",
      pick: "Velg en kommune",
      recipient: "Mottaker",
      keOf: "Koordinerende enhet for {owner}",
      municipality: "{name} kommune",
      unit: "Enhet",
      her: "Elektronisk adresse (HER-id)",
      herUnknown: "Ikke kjent her. Søk etter kommunens koordinerende enhet i Adresseregisteret i journalsystemet, eller ring kommunens sentralbord og spør.",
      phone: "Telefon",
      email: "E-post",
      unconfirmed: "Ikke bekreftet av koordinerende enhet; {how}. Sjekk før du sender.",
      how: { "stored-copy": "lest {date} fra en lagret kopi av en offentlig nettside", "live-page": "sjekket på nettsiden {date}" },
      unknown: "Vi kjenner ikke koordinerende enhet i {name} ennå. Se kommunens nettsted, eller ring sentralbordet og spør etter koordinerende enhet (i noen kommuner heter den tjenestekontoret eller tildelingskontoret).",
      website: "Kommunens nettsted",
      hospital: "Gir du spesialisthelsetjenester, for eksempel på sykehus, i DPS eller som avtalespesialist? Etter helsepersonelloven § 38 a melder du fra til koordinerende enhet i helseforetaket:",
      hospitalUnknown: "{name}: vi kjenner ikke koordinerende enhet der ennå; spør sykehusets sentralbord.",
      text: "Tekst til meldingen",
      textHint: "Lim den inn i meldingen til koordinerende enhet i journalsystemet, og fyll ut klammene. Send den bare hvis pasienten har sagt ja. Skriv i journalen at du har meldt fra.",
      copy: "Kopier teksten",
      copied: "Kopiert",
      pageLink: "Kommunens side",
      subject: "Melding: pasienten kan ha behov for individuell plan og/eller koordinator (helsepersonelloven § 38 a)",
      to: "Til",
      lines: [
        "Pasienten har sagt ja til at denne meldingen sendes: [ja]",
        "Pasienten vil ha individuell plan: [ja / nei / ikke spurt ennå]",
        "Hva som er viktig for pasienten («Hva er viktig for deg?»): [ ]",
        "Behov for rehabilitering, og hva slags: [ ]",
        "Behov for koordinator: [ja / nei / vet ikke]",
        "Kontaktpersoner hos oss (rolle, avdeling, telefon): [ ]",
        "Forventet utskrivingsdato: [ ]"
      ]
    },
    nn: {
      loading: "Hentar kommunane …",
      failed: "Lista over kommunar kunne ikkje hentast. Finn sida til kommunen i lista over fylke i staden.",
      choose: "Kommune",
      chooseHint: "Heimkommunen til pasienten.",
      pick: "Vel ein kommune",
      recipient: "Mottakar",
      keOf: "Koordinerande eining for {owner}",
      municipality: "{name} kommune",
      unit: "Eining",
      her: "Elektronisk adresse (HER-id)",
      herUnknown: "Ikkje kjend her. Søk etter den koordinerande eininga i kommunen i Adresseregisteret i journalsystemet, eller ring sentralbordet i kommunen og spør.",
      phone: "Telefon",
      email: "E-post",
      unconfirmed: "Ikkje stadfesta av koordinerande eining; {how}. Sjekk før du sender.",
      how: { "stored-copy": "henta {date} frå ein lagra kopi av ei offentleg nettside", "live-page": "sjekka på nettsida {date}" },
      unknown: "Vi kjenner ikkje den koordinerande eininga i {name} enno. Sjå nettstaden til kommunen, eller ring sentralbordet og spør etter koordinerande eining (i nokre kommunar heiter den tenestekontoret eller tildelingskontoret).",
      website: "Nettstaden til kommunen",
      hospital: "Gjev du spesialisthelsetenester, til dømes på sjukehus, i DPS eller som avtalespesialist? Etter helsepersonellova § 38 a melder du frå til koordinerande eining i helseføretaket:",
      hospitalUnknown: "{name}: vi kjenner ikkje koordinerande eining der enno; spør sentralbordet på sjukehuset.",
      text: "Tekst til meldinga",
      textHint: "Lim teksten inn i meldinga til koordinerande eining i journalsystemet, og fyll ut klammene. Send meldinga berre om pasienten har sagt ja. Skriv i journalen at du har meldt frå.",
      copy: "Kopier teksten",
      copied: "Kopiert",
      pageLink: "Sida til kommunen",
      subject: "Melding: pasienten kan ha behov for individuell plan og/eller koordinator (helsepersonellova § 38 a)",
      to: "Til",
      lines: [
        "Pasienten har sagt ja til at denne meldinga blir send: [ja]",
        "Pasienten vil ha individuell plan: [ja / nei / ikkje spurt enno]",
        "Kva som er viktig for pasienten («Kva er viktig for deg?»): [ ]",
        "Behov for rehabilitering, og kva slag: [ ]",
        "Behov for koordinator: [ja / nei / veit ikkje]",
        "Kontaktpersonar hos oss (rolle, avdeling, telefon): [ ]",
        "Forventa utskrivingsdato: [ ]"
      ]
    },
    en: {
      loading: "Loading the municipalities …",
      failed: "The list of municipalities could not be loaded. Find the municipality's page in the list of counties instead.",
      choose: "Municipality",
      chooseHint: "The patient's home municipality.",
      pick: "Choose a municipality",
      recipient: "Recipient",
      keOf: "Coordinating unit of {owner}",
      municipality: "{name} municipality",
      unit: "Unit",
      her: "Electronic address (HER-id)",
      herUnknown: "Not known here. Search the national address register (Adresseregisteret) in your record system for the municipality's coordinating unit, or call the municipality's switchboard and ask for it.",
      phone: "Phone",
      email: "E-mail",
      unconfirmed: "Not confirmed by the coordinating unit; {how}. Check before you send.",
      how: { "stored-copy": "read on {date} from a stored copy of a public web page", "live-page": "checked on the live web page on {date}" },
      unknown: "We do not know the coordinating unit of {name} yet. Look on the municipality's website or call its switchboard and ask for the coordinating unit (in some municipalities it is called the service office or allocation office).",
      website: "The municipality's website",
      hospital: "Do you provide specialist health services, for example in a hospital, a DPS or as a contracted private specialist? Under helsepersonelloven § 38 a you notify the coordinating unit of the hospital trust:",
      hospitalUnknown: "{name}: we do not know its coordinating unit yet; ask the hospital's switchboard.",
      text: "Text for the message",
      textHint: "Paste it into the message to the coordinating unit in your record system and fill in the brackets. Send it only if the patient has agreed. Record in the patient's notes that you have notified the unit.",
      copy: "Copy the text",
      copied: "Copied",
      pageLink: "The municipality's page",
      subject: "Notification: the patient may need an individual plan and/or a coordinator (helsepersonelloven § 38 a)",
      to: "To",
      lines: [
        "The patient has agreed that this message is sent: [yes]",
        "The patient wants an individual plan: [yes / no / not asked yet]",
        "What matters to the patient (“What matters to you?”): [ ]",
        "Need for rehabilitation, and what kind: [ ]",
        "Need for a coordinator: [yes / no / not known]",
        "Contact persons here (role, department, phone): [ ]",
        "Expected discharge date: [ ]"
      ]
    }
  };
  var LOCALE = { nb: "nb-NO", nn: "nn-NO", en: "en-GB" };
  var lang = TEXT.hasOwnProperty(document.documentElement.lang) ? document.documentElement.lang : "nb";
  var W = TEXT[lang];

  function fill(text, values) { return text.replace(/\{(\w+)\}/g, function (a, k) { return k in values ? values[k] : a; }); }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }
  var script = document.querySelector("script[src*='message.js']");
  var site = new URL("../", script ? script.src : location.href);  // assets/ -> the site's root
  function get(rel) { return fetch(new URL(rel, site)).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); }); }
  function safeHref(url) { return /^https?:\/\//.test(url || "") ? url : null; }
  function isoDate(iso) {
    var d = new Date(iso + "T12:00:00");
    return d.toLocaleDateString(LOCALE[lang], { day: "numeric", month: "long", year: "numeric" });
  }

  root.appendChild(el("p", { role: "status", text: W.loading }));
  Promise.all([get("api/v1/municipalities.json"), get("api/v1/ke-units.json"), get("api/v1/hospital-trusts.json")]).then(function (got) {
    var municipalities = got[0].municipalities.slice().sort(function (a, b) { return a.display_name.localeCompare(b.display_name, "nb"); });
    var units = {};
    got[1].ke_units.forEach(function (u) { units[u.id] = u; });
    var trusts = {};
    got[2].hospital_trusts.forEach(function (t) { trusts[t.id] = t; });
    build(municipalities, units, trusts);
  }).catch(function () { root.textContent = ""; root.appendChild(el("p", { role: "status", text: W.failed })); });

  function build(municipalities, units, trusts) {
    root.textContent = "";
    var select = el("select", { id: "ke-message-municipality", "aria-describedby": "ke-message-municipality-hint" });
    select.appendChild(el("option", { value: "", text: W.pick }));
    municipalities.forEach(function (m) { select.appendChild(el("option", { value: m.number, text: m.display_name + " (" + m.number + ")" })); });
    root.appendChild(el("label", { for: "ke-message-municipality", text: W.choose }));
    root.appendChild(el("p", { class: "ke-form__hint", id: "ke-message-municipality-hint", text: W.chooseHint }));
    root.appendChild(select);
    var out = el("div", { class: "ke-message__result", "aria-live": "polite" });
    root.appendChild(out);
    var wanted = new URLSearchParams(location.search).get("kommune");
    if (wanted && municipalities.some(function (m) { return m.number === wanted; })) select.value = wanted;
    // The choice lives in the address (?kommune=3911), so a link to this helper for one municipality can be
    // shared; replaceState keeps the Back button for leaving the page, not for undoing each choice.
    select.addEventListener("change", function () { show(select.value); rememberInUrl(select.value); });
    if (select.value) show(select.value);

    function rememberInUrl(number) {
      if (!window.history || !history.replaceState) return;
      var url = new URL(location.href);
      if (number) url.searchParams.set("kommune", number); else url.searchParams.delete("kommune");
      history.replaceState(history.state, "", url.href);
    }

    function show(number) {
      out.textContent = "";
      var m = municipalities.filter(function (x) { return x.number === number; })[0];
      if (!m) return;
      var ke = m.ke_id ? units[m.ke_id] : m.cooperation_id ? units["samarbeid-" + m.cooperation_id] : null;
      // A related page or an old lead does not tell who the KE is today (shown_as_ke in ke-units.json).
      if (ke && ke.shown_as_ke === false) ke = null;
      var owner = ke ? ke.owner_name : m.display_name;
      out.appendChild(el("h2", { id: "ke-message-recipient", text: W.recipient }));
      var to = [];
      if (ke) {
        out.appendChild(el("p", { class: "ke-message__owner", text: fill(W.keOf, { owner: owner }) }));
        var dl = el("dl", { class: "ke-contact" });
        var add = function (term, value) { dl.appendChild(el("dt", { text: term })); dl.appendChild(el("dd", {}, [value])); };
        if (ke.unit) add(W.unit, ke.unit);
        add(W.her, ke.her_id ? ke.her_id : W.herUnknown);
        ke.phones.forEach(function (p) { add(W.phone, p.display + (p.label ? " (" + p.label + ")" : "")); });
        if (ke.email) add(W.email, ke.email);
        out.appendChild(dl);
        if (!ke.source.confirmed_by_ke) {
          var how = fill(W.how[ke.source.evidence] || W.how["stored-copy"], { date: isoDate(ke.source.retrieved) });
          out.appendChild(el("p", { class: "ke-note", text: fill(W.unconfirmed, { how: how }) }));
        }
        to.push(W.to + ": " + (ke.unit ? ke.unit + " – " : "") + fill(W.keOf, { owner: owner }));
        to.push(W.her + ": " + (ke.her_id || W.herUnknown));
      } else {
        out.appendChild(el("p", { text: fill(W.unknown, { name: m.display_name }) }));
        to.push(W.to + ": " + fill(W.keOf, { owner: fill(W.municipality, { name: m.display_name }) }));
        to.push(W.her + ": " + W.herUnknown);
      }
      // The page in this page's language: the exports carry one URL per language of the site.
      var page = new URL(m.url[lang].replace(/^\//, ""), site);
      out.appendChild(el("p", {}, [el("a", { href: page.href, text: W.pageLink + ": " + m.display_name })]));
      var hospital = el("ul");
      (m.hospital_trust_ids || []).forEach(function (id) {
        var t = trusts[id];
        if (!t) return;
        var tk = t.ke_id ? units[t.ke_id] : null;
        if (tk && tk.shown_as_ke === false) tk = null;  // an old lead is not an address to send to
        var link = el("a", { href: new URL(t.url[lang].replace(/^\//, ""), site).href, text: t.name });
        if (tk) {
          var bits = [tk.unit, tk.her_id ? W.her + ": " + tk.her_id : null, tk.phones.length ? W.phone + ": " + tk.phones[0].display : null, tk.email].filter(Boolean);
          hospital.appendChild(el("li", {}, [link, bits.length ? " – " + bits.join(", ") : ""]));
        } else {
          var li = el("li", {}, [link]);
          li.appendChild(document.createTextNode(" – " + fill(W.hospitalUnknown, { name: t.name }).replace(t.name + ": ", "")));
          hospital.appendChild(li);
        }
      });
      if (hospital.children.length) { out.appendChild(el("p", { text: W.hospital })); out.appendChild(hospital); }
      var text = to.concat(["", W.subject, ""], W.lines).join("\n");
      out.appendChild(el("h2", { text: W.text }));
      out.appendChild(el("label", { for: "ke-message-text", text: W.text + ": " + m.display_name }));
      var area = el("textarea", { id: "ke-message-text", class: "ke-message__text", rows: String(text.split("\n").length + 2), "aria-describedby": "ke-message-text-hint" });
      area.value = text;
      out.appendChild(el("p", { class: "ke-form__hint", id: "ke-message-text-hint", text: W.textHint }));
      out.appendChild(area);
      var button = el("button", { type: "button", text: W.copy });
      var status = el("span", { role: "status", class: "ke-copy-status" });
      button.addEventListener("click", function () {
        if (navigator.clipboard) navigator.clipboard.writeText(area.value).then(function () { status.textContent = W.copied; });
        else { area.select(); document.execCommand("copy"); status.textContent = W.copied; }
      });
      out.appendChild(el("p", {}, [button, status]));
    }
  }
})();
