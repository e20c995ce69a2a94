"""`python -m ke_finder apply`: the change block the correction form mails, read back and applied to the data."""
from __future__ import annotations

from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest

from ke_finder.editor.apply_change import apply_files
from ke_finder.editor.change_block import BlockError, ChangeBlock, base_hash, find_blocks, fnv1a, format_block

pytestmark = pytest.mark.unit
TODAY = date(2026, 11, 30)


def bodo_block(data_dir: Path, **values) -> ChangeBlock:
    text = (data_dir / "municipalities/1804-bodo.yaml").read_text(encoding="utf-8")
    return ChangeBlock(entry="kommune-1804", base=base_hash(text), claim="ke", date="2026-11-29", values=values)


def test_fnv1a_is_the_published_function() -> None:
    # FNV-1a 32-bit test vectors (the form's JavaScript computes the same over UTF-8 bytes)
    assert fnv1a("") == "811c9dc5" and fnv1a("a") == "e40c292c" and fnv1a("foobar") == "bf9cf968"


def test_a_block_survives_wrapping_and_quoting_but_not_tampering(data_dir: Path) -> None:
    block = bodo_block(data_dir, unit="Tildelingskontoret for helse og omsorg i Bodø kommune",
                       phones=[{"number": "75 55 50 01", "label": "Sentralbord for alle"}])
    text = format_block(block)
    assert " " not in "".join(line.split(": ", 1)[1] for line in text.splitlines()[1:-1])  # nothing to wrap at
    # a mail client's hard wrap every 30 characters, markers left whole
    wrapped = "\n".join(part for line in text.splitlines() for part in (
        [line] if line.startswith("-----") else [line[i:i + 30] for i in range(0, len(line), 30)]))
    quoted = "\n".join("> " + line for line in wrapped.splitlines())
    for variant in (text, wrapped, quoted, "Hei!\n\n" + text + "\n\nHilsen KE"):
        [found] = find_blocks(variant)
        assert found.values == block.values and found.entry == "kommune-1804" and found.claim == "ke"
    with pytest.raises(BlockError, match="checksum"):
        find_blocks(text.replace("75\\u002055\\u002050\\u002001", "75\\u002055\\u002050\\u002009"))
    with pytest.raises(BlockError, match="version v2"):
        find_blocks(text.replace("CHANGE v1-----", "CHANGE v2-----"))
    with pytest.raises(BlockError, match="no end line"):
        find_blocks("\n".join(text.splitlines()[:-1]))


def test_apply_shows_writes_and_logs_the_change(data_dir: Path, tmp_path: Path) -> None:
    message = tmp_path / "pasted.txt"
    message.write_text(format_block(bodo_block(data_dir, phone_hours="Hverdager 08.00–15.00")), encoding="utf-8")
    path = data_dir / "municipalities/1804-bodo.yaml"
    before = path.read_text(encoding="utf-8")
    dry = apply_files([message], data_dir, today=TODAY)
    assert not dry.problems and not dry.validation_errors and not dry.written
    assert path.read_text(encoding="utf-8") == before
    [applied] = dry.applied
    assert applied.summary == ["phone_hours: Hverdager 08.00–15.00 (was: (empty))"]
    assert any("not recorded as confirmed by the KE" in hint for hint in applied.hints)
    assert any("who sent it is not known" in hint for hint in applied.hints)  # pasted text names no sender
    done = apply_files([message], data_dir, write=True, today=TODAY)
    assert done.written
    after = path.read_text(encoding="utf-8")
    assert "  phone_hours: Hverdager 08.00–15.00\n" in after
    assert "changes:\n- date: '2026-11-30'\n  change: updated\n  fields:\n  - phone_hours\n" in after
    assert "evidence: stored-copy" in after and "confirmed_by_ke: false" in after


def test_a_confirmation_is_recorded_only_when_the_editor_says_so(data_dir: Path, tmp_path: Path) -> None:
    message = tmp_path / "confirm.txt"
    message.write_text(format_block(bodo_block(data_dir)), encoding="utf-8")
    path = data_dir / "municipalities/1804-bodo.yaml"
    before = path.read_text(encoding="utf-8")
    plain = apply_files([message], data_dir, write=True, today=TODAY)
    assert plain.applied[0].summary == ["nothing changes (the sender says everything is correct)"]
    assert path.read_text(encoding="utf-8") == before
    confirmed = apply_files([message], data_dir, write=True, confirmed_by_ke=date(2026, 11, 29), today=TODAY)
    assert confirmed.written and not confirmed.validation_errors
    after = path.read_text(encoding="utf-8")
    assert "evidence: ke-confirmed\n    retrieved: '2026-11-29'" in after and "confirmed_by_ke: true" in after
    assert "change: confirmed\n  fields:\n  - evidence\n" in after


@pytest.mark.parametrize("sender, flagged", [("ke@example.org", False), ("post@bodo.example.org", False),
                                             ("kari.nordmann@gmail.com", True)])
def test_a_sender_outside_the_owners_domain_is_flagged(data_dir: Path, tmp_path: Path, sender: str,
                                                       flagged: bool) -> None:
    """Bodø's fixture website is https://example.org/bodo/… (host example.org)."""
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = sender, "redaksjon@example.org", "Rettelse: Bodø kommune"
    mail.set_content("Ny telefontid.\n\n" + format_block(bodo_block(data_dir, phone_hours="08–15")))
    eml = tmp_path / "message.eml"
    eml.write_bytes(bytes(mail))
    [applied] = apply_files([eml], data_dir, today=TODAY).applied
    assert any("not from the owner's domain" in hint for hint in applied.hints) is flagged


def test_the_build_rules_refuse_a_bad_value_and_nothing_is_written(data_dir: Path, tmp_path: Path) -> None:
    path = data_dir / "municipalities/1804-bodo.yaml"
    before = path.read_text(encoding="utf-8")
    for n, values in enumerate(({"phones": [{"number": "800 HJELP", "label": None}]}, {"email": "not-an-address"},
                                {"web": "javascript:alert(1)"}, {"unit": "<script>x</script>"})):
        message = tmp_path / f"bad{n}.txt"
        message.write_text(format_block(bodo_block(data_dir, **values)), encoding="utf-8")
        result = apply_files([message], data_dir, write=True, today=TODAY)
        assert result.problems and not result.written, values
    assert path.read_text(encoding="utf-8") == before


def test_the_downloaded_file_is_read_as_its_change(data_dir: Path, tmp_path: Path) -> None:
    path = data_dir / "municipalities/1804-bodo.yaml"
    downloaded = tmp_path / "1804-bodo.yaml"
    downloaded.write_text(path.read_text(encoding="utf-8").replace("  opening_hours: null", "  opening_hours: 08–15")
                          .replace("  email: null", "  email: ke@example.org"), encoding="utf-8")
    [applied] = apply_files([downloaded], data_dir, today=TODAY).applied
    assert applied.summary == ["email: ke@example.org (was: (empty))", "opening_hours: 08–15 (was: (empty))"]
