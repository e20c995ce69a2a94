"""Every user-facing string exists in every language of paths.LANGUAGES (nb, nn, en) with the same
placeholders, and every key the code or a
template asks for exists (and every key in the table is asked for somewhere)."""
from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path

import pytest

from ke_finder.i18n import LANGUAGES, STRINGS, t
from ke_finder.model import EVIDENCE_KINDS
from ke_finder.model.coverage import STATUSES

pytestmark = pytest.mark.unit

PACKAGE = Path(__file__).resolve().parent.parent / "ke_finder"
TEMPLATE_DIR = PACKAGE / "site" / "templates"

# Keys built at run time from a prefix, and what the prefix is completed with.
_CHANGES_SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "data" / "schemas" / "changes.schema.json")
                             .read_text(encoding="utf-8"))["items"]["properties"]
BUILT = {
    # The change feed names every kind of change and field the schema allows; notes exist for some fields only.
    "feed_change_": {f"feed_change_{k}" for k in _CHANGES_SCHEMA["change"]["enum"]},
    "feed_field_": {f"feed_field_{f}" for f in _CHANGES_SCHEMA["fields"]["items"]["enum"]},
    "feed_note_": {key for key in STRINGS if key.startswith("feed_note_")},
    "status_": {f"status_{s}" for s in STATUSES},
    "map_": {f"map_{s}" for s in (*STATUSES, "shared")},
    "ld_": {"ld_visiting", "ld_postal"},
    "labelled_": {"labelled_visiting", "labelled_postal"},
    "evidence_": {f"evidence_{e}" for e in EVIDENCE_KINDS},
    "copy_how_": {f"copy_how_{e}" for e in EVIDENCE_KINDS},
    "hsds_evidence_": {f"hsds_evidence_{e.replace('-', '_')}" for e in EVIDENCE_KINDS},
    "vcard_evidence_": {f"vcard_evidence_{e.replace('-', '_')}" for e in EVIDENCE_KINDS},
    "related_topic_": {f"related_topic_{t}" for t in ("individual-plan", "child-coordinator", "allocation-office")},
    **{prefix: {f"{prefix}{owner}" for owner in ("municipality", "hospital")}
       for prefix in ("no_direct_contact_", "her_id_unknown_", "serves_others_", "old_lead_", "ask_switchboard_",
                      "ask_post_", "ask_website_", "turn_switchboard_", "turn_post_", "copy_switchboard_")},
}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_string_has_every_language_and_the_same_placeholders() -> None:
    assert LANGUAGES == ("nb", "nn", "en")
    problems = []
    for key, texts in STRINGS.items():
        if set(texts) != set(LANGUAGES) or not all(texts.values()):
            problems.append(f"{key}: languages {sorted(texts)}")
            continue
        for lang in LANGUAGES[1:]:
            if placeholders(texts[lang]) != placeholders(texts["nb"]):
                problems.append(f"{key}: nb {placeholders(texts['nb'])} {lang} {placeholders(texts[lang])}")
    assert not problems, problems


def test_every_language_name_exists_in_every_language() -> None:
    from ke_finder.i18n import LANGUAGE_NAMES

    missing = {code: sorted(set(LANGUAGES) - set(names)) for code, names in LANGUAGE_NAMES.items()
               if set(names) != set(LANGUAGES)}
    assert not missing, missing


def test_a_missing_translation_is_an_error_not_another_language() -> None:
    """No fallback from nn to nb: t() raises for a language the table does not have."""
    with pytest.raises(KeyError):
        t("ke", "se")


def template_keys() -> set[str]:
    """Keys of tr('…') calls and of tr('prefix_' ~ value) in every template."""
    used: set[str] = set()
    for template in TEMPLATE_DIR.glob("*.j2"):
        used |= set(re.findall(r"\btr\('([a-z_]+)'", template.read_text(encoding="utf-8")))
    for override in (TEMPLATE_DIR.parents[2] / "overrides").rglob("*.html"):   # the theme: ke_t('key')
        used |= set(re.findall(r"\bke_t\('([a-z_]+)'", override.read_text(encoding="utf-8")))
    return used


def _literal_keys(node: ast.expr) -> set[str]:
    """The string keys an argument expression can take: "a", "a" if x else "b", f"map_{s}" (-> "map_")."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return _literal_keys(node.body) | _literal_keys(node.orelse)
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return {str(node.values[0].value)}
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literal_keys(node.left)
    return set()


def python_keys() -> tuple[set[str], list[str]]:
    """Keys of every t(key, lang, …) call in ke_finder/, and the calls whose key cannot be read."""
    used: set[str] = set()
    unreadable = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "t" and node.args:
                keys = _literal_keys(node.args[0])
                if keys:
                    used |= keys
                elif path.name not in {"i18n.py", "templating.py"}:  # t(key, …) itself and tr()
                    unreadable.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return used, unreadable


def expand(used: set[str]) -> set[str]:
    prefixes = {key for key in used if key.endswith("_")}
    assert prefixes <= set(BUILT), f"keys built from unknown prefixes: {prefixes - set(BUILT)}"
    return (used - prefixes).union(*(BUILT[p] for p in prefixes))


def test_every_key_used_in_the_templates_exists() -> None:
    used = template_keys()
    assert len(used) > 50, "the template scan found too few tr() calls"
    assert {"status_", "map_"} <= used, "the scan no longer sees the keys built from statuses"
    missing = expand(used) - set(STRINGS)
    assert not missing, missing


def test_every_key_used_in_python_exists() -> None:
    used, unreadable = python_keys()
    assert not unreadable, f"t() calls whose key the test cannot check: {unreadable}"
    assert {"quiz_title", "ke_service_name", "ld_unit_name", "hsds_region", "map_"} <= used, "the Python scan misses known calls"
    missing = expand(used) - set(STRINGS)
    assert not missing, missing


def test_every_string_in_the_table_is_used() -> None:
    """A key nobody asks for is a translation that can drift unseen (or a page that lost a sentence)."""
    used = expand(template_keys()) | expand(python_keys()[0])
    unused = set(STRINGS) - used
    assert not unused, sorted(unused)


def test_the_code_has_no_second_table_of_words() -> None:
    """The quiz, vCard and JSON-LD words were once tables of their own, outside this test's reach."""
    for path in PACKAGE.rglob("*.py"):
        if path.name == "i18n.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r'["\']nb["\']\s*:\s*\{', text), f"{path.relative_to(PACKAGE)} has its own nb table"
        words = re.search(r'\{\s*["\']nb["\']\s*:\s*["\'][^"\']{4,}["\']', text)   # {"nb": "a word", …}
        assert not words, f"{path.relative_to(PACKAGE)} has its own words"


def test_the_quiz_form_carries_its_words_from_the_table() -> None:
    from ke_finder.site.quiz import render_quiz_html

    for lang in LANGUAGES:
        form = render_quiz_html([], lang)
        assert f'data-text-choose-first="{t("quiz_choose_first", lang)}"' in form


def test_hospital_strings_never_send_people_to_the_municipality() -> None:
    """A hospital's KE block must not say "call the municipality's switchboard" or "ask the municipality"."""
    # the KE blocks' owner pairs ("<prefix>municipality" / "<prefix>hospital"); hsds_hospital describes a trust
    hospital = [key for key in STRINGS if key.endswith("_hospital") and not key.startswith("hsds_")]
    assert len(hospital) == 10
    for key in hospital:
        for lang, text in STRINGS[key].items():
            assert "kommune" not in text.lower() and "municipal" not in text.lower(), (key, lang, text)


def test_every_act_the_quiz_cites_has_its_nynorsk_name() -> None:
    """The nn quiz names the acts as nynorsk texts do; a new act in the data without one stops the build."""
    import yaml

    from ke_finder.i18n import law_name

    laws = {q["law"] for q in yaml.safe_load((Path(__file__).parents[1] / "data" / "quiz.yaml").read_text())["questions"]}
    for law in sorted(laws):
        assert law_name(law, "nb") == law
        nynorsk = law_name(law, "nn")
        _, section = law.split(" §")
        assert nynorsk.endswith(" §" + section) and nynorsk.split(" §")[0].endswith("lova"), (law, nynorsk)
    with pytest.raises(KeyError, match="LAW_NAMES_NN"):
        law_name("lov om noe annet § 1", "nn")
