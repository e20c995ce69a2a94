"""The owner's general contact (`switchboard:`): checked like a KE block, never shown or exported as the KE."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TODAY, edit
from ke_finder.exports.api_csv import directory_csv
from ke_finder.exports.api_json import directory_json
from ke_finder.exports.hsds import hsds_export
from ke_finder.i18n import t
from ke_finder.site.writer import render_site_pages
from ke_finder.source.errors import DataInvalid
from ke_finder.source.load import load_directory

pytestmark = pytest.mark.unit

SWITCHBOARD = """switchboard:
  phones:
  - number: '75 01 20 00'
    label: Servicetorget
  email: postmottak@bronnoy.kommune.no
  url: null
  source:
    url: https://www.bronnoy.kommune.no/kontakt/
    evidence: live-page
    retrieved: '2026-11-20'
    page_date: null
    note: null
"""


def with_switchboard(data_dir: Path, block: str = SWITCHBOARD, website: str = "https://www.bronnoy.kommune.no") -> Path:
    path = data_dir / "municipalities" / "1813-bronnoy.yaml"
    edit(path, "ke: null\n", "ke: null\n" + block)
    edit(path, "website: null\n", f"website: {website}\n")
    return data_dir


def errors_of(data_dir: Path) -> list[str]:
    with pytest.raises(DataInvalid) as caught:
        load_directory(data_dir, today=TODAY)
    return [f"{e.field}: {e.message}" for e in caught.value.errors]


def test_loaded_with_its_source(data_dir: Path) -> None:
    m = load_directory(with_switchboard(data_dir), today=TODAY).municipalities["1813"]
    sb = m.switchboard
    assert sb is not None and [(p.e164, p.label) for p in sb.phones] == [("+4775012000", "Servicetorget")]
    assert sb.email == "postmottak@bronnoy.kommune.no" and sb.source.evidence == "live-page"
    assert not sb.source.confirmed_by_ke and not sb.source_host_flagged


@pytest.mark.parametrize("old, new, message", [
    ("'75 01 20 00'", "'75 01 20 OO'", "switchboard.phones[0].number"),
    ("email: postmottak@bronnoy.kommune.no", "email: postmottak@", "switchboard.email"),
    ("evidence: live-page", "evidence: ke-confirmed", "switchboard.source.evidence"),
    ("retrieved: '2026-11-20'", "retrieved: '2027-01-01'", "switchboard.source.retrieved"),
    ("url: https://www.bronnoy", "url: javascript://www.bronnoy", "switchboard.source.url"),
])
def test_the_ke_rules_hold_for_it(data_dir: Path, old: str, new: str, message: str) -> None:
    with_switchboard(data_dir, SWITCHBOARD.replace(old, new))
    assert any(e.startswith(message) for e in errors_of(data_dir)), errors_of(data_dir)


def test_it_needs_a_number_or_a_mailbox(data_dir: Path) -> None:
    block = SWITCHBOARD.replace("  - number: '75 01 20 00'\n    label: Servicetorget\n", "").replace(
        "  phones:\n", "  phones: []\n").replace("email: postmottak@bronnoy.kommune.no", "email: null")
    with_switchboard(data_dir, block)
    assert any("needs a phone number or an e-mail" in e for e in errors_of(data_dir))


def test_a_source_off_the_owners_site_is_flagged_on_the_page(data_dir: Path) -> None:
    (data_dir / "cooperations" / "sor-helgeland.yaml").unlink()  # Brønnøy's KE is then unknown: the page offers it
    with_switchboard(data_dir, SWITCHBOARD.replace("https://www.bronnoy.kommune.no/kontakt/",
                                                   "https://issuu.com/bronnoy/aarsmelding"))
    directory = load_directory(data_dir, today=TODAY)
    assert directory.municipalities["1813"].switchboard.source_host == "issuu.com"  # type: ignore[union-attr]
    page = render_site_pages(directory)["kommune/1813.en.md"]
    assert "issuu.com" in page and t("web_host_flag_title", "en") in page


def test_a_shared_ke_without_phone_or_email_offers_the_host_municipalitys_switchboard(data_dir: Path) -> None:
    edit(data_dir / "cooperations" / "sor-helgeland.yaml", "  email: ke@example.no\n", "  email: null\n")
    pages = render_site_pages(load_directory(with_switchboard(data_dir), today=TODAY))
    for lang, suffix in (("nb", ""), ("nn", ".nn"), ("en", ".en")):
        page = pages[f"samarbeid/sor-helgeland{suffix}.md"]
        assert t("no_direct_contact_municipality", lang) in page
        assert '<a href="tel:+4775012000">75 01 20 00</a> <span class="ke-label">(Servicetorget)</span>' in page


def test_exported_as_the_owners_contact_never_as_the_ke(data_dir: Path) -> None:
    directory = load_directory(with_switchboard(data_dir), today=TODAY)
    docs = directory_json(directory)
    row = next(r for r in docs["municipalities.json"]["municipalities"] if r["number"] == "1813")
    assert row["switchboard"]["phones"] == [{"e164": "+4775012000", "display": "75 01 20 00", "label": "Servicetorget"}]
    assert row["switchboard"]["source"]["evidence"] == "live-page"
    assert "75 01 20 00" not in str(docs["ke-units.json"])
    csv_text = directory_csv(directory)["municipalities.csv"]
    header, *rows = csv_text.splitlines()
    line = next(r for r in rows if r.startswith("1813,"))
    assert "switchboard_phones" in header and "75 01 20 00" in line and "postmottak@bronnoy.kommune.no" in line
    tables = hsds_export(directory, "nb")
    phones = [p for p in tables["phone"] if p["number"] == "75 01 20 00"]
    assert len(phones) == 1 and "organization_id" in phones[0] and "service_id" not in phones[0]
    org = next(o for o in tables["organization"] if o["id"] == phones[0]["organization_id"])
    assert org["email"] == "postmottak@bronnoy.kommune.no"
