"""ke-sources-part3.yaml in data/ under the rules of parts 1-2: other hosts flagged, personal contacts left out."""
from __future__ import annotations

import sys

import pytest
import yaml

from conftest import ROOT
from ke_finder.source.load import host_of, load_directory

pytestmark = pytest.mark.unit

SHARED = ROOT.parent / "shared" / "data"  # where scripts/import_shared.py reads it from


@pytest.fixture(scope="module")
def part3() -> dict:
    if not (SHARED / "ke-sources-part3.yaml").is_file():
        pytest.skip("the shared sources are not on this machine")
    return yaml.safe_load((SHARED / "ke-sources-part3.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def imported(part3: dict) -> list[dict]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from import_shared import SKIPPED_PART3  # the entries kept out because parts 1-2 already give a KE page
    return [e for e in part3["entries"] if e["id"] not in SKIPPED_PART3]


def test_every_imported_entry_is_a_ke_block_with_its_page_kind_and_source(imported: list[dict]) -> None:
    directory = load_directory(ROOT / "data")
    assert len(imported) == 26
    for entry in imported:
        owner = (directory.municipalities[entry["kommunenummer"]] if entry["scope"] == "kommune"
                 else directory.hospital_trusts[entry["hf_id"]])
        ke = owner.own_ke if entry["scope"] == "kommune" else owner.ke  # type: ignore[union-attr]
        assert ke is not None and ke.web == entry["web"] and ke.source.url == entry["source_url"], entry["id"]
        assert ke.web_kind == entry["kind"] and ke.source.evidence == "stored-copy", entry["id"]
        assert (ke.related_topic is not None) == (entry["kind"] == "related-page"), entry["id"]
        # a page on a host other than the owner's website is flagged, as in parts 1-2
        official = host_of(owner.website)
        assert ke.web_host_flagged == (official is not None and host_of(entry["web"]) != official), entry["id"]


def test_the_hosts_part3_names_are_flagged(imported: list[dict]) -> None:
    directory = load_directory(ROOT / "data")
    flagged = {ke.web_host for m in directory.municipalities.values() if (ke := m.own_ke) and ke.web_host_flagged}
    # named in part 3's description; www2.skien.kommune.no belongs to a skipped entry (Skien keeps its part 1 page)
    assert {"skjervoy.com", "nordkapp.custompublish.com", "www.ototen.no", "tryggoppveksthallingdal.no",
            "www.ullensvang.herad.no"} <= flagged


def test_personal_contacts_are_never_published(imported: list[dict]) -> None:
    directory = load_directory(ROOT / "data")
    for entry in imported:
        if entry["personal_contact"]:
            ke = directory.municipalities[entry["kommunenummer"]].own_ke
            assert ke is not None and ke.phones == () and ke.email is None and ke.phone_hours is None
            assert ke.source.note and "named employee" in ke.source.note
    assert any(e["personal_contact"] for e in imported)
