"""Loading and validation: one small fixture per error class, asserting message and line."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import TODAY, edit, line_of
from ke_finder.source.errors import DataInvalid
from ke_finder.source.load import load_directory


def errors_for(data_dir: Path) -> list[str]:
    with pytest.raises(DataInvalid) as info:
        load_directory(data_dir, today=TODAY)
    return [str(e) for e in info.value.errors]


def only_error(data_dir: Path) -> str:
    errors = errors_for(data_dir)
    assert len(errors) == 1, errors
    return errors[0]


def test_fixture_data_loads(data_dir: Path) -> None:
    d = load_directory(data_dir, today=TODAY)
    assert sorted(d.municipalities) == ["0301", "1804", "1812", "1813"]
    bodo = d.municipalities["1804"]
    assert d.ke_for(bodo).phones[0].e164 == "+4775555000"
    assert d.ke_for(bodo).phones[0].display == "75 55 50 00"
    assert [t.id for t in d.trusts_for(d.municipalities["0301"])] == ["lovisenberg", "ous"]
    assert d.postal_codes["8006"].municipality_number == "1804"


def test_cooperation_gives_members_the_shared_ke(data_dir: Path) -> None:
    d = load_directory(data_dir, today=TODAY)
    somna = d.municipalities["1812"]
    assert somna.cooperation_id == "sor-helgeland"
    assert d.ke_for(somna).id == "samarbeid-sor-helgeland"
    assert d.ke_for(d.municipalities["1804"]).id == "kommune-1804"


def test_yaml_syntax_error_reports_line(data_dir: Path) -> None:
    path = data_dir / "municipalities" / "1804-bodo.yaml"
    edit(path, "admin_centre: Bodø", "admin_centre: [Bodø")
    message = only_error(data_dir)
    assert message.startswith("data/municipalities/1804-bodo.yaml:")
    assert "YAML syntax error" in message


def test_unknown_key_is_reported_at_the_key_with_a_suggestion(data_dir: Path) -> None:
    path = data_dir / "municipalities" / "1804-bodo.yaml"
    edit(path, "  email: null", "  emial: null")
    message = only_error(data_dir)
    line = line_of(path, "emial")
    assert message.startswith(f"data/municipalities/1804-bodo.yaml:{line}:3: ke.emial: unknown field 'emial'")
    assert "did you mean 'email'?" in message


def test_missing_required_field(data_dir: Path) -> None:
    path = data_dir / "municipalities" / "1804-bodo.yaml"
    edit(path, "hospital_trust: nordlandssykehuset\n", "")
    message = only_error(data_dir)
    assert "hospital_trust: the required field 'hospital_trust' is missing" in message
    assert "write 'hospital_trust: null' if it is not known" in message


def test_wrong_type(data_dir: Path) -> None:
    path = data_dir / "municipalities" / "1804-bodo.yaml"
    edit(path, "sami_language_area: false", "sami_language_area: maybe")
    message = only_error(data_dir)
    line = line_of(path, "sami_language_area")
    assert message.startswith(f"data/municipalities/1804-bodo.yaml:{line}:21: sami_language_area: expected true or false")


def test_unquoted_octal_number_is_an_error_that_shows_how_to_quote(data_dir: Path) -> None:
    path = data_dir / "municipalities" / "0301-oslo.yaml"
    edit(path, "number: '0301'", "number: 0301")
    message = only_error(data_dir)
    assert message == (
        "data/municipalities/0301-oslo.yaml:1:9: number: '0301' was read by YAML as a number (193), "
        "not as text (put it in quotes: number: '0301')"
    )


def test_unquoted_no_is_read_as_false_and_reported(data_dir: Path) -> None:
    path = data_dir / "hospital-trusts" / "nordlandssykehuset.yaml"
    edit(path, "id: nordlandssykehuset", "id: no")
    errors = errors_for(data_dir)
    assert any("id: 'no' was read by YAML as a yes/no value (False)" in e and "id: 'no'" in e for e in errors), errors


def test_unquoted_postal_code_style_number_loses_nothing_silently(data_dir: Path) -> None:
    path = data_dir / "municipalities" / "1804-bodo.yaml"
    edit(path, "her_id: null", "her_id: 0012345")
    message = only_error(data_dir)
    assert "ke.her_id: '0012345' was read by YAML as a number" in message


def test_file_name_must_match_number(data_dir: Path) -> None:
    path = data_dir / "municipalities" / "1804-bodo.yaml"
    path.rename(path.with_name("1805-bodo.yaml"))
    message = only_error(data_dir)
    assert "1805-bodo.yaml:1:9: number:" in message and "the file should be called 1804-bodo.yaml" in message


def test_duplicate_municipality(data_dir: Path) -> None:
    src = data_dir / "municipalities" / "1804-bodo.yaml"
    (data_dir / "municipalities" / "1804-bodo-copy.yaml").write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    errors = errors_for(data_dir)
    assert any("municipality 1804 is defined twice" in e for e in errors), errors


def test_duplicate_key_in_one_file(data_dir: Path) -> None:
    path = data_dir / "municipalities" / "1804-bodo.yaml"
    edit(path, "admin_centre: Bodø\n", "admin_centre: Bodø\nadmin_centre: Bodø\n")
    message = only_error(data_dir)
    assert "admin_centre: this key is written twice" in message


def test_municipality_in_two_cooperations(data_dir: Path) -> None:
    second = data_dir / "cooperations" / "other.yaml"
    text = (data_dir / "cooperations" / "sor-helgeland.yaml").read_text(encoding="utf-8")
    second.write_text(text.replace("id: sor-helgeland", "id: other"), encoding="utf-8")
    errors = errors_for(data_dir)
    # Which of the two files is read first decides which one the message names; either names the other.
    assert any(re.search(r"municipality 1812 Sømna is already a member of cooperation '(other|sor-helgeland)'", e)
               for e in errors), errors


def test_cooperation_names_unknown_municipality(data_dir: Path) -> None:
    path = data_dir / "cooperations" / "sor-helgeland.yaml"
    edit(path, "- '1812'", "- '1899'")
    errors = errors_for(data_dir)
    line = line_of(path, "'1899'")
    assert f"data/cooperations/sor-helgeland.yaml:{line}:3: members[0]: unknown municipality '1899'" in errors[0]


def test_catchment_names_unknown_hospital_trust(data_dir: Path) -> None:
    path = data_dir / "municipalities" / "0301-oslo.yaml"
    edit(path, "hospital_trust: ous", "hospital_trust: oslo-sykehus")
    message = only_error(data_dir)
    assert "districts[1].hospital_trust: unknown hospital trust 'oslo-sykehus' (use one of: lovisenberg" in message


def test_unknown_service_code(data_dir: Path) -> None:
    path = data_dir / "municipalities" / "1804-bodo.yaml"
    edit(path, "- barnekoordinator", "- barnekordinator")
    message = only_error(data_dir)
    assert "services[0]: unknown service code 'barnekordinator' (use one of: barnekoordinator" in message


def test_invalid_phone_number(data_dir: Path) -> None:
    path = data_dir / "municipalities" / "1804-bodo.yaml"
    edit(path, "'75 55 50 00'", "'12 34'")
    message = only_error(data_dir)
    line = line_of(path, "'12 34'")
    assert message.startswith(f"data/municipalities/1804-bodo.yaml:{line}:")
    assert "ke.phones[0].number: '12 34' is not a valid Norwegian phone number" in message


def test_bad_email(data_dir: Path) -> None:
    path = data_dir / "municipalities" / "1804-bodo.yaml"
    edit(path, "  email: null", "  email: ke(at)bodo")
    assert "ke.email: 'ke(at)bodo' is not a valid e-mail address" in only_error(data_dir)


def test_link_that_is_not_http(data_dir: Path) -> None:
    path = data_dir / "municipalities" / "1804-bodo.yaml"
    edit(path, "  web: https://example.org/bodo/ke", "  web: javascript:alert(1)")
    errors = errors_for(data_dir)
    assert any("ke.web:" in e and "'javascript:alert(1)'" in e for e in errors), errors


def test_date_in_the_future(data_dir: Path) -> None:
    path = data_dir / "municipalities" / "1804-bodo.yaml"
    edit(path, "retrieved: '2026-01-02'", "retrieved: '2027-01-02'")
    assert "ke.source.retrieved: 2027-01-02 is in the future" in only_error(data_dir)


def test_unquoted_date_is_accepted_as_a_date(data_dir: Path) -> None:
    path = data_dir / "municipalities" / "1804-bodo.yaml"
    edit(path, "retrieved: '2026-01-02'", "retrieved: 2026-01-02")
    d = load_directory(data_dir, today=TODAY)
    assert str(d.municipalities["1804"].own_ke.source.retrieved) == "2026-01-02"


def test_html_in_text_is_refused(data_dir: Path) -> None:
    path = data_dir / "municipalities" / "1804-bodo.yaml"
    edit(path, "unit: Tildelingskontoret", "unit: <script>alert(1)</script>")
    assert "ke.unit: the text contains HTML, script or template code" in only_error(data_dir)


def test_every_error_of_a_run_is_reported_together(data_dir: Path) -> None:
    edit(data_dir / "municipalities" / "1804-bodo.yaml", "  email: null", "  emial: null")
    edit(data_dir / "municipalities" / "0301-oslo.yaml", "number: '0301'", "number: 0301")
    edit(data_dir / "hospital-trusts" / "ous.yaml", "'22 11 80 80'", "'1'")
    errors = errors_for(data_dir)
    assert len(errors) == 3
    assert [e.split(":")[0] for e in errors] == ["data/hospital-trusts/ous.yaml", "data/municipalities/0301-oslo.yaml",
                                                 "data/municipalities/1804-bodo.yaml"]


def test_real_data_loads_with_every_municipality() -> None:
    from conftest import ROOT
    d = load_directory(ROOT / "data")
    assert len(d.municipalities) == 357
    assert len(d.counties) == 15
    assert all(isinstance(n, str) and len(n) == 4 for n in d.municipalities)
    # every municipality has a hospital trust (Oslo through its districts)
    assert all(d.trusts_for(m) for m in d.municipalities.values())
    assert d.helpline.phone.display == "800 30 061"
