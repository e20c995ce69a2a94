"""`python -m ke_finder confirm-requests`: one .eml per KE owner plus a mail-merge CSV, read back with the
standard library's e-mail parser."""
from __future__ import annotations

import csv
import email
import email.policy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import edit

pytestmark = pytest.mark.unit
ROOT = Path(__file__).resolve().parent.parent
SITE = "https://ke.example.no/"


def run(project: Path, out: Path, *extra: str, site_url: str | None = SITE) -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "ke_finder", "--project", str(project), "confirm-requests", "--out", str(out),
            "--date", "2026-12-01", "--from", "redaksjon@example.no", *extra]
    if site_url:
        args += ["--site-url", site_url]
    return subprocess.run(args, capture_output=True, text=True, cwd=ROOT, env={"PATH": "/usr/bin:/bin"})


def read(out: Path, entry: str) -> email.message.EmailMessage:
    return email.message_from_bytes((out / f"{entry}.eml").read_bytes(), policy=email.policy.default)


def rows(out: Path) -> dict[str, dict[str, str]]:
    with (out / "requests.csv").open(encoding="utf-8", newline="") as f:
        return {row["entry"]: row for row in csv.DictReader(f)}


def test_a_ke_with_an_email_and_one_without(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(tmp_path, out)
    assert result.returncode == 0, result.stderr
    table = rows(out)
    # Oslo's hospital trust has a KE e-mail: the message goes there
    ous = read(out, "helseforetak-ous")
    assert ous["To"] == "ke@example.no" and table["helseforetak-ous"]["to_source"] == "ke-email"
    assert ous["From"] == "redaksjon@example.no" and ous["Date"] == "Tue, 01 Dec 2026 08:00:00 +0000"
    assert ous["Subject"] == "Stemmer opplysningene om koordinerende enhet for Oslo universitetssykehus HF?"
    # Bodø's KE has no e-mail and the data has no post address: nobody, said in the CSV
    bodo = read(out, "kommune-1804")
    assert bodo["To"] is None
    assert table["kommune-1804"]["to"] == "" and table["kommune-1804"]["note"] == "no address known — send by hand"
    body = bodo.get_body(preferencelist=("plain",)).get_content()
    assert "- Enhet: Tildelingskontoret" in body and "- Telefon: 75 55 50 00 (sentralbord)" in body
    assert "Lest 2. januar 2026 fra en lagret kopi av siden" in body  # the page's evidence sentence and date
    assert f"{SITE}correction/?entry=kommune-1804&step=confirm" in body
    assert f"{SITE}correction/?entry=kommune-1804\n" in body and f"{SITE}kommune/1804/" in body
    assert set(table) == {"kommune-0301", "kommune-1804", "samarbeid-sor-helgeland", "helseforetak-lovisenberg",
                          "helseforetak-nordlandssykehuset", "helseforetak-ous"}  # members of a shared KE: one
    assert read(out, "samarbeid-sor-helgeland")["To"] == "ke@example.no"


def test_the_owners_post_address_from_a_switchboard_block(data_dir: Path, tmp_path: Path) -> None:
    """The discovery command's switchboard block (branch `reach`): a schema copy that allows it, as that branch's."""
    schema_path = data_dir / "schemas/municipality.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["properties"]["switchboard"] = {"type": ["object", "null"]}
    schema_path.write_text(json.dumps(schema), encoding="utf-8")
    edit(data_dir / "municipalities/1804-bodo.yaml", "services_source:", """switchboard:
  phones:
  - number: '75 55 50 00'
    label: Sentralbord
  email: postmottak@bodo.example.org
  url: https://example.org/bodo/kontakt
  source:
    url: https://example.org/bodo/kontakt
    evidence: live-page
    retrieved: '2026-11-30'
    page_date: null
    note: null
services_source:""")
    out = tmp_path / "out"
    result = run(tmp_path, out)
    assert result.returncode == 0, result.stderr
    bodo = read(out, "kommune-1804")
    assert bodo["To"] == "postmottak@bodo.example.org"
    assert rows(out)["kommune-1804"]["to_source"] == "post-address" and rows(out)["kommune-1804"]["note"] == ""
    assert "send gjerne e-posten videre til koordinerende enhet" in bodo.get_body().get_content()


def test_the_owners_written_standard_and_determinism(data_dir: Path, tmp_path: Path) -> None:
    edit(data_dir / "municipalities/1804-bodo.yaml", "language_form: bokmål", "language_form: nynorsk")
    first, second = tmp_path / "a", tmp_path / "b"
    assert run(tmp_path, first, "--only", "1804", "helseforetak-ous").returncode == 0
    assert run(tmp_path, second, "--only", "1804", "helseforetak-ous").returncode == 0
    assert sorted(p.name for p in first.iterdir()) == ["helseforetak-ous.eml", "kommune-1804.eml", "requests.csv"]
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name
    bodo = read(first, "kommune-1804")
    assert bodo["Subject"] == "Stemmer opplysningane om koordinerande eining for Bodø kommune?"
    body = bodo.get_body().get_content()
    assert f"{SITE}nn/correction/?entry=kommune-1804" in body and f"{SITE}nn/kommune/1804/" in body
    assert "Vi las opplysningane 2. januar 2026" in body
    assert read(first, "helseforetak-ous")["Content-Language"] == "nb"  # hospital trusts: bokmål


def test_refuses_without_the_sites_address(data_dir: Path, tmp_path: Path) -> None:
    result = run(tmp_path, tmp_path / "out", site_url=None)
    assert result.returncode == 2 and "SITE_URL" in result.stderr
    assert not (tmp_path / "out").exists()
