"""Every user-facing string of the generated pages exists in both languages with the same placeholders."""
from __future__ import annotations

import re
import string

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
    # 'status_' ~ status and 'map_' ~ status are built from the coverage statuses
    prefixes = {key for key in used if key.endswith("_")}
    assert prefixes == {"status_", "map_"}
    built = {f"status_{s}" for s in STATUSES} | {f"map_{s}" for s in (*STATUSES, "shared")}
    assert (used - prefixes) | built <= set(STRINGS)
