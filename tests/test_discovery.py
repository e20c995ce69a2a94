"""The editors' crawler (`discover`, `verify`) against the fixture web on loopback (tests/fixture_web.py).

Each command runs in its own process, as an editor runs it (Scrapy's reactor cannot restart in one process), with
a timeout. The module's fixtures run: discover twice (the second run revalidates through the HTTP cache), and
verify --apply once on a copy of the real data whose chosen entries point at fixture pages.
"""
from __future__ import annotations

import csv
import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

import html5lib
import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT
from fixture_web import FixtureWeb, serve

DELAY = 0.2           # --delay of the test runs
CRAWL_DELAY_A = 0.5   # tests/fixtures/web/a/robots.txt
TIMEOUT = 1.0
RUN_LIMIT = 90        # seconds: a run that does not end by itself fails the test
# owner -> fixture site
SITES = {"3911": "a", "4640": "b", "3901": "c", "4201": "d", "sykehuset-i-vestfold": "e", "3905": "slow"}
DECOYS = {"+4733990888": "robots.txt-disallowed /intern/", "+4733990999": "another host",
          "+4777990666": "the huge page", "+4777990777": "a PDF", "+4733990777": "a PDF"}


def run(command: str, out: Path, web: FixtureWeb, sites: dict[str, str], *extra: str,
        email: str = "") -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "ke_finder", command, "--out", str(out), "--delay", str(DELAY), "--timeout",
            str(TIMEOUT), *extra]
    for owner, url in sites.items():
        args += ["--site", f"{owner}={url}"]
    env = {key: value for key, value in os.environ.items() if key != "KE_EDITOR_EMAIL"}
    if email:
        env["KE_EDITOR_EMAIL"] = email
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=RUN_LIMIT, env=env)
    assert result.returncode == 0, result.stderr[-4000:]
    return result


@pytest.fixture(scope="module")
def web() -> Iterator[FixtureWeb]:
    with serve() as fixture_web:
        yield fixture_web


@pytest.fixture(scope="module")
def discovered(web: FixtureWeb, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Two discover runs sharing one HTTP cache."""
    base = tmp_path_factory.mktemp("discover")
    sites = {owner: web.base(site) + "/" for owner, site in SITES.items()}
    runs = {}
    for name in ("first", "second"):
        started = time.monotonic()
        result = run("discover", base / name, web, sites, "--cache", str(base / "cache"), "--only", *SITES)
        runs[name] = {"out": base / name, "seconds": time.monotonic() - started, "stderr": result.stderr}
    return runs


def candidates(out: Path) -> dict[str, dict[str, Any]]:
    doc = json.loads((out / "candidates.json").read_text(encoding="utf-8"))
    return {owner["owner"]: owner for owner in doc["owners"]}


def requests(out: Path) -> list[dict[str, str]]:
    with (out / "requests.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def e164s(values: list[dict[str, Any]]) -> set[str]:
    return {value["e164"] for value in values}


def page_text(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # the fixture web on loopback
        charset = response.headers.get_content_charset() or "utf-8"
        return response.read().decode(charset)


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


# ---------------------------------------------------------------- the output contract


def test_candidates_follow_their_schema(discovered: dict[str, Any]) -> None:
    schema = json.loads((ROOT / "data" / "api-schemas" / "candidates.schema.json").read_text(encoding="utf-8"))
    doc = json.loads((discovered["first"]["out"] / "candidates.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == "candidates.schema.json" and schema["description"]
    assert not list(Draft202012Validator(schema).iter_errors(doc))
    assert doc["format"] == "ke-finder-candidates/1"
    assert set(candidates(discovered["first"]["out"])) == set(SITES)


# ---------------------------------------------------------------- recall: every planted detail is found


def test_recall_bokmal_site_with_moved_ke_page(discovered: dict[str, Any], web: FixtureWeb) -> None:
    a = candidates(discovered["first"]["out"])["3911"]
    assert a["url"] == web.base("a") + "/helse-og-omsorg/koordinerende-enhet/"  # after the 301
    assert a["web_kind"] == "ke-page" and a["unit"]["text"] == "Koordinerende enhet"
    assert e164s(a["phones"]) == {"+4733990110", "+4733990111", "+4733990112"}
    assert {p["number"] for p in a["phones"]} == {"33 99 01 10", "+47 33 99 01 11", "33990112"}
    assert [e["address"] for e in a["emails"]] == ["koordinerende.enhet@a-kommune.example"]
    assert a["visiting_address"]["text"] == "Rådhusgata 1, 3199 Fiktivby"
    assert a["postal_address"]["text"] == "Postboks 10, 3199 Fiktivby"
    assert a["phone_hours"]["text"] == "mandag–fredag kl. 09.00–14.00"
    assert a["page_date"] == "2026-03-01"
    assert a["http_date"] and a["fetched_at"]
    assert e164s(a["switchboard"]["phones"]) == {"+4733990000"}
    assert [e["address"] for e in a["switchboard"]["emails"]] == ["postmottak@a-kommune.example"]
    assert {s["code"] for s in a["services"]} == {"hverdagsrehabilitering", "korttidsopphold-rehabilitering"}
    assert not any(f["code"] == "old-page" for f in a["flags"])


def test_recall_nynorsk_latin1_page(discovered: dict[str, Any], web: FixtureWeb) -> None:
    b = candidates(discovered["first"]["out"])["4640"]
    assert b["url"] == web.base("b") + "/helse/koordinerande-eining.html"
    assert b["unit"]["text"] == "Koordinerande eining"
    assert e164s(b["phones"]) == {"+4757990220", "+4757990221"}   # "(+47) 579 90 220", "+47 57 99 02 21"
    assert [e["address"] for e in b["emails"]] == ["koordinerande.eining@b-kommune.example"]
    assert b["visiting_address"]["text"] == "Kyrkjevegen 2, 5799 Fiktivdal"  # ø decoded from Latin-1
    assert b["phone_hours"]["text"].startswith("kl. 10.00-15.00 måndag")
    assert b["page_date"] == "2023-01-15"
    assert {"code": "old-page", "detail": b["flags"][0]["detail"], "value": "2023-01-15"} in b["flags"]
    assert e164s(b["switchboard"]["phones"]) == {"+4757990000"}
    # dagrehabilitering: a page linked from nowhere, listed in the sitemap that robots.txt names
    assert {s["code"] for s in b["services"]} == {"hverdagsrehabilitering", "laerings-og-mestringstilbud",
                                                  "dagrehabilitering"}


def test_recall_page_reached_only_through_the_sitemap(discovered: dict[str, Any], web: FixtureWeb) -> None:
    c = candidates(discovered["first"]["out"])["3901"]
    assert c["url"] == web.base("c") + "/tjenester/tildelingskontoret/"
    assert c["unit"]["text"].startswith("Tildelingskontoret – koordinerende enhet")
    assert e164s(c["phones"]) == {"+4735990330", "+4735990331"}   # "tlf. 35 99 03 30", "35990331"
    assert [e["address"] for e in c["emails"]] == ["tildelingskontoret@c-kommune.example"]
    assert c["postal_address"]["text"] == "Postboks 300, 3599 Fiktivstad"
    assert c["phone_hours"]["text"] == "kl. 08.30–15.00"
    assert e164s(c["switchboard"]["phones"]) == {"+4735990000"}   # only in a tel: link's text
    assert [e["address"] for e in c["switchboard"]["emails"]] == ["post@c-kommune.example"]
    assert [s["code"] for s in c["services"]] == ["laerings-og-mestringstilbud"]


def test_related_page_hospital_trust_and_unreachable_host(discovered: dict[str, Any], web: FixtureWeb) -> None:
    found = candidates(discovered["first"]["out"])
    d = found["4201"]
    assert (d["web_kind"], d["related_topic"]) == ("related-page", "individual-plan")
    assert d["unit"] is None and e164s(d["phones"]) == {"+4737990440"}   # "(+47) 379 90 440"
    assert e164s(d["switchboard"]["phones"]) == {"+4737990000"}
    # A KE link to another host is named for the editor, never followed.
    assert [f["value"] for f in d["flags"] if f["code"] == "other-host"] == [web.base("other") + "/tannhelse.html"]
    e = found["sykehuset-i-vestfold"]
    assert e["kind"] == "hospital-trust" and e["url"] == web.base("e") + "/behandlinger/koordinerende-enhet/"
    assert e164s(e["phones"]) == {"+4777990550"} and e164s(e["switchboard"]["phones"]) == {"+4777990000"}
    assert [x["address"] for x in e["emails"]] == ["koordinerende.enhet@e-hf.example"]
    assert [x["address"] for x in e["switchboard"]["emails"]] == ["postmottak@e-hf.example"]
    slow = found["3905"]
    assert slow["url"] is None and {f["code"] for f in slow["flags"]} >= {"no-ke-page", "unreachable"}


# ---------------------------------------------------------------- precision: nothing the pages do not show


def test_every_value_is_on_its_page_and_no_decoy_is_reported(discovered: dict[str, Any], web: FixtureWeb) -> None:
    text = (discovered["first"]["out"] / "candidates.json").read_text(encoding="utf-8")
    for e164, where in DECOYS.items():
        assert e164 not in text and digits(e164)[2:] not in digits(text.replace(" ", "")), where
    assert "intern@" not in text and "other.example" not in text and "/intern/" not in text
    pages: dict[str, str] = {}
    for owner in candidates(discovered["first"]["out"]).values():
        hosts = {urlsplit(web.base(SITES[owner["owner"]])).netloc}
        board = owner["switchboard"] or {"phones": [], "emails": []}
        values = [(p["number"], p["url"], p["quote"]) for p in owner["phones"] + board["phones"]]
        values += [(e["address"], e["url"], e["quote"]) for e in owner["emails"] + board["emails"]]
        values += [(s["code"], s["url"], s["quote"]) for s in owner["services"]]
        for value, url, quote in values:
            assert urlsplit(url).netloc in hosts, (value, url)
            page = pages.setdefault(url, page_text(url))
            shown = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).replace("&lt;", "<").replace("&gt;", ">")
            assert quote[:40] in shown or quote.split(" - ")[0] in shown, (quote, url)
            if "@" in value:
                assert value in page
            elif value[0].isdigit() or value[0] in "+(":
                assert digits(value) in digits(page), (value, url)


def test_named_staff_mobile_is_only_a_flag(discovered: dict[str, Any]) -> None:
    a = candidates(discovered["first"]["out"])["3911"]
    assert "+4791234567" not in e164s(a["phones"]) | e164s(a["switchboard"]["phones"])
    assert "kari.nordmann@a-kommune.example" not in {e["address"] for e in a["emails"]}
    flagged = [f for f in a["flags"] if f["value"] == "912 34 567"]
    assert flagged and all(f["code"] == "near-person-name" and "Kari Nordmann" in f["detail"] for f in flagged)


# ---------------------------------------------------------------- politeness


def test_rate_limit_robots_first_and_owner_hosts_only(discovered: dict[str, Any], web: FixtureWeb) -> None:
    rows = requests(discovered["first"]["out"])
    assert set(rows[0]) == {"url", "status", "bytes", "seconds", "robots", "started_at", "owner", "note"}
    by_host: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_host[urlsplit(row["url"]).netloc].append(row)
    assert urlsplit(web.base("other")).netloc not in by_host
    assert not web.sites["other"].requests
    for host, host_rows in by_host.items():
        sent = sorted((float(r["started_at"]), r) for r in host_rows if r["status"])
        assert sent[0][1]["url"].endswith("/robots.txt"), host
        floor = CRAWL_DELAY_A if host == urlsplit(web.base("a")).netloc else DELAY
        gaps = [later - earlier for (earlier, _), (later, _) in zip(sent, sent[1:])]
        assert min(gaps) >= floor - 0.02, (host, min(gaps))
    intern = [r for r in rows if "/intern/" in r["url"]]
    assert intern and all(r["robots"] == "disallowed" and not r["status"] for r in intern)
    assert not [path for _, path, _ in web.sites["a"].requests if path.startswith("/intern")]
    assert not [path for _, path, _ in web.sites["a"].requests if path.endswith(".pdf")]  # skipped by its name
    pdf = [r for r in rows if "/dokument?" in r["url"]]
    assert pdf and pdf[0]["note"] == "stopped: not HTML"
    huge = [r for r in rows if "/stor-side/" in r["url"]]
    assert huge and huge[0]["status"] == "error" and "Cancelled" in huge[0]["note"]


def test_slow_host_ends_by_timeout_and_run_ends_by_itself(discovered: dict[str, Any], web: FixtureWeb) -> None:
    rows = [r for r in requests(discovered["first"]["out"]) if r["owner"] == "3905" or "127.0.0.7" in r["url"]]
    assert rows and all(r["status"] == "error" and "Timeout" in r["note"] for r in rows)
    assert all(float(r["seconds"]) <= TIMEOUT + 1.5 for r in rows)   # the timeout, plus a busy machine's lag
    assert len(rows) <= 6   # robots.txt and the start page, each tried 3 times at most; then the host is given up
    assert {r["robots"] for r in rows} == {"robots.txt", "allowed (robots.txt unreadable)"}
    started = sorted(float(r["started_at"]) for r in rows)
    assert started[-1] - started[0] < 15   # three tries with backoff (1 s, 2 s), then the host is given up
    assert discovered["first"]["seconds"] < RUN_LIMIT


def test_second_run_revalidates_with_conditional_requests(discovered: dict[str, Any]) -> None:
    second = requests(discovered["second"]["out"])
    statuses = [r["status"] for r in second if r["url"].endswith("/koordinerende-enhet/")]
    assert "304" in statuses
    assert sum(r["status"] == "304" for r in second) >= 20
    assert not [r for r in second if r["status"] == "200" and not r["url"].endswith("/dokument?id=1")]
    first, again = candidates(discovered["first"]["out"]), candidates(discovered["second"]["out"])
    for owner in first:
        for key in ("url", "phones", "emails", "switchboard", "services", "page_date", "unit"):
            assert first[owner][key] == again[owner][key], (owner, key)


def test_user_agent_names_the_project_and_says_when_no_contact_is_set(discovered: dict[str, Any],
                                                                    web: FixtureWeb) -> None:
    assert "KE_EDITOR_EMAIL is not set" in discovered["first"]["stderr"]
    agents = {a for a in web.sites["b"].agents if not a.startswith("Python-urllib")}  # the test's own page reads
    assert agents and all(a.startswith("ke-finder-crawler/1 (Finn koordinerende enhet") for a in agents)
    assert all("no editors' contact configured (KE_EDITOR_EMAIL)" in a for a in agents)


# ---------------------------------------------------------------- the editor's report


def parsed(path: Path) -> Any:
    return html5lib.parse(path.read_text(encoding="utf-8"), namespaceHTMLElements=False)


def test_report_escapes_every_value(discovered: dict[str, Any]) -> None:
    report = discovered["first"]["out"] / "report.html"
    tree = parsed(report)
    assert tree.findall(".//script") == []          # the page text's <script> stays text
    text = "".join(tree.itertext())
    assert '<script>alert("x")</script>' in text
    assert "&lt;script&gt;" in report.read_text(encoding="utf-8")
    marks = ["".join(m.itertext()) for m in tree.iter("mark")]
    assert "33 99 01 10" in marks and "postmottak@a-kommune.example" in marks
    hrefs = [a.get("href") for a in tree.iter("a")]
    assert hrefs and all(h.startswith(("http://", "https://")) for h in hrefs)


# ---------------------------------------------------------------- verify


VERIFY = {  # owner -> (fixture site, path, edit of the copied data file: published value -> fixture value)
    "3911": ("a", "/helse-og-omsorg/koordinerende-enhet/", ("95 19 34 80", "33 99 01 10")),   # confirmed
    "1841": ("c", "/tjenester/tildelingskontoret/", ("75 60 41 00", "35 99 03 30")),       # changed (e-mail gone)
    "1146": ("a", "/helse/koordinerende-enhet", ("52 75 70 40", "33 99 01 10")),           # moved (301)
    "unn": ("a", "/borte/", None),                                                       # gone (404)
    "sykehuset-ostfold": ("slow", "/", None),                                            # unreachable
}


@pytest.fixture(scope="module")
def verified(web: FixtureWeb, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    base = tmp_path_factory.mktemp("verify")
    data = base / "data"
    shutil.copytree(ROOT / "data", data)
    for owner, (_site, _path, swap) in VERIFY.items():
        if swap:
            (path,) = (data / "municipalities").glob(f"{owner}-*.yaml")
            text = path.read_text(encoding="utf-8")
            assert text.count(swap[0]) == 1
            path.write_text(text.replace(swap[0], swap[1]), encoding="utf-8")
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    sites = {owner: web.base(site) + path for owner, (site, path, _swap) in VERIFY.items()}
    started = time.monotonic()
    result = run("verify", base / "out", web, sites, "--data", str(data), "--no-cache", "--apply", "--only", *VERIFY,
                 email="redaksjonen@ke-finder.example")
    return {"out": base / "out", "data": data, "before": before, "stderr": result.stderr,
            "seconds": time.monotonic() - started}


def test_verify_says_what_happened_to_each_entry(verified: dict[str, Any], web: FixtureWeb) -> None:
    doc = json.loads((verified["out"] / "verify.json").read_text(encoding="utf-8"))
    by_owner = {e["owner"]: e for e in doc["entries"]}
    assert {o: e["status"] for o, e in by_owner.items()} == {
        "3911": "confirmed", "1841": "changed", "1146": "moved", "unn": "gone", "sykehuset-ostfold": "unreachable"}
    assert by_owner["3911"]["still_there"] == ["33 99 01 10"] and not by_owner["3911"]["gone_values"]
    changed = by_owner["1841"]
    assert changed["still_there"] == ["35 99 03 30"]
    assert changed["gone_values"] == ["tildelingskontoret@fauske.kommune.no"]
    assert {"35990331", "tildelingskontoret@c-kommune.example"} <= set(changed["new_values"])
    assert by_owner["1146"]["final_url"] == web.base("a") + "/helse-og-omsorg/koordinerende-enhet/"
    assert by_owner["unn"]["http_status"] == 404
    assert doc["summary"] == {"confirmed": 1, "changed": 1, "moved": 1, "gone": 1, "unreachable": 1}
    assert "KE_EDITOR_EMAIL is not set" not in verified["stderr"]
    assert any(a.endswith("; contact: redaksjonen@ke-finder.example)") for a in web.sites["c"].agents)
    tree = parsed(verified["out"] / "verify.html")
    assert tree.findall(".//script") == []
    assert "tildelingskontoret@fauske.kommune.no" in "".join(tree.itertext())


def test_verify_apply_upgrades_exactly_the_confirmed_entry(verified: dict[str, Any]) -> None:
    data: Path = verified["data"]
    after = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    assert set(after) == set(verified["before"])
    changed = sorted(p.name for p in after if after[p] != verified["before"][p])
    assert changed == ["3911-faerder.yaml"]
    text = (data / "municipalities" / "3911-faerder.yaml").read_text(encoding="utf-8")
    old = verified["before"][data / "municipalities" / "3911-faerder.yaml"].decode("utf-8")
    today = date.today().isoformat()
    assert "    evidence: live-page\n" in text and f"    retrieved: '{today}'\n" in text
    assert "    confirmed_by_ke: false\n" in text
    assert text.startswith("# yaml-language-server: $schema=../schemas/municipality.schema.json\n")
    assert f"changes:\n- date: '{today}'\n  change: corrected\n  fields:\n  - evidence\n  note: 'checked on the live" in text
    # Nothing else in the file moved: the diff is the two source lines and the new change item.
    diff = [line for line in difflib.ndiff(old.splitlines(), text.splitlines()) if line[:1] in "+-"]
    note = [line for line in diff if line.startswith("+   note: ")]
    assert sorted(diff) == sorted(["-     evidence: stored-copy", "-     retrieved: '2026-11-23'",
                                   "+     evidence: live-page", f"+     retrieved: '{today}'", f"+ - date: '{today}'",
                                   "+   change: corrected", "+   fields:", "+   - evidence", *note])
    assert len(note) == 1 and note[0].startswith("+   note: 'checked on the live page: http://127.0.0.2:")
    from ke_finder.source.load import check_data

    errors, _warnings = check_data(data)
    assert errors == []


# ---------------------------------------------------------------- discover -> accept: the editor's whole loop


def test_discovered_candidate_accepted_into_real_data_validates(discovered: dict[str, Any], web: FixtureWeb,
                                                               tmp_path: Path) -> None:
    """What discover writes is what accept reads: the unflagged values enter data, the staff mobile never does.

    The fixture site stands in for Færder's own website, so its address is put back to the real host first (as
    the candidate would read on the live web); everything else is the crawler's output as written.
    """
    from ke_finder.editor.accept import accept_candidate
    from ke_finder.source.load import load_directory

    text = (discovered["first"]["out"] / "candidates.json").read_text(encoding="utf-8")
    site = tmp_path / "candidates.json"
    site.write_text(text.replace(web.base("a"), "https://faerder.kommune.no"), encoding="utf-8")
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    result = accept_candidate(site, "3911", data, write=True)
    assert not result.validation_errors and result.written, result.validation_errors
    written = (data / "municipalities" / "3911-faerder.yaml").read_text(encoding="utf-8")
    assert "912 34 567" not in written and "Nordmann" not in written
    ke = load_directory(data).municipalities["3911"].own_ke
    assert ke is not None
    assert {phone.e164 for phone in ke.phones} == {"+4733990110", "+4733990111", "+4733990112"}
    assert ke.email == "koordinerende.enhet@a-kommune.example"
    assert ke.web == "https://faerder.kommune.no/helse-og-omsorg/koordinerende-enhet/"
    assert ke.source.evidence == "live-page"
    fetched = candidates(discovered["first"]["out"])["3911"]["fetched_at"][:10]
    assert ke.source.retrieved.isoformat() == fetched
