"""Every user-facing string of the generated pages exists in both languages with the same placeholders."""
from __future__ import annotations

import re
import string

from ke_finder.model import EVIDENCE_KINDS
from ke_finder.model.coverage import STATUSES
from ke_finder.i18n import LANGUAGES, STRINGS

TEMPLATE_DIR = __import__("pathlib").Path(__file__).resolve().parent.parent / "ke_finder" / "site" / "templates"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_string_has_both_languages_and_the_same_placeholders() -> None:
    problems = []
    for key, texts in STRINGS.items():
        if set(texts) != set(LANGUAGES) or not all(texts.values()):
            problems.append(f"{key}: languages {sorted(texts)}")
        elif placeholders(texts["nb"]) != placeholders(texts["en"]):
            problems.append(f"{key}: nb {placeholders(texts['nb'])} en {placeholders(texts['en'])}")
    assert not problems, problems


def test_every_key_used_in_the_templates_exists() -> None:
    used = set()
    for template in TEMPLATE_DIR.glob("*.j2"):
        used |= set(re.findall(r"\btr\('([a-z_]+)'", template.read_text(encoding="utf-8")))
    assert used, "no tr() calls found"
    # 'status_' ~ status and 'map_' ~ status are built from the coverage statuses; the others from the evidence
    # kinds, related-page topics and the owner of a KE block (municipality or hospital)
    prefixes = {key for key in used if key.endswith("_")}
    owner_keys = ("no_direct_contact_", "her_id_unknown_", "serves_others_", "old_lead_")
    assert prefixes == {"status_", "map_", "evidence_", "related_topic_", *owner_keys}
    built = {f"status_{s}" for s in STATUSES} | {f"map_{s}" for s in (*STATUSES, "shared")}
    built |= {f"evidence_{e}" for e in EVIDENCE_KINDS}
    built |= {f"related_topic_{t}" for t in ("individual-plan", "child-coordinator", "allocation-office")}
    built |= {f"{k}{owner}" for k in owner_keys for owner in ("municipality", "hospital")}
    assert (used - prefixes) | built <= set(STRINGS)


def test_hospital_strings_never_send_people_to_the_municipality() -> None:
    """A hospital's KE block must not say "call the municipality's switchboard" or "ask the municipality"."""
    hospital = [key for key in STRINGS if key.endswith("_hospital")]
    assert len(hospital) == 4
    for key in hospital:
        for lang, text in STRINGS[key].items():
            assert "kommune" not in text.lower() and "municipal" not in text.lower(), (key, lang, text)
