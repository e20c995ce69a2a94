"""The correction form end to end, in Chromium: prefilled, checked with the build's rules, a file that validates,
the same bytes as scripts/import_contacts.py for the same change, an e-mail to the editors, and the build settings."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from datetime import date, datetime
from email.message import EmailMessage
from urllib.parse import unquote
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from ke_finder.editor.contact_import import KE_KEYS, SOURCE_KEYS, import_contacts
from ke_finder.source.checks import check_email, check_link, check_text_is_inert
from ke_finder.source.phones import InvalidPhone, normalise_phone
from ke_finder.source.yamlsource import YamlDocument

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 12, 7)


@pytest.fixture
def form(chromium, site_url: str):
    """A page on a fixed day, so the form's date matches the importer's `today`."""
    context = chromium.new_context(locale="nb-NO", accept_downloads=True)
    page = context.new_page()
    page.clock.set_fixed_time(datetime(2026, 12, 7, 12, 0))
    yield page
    context.close()


def open_form(page, site_url: str, entry: str, lang: str = "") -> None:
    page.goto(f"{site_url}{lang}correction/?entry={entry}", wait_until="networkidle")
    page.wait_for_selector(".ke-form")


def submit(page) -> None:
    page.click(".ke-form button[type=submit]")


def made_yaml(page) -> str:
    page.wait_for_selector(".ke-form__result:not([hidden]), .ke-form__summary:not([hidden])")
    assert page.locator(".ke-form__summary").is_hidden(), page.locator(".ke-form__summary").inner_text()
    page.click(".ke-form__editors summary")  # the file is for editors: folded away below the one action
    with page.expect_download() as info:
        page.click(".ke-form__download")
    return Path(info.value.path()).read_text(encoding="utf-8")


def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def test_form_is_prefilled_from_the_data(form, site_url: str) -> None:
    open_form(form, site_url, "kommune-3911")
    assert form.input_value("#ke-unit") == "Tjenestekontoret (koordinerende enhet for barn og unge og for voksne og eldre)"
    assert form.input_value("#ke-phone-1") == "95 19 34 80"
    assert form.input_value("#ke-phone-label-1") == "Tjenestekontoret - ekspedisjon"
    assert form.input_value("#ke-opening-hours") == ""  # the file has phone_hours only (opening_hours: null)
    assert form.input_value("#ke-web").startswith("https://faerder.kommune.no/")
    assert form.input_value("#ke-email") == "" and form.input_value("#ke-her-id") == ""
    assert form.get_by_label("Jeg jobber i denne koordinerende enheten og bekrefter opplysningene").is_visible()
    assert form.get_by_label("Barnekoordinator").is_visible()  # the services of a municipality
    # What we know now (source.evidence: stored-copy, retrieved 2026-11-23), in plain words.
    assert form.inner_text("#ke-evidence-now") == (
        "Nå står det: Opplysningene er lest 23. november 2026 fra en lagret kopi av nettsiden. Vi vet ikke når "
        "kopien ble laget, og ingen har sjekket selve nettsiden ennå.")
    assert not form.is_checked("#ke-confirm") and not form.is_checked("#ke-live")


def test_evidence_is_said_in_english_and_for_a_unit_we_know_nothing_about(form, site_url: str) -> None:
    open_form(form, site_url, "kommune-3911", "en/")
    assert form.inner_text("#ke-evidence-now").startswith(
        "Now it says: The details were read on 23 November 2026 from a stored copy of the web page.")
    assert form.get_by_label("I checked these details on the web page above today").is_visible()
    open_form(form, site_url, "kommune-1101", "en/")
    assert form.inner_text("#ke-evidence-now") == "We have no details about the unit yet."


def test_every_ke_block_links_to_its_entry(built_site: Path) -> None:
    page = (built_site / "kommune/5532/index.html").read_text()
    assert 'href="../../correction/?entry=kommune-5532">Foreslå en rettelse' in page
    assert 'href="../../correction/?entry=helseforetak-unn">Foreslå en rettelse' in page
    unknown = (built_site / "en/kommune/5610/index.html").read_text()
    assert 'href="../../correction/?entry=kommune-5610"' in unknown
    assert 'href="../../correction/?entry=helseforetak-unn">Suggest a correction' in (
        built_site / "en/helseforetak/unn/index.html").read_text()


def test_change_a_phone_download_validate_and_differ_only_there(form, site_url: str, tmp_path: Path) -> None:
    open_form(form, site_url, "kommune-3911")
    form.fill("#ke-phone-1", "33 00 11 22")
    submit(form)
    after = made_yaml(form)
    data = data_copy(tmp_path)
    path = data / "municipalities/3911-faerder.yaml"
    before = path.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert len(before.splitlines()) == len(after.splitlines())
    assert changed == [("  - number: 95 19 34 80", "  - number: '33 00 11 22'")]
    path.write_text(after, encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts/validate.py"), str(path)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    diff = form.locator(".ke-form__diff").inner_text()
    assert "-  - number: 95 19 34 80\n+  - number: '33 00 11 22'" in diff
    mail = form.locator(".ke-form__mail").get_attribute("href")
    assert mail.startswith("mailto:redaksjon@example.org?subject=Rettelse%3A%20F%C3%A6rder%20kommune&body=")
    body = unquote(mail.split("&body=", 1)[1])
    assert "- Telefon: 33 00 11 22 (Tjenestekontoret - ekspedisjon) (før: 95 19 34 80 (Tjenestekontoret - ekspedisjon))" in body
    assert "-----BEGIN KE-FINDER CHANGE v1-----" in body and "yaml-language-server" not in body  # no file, no git
    assert len(mail) < 1800
    propose = form.locator(".ke-form__propose").get_attribute("href")
    assert propose == "https://example.org/ke-finder/edit/main/data/municipalities/3911-faerder.yaml"


def test_refuses_what_the_build_refuses_and_says_why(form, site_url: str) -> None:
    open_form(form, site_url, "kommune-3911")
    form.fill("#ke-phone-1", "123")
    form.fill("#ke-email", "post@faerder")
    form.fill("#ke-web", "ftp://faerder.kommune.no")
    form.fill("#ke-her-id", "12a")
    form.fill("#ke-visiting-address", "<b>Torget 1</b>")
    form.fill("#ke-postal-address", "Postboks\u00071")
    submit(form)
    summary = form.locator(".ke-form__summary").inner_text()
    assert "«123» er ikke et gyldig norsk telefonnummer" in summary
    assert "«post@faerder» er ikke en gyldig e-postadresse" in summary
    assert "Bare adresser som begynner med https:// eller http:// er lov" in summary
    assert "«12a» er ikke en HER-id" in summary
    assert "Teksten har HTML, skript eller malkode" in summary
    assert "Teksten har et usynlig tegn eller kontrolltegn" in summary
    assert form.locator("#ke-phone-1").get_attribute("aria-invalid") == "true"
    assert form.locator(".ke-form__result").is_hidden()


def test_a_persons_mobile_or_mailbox_needs_a_reason(form, site_url: str) -> None:
    open_form(form, site_url, "kommune-3911", "en/")
    form.fill("#ke-phone-1", "33 00 11 22")
    form.fill("#ke-email", "kari.nordmann@faerder.kommune.no")
    form.click("text=Add a phone number")
    form.fill("#ke-phone-2", "912 34 567")
    form.fill("#ke-unit", "Tjenestekontoret v/ Kari Nordmann")
    submit(form)
    summary = form.locator(".ke-form__summary").inner_text()
    assert "91 23 45 67 is a mobile number" in summary
    assert "kari.nordmann@faerder.kommune.no looks like a person's address" in summary
    assert "“Tjenestekontoret v/ Kari Nordmann” looks like a person's name" in summary
    assert "personal data" in form.locator("#ke-not-personal-hint").inner_text()  # why
    form.fill("#ke-unit", "Tjenestekontoret")
    form.get_by_label("This is the unit's own name, number or address, not a person's").check()
    submit(form)
    assert "kari.nordmann@faerder.kommune.no" in made_yaml(form)


# Each case: what to do in the form, and the same change as a row of the importer's spreadsheet.
CASES = {
    "phone": ("kommune-3911", {"#ke-phone-1": "33001122"},
              {"phone": "33001122", "phone_label": "Tjenestekontoret - ekspedisjon"}),
    "confirm-add-phone-email": ("kommune-3911",
                                {"#ke-email": "post@faerder.kommune.no", "add": ("33 00 00 00", "Sentralbord"), "confirm": True},
                                {"email": "post@faerder.kommune.no", "phone": "95 19 34 80 / 33 00 00 00",
                                 "phone_label": "Tjenestekontoret - ekspedisjon / Sentralbord", "retrieved": "2026-12-07",
                                 "confirmed_by_ke": "ja"}),
    "long-text-her-clear": ("kommune-3911",
                            {"#ke-opening-hours": "mandag til fredag kl. 09:00–14:00, men stengt i juli og i romjulen; "
                                                  "ring sentralbordet på hverdager: spør etter oss",
                             "#ke-her-id": "12345", "#ke-web": "", "#ke-phone-label-1": "Ekspedisjonen's telefon"},
                            {"opening_hours": "mandag til fredag kl. 09:00–14:00, men stengt i juli og i romjulen; "
                                              "ring sentralbordet på hverdager: spør etter oss",
                             "her_id": "12345", "web": "-", "phone": "95 19 34 80", "phone_label": "Ekspedisjonen's telefon"}),
    "long-plain-unit": ("kommune-4014",
                        {"#ke-unit": "Tildelingskontoret for helse og omsorg, som også er koordinerende enhet for barn, "
                                     "unge og voksne i kommunen"},
                        {"unit": "Tildelingskontoret for helse og omsorg, som også er koordinerende enhet for barn, "
                                 "unge og voksne i kommunen"}),
    # Eigersund has `ke: null`: the form writes the importer's whole new block, evidence included.
    "new-ke-block-confirmed": ("kommune-1101",
                               {"#ke-unit": "Koordinerende enhet", "add": ("51 46 80 00", ""),
                                "#ke-source-url": "https://www.eigersund.kommune.no/ke", "confirm": True},
                               {"unit": "Koordinerende enhet", "phone": "51 46 80 00", "phone_label": "-",
                                "source_url": "https://www.eigersund.kommune.no/ke", "retrieved": "2026-12-07",
                                "confirmed_by_ke": "ja"}),
    # Someone who does not work in the KE, for a municipality without a KE block: checked on the live page today.
    "new-ke-block-live-page": ("kommune-1101",
                               {"#ke-unit": "Koordinerende enhet", "#ke-source-url": "https://www.eigersund.kommune.no/ke",
                                "live": True},
                               {"unit": "Koordinerende enhet", "source_url": "https://www.eigersund.kommune.no/ke",
                                "retrieved": "2026-12-07", "evidence": "live-page"}),
    "live-page": ("kommune-4014", {"live": True}, {"retrieved": "2026-12-07", "evidence": "live-page"}),
}

# The source lines each case must write (the importer writes the same bytes, so this checks both).
SOURCE_LINES = {
    "confirm-add-phone-email": ["    evidence: ke-confirmed", "    retrieved: '2026-12-07'", "    confirmed_by_ke: true"],
    "new-ke-block-confirmed": ["  source:", "    url: https://www.eigersund.kommune.no/ke", "    evidence: ke-confirmed",
                               "    retrieved: '2026-12-07'", "    page_date: null", "    confirmed_by_ke: true",
                               "  web_kind: ke-page", "  phone_hours: null", "  - number: '51 46 80 00'"],
    "new-ke-block-live-page": ["    url: https://www.eigersund.kommune.no/ke", "    evidence: live-page",
                               "    retrieved: '2026-12-07'", "    confirmed_by_ke: false", "  phones: []"],
    "live-page": ["    evidence: live-page", "    retrieved: '2026-12-07'", "    confirmed_by_ke: false"],
    "phone": ["    evidence: stored-copy", "    retrieved: '2026-11-23'"],  # a suggestion keeps the source as it was
}


def form_yaml(page, site_url: str, entry: str, actions: dict) -> str:
    open_form(page, site_url, entry)
    for selector, value in actions.items():
        if selector == "add":
            page.click("text=Legg til et telefonnummer")
            count = page.locator(".ke-form__phone").count()
            page.fill(f"#ke-phone-{count}", value[0])
            page.fill(f"#ke-phone-label-{count}", value[1])
        elif selector == "confirm":
            page.check("#ke-confirm")
        elif selector == "live":
            page.check("#ke-live")
        else:
            page.fill(selector, value)
    submit(page)
    return made_yaml(page)


def importer_yaml(tmp_path: Path, entry: str, row: dict) -> tuple[str, Path]:
    data = data_copy(tmp_path)
    number = entry.split("-")[1]
    sheet = tmp_path / "updates.csv"
    with sheet.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["kommunenummer", *row])
        writer.writerow([number, *row.values()])
    result = import_contacts(sheet, data, write=True, today=TODAY)
    assert result.problems == [] and result.validation_errors == [], (result.problems, result.validation_errors)
    (path,) = data.glob(f"municipalities/{number}-*.yaml")
    return path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("case", sorted(CASES))
def test_form_and_import_contacts_write_the_same_bytes(form, site_url: str, tmp_path: Path, case: str) -> None:
    entry, actions, row = CASES[case]
    from_form = form_yaml(form, site_url, entry, actions)
    from_importer, path = importer_yaml(tmp_path, entry, row)
    assert from_form == from_importer
    assert from_form != (ROOT / "data" / path.relative_to(tmp_path / "data")).read_text(encoding="utf-8")
    lines = from_form.splitlines()
    for line in SOURCE_LINES.get(case, []):
        assert line in lines, line
    if case.startswith("new-ke-block"):  # the source block in the schema's order, as contact_import.SOURCE_KEYS
        start = lines.index("  source:")
        assert [line.split(":")[0].strip() for line in lines[start + 1:start + 6]] == list(SOURCE_KEYS)


def test_form_keeps_the_importers_key_order(page, site_url: str, built_site: Path) -> None:
    rules = json.loads((built_site / "assets/correction-rules.json").read_text(encoding="utf-8"))
    assert rules["ke_keys"] == list(KE_KEYS) and rules["source_keys"] == list(SOURCE_KEYS)
    page.goto(site_url + "correction/?entry=kommune-3911", wait_until="networkidle")
    assert page.evaluate("[KeYaml.keOrder, KeYaml.sourceOrder]") == [list(KE_KEYS), list(SOURCE_KEYS)]


# One table, run through the browser's rules and the build's.
PHONES = ["69 22 55 00", "+47 69 22 55 00", "0047 69225500", "69225500", "800 30 061", "80030061", "95 19 34 80",
          "912 34 567", "02180", "4769225500", "123", "1234 5678", "+46 8 123 456 78", "69 22 55 0", "69-22-55-00",
          "(69) 22 55 00", "815 00 000", "810 12 345", "880 12 345", "21 00 00 00", "09 12 34 56", ""]
EMAILS = ["post@faerder.kommune.no", "ke@unn.no", "UNN-koordinerende.enhet@unn.no", "post@færder.kommune.no",
          "post@faerder", "post@@faerder.no", "post.@faerder.no", ".post@faerder.no", "po..st@faerder.no",
          "post@faerder.test", "post@localhost", "post faerder@x.no", "post@-faerder.no", "a@b.c", "post@x.no ",
          # Hidden recipients (issue 19): an encoded @ and a query that would add a bcc to every mailto: link.
          "kontakt%40faerder.kommune.no?bcc=spy@evil.no", "post@faerder.kommune.no?bcc=spy@evil.no",
          "post@faerder.kommune.no&cc=x@y.no", "\"post\"@faerder.kommune.no"]
LINKS = ["https://faerder.kommune.no", "http://x.no/a?b=c", "javascript:alert(1)", "ftp://x.no", "https://x.no/a b",
         "https://", "HTTPS://X.NO", "https://x.no/<script>",
         # Disguised hosts (issue 19): urllib reads faerder.kommune.no, a browser goes to evil.example.
         "https://evil.example\\@faerder.kommune.no/", "https://evil.example@faerder.kommune.no/",
         "https://u:p@faerder.kommune.no/", "https://faerder.kommune.no\u2028/", "https://127.0.0.1/",
         "https://faerder.kommune.no/a@b", "https://lovdata.no/lov/2011-06-24-30/§7-2a"]
TEXTS = ["Tjenestekontoret", "<b>x</b>", "{{ x }}", "a {% b", "JavaScript:void(0)", "1 < 2", "data:text/html,x", "a<b"]


def test_browser_rules_agree_with_the_build(page, site_url: str, built_site: Path) -> None:
    rules = json.loads((built_site / "assets/correction-rules.json").read_text(encoding="utf-8"))
    page.goto(site_url + "correction/?entry=kommune-3911", wait_until="networkidle")
    browser = page.evaluate(
        """([rules, phones, emails, links, texts]) => { const r = KeRules.make(rules);
             return {phones: phones.map(p => { const x = r.phone(p); return x && [x.e164, x.display]; }),
                     emails: emails.map(r.email), links: links.map(r.link), texts: texts.map(r.markup)}; }""",
        [rules, PHONES, EMAILS, LINKS, TEXTS])
    doc = YamlDocument(path=Path("<t>"), display="<t>", data=None)

    def python_phone(text: str):
        try:
            phone = normalise_phone(text)
        except InvalidPhone:
            return None
        return [phone.e164, phone.display]

    assert browser["phones"] == [python_phone(p) for p in PHONES]
    assert browser["emails"] == [not check_email(doc, ("e",), e) for e in EMAILS]
    assert browser["links"] == [not check_link(doc, ("l",), link) for link in LINKS]
    assert browser["texts"] == [bool(check_text_is_inert(doc, t, ("t",))) for t in TEXTS]
    assert any(browser["phones"]) and not all(browser["phones"])  # the table has both kinds


def test_without_an_editors_address_the_form_says_so_and_offers_to_copy(chromium, site_url: str, built_site: Path,
                                                                         tmp_path: Path) -> None:
    """The session's site has an address; this copy has the settings element emptied, as a build without it."""
    from browser import serve

    site = tmp_path / "site"
    shutil.copytree(built_site / "correction", site / "correction")
    shutil.copytree(built_site / "assets", site / "assets")
    shutil.copytree(built_site / "api", site / "api")
    page_html = site / "correction/index.html"
    text = page_html.read_text(encoding="utf-8")
    text = text.replace('data-editor-email="redaksjon@example.org"', 'data-editor-email=""')
    text = text.replace('data-edit-url="https://example.org/ke-finder/edit/main/"', 'data-edit-url=""')
    page_html.write_text(text, encoding="utf-8")
    context = chromium.new_context(locale="nb-NO")
    page = context.new_page()
    with serve(site) as url:
        open_form(page, url, "kommune-3911")
        page.fill("#ke-phone-1", "33 00 11 22")
        submit(page)
        page.wait_for_selector(".ke-form__result:not([hidden])")
        result = page.locator(".ke-form__result").inner_text()
        assert "ingen adresse til redaksjonen" in result and "Kopier endringen" in result
        # never a list of websites that do not edit this site
        assert "Hvor sender du" not in result and page.locator(".ke-form__result a[href^='http']").count() == 0
        assert page.locator(".ke-form__mail").count() == 0 and page.locator(".ke-form__propose").count() == 0
        assert "-----BEGIN KE-FINDER CHANGE v1-----" in page.input_value("#ke-message")
        assert page.locator(".ke-form__download").count() == 1
    context.close()


def test_no_page_says_not_set_up_yet(built_site: Path) -> None:
    for folder in (ROOT / "ke_finder", ROOT / "docs", ROOT / "overrides"):
        for path in folder.rglob("*"):
            if path.is_file() and path.suffix in (".py", ".j2", ".md", ".html", ".js"):
                text = path.read_text(encoding="utf-8").lower()
                assert "not set up yet" not in text and "ikke satt opp" not in text, path
    assert "ikke satt opp" not in (built_site / "index.html").read_text(encoding="utf-8")


def _hook():
    sys.path.insert(0, str(ROOT / "hooks"))
    import ke_pages  # noqa: PLC0415 - the MkDocs hook, loaded as MkDocs loads it

    return ke_pages


def test_missing_settings_are_said_once_and_a_release_refuses(monkeypatch, caplog) -> None:
    from mkdocs.exceptions import Abort

    hook = _hook()
    hook._cache.pop("settings_reported", None)
    config = SimpleNamespace(site_url="", extra={"editor_email": "", "data_edit_url": ""})
    monkeypatch.delenv("KE_RELEASE", raising=False)
    with caplog.at_level("WARNING"):
        hook._check_settings(config)
        hook._check_settings(config)  # mkdocs-static-i18n calls hooks once per language
    said = [r.getMessage() for r in caplog.records if "Build settings not set" in r.getMessage()]
    assert len(said) == 1 and "KE_EDITOR_EMAIL" in said[0] and "SITE_URL" in said[0]
    monkeypatch.setenv("KE_RELEASE", "1")
    with pytest.raises(Abort, match="Release build refused"):
        hook._check_settings(config)
    hook._check_settings(SimpleNamespace(site_url="https://ke.example.org/",
                                         extra={"editor_email": "redaksjon@example.org", "data_edit_url": ""}))


def test_release_build_refuses_without_settings(tmp_path: Path) -> None:
    from sitebuild import TEST_ENV, copy_project

    project = copy_project(tmp_path / "project")
    env = {k: v for k, v in TEST_ENV.items() if k != "KE_EDITOR_EMAIL"} | {"KE_RELEASE": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True, env=env)
    assert result.returncode != 0
    assert "Release build refused" in result.stdout + result.stderr and "KE_EDITOR_EMAIL" in result.stdout + result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.parametrize("entry, actions, expected", [
    ("helseforetak-unn", {"#ke-email": "ke@unn.no", "#ke-her-id": "123456"}, ["  email: ke@unn.no", "  her_id: '123456'"]),
    ("kommune-3911", {"service": "barnekoordinator"}, ["services:", "- barnekoordinator"]),
    ("helseforetak-helse-stavanger", {"#ke-unit": "Koordinerende enhet", "#ke-source-url": "https://helse-stavanger.no/ke",
                                      "live": True},
     ["  unit: Koordinerende enhet", "    url: https://helse-stavanger.no/ke", "    evidence: live-page",
      "    retrieved: '2026-12-07'", "    confirmed_by_ke: false"]),
    # The KE confirms a change: evidence ke-confirmed and today's date, and the file validates.
    ("kommune-3911", {"#ke-phone-1": "33 00 11 22", "confirm": True},
     ["  - number: '33 00 11 22'", "    evidence: ke-confirmed", "    retrieved: '2026-12-07'",
      "    confirmed_by_ke: true"]),
    ("kommune-1101", {"#ke-unit": "Koordinerende enhet", "#ke-source-url": "https://www.eigersund.kommune.no/ke",
                      "confirm": True},
     ["  unit: Koordinerende enhet", "    evidence: ke-confirmed", "    retrieved: '2026-12-07'", "    confirmed_by_ke: true"]),
])
def test_other_entries_validate(form, site_url: str, built_site: Path, tmp_path: Path, entry: str, actions: dict,
                                expected: list) -> None:
    """A hospital trust's file, a municipality's offers, a hospital without a KE block yet (checked on the live page),
    and the KE confirming a change and a new block (evidence: ke-confirmed)."""
    open_form(form, site_url, entry)
    for selector, value in actions.items():
        if selector == "service":
            form.check(f"#ke-service-{value}")
        elif selector in ("confirm", "live"):
            form.check(f"#ke-{selector}")
        else:
            form.fill(selector, value)
    submit(form)
    after = made_yaml(form)
    data_copy(tmp_path)  # a writable copy of data/: the form's file replaces its entry there
    path = tmp_path / json.loads((built_site / f"assets/entries/{entry}.json").read_text(encoding="utf-8"))["file"]
    path.write_text(after, encoding="utf-8")
    for line in expected:
        assert line in after.splitlines()
    result = subprocess.run([sys.executable, str(ROOT / "scripts/validate.py"), str(path)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_new_ke_block_needs_to_say_where_the_details_come_from(form, site_url: str) -> None:
    """No KE block yet and neither box ticked: the file would not validate (no evidence), so the form says why."""
    open_form(form, site_url, "kommune-1101")
    form.fill("#ke-unit", "Koordinerende enhet")
    submit(form)
    form.wait_for_selector(".ke-form__summary:not([hidden])")
    assert ("Vi har ingen opplysninger om enheten ennå, så vi må vite hvor de nye kommer fra"
            in form.locator(".ke-form__summary").inner_text())
    assert form.locator("#ke-live").get_attribute("aria-invalid") == "true"
    assert "ke-live-error" in form.locator("#ke-live").get_attribute("aria-describedby")
    assert form.locator(".ke-form__result").is_hidden()
    form.check("#ke-live")
    submit(form)
    assert "    evidence: live-page" in made_yaml(form).splitlines()
    assert form.locator("#ke-live").get_attribute("aria-invalid") is None


def test_details_the_ke_confirmed_are_not_changed_without_saying_where_from(form, site_url: str, tmp_path: Path) -> None:
    """An entry the KE confirmed (made so here by serving a confirmed copy of Færder's file): unticking the
    confirmation alone would leave confirmed_by_ke and evidence disagreeing, so the form asks for the live page."""
    entry_file = ROOT / "data/municipalities/3911-faerder.yaml"
    text = entry_file.read_text(encoding="utf-8")
    confirmed = text.replace("    evidence: stored-copy\n    retrieved: '2026-11-23'",
                             "    evidence: ke-confirmed\n    retrieved: '2026-11-25'")
    confirmed = confirmed.replace("    confirmed_by_ke: false", "    confirmed_by_ke: true")
    assert confirmed.count("ke-confirmed") == 1 and "confirmed_by_ke: true" in confirmed

    def confirmed_entry(route) -> None:
        entry = route.fetch().json()
        entry["yaml"] = confirmed
        entry["ke"]["source"].update(evidence="ke-confirmed", retrieved="2026-11-25", confirmed_by_ke=True)
        route.fulfill(json=entry)

    form.route("**/assets/entries/kommune-3911.json", confirmed_entry)
    open_form(form, site_url, "kommune-3911")
    assert "Den koordinerende enheten bekreftet opplysningene 25. november 2026." in form.inner_text("#ke-evidence-now")
    assert form.is_checked("#ke-confirm")
    form.fill("#ke-phone-1", "33 00 11 22")
    form.uncheck("#ke-confirm")
    submit(form)
    form.wait_for_selector(".ke-form__summary:not([hidden])")
    assert "Opplysningene vi har nå, er bekreftet av enheten" in form.locator(".ke-form__summary").inner_text()
    form.check("#ke-live")
    submit(form)
    after = made_yaml(form)
    lines = after.splitlines()
    assert "    evidence: live-page" in lines and "    confirmed_by_ke: false" in lines
    assert "    retrieved: '2026-12-07'" in lines
    path = data_copy(tmp_path) / "municipalities/3911-faerder.yaml"
    path.write_text(after, encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts/validate.py"), str(path)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


# ---- the KE employee's journey end to end: form -> e-mail -> `python -m ke_finder apply` -> data

JOURNEY_WORDS = {  # the "everything is correct" button, in each language of the site
    "": "Jeg jobber i enheten, og alt stemmer",
    "nn/": "Eg jobbar i eininga, og alt stemmer",
    "en/": "I work in the unit, and everything is correct",
}


def mail_body(page) -> str:
    """The message the page's Send e-post link would open in a mail client (captured, never opened)."""
    page.wait_for_selector(".ke-form__result:not([hidden])")
    href = page.locator(".ke-form__mail").get_attribute("href")
    assert href.startswith("mailto:redaksjon@example.org?subject=") and len(href) < 1800
    return unquote(href.split("&body=", 1)[1])


def ke_apply(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ke_finder", "apply", "--data", str(data), "--date", "2026-12-07",
                           *args], capture_output=True, text=True, cwd=ROOT)


@pytest.mark.parametrize("lang", list(JOURNEY_WORDS))
def test_ke_staff_journey_change_a_phone_and_confirm_everything(form, site_url: str, tmp_path: Path,
                                                                  lang: str) -> None:
    data = data_copy(tmp_path)
    path = data / "municipalities/3911-faerder.yaml"
    before = path.read_text(encoding="utf-8")
    # 1. change a phone -> send -> the message's block applied -> the data differs only in that phone (+ its log)
    open_form(form, site_url, "kommune-3911", lang)
    form.fill("#ke-phone-1", "33 00 11 22")
    submit(form)
    message = tmp_path / "pasted.txt"
    message.write_text(mail_body(form), encoding="utf-8")
    dry = ke_apply(data, str(message))
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "phones: 33 00 11 22 (Tjenestekontoret - ekspedisjon)" in dry.stdout
    assert path.read_text(encoding="utf-8") == before  # a dry run writes nothing
    done = ke_apply(data, str(message), "--write")
    assert done.returncode == 0, done.stdout + done.stderr
    after = path.read_text(encoding="utf-8")
    removed = [line for line in before.splitlines() if line not in after.splitlines()]
    assert removed == ["  - number: 95 19 34 80"]
    assert after.replace("  - number: '33 00 11 22'", "  - number: 95 19 34 80").replace(
        "changes:\n- date: '2026-12-07'\n  change: updated\n  fields:\n  - phones\n", "changes:\n") == before
    assert "evidence: stored-copy" in after  # the sender's word alone confirms nothing
    # 2. "everything is correct" (the step the confirmation requests link to) -> a saved e-mail -> apply
    #    --confirmed-by-ke -> evidence ke-confirmed, that date
    form.goto(f"{site_url}{lang}correction/?entry=kommune-3911&step=confirm", wait_until="networkidle")
    form.wait_for_selector(".ke-form")
    assert form.evaluate("document.activeElement.id") == "ke-all-heading"
    form.get_by_role("button", name=JOURNEY_WORDS[lang]).click()
    body = mail_body(form)
    mail = EmailMessage()
    mail["From"] = "Tjenestekontoret <post@faerder.kommune.no>"
    mail["To"] = "redaksjon@example.org"
    mail["Subject"] = "x"
    mail.set_content(body)
    eml = tmp_path / "confirm.eml"
    eml.write_bytes(mail.as_bytes())
    confirmed = ke_apply(data, str(eml), "--confirmed-by-ke", "2026-11-29", "--write")
    # made against the file before step 1: the tool says the file changed since
    assert confirmed.returncode == 0, confirmed.stdout + confirmed.stderr
    assert "changed after the sender opened the form" in confirmed.stdout
    assert "not from the owner's domain" not in confirmed.stdout
    source = yaml.safe_load(path.read_text(encoding="utf-8"))["ke"]["source"]
    assert (source["evidence"], source["retrieved"], source["confirmed_by_ke"]) == ("ke-confirmed", "2026-11-29", True)
    result = subprocess.run([sys.executable, str(ROOT / "scripts/validate.py"), str(path)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_long_change_keeps_the_mailto_link_short_or_says_to_copy(form, site_url: str) -> None:
    """Mail clients open links of about 2,000 characters: the words go first, then the link itself."""
    open_form(form, site_url, "kommune-3911")
    for field in ("#ke-visiting-address", "#ke-postal-address"):  # about 2,300 characters with the words
        form.fill(field, "Tjenestekontoret, Rådhusgata 1, inngang fra bakgården, 3120 Nøtterøy " * 3)
    submit(form)
    form.wait_for_selector(".ke-form__result:not([hidden])")
    href = form.locator(".ke-form__mail").get_attribute("href")
    assert len(href) <= 1800
    body = unquote(href.split("&body=", 1)[1])
    assert "-----BEGIN KE-FINDER CHANGE v1-----" in body and "Dette blir endret:" not in body  # words left out
    assert "for lang til å stå i ord" in form.locator(".ke-form__result").inner_text()
    open_form(form, site_url, "kommune-3911")
    for field in ("#ke-visiting-address", "#ke-postal-address", "#ke-opening-hours", "#ke-phone-hours"):
        form.fill(field, "Åpent for henvendelser på hverdager, også for pårørende og fastleger i nærområdet " * 3)
    submit(form)
    form.wait_for_selector(".ke-form__result:not([hidden])")
    assert form.locator(".ke-form__mail").count() == 0
    assert "Kopier meldingen under, og send den i en e-post til redaksjon@example.org" in form.locator(
        ".ke-form__result").inner_text()
    assert "-----END KE-FINDER CHANGE v1-----" in form.input_value("#ke-message")


def test_a_related_page_is_offered_as_such_and_a_new_ke_page_replaces_it(form, site_url: str, tmp_path: Path) -> None:
    """Bodø's data has only a page about individual plans (web_kind: related-page): never prefilled as the KE's."""
    open_form(form, site_url, "kommune-1804")
    assert form.input_value("#ke-web") == ""
    assert "https://bodo.kommune.no/IP/" in form.inner_text("#ke-web-hint")
    assert form.locator(".ke-form__all-correct").count() == 0  # nothing of the KE's own to confirm yet
    form.fill("#ke-web", "https://bodo.kommune.no/koordinerende-enhet/")
    form.check("#ke-live")
    submit(form)
    after = made_yaml(form)
    assert "  web: https://bodo.kommune.no/koordinerende-enhet/\n  web_kind: ke-page\n  related_topic: null\n" in after
    data = data_copy(tmp_path)
    path = data / "municipalities/1804-bodo.yaml"
    path.write_text(after, encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts/validate.py"), str(path)],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


# Issue 19: every character YAML reads as a line break, and invisible ones, in every one-line field.
INJECTED = {"#ke-unit": "x\u2028  injected: 1", "#ke-phone-label-1": "x\u2029  injected: 1",
            "#ke-visiting-address": "x\u0085  injected: 1", "#ke-postal-address": "Torget\u202e 1",
            "#ke-opening-hours": "08\u200b-15\tinjected: 1"}


def test_line_breaks_yaml_knows_cannot_inject_a_key(form, site_url: str, built_site: Path) -> None:
    rules = json.loads((built_site / "assets/correction-rules.json").read_text(encoding="utf-8"))
    assert set(rules["yaml_line_breaks"]) == {"\n", "\r", "\u0085", "\u2028", "\u2029"}  # characters.YAML_LINE_BREAKS
    open_form(form, site_url, "kommune-3911")
    for selector, text in INJECTED.items():
        form.fill(selector, text)
    submit(form)
    form.wait_for_selector(".ke-form__summary:not([hidden])")
    assert form.locator(".ke-form__result").is_hidden()
    for selector in INJECTED:
        assert form.locator(selector).get_attribute("aria-invalid") == "true", selector
    assert "Teksten har et usynlig tegn eller kontrolltegn" in form.locator(".ke-form__summary").inner_text()
    # The writer itself refuses them too, whoever calls it: no value with a YAML line break is ever written.
    # The writer itself refuses every one of the shared table's line breaks, whoever calls it, quoted or not.
    refused = form.evaluate("""breaks => [...breaks].flatMap(c => [false, true].map(quoted => {
        try { KeYaml.keyValue(2, "unit", "x" + c + "  injected: 1", quoted); return false; }
        catch (e) { return true; } }))""", rules["yaml_line_breaks"])
    assert refused == [True] * 10


def test_disguised_links_and_hidden_recipients_are_refused(form, site_url: str) -> None:
    open_form(form, site_url, "kommune-3911", "en/")
    form.fill("#ke-web", "https://evil.example\\@faerder.kommune.no/")
    form.fill("#ke-source-url", "https://evil.example@faerder.kommune.no/")
    form.fill("#ke-email", "kontakt%40faerder.kommune.no?bcc=spy@evil.no")
    submit(form)
    form.wait_for_selector(".ke-form__summary:not([hidden])")
    for selector in ("#ke-web", "#ke-source-url", "#ke-email"):
        assert form.locator(selector).get_attribute("aria-invalid") == "true", selector
    assert form.locator(".ke-form__result").is_hidden()


def test_every_field_has_the_data_rules_maximum_length(form, site_url: str, built_site: Path) -> None:
    rules = json.loads((built_site / "assets/correction-rules.json").read_text(encoding="utf-8"))
    open_form(form, site_url, "kommune-3911")
    limits = form.evaluate("() => Object.fromEntries([...document.querySelectorAll('.ke-form input:not([type=checkbox])')]"
                           ".map(i => [i.id, i.maxLength]))")
    assert limits["ke-unit"] == limits["ke-phone-label-1"] == limits["ke-opening-hours"] == rules["max_text_length"]
    assert limits["ke-email"] == rules["email"]["max_length"] and limits["ke-web"] == rules["max_link_length"]
    assert limits["ke-source-url"] == rules["max_link_length"]
    assert all(n > 0 for n in limits.values()), limits


def test_mailto_links_encode_every_part(form, site_url: str) -> None:
    """No character of the editors' address, the subject or the text can add a recipient or a header."""
    open_form(form, site_url, "kommune-3911")
    hostile = form.evaluate("""() => KeYaml.mailtoHref("redaksjon@example.org?bcc=spy@evil.no", "a&cc=x", "b\\n&to=y")""")
    assert hostile.startswith("mailto:redaksjon@example.org%3Fbcc%3Dspy@evil.no?subject=a%26cc%3Dx&body=")
    assert hostile.endswith("b%0A%26to%3Dy") and hostile.count("?") == 1 and hostile.count("&") == 1
