"""`python -m ke_finder accept`: a reviewed crawl candidate into one owner's data file, through the importer's writer."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT
from ke_finder.editor.accept import AcceptError, accept_candidate
from ke_finder.source.load import load_directory

CANDIDATES = ROOT / "tests" / "fixtures" / "candidates" / "candidates.json"
DAY = date(2026, 12, 7)  # the editor's day; the candidates were fetched on 2026-12-05


@pytest.fixture
def data(data_dir: Path) -> Path:
    """The fixture data without its cooperation, so Sømna (1812) and Brønnøy (1813) have KEs of their own."""
    (data_dir / "cooperations" / "sor-helgeland.yaml").unlink()
    return data_dir


def somna(data: Path) -> Path:
    return data / "municipalities" / "1812-somna.yaml"


def test_dry_run_shows_the_diff_writes_nothing_and_the_result_validates(data: Path) -> None:
    before = somna(data).read_text(encoding="utf-8")
    result = accept_candidate(CANDIDATES, "1812", data, today=DAY)
    assert somna(data).read_text(encoding="utf-8") == before and not result.written
    assert result.change is not None and not result.validation_errors
    diff = result.change.diff()
    assert "+  unit: Tildelingskontoret" in diff and "+    evidence: live-page" in diff


def test_write_puts_unflagged_values_in_ke_and_the_general_contact_in_switchboard(data: Path) -> None:
    result = accept_candidate(CANDIDATES, "1812", data, write=True, today=DAY)
    assert result.written and not result.validation_errors
    m = load_directory(data, today=DAY).municipalities["1812"]
    ke, sb = m.own_ke, m.switchboard
    assert ke is not None and sb is not None
    assert [p.e164 for p in ke.phones] == ["+4775029000"] and ke.email == "tildeling@somna.kommune.no"
    assert ke.unit == "Tildelingskontoret" and ke.phone_hours == "kl. 09.00–14.00"
    # the crawler read the live page: live-page evidence, dated the day it fetched it, with the page's own date
    assert (ke.source.evidence, ke.source.retrieved, ke.source.page_date) == ("live-page", date(2026, 12, 5),
                                                                             date(2026, 10, 1))
    assert ke.source.url == ke.web == "https://www.somna.kommune.no/tjenester/helse/koordinerende-enhet/"
    assert [p.label for p in sb.phones] == ["Sentralbord"] and sb.email == "postmottak@somna.kommune.no"
    assert (sb.source.evidence, sb.source.retrieved) == ("live-page", date(2026, 12, 5))
    assert {(c.change, c.fields) for c in m.changes} >= {
        ("added", ("switchboard",)),
        ("added", ("unit", "phones", "email", "web", "visiting_address", "phone_hours", "evidence"))}
    assert all(c.date == DAY for c in m.changes)


def test_flagged_values_and_person_names_stay_out_unless_named(data: Path) -> None:
    result = accept_candidate(CANDIDATES, "1812", data, write=True, today=DAY)
    text = somna(data).read_text(encoding="utf-8")
    for personal in ("902 67 497", "90 26 74 97", "75 02 90 11", "kari.nordmann", "Kari", "Vakttelefon"):
        assert personal not in text
    assert len(result.refused) == 3 and all("--fields" in line for line in result.refused)


def test_a_flagged_number_named_by_the_editor_goes_in_without_its_label(data: Path) -> None:
    result = accept_candidate(CANDIDATES, "1812", data, write=True, today=DAY,
                              fields=["phones", "phone=902 67 497"])
    assert result.written and not result.validation_errors
    ke = load_directory(data, today=DAY).municipalities["1812"].own_ke
    assert ke is not None
    assert [(p.e164, p.label) for p in ke.phones] == [("+4775029000", "Tildelingskontoret"), ("+4790267497", None)]
    assert ke.email is None and ke.unit is None  # only the fields named were taken
    assert "Kari" not in somna(data).read_text(encoding="utf-8")


def test_a_unit_flagged_as_a_persons_name_never_enters_data(data: Path) -> None:
    result = accept_candidate(CANDIDATES, "1804", data, write=True, today=DAY)
    assert "Ola Hansen" not in (data / "municipalities" / "1804-bodo.yaml").read_text(encoding="utf-8")
    assert any("person's name" in line for line in result.refused)


def test_a_switchboard_only_candidate_leaves_the_ke_unknown(data: Path) -> None:
    result = accept_candidate(CANDIDATES, "1813", data, write=True, today=DAY)
    m = load_directory(data, today=DAY).municipalities["1813"]
    assert result.written and m.own_ke is None
    assert m.switchboard is not None and [p.display for p in m.switchboard.phones] == ["75 01 20 00"]


def test_refusals_before_anything_is_written(data_dir: Path, data: Path, tmp_path: Path) -> None:
    bad = tmp_path / "candidates.json"
    document = json.loads(CANDIDATES.read_text(encoding="utf-8"))
    document["owners"][0]["phones"][0]["quote"] = "x" * 301  # the contract: quotes of at most 300 characters
    bad.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(AcceptError, match="owners/0/phones/0/quote"):
        accept_candidate(bad, "1812", data, today=DAY)
    with pytest.raises(AcceptError, match="no candidate"):
        accept_candidate(CANDIDATES, "9999", data, today=DAY)
    with pytest.raises(AcceptError, match="unknown field"):
        accept_candidate(CANDIDATES, "1812", data, today=DAY, fields=["mobile"])
    # a KE the KE itself confirmed is not overwritten by a crawl
    path = data / "municipalities" / "1804-bodo.yaml"
    text = path.read_text(encoding="utf-8")
    assert "evidence: stored-copy" in text and "confirmed_by_ke: false" in text
    path.write_text(text.replace("evidence: stored-copy", "evidence: ke-confirmed")
                    .replace("confirmed_by_ke: false", "confirmed_by_ke: true"), encoding="utf-8")
    with pytest.raises(AcceptError, match="confirmed"):
        accept_candidate(CANDIDATES, "1804", data, today=DAY)


def test_a_member_of_a_cooperation_gets_no_ke_block_of_its_own(data_dir: Path) -> None:
    with pytest.raises(AcceptError, match="shares its KE"):
        accept_candidate(CANDIDATES, "1812", data_dir, today=DAY)
    result = accept_candidate(CANDIDATES, "1812", data_dir, today=DAY, fields=["switchboard"])
    assert result.change is not None and "+switchboard:" in result.change.diff() and not result.validation_errors


def test_command_line_dry_run_and_write(data: Path) -> None:
    def run(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "ke_finder", "accept", str(CANDIDATES), "1813", "--data",
                               str(data), *extra], capture_output=True, text=True, cwd=ROOT)

    dry = run()
    assert dry.returncode == 0, dry.stderr
    assert "+switchboard:" in dry.stdout and "Dry run" in dry.stderr
    assert "switchboard: null" not in dry.stdout and "75 01 20 00" in dry.stdout
    assert "switchboard:" not in (data / "municipalities" / "1813-bronnoy.yaml").read_text(encoding="utf-8")
    wrote = run("--write")
    assert wrote.returncode == 0, wrote.stderr
    assert "75 01 20 00" in (data / "municipalities" / "1813-bronnoy.yaml").read_text(encoding="utf-8")


def test_a_hospital_trusts_switchboard(data_dir: Path, tmp_path: Path) -> None:
    document = json.loads(CANDIDATES.read_text(encoding="utf-8"))
    trust = {**document["owners"][1], "owner": "nordlandssykehuset", "kind": "hospital-trust",
             "website": "https://nordlandssykehuset.no"}
    trust["switchboard"] = {**trust["switchboard"], "url": "https://nordlandssykehuset.no/kontakt/"}
    path = tmp_path / "candidates.json"
    path.write_text(json.dumps({**document, "owners": [trust]}), encoding="utf-8")
    result = accept_candidate(path, "nordlandssykehuset", data_dir, write=True, today=DAY)
    assert result.written and not result.validation_errors
    loaded = load_directory(data_dir, today=DAY).hospital_trusts["nordlandssykehuset"]
    assert loaded.ke is None and loaded.switchboard is not None
    assert loaded.switchboard.url == "https://nordlandssykehuset.no/kontakt/"
    assert [c.fields for c in loaded.changes] == [("switchboard",)]


def test_details_of_another_page_do_not_pass_as_checked_on_the_accepted_one(data: Path) -> None:
    bodo = data / "municipalities" / "1804-bodo.yaml"
    before = load_directory(data, today=DAY).municipalities["1804"].own_ke
    assert before is not None and before.phones and before.source.url != "https://bodo.kommune.no/koordinerende-enhet/"
    result = accept_candidate(CANDIDATES, "1804", data, write=True, today=DAY)
    after = load_directory(data, today=DAY).municipalities["1804"].own_ke
    assert after is not None and after.source.evidence == "live-page"
    assert after.phones == () and after.unit is None  # the old page's number and the flagged name are both out
    assert any(line.startswith("phones (read from") for line in result.cleared)
    assert "75 55 50 00" not in bodo.read_text(encoding="utf-8")
