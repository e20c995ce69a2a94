"""Importing a spreadsheet of KE contacts: rows checked like the build, files edited without collateral."""
from __future__ import annotations

import csv
import difflib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TODAY, edit
from ke_finder.editor.contact_import import (KE_KEYS, MAX_TEXT_LENGTH, SOURCE_KEYS, data_file_yaml, dump_text,
                                      import_contacts)
from ke_finder.source.load import load_directory

HEADER = ["kommunenummer", "unit", "phone", "phone_label", "email", "web", "visiting_address", "postal_address",
          "opening_hours", "her_id", "source_url", "retrieved", "confirmed_by_ke", "evidence"]


def write_csv(path: Path, rows: list[dict[str, str]], delimiter: str = ",", bom: bool = False,
              header: list[str] | None = None) -> Path:
    """A CSV as a spreadsheet exports it: every column, empty cells for fields not being changed."""
    header = header or HEADER
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, delimiter=delimiter)
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in header})
    return path


def run_cli(csv_path: Path, data_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "import_contacts.py"), str(csv_path),
                           "--data", str(data_dir), *extra], capture_output=True, text=True, cwd=ROOT)


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """(removed, added) lines, compared with difflib as a reviewer reads a diff."""
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


@pytest.fixture
def bodo(data_dir: Path) -> Path:
    return data_dir / "municipalities" / "1804-bodo.yaml"


@pytest.fixture
def oslo(data_dir: Path) -> Path:
    return data_dir / "municipalities" / "0301-oslo.yaml"


# ------------------------------------------------------------------ round trip


def test_every_real_municipality_file_round_trips_byte_identical() -> None:
    """The YAML settings match the files, so an import changes only the lines it means to."""
    yaml = data_file_yaml()
    paths = sorted((ROOT / "data" / "municipalities").glob("*.yaml"))
    assert len(paths) >= 357
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert dump_text(yaml, yaml.load(text)) == text, path.name


def test_new_block_order_and_limits_match_the_schema() -> None:
    schema = json.loads((ROOT / "data" / "schemas" / "ke-unit.schema.json").read_text(encoding="utf-8"))
    assert tuple(schema["properties"]) == KE_KEYS
    source = schema["properties"]["source"]["properties"]
    assert tuple(key for key in source if key != "note") == SOURCE_KEYS
    assert schema["properties"]["her_id"]["pattern"] == "^[0-9]{1,9}$"
    assert source["retrieved"]["pattern"] == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
    assert schema["properties"]["unit"]["maxLength"] == MAX_TEXT_LENGTH


# ------------------------------------------------------------------ dry run and write


def test_dry_run_writes_nothing_and_shows_the_diff(tmp_path: Path, data_dir: Path, bodo: Path) -> None:
    before = bodo.read_text(encoding="utf-8")
    updates = write_csv(tmp_path / "updates.csv", [{"kommunenummer": "1804", "phone": "75 55 50 00 / 22 11 80 80",
                                                   "phone_label": "sentralbord / ekspedisjon"}])
    result = run_cli(updates, data_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert bodo.read_text(encoding="utf-8") == before
    assert "+++ b/data/municipalities/1804-bodo.yaml" in result.stdout
    assert "+  - number: '22 11 80 80'" in result.stdout
    assert "+    label: ekspedisjon" in result.stdout
    assert "nothing was written" in result.stdout
    assert "only the unit's own contacts" in result.stdout


def test_write_changes_only_the_updated_line(tmp_path: Path, data_dir: Path, bodo: Path) -> None:
    before = bodo.read_text(encoding="utf-8")
    updates = write_csv(tmp_path / "updates.csv", [{"kommunenummer": "1804", "email": "post@bodo.kommune.no"}])
    result = import_contacts(updates, data_dir, write=True, today=TODAY)
    after = bodo.read_text(encoding="utf-8")
    assert changed_lines(before, after) == (["  email: null"], ["  email: post@bodo.kommune.no"])
    assert result.problems == [] and result.validation_errors == [] and result.applied_rows == [2]
    assert load_directory(data_dir, today=TODAY).municipalities["1804"].own_ke.email == "post@bodo.kommune.no"


def test_same_values_as_in_the_file_change_nothing(tmp_path: Path, data_dir: Path, bodo: Path) -> None:
    before = bodo.read_text(encoding="utf-8")
    updates = write_csv(tmp_path / "updates.csv", [{"kommunenummer": "1804", "unit": "Tildelingskontoret",
                                                   "phone": "75555000", "retrieved": "2026-01-02"}])
    result = import_contacts(updates, data_dir, write=True, today=TODAY)
    assert result.changes == [] and result.applied_rows == [2]
    assert bodo.read_text(encoding="utf-8") == before


def test_comments_and_modeline_survive(tmp_path: Path, data_dir: Path, bodo: Path) -> None:
    modeline = "# yaml-language-server: $schema=../schemas/municipality.schema.json\n"
    bodo.write_text(modeline + bodo.read_text(encoding="utf-8"), encoding="utf-8")
    edit(bodo, "  unit: Tildelingskontoret\n", "  # checked by phone in May\n  unit: Tildelingskontoret  # sic\n")
    edit(bodo, "    label: sentralbord\n", "    label: sentralbord\n  # the mailbox is shared by two units\n")
    before = bodo.read_text(encoding="utf-8")
    updates = write_csv(tmp_path / "updates.csv", [{"kommunenummer": "1804", "unit": "Tildelingskontoret KE",
                                                   "phone": "22 11 80 80", "email": "ke@bodo.kommune.no"}])
    import_contacts(updates, data_dir, write=True, today=TODAY)
    after = bodo.read_text(encoding="utf-8")
    assert after.startswith(modeline)
    assert "  # checked by phone in May\n  unit: Tildelingskontoret KE # sic\n" in after  # ruamel keeps the column
    assert "    label: null\n  # the mailbox is shared by two units\n  email: ke@bodo.kommune.no\n" in after
    removed, added = changed_lines(before, after)
    assert removed == ["  unit: Tildelingskontoret  # sic", "  - number: '75 55 50 00'", "    label: sentralbord",
                       "  email: null"]
    assert added == ["  unit: Tildelingskontoret KE # sic", "  - number: '22 11 80 80'", "    label: null",
                     "  email: ke@bodo.kommune.no"]


def test_new_ke_block_for_a_municipality_without_one(tmp_path: Path, data_dir: Path, oslo: Path) -> None:
    updates = write_csv(tmp_path / "updates.csv", [{
        "kommunenummer": "0301", "unit": "Helseetaten, koordinerende enhet", "phone": "+47 21 80 21 80",
        "phone_label": "sentralbord", "her_id": "0123", "source_url": "https://example.org/oslo/ke",
        "retrieved": "2026-11-01", "confirmed_by_ke": "ja"}])
    result = import_contacts(updates, data_dir, write=True, today=TODAY)
    assert result.problems == [] and result.validation_errors == []
    text = oslo.read_text(encoding="utf-8")
    assert text.endswith(
        "ke:\n"
        "  unit: Helseetaten, koordinerende enhet\n"
        "  serves: null\n"
        "  phones:\n"
        "  - number: '21 80 21 80'\n"
        "    label: sentralbord\n"
        "  email: null\n"
        "  web: null\n"
        "  web_kind: ke-page\n"
        "  related_topic: null\n"
        "  visiting_address: null\n"
        "  postal_address: null\n"
        "  opening_hours: null\n"
        "  phone_hours: null\n"
        "  her_id: '0123'\n"
        "  source:\n"
        "    url: https://example.org/oslo/ke\n"
        "    evidence: ke-confirmed\n"
        "    retrieved: '2026-11-01'\n"
        "    page_date: null\n"
        "    confirmed_by_ke: true\n"
        "services: null\n"
        "services_source: null\n")
    ke = load_directory(data_dir, today=TODAY).municipalities["0301"].own_ke
    assert ke.her_id == "0123" and ke.phones[0].e164 == "+4721802180" and ke.source.confirmed_by_ke is True


def test_new_ke_block_needs_a_source(tmp_path: Path, data_dir: Path, oslo: Path) -> None:
    before = oslo.read_text(encoding="utf-8")
    updates = write_csv(tmp_path / "updates.csv", [{"kommunenummer": "0301", "unit": "Helseetaten"}])
    result = import_contacts(updates, data_dir, write=True, today=TODAY)
    assert [str(p) for p in result.problems] == [
        "updates.csv:row 2:column source_url: the municipality has no KE block yet; a new one needs source_url "
        "and retrieved and evidence (fill in source_url (the page the details come from), retrieved (YYYY-MM-DD) "
        "and evidence (live-page, ke-confirmed or stored-copy))"]
    assert oslo.read_text(encoding="utf-8") == before


# ------------------------------------------------------------------ refused rows


def test_dropped_leading_zero_is_an_error_with_row_and_column(tmp_path: Path, data_dir: Path) -> None:
    updates = write_csv(tmp_path / "updates.csv", [{"kommunenummer": "1804", "email": "post@bodo.kommune.no"},
                                                   {"kommunenummer": "301", "unit": "Helseetaten"}])
    result = import_contacts(updates, data_dir, today=TODAY)
    assert len(result.problems) == 1
    message = str(result.problems[0])
    assert message.startswith("updates.csv:row 3:column kommunenummer: '301' has only 3 digits")
    assert "leading zeros" in message and "format the column as text" in message
    assert result.applied_rows == [2]


def test_invalid_phone_refuses_its_row_and_applies_the_others(tmp_path: Path, data_dir: Path, bodo: Path,
                                                             oslo: Path) -> None:
    bodo_before = bodo.read_text(encoding="utf-8")
    updates = write_csv(tmp_path / "updates.csv", [
        {"kommunenummer": "1804", "phone": "75 55 50", "email": "post@bodo.kommune.no"},
        {"kommunenummer": "0301", "unit": "Helseetaten", "source_url": "https://example.org/oslo",
         "retrieved": "2026-11-01", "evidence": "live-page"},
    ])
    result = import_contacts(updates, data_dir, write=True, today=TODAY)
    assert [str(p) for p in result.problems] == [
        "updates.csv:row 2:column phone: '75 55 50' is not a valid Norwegian phone number (write 8 digits, like "
        "'69 22 55 00', or with +47 in front; separate several numbers with ' / ')"]
    assert bodo.read_text(encoding="utf-8") == bodo_before  # the e-mail of the same row is not applied either
    assert "  unit: Helseetaten\n" in oslo.read_text(encoding="utf-8")
    assert result.applied_rows == [3]


@pytest.mark.parametrize("column, value, expected", [
    ("email", "post@", "column email: 'post@' is not a valid e-mail address"),
    ("web", "www.bodo.kommune.no", "column web: 'www.bodo.kommune.no' is not a web address"),
    ("web", "javascript:alert(1)", "column web: the text contains HTML, script or template code"),
    ("unit", "<b>KE</b>", "column unit: the text contains HTML, script or template code"),
    ("retrieved", "23.11.2026", "column retrieved: '23.11.2026' is not a date written as YYYY-MM-DD"),
    ("retrieved", "2026-02-30", "column retrieved: '2026-02-30' is not a real date"),
    ("retrieved", "2027-01-01", "column retrieved: 2027-01-01 is in the future"),
    ("her_id", "HER 123", "column her_id: 'HER 123' is not a HER-id"),
    ("confirmed_by_ke", "kanskje", "column confirmed_by_ke: 'kanskje' is not yes or no"),
    ("source_url", "-", "column source_url: source_url cannot be cleared"),
    ("phone_label", "sentralbord", "column phone_label: a label without a phone number"),
    ("unit", "x" * 301, "column unit: the text is 301 characters long"),
])
def test_cell_rules(tmp_path: Path, data_dir: Path, bodo: Path, column: str, value: str, expected: str) -> None:
    before = bodo.read_text(encoding="utf-8")
    updates = write_csv(tmp_path / "updates.csv", [{"kommunenummer": "1804", column: value}])
    result = import_contacts(updates, data_dir, write=True, today=TODAY)
    assert any(str(problem).startswith(f"updates.csv:row 2:{expected}") for problem in result.problems), \
        result.problems
    assert all(problem.row == 2 for problem in result.problems)
    assert bodo.read_text(encoding="utf-8") == before


def test_labels_must_match_the_phones(tmp_path: Path, data_dir: Path) -> None:
    updates = write_csv(tmp_path / "updates.csv", [{"kommunenummer": "1804", "phone": "75 55 50 00 / 22 11 80 80",
                                                   "phone_label": "sentralbord"}])
    result = import_contacts(updates, data_dir, today=TODAY)
    assert [str(p) for p in result.problems] == [
        "updates.csv:row 2:column phone_label: 1 label(s) for 2 phone number(s) (give one label per number, "
        "separated by ' / ', in the same order)"]


def test_unknown_and_shared_municipalities_are_refused(tmp_path: Path, data_dir: Path) -> None:
    updates = write_csv(tmp_path / "updates.csv", [{"kommunenummer": "9999", "unit": "X"},
                                                   {"kommunenummer": "1812", "unit": "X"}])
    result = import_contacts(updates, data_dir, today=TODAY)
    assert [str(p) for p in result.problems] == [
        "updates.csv:row 2:column kommunenummer: there is no municipality 9999 in data/municipalities "
        "(check the number against the 2024 list of municipalities)",
        "updates.csv:row 3:column kommunenummer: municipality 1812 shares its KE with others "
        "(update the shared KE in data/cooperations/sor-helgeland.yaml instead)"]
    assert result.changes == []


def test_unknown_column_is_refused_with_a_suggestion(tmp_path: Path, data_dir: Path, bodo: Path) -> None:
    before = bodo.read_text(encoding="utf-8")
    updates = write_csv(tmp_path / "updates.csv", [{"kommunenummer": "1804", "phones": "22 11 80 80"}],
                        header=["kommunenummer", "phones"])
    result = run_cli(updates, data_dir, "--write")
    assert result.returncode == 1
    assert ("updates.csv:row 1:column phones: unknown column 'phones' (did you mean 'phone'?)"
            in result.stdout.splitlines())
    assert bodo.read_text(encoding="utf-8") == before


# ------------------------------------------------------------------ spreadsheet formats and values


def test_semicolons_and_excel_bom(tmp_path: Path, data_dir: Path, bodo: Path) -> None:
    updates = write_csv(tmp_path / "updates.csv", [{"kommunenummer": "1804", "visiting_address": "Kongens gate 1; "
                                                   "Bodø", "email": "post@bodo.kommune.no"}],
                        delimiter=";", bom=True)
    assert updates.read_bytes().startswith(b"\xef\xbb\xbfkommunenummer;unit;")
    result = import_contacts(updates, data_dir, write=True, today=TODAY)
    assert result.problems == [] and result.applied_rows == [2]
    text = bodo.read_text(encoding="utf-8")
    assert "  visiting_address: Kongens gate 1; Bodø\n" in text
    assert "  email: post@bodo.kommune.no\n" in text


def test_dash_clears_a_field_and_empty_keeps_it(tmp_path: Path, data_dir: Path, bodo: Path) -> None:
    before = bodo.read_text(encoding="utf-8")
    updates = write_csv(tmp_path / "updates.csv", [{"kommunenummer": "1804", "web": "-", "phone": "-"}])
    import_contacts(updates, data_dir, write=True, today=TODAY)
    after = bodo.read_text(encoding="utf-8")
    assert changed_lines(before, after) == (
        ["  phones:", "  - number: '75 55 50 00'", "    label: sentralbord", "  web: https://example.org/bodo/ke"],
        ["  phones: []", "  web: null"])


def test_a_listed_number_keeps_its_label_when_no_label_is_given(tmp_path: Path, data_dir: Path,
                                                                bodo: Path) -> None:
    updates = write_csv(tmp_path / "updates.csv", [{"kommunenummer": "1804", "phone": "22 11 80 80 / 75555000"}])
    import_contacts(updates, data_dir, write=True, today=TODAY)
    assert ("  phones:\n  - number: '22 11 80 80'\n    label: null\n  - number: '75 55 50 00'\n"
            "    label: sentralbord\n") in bodo.read_text(encoding="utf-8")


def test_empty_rows_and_unnamed_empty_columns_are_ignored(tmp_path: Path, data_dir: Path) -> None:
    updates = tmp_path / "updates.csv"
    updates.write_text("kommunenummer;email;;\r\n1804;post@bodo.kommune.no;;\r\n;;;\r\n", encoding="utf-8")
    result = import_contacts(updates, data_dir, today=TODAY)
    assert result.problems == [] and result.rows_read == 1 and result.applied_rows == [2]


# ------------------------------------------------------------------ the validator and the exit code


def test_validator_errors_are_reported(tmp_path: Path, data_dir: Path) -> None:
    """The import never leaves invalid data silently, also when the problem is elsewhere in data/."""
    edit(data_dir / "hospital-trusts" / "ous.yaml", "website: https://example.org/ous", "website: ous.no")
    updates = write_csv(tmp_path / "updates.csv", [{"kommunenummer": "1804", "email": "post@bodo.kommune.no"}])
    result = run_cli(updates, data_dir)
    assert result.returncode == 1
    assert "error(s) in the data as it would be after this import:" in result.stdout
    assert "  data/hospital-trusts/ous.yaml:5:10: website: 'ous.no' is not a web address" in result.stdout


def test_cli_exit_codes(tmp_path: Path, data_dir: Path, bodo: Path) -> None:
    good = write_csv(tmp_path / "good.csv", [{"kommunenummer": "1804", "opening_hours": "08:00–15:30"}])
    bad = write_csv(tmp_path / "bad.csv", [{"kommunenummer": "1804", "opening_hours": "08:00–15:30"},
                                           {"kommunenummer": "1804", "email": "not an address"}])
    dry = run_cli(good, data_dir)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    refused = run_cli(bad, data_dir, "--write")
    assert refused.returncode == 1
    assert "bad.csv:row 3:column email:" in refused.stdout
    assert "2 row(s) read, 1 applied, 1 refused." in refused.stdout
    assert "1 file(s) written." in refused.stdout
    assert "  opening_hours: 08:00–15:30\n" in bodo.read_text(encoding="utf-8")
    written = run_cli(good, data_dir, "--write")
    assert written.returncode == 0
    assert "0 file(s) written." in written.stdout  # already applied: nothing changes twice
