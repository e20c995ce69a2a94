/* The correction form: a KE employee corrects their entry without git or YAML, and without any server.
 *
 * It reads one entry (assets/entries/<id>.json: the data file's text and its version hash, its current values)
 * and the build's rules (assets/correction-rules.json, written by ke_finder/editor/correction_form.py from the same
 * constants and libphonenumber metadata the build uses). It then
 *   1. checks the input with those rules, saying why a value is refused;
 *   2. edits the YAML text of the data file with the same targeted edits scripts/import_contacts.py makes
 *      (ke_finder/editor/contact_import.py: a changed value is re-written in ruamel.yaml's style, everything
 *      else stays byte for byte) — tests/test_correction.py proves both give the same bytes;
 *   3. says what will change in plain words and offers one action: an e-mail to the editors (mailto: the change in
 *      words and a machine-readable block that `python -m ke_finder apply` reads), or, in a build without an
 *      editors' address, "copy the change". The downloaded file, the diff and the repository link are folded away
 *      for editors. "Everything is correct" makes the same kind of message with nothing changed.
 *
 * KeYaml (the text edits) and KeRules (the checks) are exposed on window for the tests. */
(function () {
  "use strict";

  // One complete table per language of the site; the page's <html lang> chooses (nb at /, nn at /nn/, en at /en/).
  var TEXT = {
    nb: {
      loading: "Henter opplysningene …",
      noEntry: "Skjemaet vet ikke hvilken oppføring du vil rette. Gå til siden for kommunen eller sykehuset, og velg «Foreslå en rettelse» der.",
      loadFailed: "Opplysningene kunne ikke hentes. Last siden på nytt, eller send rettelsen på e-post.",
      intro: "Du retter opplysningene om koordinerende enhet for {owner}. Feltene viser det vi har nå. Endre det som er feil, og trykk «Lag rettelsen».",
      unitLegend: "Enheten",
      unit: "Navn på enheten",
      unitHint: "Slik kommunen eller sykehuset skriver det, for eksempel «Tjenestekontoret».",
      phones: "Telefon",
      phoneNumber: "Telefonnummer {n}",
      phoneLabel: "Hva nummeret er til {n} (valgfritt)",
      phoneHint: "Bare enhetens egne numre: sentralbord, felles telefon eller enhetens linje. Ikke en ansatts mobil.",
      addPhone: "Legg til et telefonnummer",
      removePhone: "Fjern telefonnummer {n}",
      email: "E-post",
      emailHint: "Enhetens felles postkasse, for eksempel post@kommune.no. Ikke en ansatts egen adresse.",
      web: "Nettside",
      webHint: "Adressen til enhetens side, som begynner med https://.",
      relatedNow: "Nå viser vi denne lenken som en side om et beslektet tema, ikke som enhetens egen side: {url}. Har enheten en egen side, skriv adressen her.",
      visiting_address: "Besøksadresse",
      postal_address: "Postadresse",
      opening_hours: "Åpningstid",
      phone_hours: "Telefontid",
      her_id: "Elektronisk adresse (HER-id)",
      herHint: "Bare sifre, slik den står i Adresseregisteret.",
      servicesLegend: "Tilbud kommunen har",
      servicesHint: "Kryss av for tilbud kommunen har. Står ingen krysset av, viser siden at vi ikke vet.",
      sourceLegend: "Kilde",
      sourceUrl: "Nettside der opplysningene står",
      sourceHint: "Redaksjonen sjekker opplysningene mot denne siden.",
      confirm: "Jeg jobber i denne koordinerende enheten og bekrefter opplysningene",
      confirmHint: "Da står det «Bekreftet av koordinerende enhet» på siden. Redaksjonen sjekker at rettelsen kommer fra enheten før den publiseres.",
      live: "Jeg har sjekket opplysningene på nettsiden over i dag",
      liveHint: "Kryss av hvis du ikke jobber i enheten, men har lest opplysningene på nettsiden i dag. Da står det «Sjekket på selve nettsiden» med dagens dato.",
      evidenceNow: "Nå står det:",
      "evidence_stored-copy": "Opplysningene er lest {date} fra en lagret kopi av nettsiden. Vi vet ikke når kopien ble laget, og ingen har sjekket selve nettsiden ennå.",
      "evidence_live-page": "Opplysningene ble sjekket på nettsiden {date}.",
      "evidence_ke-confirmed": "Den koordinerende enheten bekreftet opplysningene {date}.",
      evidenceNone: "Vi har ingen opplysninger om enheten ennå.",
      errEvidenceNew: "Vi har ingen opplysninger om enheten ennå, så vi må vite hvor de nye kommer fra. Kryss av for at du jobber i enheten, eller for at du har sjekket opplysningene på nettsiden i dag.",
      errEvidenceConfirmed: "Opplysningene vi har nå, er bekreftet av enheten. Jobber du ikke der, kryss av for at du har sjekket opplysningene på nettsiden i dag, så vi vet hvor de nye kommer fra.",
      personal: "Dette er enhetens eget navn, nummer eller adresse, ikke en persons",
      personalHint: "Vi publiserer bare enhetens egne kontaktopplysninger. En ansatts navn, mobil eller e-post er personopplysninger, og de blir feil når folk bytter jobb.",
      make: "Lag rettelsen",
      errorsTitle: "Rett dette først:",
      noChange: "Du har ikke endret noe ennå.",
      resultTitle: "Rettelsen er klar",
      confirmTitle: "Bekreftelsen er klar",
      changesTitle: "Dette blir endret:",
      changeLine: "{field}: {value} (før: {old})",
      nothingChanges: "Ingenting blir endret. Du bekrefter at alt vi viser om enheten, stemmer.",
      sendMail: "Send e-post",
      sendHint: "E-postprogrammet ditt åpner en ferdig e-post til redaksjonen ({email}). Trykk «Send» der. Åpner det seg ikke, kopier meldingen under og send den til {email}.",
      tooLong: "Endringen er for lang til å stå i ord i en e-postlenke. E-posten har derfor bare den delen redaksjonen leser med verktøyet sitt.",
      tooLongCopy: "Endringen er for lang for en e-postlenke. Kopier meldingen under, og send den i en e-post til {email}.",
      noEditors: "Denne utgaven av nettstedet har ingen adresse til redaksjonen (det er en testutgave), så skjemaet kan ikke sende noe. Kopier endringen under og ta vare på den.",
      message: "Meldingen",
      copy: "Kopier endringen",
      copied: "Endringen er kopiert.",
      editorsTitle: "For redaksjonen: filen og endringene linje for linje",
      download: "Last ned filen {file}",
      downloadHint: "Filen er sjekket med de samme reglene som nettstedet bruker.",
      propose: "Foreslå endringen i kodelageret",
      proposeHint: "For deg som har konto der: lim inn innholdet i filen, og send forslaget.",
      diffTitle: "Endringene",
      mailSubject: "Rettelse: {owner}",
      mailConfirmSubject: "Bekreftelse: {owner}",
      mailIntro: "Rettelse av opplysningene om koordinerende enhet for {owner}, laget med skjemaet på nettstedet.",
      mailConfirmIntro: "Den koordinerende enheten for {owner} bekrefter at opplysningene på nettstedet stemmer.",
      mailConfirmed: "Avsenderen jobber i enheten og bekrefter opplysningene.",
      mailNotConfirmed: "Avsenderen har ikke bekreftet at hen jobber i enheten.",
      mailLive: "Avsenderen jobber ikke i enheten, men har sjekket opplysningene på nettsiden i dag.",
      mailBlock: "For redaksjonen (ikke endre linjene under):",
      allTitle: "Stemmer alt?",
      allText: "Jobber du i enheten, og stemmer alt vi viser om den? Da bekrefter du det med ett trykk. Vi lager en melding til redaksjonen der ingenting er endret.",
      allButton: "Jeg jobber i enheten, og alt stemmer",
      none: "(tomt)",
      // Why a value is refused (the same rules as the build: ke_finder/source/checks.py).
      errPhone: "«{value}» er ikke et gyldig norsk telefonnummer. Skriv 8 sifre, for eksempel 69 22 55 00, eller med +47 foran.",
      errPhoneTwice: "Nummeret {value} står to ganger. Fjern det ene.",
      errPhoneLabelOnly: "Skriv telefonnummeret, eller fjern raden.",
      errEmail: "«{value}» er ikke en gyldig e-postadresse. Skriv enhetens felles postkasse, for eksempel post@kommune.no.",
      errLink: "«{value}» er ikke en nettadresse. Bare adresser som begynner med https:// eller http:// er lov.",
      errMarkup: "Teksten har HTML, skript eller malkode. Skriv vanlig tekst uten <…>, {{ }} og javascript:.",
      errLength: "Teksten er {n} tegn lang. Den kan være høyst {max} tegn.",
      errHer: "«{value}» er ikke en HER-id. Skriv bare sifrene, for eksempel 12345.",
      errYamlWord: "«{value}» ville blitt lest som ja/nei, et tall eller «tom». Skriv det litt annerledes.",
      errQuotes: "Teksten kan ikke både ha apostrof (') og «: » eller tegn som # først. Skriv den litt annerledes.",
      errSourceNeeded: "Skriv nettsiden der opplysningene står. Kommunens eller sykehusets egen side om enheten er best.",
      errPersonalPhone: "{value} er et mobilnummer. Er det enhetens felles nummer, kryss av for det under. Ellers: bruk enhetens eget nummer.",
      errPersonalEmail: "{value} ser ut som en persons adresse. Er det enhetens felles postkasse, kryss av for det under.",
      errSpecial: "Teksten har et usynlig tegn eller kontrolltegn (for eksempel tabulator). Skriv den på nytt med vanlige mellomrom.",
      errPersonalName: "«{value}» ser ut som en persons navn. Skriv enhetens navn, ikke hvem som jobber der.",
      errFile: "Filen har en form skjemaet ikke kan rette automatisk. Send endringene på e-post i stedet."
    },
    nn: {
      loading: "Hentar opplysningane …",
      noEntry: "Skjemaet veit ikkje kva oppføring du vil rette. Gå til sida for kommunen eller sjukehuset, og vel «Føreslå ei retting» der.",
      loadFailed: "Opplysningane kunne ikkje hentast. Last sida på nytt, eller send rettinga på e-post.",
      intro: "Du rettar opplysningane om koordinerande eining for {owner}. Felta viser det vi har no. Endre det som er feil, og trykk «Lag rettinga».",
      unitLegend: "Eininga",
      unit: "Namnet på eininga",
      unitHint: "Slik kommunen eller sjukehuset skriv det, til dømes «Tenestekontoret».",
      phones: "Telefon",
      phoneNumber: "Telefonnummer {n}",
      phoneLabel: "Kva nummeret er til {n} (valfritt)",
      phoneHint: "Berre numra til eininga: sentralbord, felles telefon eller linja til eininga. Ikkje mobilen til ein tilsett.",
      addPhone: "Legg til eit telefonnummer",
      removePhone: "Fjern telefonnummer {n}",
      email: "E-post",
      emailHint: "Den felles postkassa til eininga, til dømes post@kommune.no. Ikkje adressa til ein tilsett.",
      web: "Nettside",
      webHint: "Adressa til sida for eininga, som byrjar med https://.",
      relatedNow: "No viser vi denne lenka som ei side om eit nærskyldt tema, ikkje som sida til eininga: {url}. Har eininga ei eiga side, skriv adressa her.",
      visiting_address: "Besøksadresse",
      postal_address: "Postadresse",
      opening_hours: "Opningstid",
      phone_hours: "Telefontid",
      her_id: "Elektronisk adresse (HER-id)",
      herHint: "Berre siffer, slik den står i Adresseregisteret.",
      servicesLegend: "Tilbod kommunen har",
      servicesHint: "Kryss av for tilbod kommunen har. Står ingen kryssa av, viser sida at vi ikkje veit.",
      sourceLegend: "Kjelde",
      sourceUrl: "Nettside der opplysningane står",
      sourceHint: "Redaksjonen sjekkar opplysningane mot denne sida.",
      confirm: "Eg jobbar i denne koordinerande eininga og stadfestar opplysningane",
      confirmHint: "Då står det «Stadfesta av koordinerande eining» på sida. Redaksjonen sjekkar at rettinga kjem frå eininga før den blir publisert.",
      live: "Eg har sjekka opplysningane på nettsida over i dag",
      liveHint: "Kryss av om du ikkje jobbar i eininga, men har lese opplysningane på nettsida i dag. Då står det «Sjekka på sjølve nettsida» med datoen i dag.",
      evidenceNow: "No står det:",
      "evidence_stored-copy": "Opplysningane er henta {date} frå ein lagra kopi av nettsida. Vi veit ikkje når kopien vart laga, og ingen har sjekka sjølve nettsida enno.",
      "evidence_live-page": "Opplysningane vart sjekka på nettsida {date}.",
      "evidence_ke-confirmed": "Den koordinerande eininga stadfesta opplysningane {date}.",
      evidenceNone: "Vi har ingen opplysningar om eininga enno.",
      errEvidenceNew: "Vi har ingen opplysningar om eininga enno, så vi må vite kvar dei nye kjem frå. Kryss av for at du jobbar i eininga, eller for at du har sjekka opplysningane på nettsida i dag.",
      errEvidenceConfirmed: "Opplysningane vi har no, er stadfesta av eininga. Jobbar du ikkje der, kryss av for at du har sjekka opplysningane på nettsida i dag, så vi veit kvar dei nye kjem frå.",
      personal: "Dette er namnet, nummeret eller adressa til eininga, ikkje til ein person",
      personalHint: "Vi publiserer berre kontaktopplysningane til eininga. Namnet, mobilen eller e-posten til ein tilsett er personopplysningar, og dei blir feil når folk byter jobb.",
      make: "Lag rettinga",
      errorsTitle: "Rett dette først:",
      noChange: "Du har ikkje endra noko enno.",
      resultTitle: "Rettinga er klar",
      confirmTitle: "Stadfestinga er klar",
      changesTitle: "Dette blir endra:",
      changeLine: "{field}: {value} (før: {old})",
      nothingChanges: "Ingenting blir endra. Du stadfestar at alt vi viser om eininga, stemmer.",
      sendMail: "Send e-post",
      sendHint: "E-postprogrammet ditt opnar ein ferdig e-post til redaksjonen ({email}). Trykk «Send» der. Opnar det seg ikkje, kopier meldinga under og send ho til {email}.",
      tooLong: "Endringa er for lang til å stå i ord i ei e-postlenke. E-posten har difor berre den delen redaksjonen les med verktøyet sitt.",
      tooLongCopy: "Endringa er for lang for ei e-postlenke. Kopier meldinga under, og send ho i ein e-post til {email}.",
      noEditors: "Denne utgåva av nettstaden har inga adresse til redaksjonen (det er ei utgåve for testing), så skjemaet kan ikkje sende noko. Kopier endringa under og ta vare på ho.",
      message: "Meldinga",
      copy: "Kopier endringa",
      copied: "Endringa er kopiert.",
      editorsTitle: "For redaksjonen: fila og endringane linje for linje",
      download: "Last ned fila {file}",
      downloadHint: "Fila er sjekka med dei same reglane som nettstaden bruker.",
      propose: "Føreslå endringa i kodelageret",
      proposeHint: "For deg som har konto der: lim inn innhaldet i fila, og send forslaget.",
      diffTitle: "Endringane",
      mailSubject: "Retting: {owner}",
      mailConfirmSubject: "Stadfesting: {owner}",
      mailIntro: "Retting av opplysningane om koordinerande eining for {owner}, laga med skjemaet på nettstaden.",
      mailConfirmIntro: "Den koordinerande eininga for {owner} stadfestar at opplysningane på nettstaden stemmer.",
      mailConfirmed: "Avsendaren jobbar i eininga og stadfestar opplysningane.",
      mailNotConfirmed: "Avsendaren har ikkje stadfesta at han eller ho jobbar i eininga.",
      mailLive: "Avsendaren jobbar ikkje i eininga, men har sjekka opplysningane på nettsida i dag.",
      mailBlock: "For redaksjonen (ikkje endre linjene under):",
      allTitle: "Stemmer alt?",
      allText: "Jobbar du i eininga, og stemmer alt vi viser om henne? Då stadfestar du det med eitt trykk. Vi lagar ei melding til redaksjonen der ingenting er endra.",
      allButton: "Eg jobbar i eininga, og alt stemmer",
      none: "(tomt)",
      errPhone: "«{value}» er ikkje eit gyldig norsk telefonnummer. Skriv 8 siffer, til dømes 69 22 55 00, eller med +47 framfor.",
      errPhoneTwice: "Nummeret {value} står to gonger. Fjern det eine.",
      errPhoneLabelOnly: "Skriv telefonnummeret, eller fjern rada.",
      errEmail: "«{value}» er ikkje ei gyldig e-postadresse. Skriv den felles postkassa til eininga, til dømes post@kommune.no.",
      errLink: "«{value}» er ikkje ei nettadresse. Berre adresser som byrjar med https:// eller http://, er lov.",
      errMarkup: "Teksten har HTML, skript eller malkode. Skriv vanleg tekst utan <…>, {{ }} og javascript:.",
      errLength: "Teksten er {n} teikn lang. Den kan vere høgst {max} teikn.",
      errHer: "«{value}» er ikkje ein HER-id. Skriv berre sifra, til dømes 12345.",
      errYamlWord: "YAML ville lese «{value}» som ja/nei, eit tal eller «tom». Skriv det litt annleis.",
      errQuotes: "Teksten kan ikkje både ha apostrof (') og «: » eller teikn som # først. Skriv den litt annleis.",
      errSourceNeeded: "Skriv nettsida der opplysningane står. Sida kommunen eller sjukehuset sjølv har om eininga, er best.",
      errPersonalPhone: "{value} er eit mobilnummer. Er det det felles nummeret til eininga, kryss av for det under. Elles: bruk nummeret til eininga.",
      errPersonalEmail: "{value} ser ut som adressa til ein person. Er det den felles postkassa til eininga, kryss av for det under.",
      errSpecial: "Teksten har eit usynleg teikn eller kontrollteikn (til dømes tabulator). Skriv den på nytt med vanlege mellomrom.",
      errPersonalName: "«{value}» ser ut som namnet til ein person. Skriv namnet på eininga, ikkje kven som jobbar der.",
      errFile: "Fila har ei form skjemaet ikkje kan rette automatisk. Send endringane på e-post i staden."
    },
    en: {
      loading: "Loading the details …",
      noEntry: "The form does not know which entry you want to correct. Go to the page of the municipality or hospital and choose “Suggest a correction” there.",
      loadFailed: "The details could not be loaded. Reload the page, or send the correction by e-mail.",
      intro: "You are correcting the details of the coordinating unit of {owner}. The fields show what we have now. Change what is wrong and press “Make the correction”.",
      unitLegend: "The unit",
      unit: "Name of the unit",
      unitHint: "As the municipality or hospital writes it, for example “Tjenestekontoret”.",
      phones: "Phone",
      phoneNumber: "Phone number {n}",
      phoneLabel: "What number {n} is for (optional)",
      phoneHint: "Only the unit's own numbers: switchboard, shared phone or the unit's line. Not an employee's mobile.",
      addPhone: "Add a phone number",
      removePhone: "Remove phone number {n}",
      email: "E-mail",
      emailHint: "The unit's shared mailbox, for example post@kommune.no. Not an employee's own address.",
      web: "Web page",
      webHint: "The address of the unit's page, starting with https://.",
      relatedNow: "We now show this link as a page on a related topic, not as the unit's own page: {url}. If the unit has a page of its own, write its address here.",
      visiting_address: "Visiting address",
      postal_address: "Postal address",
      opening_hours: "Opening hours",
      phone_hours: "Phone hours",
      her_id: "Electronic address (HER-id)",
      herHint: "Digits only, as in the national address register (Adresseregisteret).",
      servicesLegend: "Offers the municipality has",
      servicesHint: "Tick the offers the municipality has. If none is ticked, the page says we do not know.",
      sourceLegend: "Source",
      sourceUrl: "Web page where the details are published",
      sourceHint: "The editors check the details against this page.",
      confirm: "I work in this coordinating unit and confirm these details",
      confirmHint: "The page will then say “Confirmed by the coordinating unit”. The editors check that the correction comes from the unit before publishing it.",
      live: "I checked these details on the web page above today",
      liveHint: "Tick this if you do not work in the unit but read the details on the web page today. The page will then say “Checked on the live page” with today's date.",
      evidenceNow: "Now it says:",
      "evidence_stored-copy": "The details were read on {date} from a stored copy of the web page. We do not know when the copy was made, and nobody has checked the live page yet.",
      "evidence_live-page": "The details were checked on the web page on {date}.",
      "evidence_ke-confirmed": "The coordinating unit confirmed the details on {date}.",
      evidenceNone: "We have no details about the unit yet.",
      errEvidenceNew: "We have no details about the unit yet, so we need to know where the new ones come from. Tick that you work in the unit, or that you checked the details on the web page today.",
      errEvidenceConfirmed: "The details we have now were confirmed by the unit. If you do not work there, tick that you checked the details on the web page today, so we know where the new ones come from.",
      personal: "This is the unit's own name, number or address, not a person's",
      personalHint: "We publish only the unit's own contact details. An employee's name, mobile or e-mail is personal data, and it goes wrong when people change jobs.",
      make: "Make the correction",
      errorsTitle: "Fix this first:",
      noChange: "You have not changed anything yet.",
      resultTitle: "The correction is ready",
      confirmTitle: "The confirmation is ready",
      changesTitle: "This will change:",
      changeLine: "{field}: {value} (before: {old})",
      nothingChanges: "Nothing changes. You confirm that everything we show about the unit is correct.",
      sendMail: "Send e-mail",
      sendHint: "Your e-mail program opens a ready e-mail to the editors ({email}). Press “Send” there. If it does not open, copy the message below and send it to {email}.",
      tooLong: "The change is too long to be written out in words in an e-mail link. The e-mail therefore holds only the part the editors read with their tool.",
      tooLongCopy: "The change is too long for an e-mail link. Copy the message below and send it in an e-mail to {email}.",
      noEditors: "This copy of the site has no address for the editors (it is a test build), so the form cannot send anything. Copy the change below and keep it.",
      message: "The message",
      copy: "Copy the change",
      copied: "The change has been copied.",
      editorsTitle: "For the editors: the file and the changes line by line",
      download: "Download the file {file}",
      downloadHint: "The file has been checked with the same rules the site uses.",
      propose: "Propose this change in the repository",
      proposeHint: "If you have an account there: paste the file's content and submit the proposal.",
      diffTitle: "The changes",
      mailSubject: "Correction: {owner}",
      mailConfirmSubject: "Confirmation: {owner}",
      mailIntro: "A correction of the details of the coordinating unit of {owner}, made with the form on the site.",
      mailConfirmIntro: "The coordinating unit of {owner} confirms that the details on the site are correct.",
      mailConfirmed: "The sender works in the unit and confirms the details.",
      mailNotConfirmed: "The sender has not confirmed working in the unit.",
      mailLive: "The sender does not work in the unit, but checked the details on the web page today.",
      mailBlock: "For the editors (do not change the lines below):",
      allTitle: "Is everything correct?",
      allText: "Do you work in the unit, and is everything we show about it correct? Then confirm it in one step. We make a message to the editors with nothing changed.",
      allButton: "I work in the unit, and everything is correct",
      none: "(empty)",
      errPhone: "“{value}” is not a valid Norwegian phone number. Write 8 digits, like 69 22 55 00, or with +47 in front.",
      errPhoneTwice: "The number {value} is listed twice. Remove one.",
      errPhoneLabelOnly: "Write the phone number, or remove the row.",
      errEmail: "“{value}” is not a valid e-mail address. Write the unit's shared mailbox, like post@kommune.no.",
      errLink: "“{value}” is not a web address. Only addresses that start with https:// or http:// are allowed.",
      errMarkup: "The text contains HTML, script or template code. Write plain text, without <…>, {{ }} and javascript:.",
      errLength: "The text is {n} characters long. It can be at most {max} characters.",
      errHer: "“{value}” is not a HER-id. Write the digits only, like 12345.",
      errYamlWord: "“{value}” would be read as yes/no, a number or “empty”. Write it a little differently.",
      errQuotes: "The text cannot have both an apostrophe (') and “: ” or a leading sign like #. Write it a little differently.",
      errSourceNeeded: "Write the web page where the details are published. The municipality's or hospital's own page about the unit is best.",
      errPersonalPhone: "{value} is a mobile number. If it is the unit's shared number, tick that below. Otherwise use the unit's own number.",
      errPersonalEmail: "{value} looks like a person's address. If it is the unit's shared mailbox, tick that below.",
      errSpecial: "The text has an invisible or control character (a tab, for example). Type it again with ordinary spaces.",
      errPersonalName: "“{value}” looks like a person's name. Write the unit's name, not who works there.",
      errFile: "The file has a shape the form cannot correct automatically. Send the changes by e-mail instead."
    }
  };

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, key) { return values && key in values ? String(values[key]) : all; });
  }

  /* ------------------------------------------------------------------ rules (the build's, from JSON) */

  function makeRules(json) {
    var phone = json.phone;
    var full = function (pattern) { return new RegExp("^(?:" + pattern + ")$"); };
    var types = Object.keys(phone.types).map(function (name) {
      return { name: name, re: full(phone.types[name].pattern), lengths: phone.types[name].lengths };
    });
    var general = full(phone.general.pattern);
    var formats = phone.formats.map(function (f) {
      return { re: full(f.pattern), leading: f.leading ? new RegExp("^(?:" + f.leading + ")") : null, format: f.format };
    });
    var link = new RegExp(json.link, "u");
    var markup = new RegExp(json.markup, "i");
    var her = new RegExp(json.her_id);
    // The data rules' forbidden characters (U+2028, U+2029, U+0085, bidi and zero-width characters among them),
    // and what a one-line field refuses besides (line breaks, tab): ke_finder/characters.py, one table.
    var forbidden = new RegExp(json.forbidden, "u");
    var oneLine = new RegExp(json.one_line, "u");
    var mailbox = new RegExp(json.email.pattern, "u");

    /* ke_finder/links.py: the strict pattern (no backslash, no name@ before the host, a plain host), then the
       browser's own WHATWG parser must find the same host and no user name or password. */
    function linkCheck(text) {
      var value = String(text);
      if (value.length > json.max_link_length || value.indexOf("\\") !== -1 || !link.test(value)) return false;
      var host = /^https?:\/\/([^\/?#:]+)/i.exec(value);
      var parsed;
      try { parsed = new URL(value); } catch (e) { return false; }
      return !!host && parsed.hostname === host[1].toLowerCase() && !parsed.username && !parsed.password;
    }

    /* libphonenumber's parse + is_valid_number for region NO, for what people type (documented subset:
       digits with spaces, dashes, dots or brackets, optionally +47 or 0047 in front; letters are refused). */
    function phoneCheck(text) {
      var raw = String(text).trim();
      if (!/^\+?[0-9 ().\-]+$/.test(raw)) return null;
      var digits = raw.replace(/[^0-9]/g, "");
      var national;
      if (raw.charAt(0) === "+") {
        if (digits.indexOf(phone.country_code) !== 0) return null;
        national = digits.slice(phone.country_code.length);
      } else if (digits.indexOf(phone.international_prefix) === 0) {
        var rest = digits.slice(phone.international_prefix.length);
        if (rest.indexOf(phone.country_code) !== 0) return null;
        national = rest.slice(phone.country_code.length);
      } else {
        national = digits;
        // libphonenumber drops a leading 47 when only the rest is a Norwegian number ("47 69 22 55 00").
        if (!general.test(national) && national.indexOf(phone.country_code) === 0 &&
            general.test(national.slice(phone.country_code.length))) {
          national = national.slice(phone.country_code.length);
        }
      }
      if (!general.test(national)) return null;
      var type = null;
      types.forEach(function (t) {
        if (!type && t.lengths.indexOf(national.length) !== -1 && t.re.test(national)) type = t.name;
      });
      if (!type) return null;
      var display = national;
      for (var i = 0; i < formats.length; i++) {
        var f = formats[i];
        if ((!f.leading || f.leading.test(national)) && f.re.test(national)) {
          display = national.replace(f.re, f.format.replace(/\\(\d)/g, "$$$1"));
          break;
        }
      }
      return { e164: "+" + phone.country_code + national, display: display, type: type };
    }

    /* A documented subset of email_validator (check_deliverability=False): an ASCII local part without
       leading, trailing or double dots; a domain of letters, digits and hyphens with a dot; no special-use
       top-level domain. Stricter than the build for rare addresses, never looser on the table tests check. */
    var LOCAL = /^[A-Za-z0-9!#$%&'*+\/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+\/=?^_`{|}~-]+)*$/;
    var LABEL = /^(?!-)[A-Za-z0-9\u00C0-\u024F-]{1,63}(?<!-)$/;
    function emailCheck(text) {
      var value = String(text);
      if (value.length > json.email.max_length || value.trim() !== value) return false;
      if (!mailbox.test(value)) return false;  // only what a real mailbox needs: no %, ?, & or quotes
      var at = value.lastIndexOf("@");
      if (at < 1) return false;
      var local = value.slice(0, at), domain = value.slice(at + 1);
      if (local.length > 64 || !LOCAL.test(local)) return false;
      var labels = domain.split(".");
      if (labels.length < 2) return false;
      for (var i = 0; i < labels.length; i++) if (!LABEL.test(labels[i])) return false;
      var tld = labels[labels.length - 1].toLowerCase();
      if (!/^[a-z\u00C0-\u024F]{1,63}$/.test(tld) && !/^xn--[a-z0-9-]+$/.test(tld)) return false;
      var special = json.email.special_use_domains;
      for (var j = 0; j < special.length; j++) {
        if (domain.toLowerCase() === special[j] || domain.toLowerCase().slice(-special[j].length - 1) === "." + special[j]) return false;
      }
      return true;
    }

    return {
      json: json,
      phone: phoneCheck,
      email: emailCheck,
      link: linkCheck,
      forbidden: function (text) { return forbidden.test(String(text)); },
      oneLine: function (text) { return oneLine.test(String(text)); },
      maxLink: json.max_link_length,
      maxEmail: json.email.max_length,
      markup: function (text) { return markup.test(String(text)); },
      herId: function (text) { return her.test(String(text)); },
      maxText: json.max_text_length,
      keKeys: json.ke_keys,
      block: json.change_block,
      sourceKeys: json.source_keys,
      width: json.yaml_width
    };
  }

  /* ------------------------------------------------------------------ YAML text edits (ruamel's style) */

  var WIDTH = 110;

  /* What ruamel.yaml's analyze_scalar says about a one-line string in block context. */
  function plainAllowed(text) {
    if (text === "") return false;
    if (text.slice(0, 3) === "---" || text.slice(0, 3) === "...") return false;
    var chars = Array.from(text);
    var ws = function (c) { return c === undefined || c === " " || c === "\t"; };
    if (chars[0] === " " || chars[chars.length - 1] === " ") return false;
    if ("#,[]{}&*!|>'\"%@`".indexOf(chars[0]) !== -1) return false;
    if ((chars[0] === "?" || chars[0] === ":" || chars[0] === "-") && ws(chars[1])) return false;
    for (var i = 1; i < chars.length; i++) {
      if (chars[i] === ":" && ws(chars[i + 1])) return false;
      if (chars[i] === "#" && ws(chars[i - 1])) return false;
    }
    return !specialCharacters(text);
  }

  function specialCharacters(text) {
    return Array.from(text).some(function (ch) {
      var c = ch.codePointAt(0);
      if (c >= 0x20 && c <= 0x7e) return false;
      // U+0085, U+2028 and U+2029 are line breaks to YAML: never printable in a plain or single-quoted scalar.
      if (c === 0x85 || c === 0x2028 || c === 0x2029 || c === 0xfeff) return true;
      return !((c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000);
    });
  }

  /* Words YAML would not read as text if written plain: the form refuses them (the build would too). */
  var YAML_WORDS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?(?:0|[1-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|0[0-7_]+|0x[0-9a-fA-F_]+|0o[0-7]+|0b[01_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|<<|=)$/;

  /* PyYAML's write_plain (the data files' wrapping), after "key:"; column = where "key:" ends. */
  function writePlain(text, column, indent) {
    var out = " ";
    column += 1;
    var spaces = false, start = 0;
    for (var end = 0; end <= text.length; end++) {
      var ch = end < text.length ? text.charAt(end) : null;
      if (spaces) {
        if (ch !== " ") {
          if (start + 1 === end && column > WIDTH) {
            out += "\n" + " ".repeat(indent);
            column = indent;
          } else {
            out += text.slice(start, end);
            column += Array.from(text.slice(start, end)).length;
          }
          start = end;
        }
      } else if (ch === null || ch === " ") {
        out += text.slice(start, end);
        column += Array.from(text.slice(start, end)).length;
        start = end;
      }
      if (ch !== null) spaces = ch === " ";
    }
    return out;
  }

  /* ruamel.yaml's write_single_quoted, after "key:". */
  function writeSingle(text, column, indent) {
    var out = " '";
    column += 2;
    var spaces = false, start = 0;
    for (var end = 0; end <= text.length; end++) {
      var ch = end < text.length ? text.charAt(end) : null;
      if (spaces) {
        if (ch === null || ch !== " ") {
          if (start + 1 === end && column > WIDTH && start !== 0 && end !== text.length) {
            out += "\n" + " ".repeat(indent);
            column = indent;
          } else {
            out += text.slice(start, end);
            column += Array.from(text.slice(start, end)).length;
          }
          start = end;
        }
      } else if (ch === null || ch === " " || ch === "'") {
        if (start < end) {
          out += text.slice(start, end);
          column += Array.from(text.slice(start, end)).length;
          start = end;
        }
      }
      if (ch === "'") {
        out += "''";
        column += 2;
        start = end + 1;
      }
      if (ch !== null) spaces = ch === " ";
    }
    return out + "'";
  }

  var LINE_BREAK = /[\n\r\u0085\u2028\u2029]/;

  /* A mailto: link to the editors: the address, the subject and the text each percent-encoded, so that no character
     of them can add a recipient or a header (RFC 6068). How long a link may be is the result view's concern
     (rules.block.mailto_limit). */
  function mailtoHref(address, subject, text) {
    return "mailto:" + encodeURIComponent(address).replace(/%40/g, "@") + "?subject=" + encodeURIComponent(subject) +
      "&body=" + encodeURIComponent(text);
  }

  /* "key: value" at an indent, as ruamel writes a new value: null, true/false, quoted (identifiers,
     phone numbers, dates) or a plain string in the style ruamel chooses. */
  function keyValue(indent, key, value, quoted) {
    var head = " ".repeat(indent) + key + ":";
    var column = indent + key.length + 1;
    if (value === null || value === undefined) return head + " null";
    if (value === true || value === false) return head + " " + value;
    if (Array.isArray(value)) return value.length ? head : head + " []";
    var text = String(value);
    // Every character YAML reads as a line break (and any other control character) is refused: written plain
    // or single-quoted it would end the value, and the next line could be read as a key of its own.
    if (LINE_BREAK.test(text) || specialCharacters(text)) throw new Error("line break");
    if (!quoted && plainAllowed(text)) return head + writePlain(text, column, indent + 2);
    if (!quoted && text.indexOf("'") !== -1) throw new Error("double-quoted");
    return head + writeSingle(text, column, indent + 2);
  }

  /* The lines of a block mapping at `indent`, as [{key, start, end}] (end exclusive), from line `from`. */
  function mappingKeys(lines, from, to, indent) {
    var keys = [];
    var pad = " ".repeat(indent);
    var keyRe = new RegExp("^" + pad + "([A-Za-z_][A-Za-z0-9_]*):(?: |$)");
    for (var i = from; i < to; i++) {
      var line = lines[i];
      var m = keyRe.exec(line);
      if (m) {
        if (keys.length) keys[keys.length - 1].end = i;
        keys.push({ key: m[1], start: i, end: to });
      } else if (!keys.length || !(line === "" || line.indexOf(pad + " ") === 0 || line.indexOf(pad + "- ") === 0)) {
        throw new Error("shape"); // a comment or a flow style the form does not edit: send by e-mail instead
      }
    }
    return keys;
  }

  function topKey(lines, key) {
    for (var i = 0; i < lines.length; i++) {
      if (lines[i] === key + ":" || lines[i].indexOf(key + ": ") === 0) {
        var end = i + 1;
        while (end < lines.length && (lines[end].charAt(0) === " " || lines[end].charAt(0) === "-" || lines[end] === "")) end++;
        return { start: i, end: end };
      }
    }
    throw new Error("shape");
  }

  function sameValue(current, value) {
    if (current === undefined) current = null;
    return current === value;
  }

  /* Put a value in a block mapping the way contact_import.put does: an equal value stays as written,
     a different one is re-written, a missing key goes in schema order. */
  function putLines(lines, block, indent, key, value, order, quoted, current) {
    var keys = mappingKeys(lines, block.start, block.end, indent);
    var found = keys.filter(function (k) { return k.key === key; })[0];
    if (found) {
      if (sameValue(current, value)) return;
      var text = keyValue(indent, key, value, quoted).split("\n");
      lines.splice.apply(lines, [found.start, found.end - found.start].concat(text));
      block.end += text.length - (found.end - found.start);
      return;
    }
    // contact_import.put: the position is the number of keys that come before it in the schema's order.
    var position = keys.filter(function (k) { return order.indexOf(k.key) !== -1 && order.indexOf(k.key) < order.indexOf(key); }).length;
    var at = position < keys.length ? keys[position].start : block.end;
    var added = keyValue(indent, key, value, quoted).split("\n");
    lines.splice.apply(lines, [at, 0].concat(added));
    block.end += added.length;
  }

  function phoneEntryLines(indent, phone) {
    var first = " ".repeat(indent) + "- " + keyValue(indent + 2, "number", phone.display, true).slice(indent + 2);
    return [first].concat(keyValue(indent + 2, "label", phone.label === "" ? null : phone.label, false).split("\n"));
  }

  /* The phone list as contact_import.replace_phones writes it: numbers already listed keep their lines. */
  function replacePhones(lines, ke, indent, phones, currentPhones, e164Of, keOrder) {
    var keys = mappingKeys(lines, ke.start, ke.end, indent);
    var slot = keys.filter(function (k) { return k.key === "phones"; })[0];
    var entries = [];
    if (slot) {
      var i = slot.start + 1;
      var dash = " ".repeat(indent) + "- ";
      while (i < slot.end) {
        if (lines[i].indexOf(dash) !== 0) throw new Error("shape");
        var j = i + 1;
        while (j < slot.end && lines[j].indexOf(dash) !== 0) j++;
        entries.push(lines.slice(i, j));
        i = j;
      }
    }
    var now = currentPhones.map(function (p) { return e164Of(p.number) + "|" + (p.label === undefined ? null : p.label); });
    var want = phones.map(function (p) { return p.e164 + "|" + (p.label || null); });
    if (slot && now.join("\n") === want.join("\n")) return;
    var existing = {};
    currentPhones.forEach(function (p, k) { existing[e164Of(p.number)] = { lines: entries[k], label: p.label }; });
    var out = [];
    phones.forEach(function (p) {
      var kept = existing[p.e164];
      var label = p.label || null;
      if (!kept) { out = out.concat(phoneEntryLines(indent, p)); return; }
      var entry = kept.lines.slice();
      var block = { start: 0, end: entry.length };
      // The entry's own keys sit at indent + 2; its first line starts with the dash: read it as if indented.
      var first = entry[0];
      entry[0] = " ".repeat(indent + 2) + first.slice(indent + 2);
      putLines(entry, block, indent + 2, "label", label, ["number", "label"], false, kept.label === undefined ? null : kept.label);
      entry[0] = first.slice(0, indent + 2) + entry[0].slice(indent + 2);
      out = out.concat(entry);
    });
    var head = keyValue(indent, "phones", out.length ? [1] : [], false);
    var replacement = [head].concat(out);
    if (slot) {
      lines.splice.apply(lines, [slot.start, slot.end - slot.start].concat(replacement));
      ke.end += replacement.length - (slot.end - slot.start);
    } else {
      var position = keys.filter(function (k) { return keOrder.indexOf(k.key) !== -1 && keOrder.indexOf(k.key) < keOrder.indexOf("phones"); }).length;
      var at = position < keys.length ? keys[position].start : ke.end;
      lines.splice.apply(lines, [at, 0].concat(replacement));
      ke.end += replacement.length;
    }
  }

  /* contact_import.KE_KEYS and SOURCE_KEYS (the schema's order). The form passes the build's own lists from
     correction-rules.json; these are the same lists for callers without rules (tests check they agree). */
  var KE_ORDER = ["unit", "serves", "phones", "email", "web", "web_kind", "related_topic", "visiting_address",
                  "postal_address", "opening_hours", "phone_hours", "her_id", "source"];
  var SOURCE_ORDER = ["url", "evidence", "retrieved", "page_date", "confirmed_by_ke"];
  var QUOTED = { her_id: true, retrieved: true };

  /* contact_import.new_ke_block / new_source_block: every key in order, null unless the importer says otherwise. */
  var NEW_KE = { phones: [], web_kind: "ke-page" };
  var NEW_SOURCE = { confirmed_by_ke: false };

  /* Apply a change to a data file's text. change = {values: {key: value|null}, phones: [{e164, display,
     label}] or undefined, source: {url, evidence, retrieved, confirmed_by_ke} (each optional, like the
     importer's columns), services: [codes]|null|undefined}; current = the entry's current values (entry.ke, may
     be null); e164Of: a listed number's E.164; order: {ke, source} key lists (default KE_ORDER, SOURCE_ORDER). */
  function applyChange(text, current, change, e164Of, order) {
    var keOrder = (order && order.ke) || KE_ORDER;
    var sourceOrder = (order && order.source) || SOURCE_ORDER;
    var lines = text.split("\n");
    var trailing = lines[lines.length - 1] === "" ? lines.pop() : null;
    var keBlock = topKey(lines, "ke");
    var indent = 2;
    if (!current) {
      if (lines[keBlock.start] !== "ke: null") throw new Error("shape");
      var fresh = ["ke:"];
      var freshSource = {};
      keOrder.forEach(function (key) {
        if (key === "source") {
          fresh.push("  source:");
          sourceOrder.forEach(function (skey) {
            freshSource[skey] = skey in NEW_SOURCE ? NEW_SOURCE[skey] : null;
            fresh.push(keyValue(4, skey, freshSource[skey], false));
          });
        } else {
          fresh.push(keyValue(2, key, key in NEW_KE ? NEW_KE[key] : null, false));
        }
      });
      lines.splice.apply(lines, [keBlock.start, keBlock.end - keBlock.start].concat(fresh));
      keBlock = { start: keBlock.start, end: keBlock.start + fresh.length };
      current = { phones: [], web_kind: "ke-page", source: freshSource };
    }
    var ke = { start: keBlock.start + 1, end: keBlock.end };
    Object.keys(change.values || {}).forEach(function (key) {
      putLines(lines, ke, indent, key, change.values[key], keOrder, !!QUOTED[key], current[key]);
    });
    var source = change.source || {};
    var currentSource = Object.assign({}, current.source || {});  // entry.ke stays as loaded
    function putSource(key, value) {
      var keys = mappingKeys(lines, ke.start, ke.end, indent);
      var slot = keys.filter(function (k) { return k.key === "source"; })[0];
      if (!slot) throw new Error("shape");
      var block = { start: slot.start + 1, end: slot.end };
      var before = block.end;
      putLines(lines, block, indent + 2, key, value, sourceOrder, !!QUOTED[key], currentSource[key]);
      ke.end += block.end - before;
      currentSource[key] = value;
    }
    sourceOrder.forEach(function (key) { if (key in source) putSource(key, source[key]); });
    // contact_import.apply_update: evidence and confirmed_by_ke say the same thing, so the one the change
    // leaves out follows from the other.
    if ("evidence" in source && !("confirmed_by_ke" in source)) putSource("confirmed_by_ke", source.evidence === "ke-confirmed");
    else if (source.confirmed_by_ke === true && !("evidence" in source)) putSource("evidence", "ke-confirmed");
    if (change.phones) replacePhones(lines, ke, indent, change.phones, current.phones || [], e164Of, keOrder);
    if (change.services !== undefined) {
      var svc = topKey(lines, "services");
      var svcLines = change.services === null ? ["services: null"] : (change.services.length ? ["services:"].concat(change.services.map(function (c) { return "- " + c; })) : ["services: []"]);
      lines.splice.apply(lines, [svc.start, svc.end - svc.start].concat(svcLines));
    }
    if (trailing !== null) lines.push(trailing);
    return lines.join("\n");
  }

  /* A unified diff of two texts (whole lines, 3 lines of context), the form editors know from git. */
  function unifiedDiff(a, b, name) {
    var x = a.split("\n"), y = b.split("\n");
    var n = x.length, m = y.length, i, j;
    var lcs = [];
    for (i = 0; i <= n; i++) lcs.push(new Array(m + 1).fill(0));
    for (i = n - 1; i >= 0; i--) for (j = m - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    var ops = [];  // [sign, line, old line number, new line number]
    i = 0; j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && x[i] === y[j]) { ops.push([" ", x[i], i, j]); i++; j++; }
      else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) { ops.push(["-", x[i], i, j]); i++; }
      else { ops.push(["+", y[j], i, j]); j++; }
    }
    var out = ["--- a/" + name, "+++ b/" + name];
    var k = 0;
    while (k < ops.length) {
      if (ops[k][0] === " ") { k++; continue; }
      var s = Math.max(0, k - 3), e = k;
      for (;;) {
        while (e < ops.length && ops[e][0] !== " ") e++;
        var gap = e;
        while (gap < ops.length && ops[gap][0] === " ") gap++;
        if (gap < ops.length && gap - e <= 6) { e = gap; continue; }
        e = Math.min(ops.length, e + 3);
        break;
      }
      var hunk = ops.slice(s, e);
      var oldLen = hunk.filter(function (o) { return o[0] !== "+"; }).length;
      var newLen = hunk.filter(function (o) { return o[0] !== "-"; }).length;
      out.push("@@ -" + (hunk[0][2] + 1) + "," + oldLen + " +" + (hunk[0][3] + 1) + "," + newLen + " @@");
      hunk.forEach(function (o) { out.push(o[0] + o[1]); });
      k = e;
    }
    return out.join("\n") + "\n";
  }

  window.KeYaml = { mailtoHref: mailtoHref, applyChange: applyChange, keOrder: KE_ORDER, sourceOrder: SOURCE_ORDER, keyValue: keyValue, unifiedDiff: unifiedDiff, yamlWord: function (t) { return YAML_WORDS.test(t); } };
  window.KeRules = { make: makeRules };

  /* ------------------------------------------------------------------ the form */

  var root = document.getElementById("ke-correction-form");
  if (!root) return;
  var lang = TEXT.hasOwnProperty(document.documentElement.lang) ? document.documentElement.lang : "nb";
  var W = TEXT[lang];
  var LOCALE = { nb: "nb-NO", nn: "nn-NO", en: "en-GB" };
  var script = document.querySelector("script[src*='correction.js']");
  var assets = new URL("./", script ? script.src : location.href);
  // The build settings (KE_EDITOR_EMAIL, KE_DATA_EDIT_URL), written by overrides/main.html; either may be empty.
  var settingsEl = document.getElementById("ke-settings");
  var settings = { email: settingsEl ? settingsEl.getAttribute("data-editor-email") || "" : "",
                   editUrl: settingsEl ? settingsEl.getAttribute("data-edit-url") || "" : "" };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function status(text) { root.textContent = ""; root.appendChild(el("p", { role: "status", text: text })); }

  var entryId = new URLSearchParams(location.search).get("entry") || "";
  if (!/^[a-z0-9-]+$/.test(entryId)) { status(W.noEntry); return; }
  status(W.loading);

  function getJson(rel) {
    return fetch(new URL(rel, assets)).then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
  }

  Promise.all([getJson("correction-rules.json"), getJson("entries/" + entryId + ".json")]).then(function (got) {
    var rules = makeRules(got[0]);
    var entry = got[1];
    if (entry.kind === "municipality") {
      return getJson("../api/v1/services.json").then(function (s) { build(rules, entry, s.services); });
    }
    build(rules, entry, null);
  }).catch(function () { status(W.loadFailed); });

  /* The change block's checksum: FNV-1a (32 bits) over the UTF-8 bytes, as change_block.fnv1a computes it. Its
     fields, version and the mailto limit come from the rules export (rules.block). */
  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
    return ("0000000" + h.toString(16)).slice(-8);
  }
  function todayIso() {
    var today = new Date();
    return today.getFullYear() + "-" + String(today.getMonth() + 1).padStart(2, "0") + "-" + String(today.getDate()).padStart(2, "0");
  }

  var FIELDS = ["unit", "email", "web", "visiting_address", "postal_address", "opening_hours", "phone_hours", "her_id"];
  var HINTS = { unit: "unitHint", email: "emailHint", web: "webHint", her_id: "herHint" };

  function field(id, label, value, hint, type, max) {
    var input = el("input", { id: id, name: id, type: type || "text", autocomplete: "off" });
    if (max) input.setAttribute("maxlength", String(max));  // the data rules' limit (correction-rules.json)
    input.value = value || "";
    var wrap = el("div", { class: "ke-form__field" }, [el("label", { for: id, text: label })]);
    if (hint) {
      var hintEl = el("p", { class: "ke-form__hint", id: id + "-hint", text: hint });
      wrap.appendChild(hintEl);
      input.setAttribute("aria-describedby", id + "-hint");
    }
    wrap.appendChild(input);
    wrap.appendChild(el("p", { class: "ke-form__error", id: id + "-error", hidden: "" }));
    return wrap;
  }

  /* What we know of the details now (source.evidence), in the words the KE pages use. */
  function evidenceNow(current) {
    var source = current ? current.source : null;
    var words = source && W["evidence_" + source.evidence];
    if (!words) return el("p", { class: "ke-form__evidence", id: "ke-evidence-now", text: W.evidenceNone });
    return el("p", { class: "ke-form__evidence", id: "ke-evidence-now" }, [el("strong", { text: W.evidenceNow }), " ",
      fill(words, { date: longDate(source.retrieved) })]);
  }

  /* "2026-11-30" -> "30. november 2026" / "30 November 2026", as the KE pages write dates. */
  function longDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!m) return iso || W.none;
    var day = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return new Intl.DateTimeFormat(LOCALE[lang], { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(day);
  }

  function build(rules, entry, services) {
    root.textContent = "";
    var ke = entry.ke || { phones: [], source: {} };
    var owner = entry.owner[lang];
    var form = el("form", { class: "ke-form", novalidate: "" });
    form.appendChild(el("p", { text: fill(W.intro, { owner: owner }) }));
    var errorBox = el("div", { class: "ke-form__summary", tabindex: "-1", hidden: "" });
    form.appendChild(errorBox);

    var unitSet = el("fieldset", {}, [el("legend", { text: W.unitLegend })]);
    unitSet.appendChild(field("ke-unit", W.unit, ke.unit, W.unitHint, "text", rules.maxText));
    var phoneSet = el("fieldset", { class: "ke-form__phones" }, [el("legend", { text: W.phones }),
      el("p", { class: "ke-form__hint", text: W.phoneHint })]);
    var phoneRows = el("div");
    phoneSet.appendChild(phoneRows);
    var addButton = el("button", { type: "button", class: "ke-form__button ke-form__button--secondary", text: W.addPhone });
    phoneSet.appendChild(addButton);
    function addPhoneRow(number, label) {
      var n = phoneRows.children.length + 1;
      var row = el("div", { class: "ke-form__phone" });
      row.appendChild(field("ke-phone-" + n, fill(W.phoneNumber, { n: n }), number, null, "tel", rules.maxText));
      row.appendChild(field("ke-phone-label-" + n, fill(W.phoneLabel, { n: n }), label, null, "text", rules.maxText));
      var remove = el("button", { type: "button", class: "ke-form__button ke-form__button--secondary", text: fill(W.removePhone, { n: n }) });
      remove.addEventListener("click", function () { row.remove(); });
      row.appendChild(remove);
      phoneRows.appendChild(row);
      return row;
    }
    (ke.phones || []).forEach(function (p) { addPhoneRow(p.number, p.label); });
    addButton.addEventListener("click", function () { addPhoneRow("", "").querySelector("input").focus(); });
    unitSet.appendChild(phoneSet);
    // Only what the site presents as the KE's own is prefilled: a related page is named as such, not as the web page.
    var related = ke.web_kind === "related-page";
    FIELDS.slice(1).forEach(function (key) {
      var relatedWeb = key === "web" && related;
      unitSet.appendChild(field("ke-" + key.replace(/_/g, "-"), W[key], relatedWeb ? "" : ke[key],
                                relatedWeb ? fill(W.relatedNow, { url: ke.web }) : HINTS[key] ? W[HINTS[key]] : null,
                                key === "email" ? "email" : key === "web" ? "url" : "text",
                                key === "email" ? rules.maxEmail : key === "web" ? rules.maxLink : rules.maxText));
    });
    form.appendChild(unitSet);

    var serviceBoxes = [];
    if (services) {
      var known = entry.services || [];
      var svcSet = el("fieldset", {}, [el("legend", { text: W.servicesLegend }), el("p", { class: "ke-form__hint", text: W.servicesHint })]);
      services.forEach(function (s) {
        var id = "ke-service-" + s.code;
        var box = el("input", { type: "checkbox", id: id, value: s.code });
        box.checked = known.indexOf(s.code) !== -1;
        serviceBoxes.push(box);
        svcSet.appendChild(el("div", { class: "ke-form__check" }, [box, el("label", { for: id, text: s.names[lang] })]));
      });
      form.appendChild(svcSet);
    }

    var srcSet = el("fieldset", {}, [el("legend", { text: W.sourceLegend })]);
    srcSet.appendChild(field("ke-source-url", W.sourceUrl, (ke.source || {}).url || entry.owner_web || "", W.sourceHint, "url", rules.maxLink));
    srcSet.appendChild(evidenceNow(entry.ke));
    var confirm = el("input", { type: "checkbox", id: "ke-confirm", "aria-describedby": "ke-confirm-hint" });
    confirm.checked = !!(ke.source || {}).confirmed_by_ke;
    srcSet.appendChild(el("div", { class: "ke-form__check" }, [confirm, el("label", { for: "ke-confirm", text: W.confirm })]));
    srcSet.appendChild(el("p", { class: "ke-form__hint", id: "ke-confirm-hint", text: W.confirmHint }));
    srcSet.appendChild(el("p", { class: "ke-form__error", id: "ke-confirm-error", hidden: "" }));
    var live = el("input", { type: "checkbox", id: "ke-live", "aria-describedby": "ke-live-hint" });
    srcSet.appendChild(el("div", { class: "ke-form__check" }, [live, el("label", { for: "ke-live", text: W.live })]));
    srcSet.appendChild(el("p", { class: "ke-form__hint", id: "ke-live-hint", text: W.liveHint }));
    srcSet.appendChild(el("p", { class: "ke-form__error", id: "ke-live-error", hidden: "" }));
    var personal = el("input", { type: "checkbox", id: "ke-not-personal", "aria-describedby": "ke-not-personal-hint" });
    var personalWrap = el("div", { class: "ke-form__check", hidden: "" }, [personal, el("label", { for: "ke-not-personal", text: W.personal })]);
    var personalHint = el("p", { class: "ke-form__hint", id: "ke-not-personal-hint", text: W.personalHint, hidden: "" });
    srcSet.appendChild(personalWrap);
    srcSet.appendChild(personalHint);
    form.appendChild(srcSet);

    form.appendChild(el("button", { type: "submit", class: "ke-form__button", text: W.make }));
    var result = el("section", { class: "ke-form__result", "aria-labelledby": "ke-result-heading", hidden: "" });
    // "Everything is correct": one step for a KE whose details we publish, the same kind of message with nothing changed.
    if (entry.ke && !related) {
      var allButton = el("button", { type: "button", class: "ke-form__button ke-form__all-correct", text: W.allButton });
      var all = el("section", { class: "ke-form__all", "aria-labelledby": "ke-all-heading" }, [
        el("h2", { id: "ke-all-heading", tabindex: "-1", text: W.allTitle }), el("p", { text: W.allText }), el("p", {}, [allButton])]);
      allButton.addEventListener("click", function () { showResult(entry.yaml, "ke", null, todayIso()); });
      root.appendChild(all);
    }
    root.appendChild(form);
    root.appendChild(result);
    if (entry.ke && !related && new URLSearchParams(location.search).get("step") === "confirm") document.getElementById("ke-all-heading").focus();

    function value(id) { var input = document.getElementById(id); return input ? input.value.trim() : ""; }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var errors = [];
      form.querySelectorAll(".ke-form__error").forEach(function (p) { p.hidden = true; p.textContent = ""; });
      form.querySelectorAll("[aria-invalid]").forEach(function (i) {
        i.removeAttribute("aria-invalid");
        var hint = document.getElementById(i.id + "-hint");
        i.setAttribute("aria-describedby", hint ? i.id + "-hint" : "");
        if (!hint) i.removeAttribute("aria-describedby");
      });
      function fail(id, message) {
        errors.push({ id: id, message: message });
        var input = document.getElementById(id);
        var p = document.getElementById(id + "-error");
        p.textContent = message; p.hidden = false;
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + id + "-error").trim());
      }
      /* The data rules every field gets before anything is written (ke_finder/source/rules.py, published as
         data-rules.json): no markup, no forbidden character (U+2028, U+2029, U+0085, bidi and zero-width
         characters), one line only (no line break or tab), and the field's maximum length. */
      function dataRules(id, v, max) {
        if (rules.markup(v)) { fail(id, W.errMarkup); return false; }
        if (rules.forbidden(v) || !rules.oneLine(v) || specialCharacters(v)) { fail(id, W.errSpecial); return false; }  // YAML would need double quotes
        if (Array.from(v).length > max) { fail(id, fill(W.errLength, { n: Array.from(v).length, max: max })); return false; }
        return true;
      }
      function maxOf(key) { return key === "email" ? rules.maxEmail : key === "web" ? rules.maxLink : rules.maxText; }
      function text(id, key, check) {
        var v = value(id);
        if (!v) return null;
        if (!dataRules(id, v, maxOf(key))) return v;
        if (check && !check(v)) return v;
        if (!QUOTED[key] && key !== "email" && key !== "web" && YAML_WORDS.test(v)) { fail(id, fill(W.errYamlWord, { value: v })); return v; }
        if (!QUOTED[key] && !plainAllowed(v) && v.indexOf("'") !== -1) { fail(id, W.errQuotes); return v; }
        return v;
      }
      var values = {};
      values.unit = text("ke-unit", "unit");
      values.email = text("ke-email", "email", function (v) { if (!rules.email(v)) { fail("ke-email", fill(W.errEmail, { value: v })); return false; } return true; });
      values.web = text("ke-web", "web", function (v) { if (!rules.link(v)) { fail("ke-web", fill(W.errLink, { value: v })); return false; } return true; });
      ["visiting_address", "postal_address", "opening_hours", "phone_hours"].forEach(function (key) { values[key] = text("ke-" + key.replace(/_/g, "-"), key); });
      values.her_id = text("ke-her-id", "her_id", function (v) { if (!rules.herId(v)) { fail("ke-her-id", fill(W.errHer, { value: v })); return false; } return true; });
      var needsPersonal = [];
      var phones = [];
      var seen = {};
      Array.prototype.forEach.call(phoneRows.children, function (row) {
        var inputs = row.querySelectorAll("input");
        var number = inputs[0].value.trim(), label = inputs[1].value.trim();
        if (!number && !label) return;
        if (!number) { fail(inputs[0].id, W.errPhoneLabelOnly); return; }
        if (!dataRules(inputs[0].id, number, rules.maxText)) return;
        if (label && !dataRules(inputs[1].id, label, rules.maxText)) return;
        var parsed = rules.phone(number);
        if (!parsed) { fail(inputs[0].id, fill(W.errPhone, { value: number })); return; }
        if (seen[parsed.e164]) { fail(inputs[0].id, fill(W.errPhoneTwice, { value: parsed.display })); return; }
        seen[parsed.e164] = true;
        if (label && (YAML_WORDS.test(label) || (!plainAllowed(label) && label.indexOf("'") !== -1))) { fail(inputs[1].id, fill(W.errYamlWord, { value: label })); return; }
        // Only new numbers and addresses are asked about: what is already published was checked then.
        var listed = (ke.phones || []).some(function (p) { var q = rules.phone(p.number); return q && q.e164 === parsed.e164; });
        if (parsed.type === "mobile" && !listed) needsPersonal.push({ id: inputs[0].id, message: fill(W.errPersonalPhone, { value: parsed.display }) });
        phones.push({ e164: parsed.e164, display: parsed.display, label: label || null });
      });
      if (values.email && values.email !== ke.email && /^[a-zæøå]+[._-][a-zæøå]+(?:[._-][a-zæøå]+)?@/i.test(values.email) &&
          !/^(post|postmottak|ke|koordinerende|kontakt|tjenestekontoret|tildeling|servicetorget)[._-]/i.test(values.email)) {
        needsPersonal.push({ id: "ke-email", message: fill(W.errPersonalEmail, { value: values.email }) });
      }
      // "v/ Kari Nordmann", "ved Kari Nordmann", "kontaktperson Kari Nordmann": a person, not the unit.
      var NAMED = /(?:\bv\/|\bved\s|\bc\/o\s|kontaktperson:?\s)\s*[A-ZÆØÅ][a-zæøå]+\s+[A-ZÆØÅ][a-zæøå]+/;
      [["ke-unit", values.unit]].concat(Array.prototype.map.call(phoneRows.children, function (row) {
        var input = row.querySelectorAll("input")[1];
        return [input.id, input.value.trim()];
      })).forEach(function (pair) {
        if (pair[1] && NAMED.test(pair[1])) needsPersonal.push({ id: pair[0], message: fill(W.errPersonalName, { value: pair[1] }) });
      });
      personalWrap.hidden = personalHint.hidden = !needsPersonal.length && !personal.checked;
      if (needsPersonal.length && !personal.checked) needsPersonal.forEach(function (p) { fail(p.id, p.message); });
      var sourceUrl = value("ke-source-url");
      if (!sourceUrl) fail("ke-source-url", W.errSourceNeeded);
      else if (!dataRules("ke-source-url", sourceUrl, rules.maxLink)) { /* said by dataRules */ }
      else if (!rules.link(sourceUrl)) fail("ke-source-url", fill(W.errLink, { value: sourceUrl }));
      // Every KE block says what we know (source.evidence): a new block needs it, and details the KE confirmed
      // cannot be changed by someone else without saying where the new ones come from.
      var evidenceBefore = entry.ke ? entry.ke.source.evidence : null;
      if (!confirm.checked && !live.checked) {
        if (!entry.ke) fail("ke-live", W.errEvidenceNew);
        else if (evidenceBefore === "ke-confirmed") fail("ke-live", W.errEvidenceConfirmed);
      }

      errorBox.textContent = "";
      if (errors.length) {
        showErrors(errors);
        return;
      }
      var iso = todayIso();
      var current = entry.ke;
      var change = { values: {} };
      FIELDS.forEach(function (key) {
        var now = current && current[key] !== undefined ? current[key] : null;
        if (key === "web" && related) {
          // An empty field keeps the related page; an address makes it the KE's own page.
          if (values.web) { change.values.web = values.web; change.values.web_kind = "ke-page"; change.values.related_topic = null; }
          return;
        }
        if (values[key] !== now) change.values[key] = values[key];
      });
      var currentPhones = current ? current.phones : [];
      var key = function (e164, label) { return e164 + "|" + (label || null); };
      var before = currentPhones.map(function (p) { var q = rules.phone(p.number); return key(q ? q.e164 : p.number, p.label); });
      if (phones.map(function (p) { return key(p.e164, p.label); }).join("\n") !== before.join("\n")) change.phones = phones;
      if (serviceBoxes.length) {
        var ticked = serviceBoxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
        var was = (entry.services || []).slice().sort().join(" ");
        if (ticked.slice().sort().join(" ") !== was) change.services = ticked.length ? ticked : null;
      }
      var confirmedBefore = current ? !!current.source.confirmed_by_ke : false;
      var sourceBefore = current ? current.source.url : null;
      if (!Object.keys(change.values).length && !change.phones && change.services === undefined &&
          confirm.checked === confirmedBefore && !live.checked && sourceUrl === sourceBefore) {
        showErrors([{ id: "ke-unit", message: W.noChange }]);
        return;
      }
      // The source as a row of the importer's spreadsheet would set it. The date says when the KE confirmed the
      // details or when the sender checked the live page; otherwise the source keeps its evidence and date until
      // the editors have checked the suggestion against the source.
      change.source = {};
      if (confirm.checked) change.source = { confirmed_by_ke: true, retrieved: iso };  // evidence: ke-confirmed
      else if (live.checked) change.source = { evidence: "live-page", retrieved: iso };  // confirmed_by_ke: false
      if (sourceUrl !== sourceBefore) change.source.url = sourceUrl;
      var after;
      try {
        after = applyChange(entry.yaml, current, change, function (number) { var q = rules.phone(number); return q ? q.e164 : number; },
                            { ke: rules.keKeys, source: rules.sourceKeys });
      } catch (e) {
        showErrors([{ id: "ke-unit", message: W.errFile }]);
        return;
      }
      showResult(after, confirm.checked ? "ke" : live.checked ? "live" : "none", change, iso);
    });

    function showErrors(errors) {
      errorBox.textContent = "";
      errorBox.appendChild(el("h2", { text: W.errorsTitle }));
      var list = el("ul");
      errors.forEach(function (e) {
        list.appendChild(el("li", {}, [el("a", { href: "#" + e.id, text: e.message })]));
      });
      errorBox.appendChild(list);
      errorBox.hidden = false;
      result.hidden = true;
      errorBox.focus();
    }

    /* A value as KE staff read it: phones with their labels, offers by name, nothing as "(empty)". */
    function shownValue(key, value) {
      if (value === null || value === undefined || (Array.isArray(value) && !value.length)) return W.none;
      if (key === "phones") return value.map(function (p) { return (p.display || p.number) + (p.label ? " (" + p.label + ")" : ""); }).join(", ");
      if (key === "services") return value.map(function (code) { var f = (services || []).filter(function (x) { return x.code === code; })[0]; return f ? f.names[lang] : code; }).join(", ");
      return String(value);
    }

    /* What will change, in plain words: one line per field. */
    function changeLines(change) {
      var lines = [];
      var current = entry.ke || { phones: [], source: {} };
      FIELDS.slice(0, 1).concat(["phones"], FIELDS.slice(1)).forEach(function (key) {
        var value = key === "phones" ? change.phones : change.values[key];
        if (value === undefined) return;
        var old = key === "web" && current.web_kind === "related-page" ? null : current[key];
        lines.push(fill(W.changeLine, { field: W[key], value: shownValue(key, value), old: shownValue(key, old) }));
      });
      if (change.services !== undefined) lines.push(fill(W.changeLine, { field: W.servicesLegend, value: shownValue("services", change.services), old: shownValue("services", entry.services) }));
      if (change.source && change.source.url !== undefined) lines.push(fill(W.changeLine, { field: W.sourceUrl, value: change.source.url, old: shownValue("url", current.source.url) }));
      return lines;
    }

    /* The machine-readable block `python -m ke_finder apply` reads (ke_finder/editor/change_block.py has the
       format and the reader): one `key: JSON` line per field, spaces inside values as \u0020 so that a mail
       client's line wrapping cannot lose one, and an FNV-1a checksum of the lines. */
    function changeBlock(change, claim, iso) {
      function dumps(v) { return JSON.stringify(v).replace(/ /g, "\\u0020"); }
      var lines = ["entry: " + dumps(entry.id), "base: " + dumps(entry.base)];
      if (change) {
        rules.block.fields.forEach(function (key) {
          if (key === "phones") { if (change.phones) lines.push("set.phones: " + dumps(change.phones.map(function (p) { return { number: p.display, label: p.label }; }))); }
          else if (key in change.values) lines.push("set." + key + ": " + dumps(change.values[key]));
        });
        if (change.services !== undefined) lines.push("services: " + dumps(change.services));
        if (change.source && change.source.url !== undefined) lines.push("source.url: " + dumps(change.source.url));
      }
      lines.push("claim: " + dumps(claim), "date: " + dumps(iso));
      lines.push("sum: " + dumps(fnv1a(lines.join("\n"))));
      var version = rules.block.version;
      return ["-----BEGIN KE-FINDER CHANGE " + version + "-----"].concat(lines, ["-----END KE-FINDER CHANGE " + version + "-----"]).join("\n");
    }

    /* The result: what changes in plain words, and one action (send the e-mail, or copy the change). The file and
       the line-by-line diff are for the editors, folded away below. change is null for "everything is correct". */
    function showResult(after, claim, change, iso) {
      errorBox.hidden = true;
      result.textContent = "";
      var fileName = entry.file.split("/").pop();
      var lines = change ? changeLines(change) : [];
      result.appendChild(el("h2", { id: "ke-result-heading", tabindex: "-1", text: change ? W.resultTitle : W.confirmTitle }));
      if (lines.length) {
        result.appendChild(el("p", { text: W.changesTitle }));
        var list = el("ul", { class: "ke-form__changes" });
        lines.forEach(function (line) { list.appendChild(el("li", { text: line })); });
        result.appendChild(list);
      } else {
        result.appendChild(el("p", { text: W.nothingChanges }));
      }
      var sender = claim === "ke" ? W.mailConfirmed : claim === "live" ? W.mailLive : W.mailNotConfirmed;
      var block = changeBlock(change, claim, iso);
      var words = [fill(change ? W.mailIntro : W.mailConfirmIntro, { owner: owner }), sender, ""]
        .concat(lines.length ? [W.changesTitle].concat(lines.map(function (l) { return "- " + l; }), [""]) : [])
        .concat([W.mailBlock, block]);
      var body = words.join("\n");
      var subject = fill(change ? W.mailSubject : W.mailConfirmSubject, { owner: owner });
      var message = el("textarea", { id: "ke-message", class: "ke-form__message", readonly: "", rows: "8" });
      if (settings.email) {
        var href = function (text) { return mailtoHref(settings.email, subject, text); };
        var tooLong = href(body).length > rules.block.mailto_limit;
        if (tooLong) body = [fill(change ? W.mailIntro : W.mailConfirmIntro, { owner: owner }), sender, "", W.mailBlock, block].join("\n");
        if (href(body).length > rules.block.mailto_limit) {
          // Even the block alone is too long for a link many mail clients open: the message is copied by hand.
          result.appendChild(el("p", { class: "ke-form__too-long", text: fill(W.tooLongCopy, { email: settings.email }) }));
        } else {
          result.appendChild(el("p", {}, [el("a", { href: href(body), class: "ke-form__mail md-button md-button--primary", text: W.sendMail })]));
          result.appendChild(el("p", { class: "ke-form__hint", text: fill(W.sendHint, { email: settings.email }) }));
          if (tooLong) result.appendChild(el("p", { class: "ke-form__hint", text: W.tooLong }));
        }
      } else {
        result.appendChild(el("p", { class: "ke-form__no-editors", text: W.noEditors }));
      }
      message.value = body;
      result.appendChild(el("label", { for: "ke-message", text: W.message }));
      result.appendChild(message);
      var copied = el("p", { role: "status", class: "ke-form__hint" });
      var copy = el("button", { type: "button", class: "ke-form__button ke-form__button--secondary ke-form__copy", text: W.copy });
      copy.addEventListener("click", function () {
        message.select();
        var done = function () { copied.textContent = W.copied; };
        if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(body).then(done, function () { document.execCommand("copy"); done(); });
        else { document.execCommand("copy"); done(); }
      });
      result.appendChild(el("p", {}, [copy]));
      result.appendChild(copied);
      var editors = el("details", { class: "ke-form__editors" }, [el("summary", { text: W.editorsTitle })]);
      if (change) {
        var blob = new Blob([after], { type: "application/yaml;charset=utf-8" });
        editors.appendChild(el("p", {}, [el("a", { href: URL.createObjectURL(blob), download: fileName, class: "ke-form__download", text: fill(W.download, { file: fileName }) })]));
        editors.appendChild(el("p", { class: "ke-form__hint", text: W.downloadHint }));
        if (settings.editUrl && /^https?:\/\//.test(settings.editUrl)) {
          editors.appendChild(el("p", {}, [el("a", { href: settings.editUrl + entry.file, class: "ke-form__propose", text: W.propose })]));
          editors.appendChild(el("p", { class: "ke-form__hint", text: W.proposeHint }));
        }
        editors.appendChild(el("h3", { text: W.diffTitle }));
        editors.appendChild(el("pre", { class: "ke-form__diff", tabindex: "0", text: unifiedDiff(entry.yaml, after, entry.file) }));
      }
      if (change) result.appendChild(editors);
      result.hidden = false;
      document.getElementById("ke-result-heading").focus();
      result.setAttribute("data-yaml", after);
      result.setAttribute("data-message", body);
    }
  }
})();
