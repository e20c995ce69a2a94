"""Hostile and broken data files: bounded, explained, never silently wrong (issue 14).

One small fixture per class of broken or hostile input, each applied to a copy of the fixture data
set. Every case runs in a forked child process, so that a crash in C code (libyaml's composer used to
segfault on deep nesting) or a hang fails that case instead of killing the test run, and so that time
and memory are measured for that case alone. Each case asserts the message, the file and line (and
column where it matters), that the load took under 2 s and under 200 MB, and that no message is long.

`BEFORE` records what the code did with each class before this change (measured on commit a07930e
with the same fixtures); it is kept here so the table and the behaviour it replaced stay together.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import time
import tracemalloc
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import FIXTURE_DATA, ROOT, TODAY, edit, line_of
from ke_finder.characters import INVISIBLE
from ke_finder.source import rules
from ke_finder.source.errors import DataError
from ke_finder.source.load import check_data, data_warnings, load_directory
from ke_finder.source.rules import rules_json

M = "municipalities/1804-bodo.yaml"
SECONDS = 2.0
MEGABYTES = 200


@dataclass(frozen=True)
class Case:
    name: str
    setup: Callable[[Path], None]
    file: str                 # relative to the data folder
    line: int | str           # a number, or text whose first line is meant (read after setup)
    message: str              # a part of the message
    column: int | None = None
    field: str | None = None
    severity: str = "error"


def append(rel: str, text: str) -> Callable[[Path], None]:
    def apply(d: Path) -> None:
        path = d / rel
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return apply


def replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda d: edit(d / rel, old, new)


def alias_bomb(d: Path) -> None:
    lines = ["a0: &a0 ['lol','lol','lol','lol','lol','lol','lol','lol','lol']"]
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    append(M, "x_bomb:\n  " + "\n  ".join(lines) + "\n")(d)


def write(rel: str, data: bytes) -> Callable[[Path], None]:
    def apply(d: Path) -> None:
        (d / rel).parent.mkdir(parents=True, exist_ok=True)
        (d / rel).write_bytes(data)
    return apply


def encoded(rel: str, encoding: str) -> Callable[[Path], None]:
    return lambda d: (d / rel).write_bytes((d / rel).read_text(encoding="utf-8").encode(encoding, "replace"))


def copy(rel: str, to: str) -> Callable[[Path], None]:
    return lambda d: shutil.copy(d / rel, d / to)


def rename(rel: str, to: str) -> Callable[[Path], None]:
    return lambda d: (d / rel).rename(d / to)


def link(rel: str, target: str) -> Callable[[Path], None]:
    return lambda d: os.symlink(target, d / rel)


def fifo(rel: str) -> Callable[[Path], None]:
    return lambda d: os.mkfifo(d / rel)


def folder_with_file(rel: str) -> Callable[[Path], None]:
    def apply(d: Path) -> None:
        (d / rel).mkdir()
        shutil.copy(d / M, d / rel / "1804-bodo.yaml")
    return apply


TAG = "is not allowed in a data file"
INVISIBLE_MESSAGE = "invisible or control character"

CASES = [
    # bounded work
    Case("alias_bomb", alias_bomb, M, "a4: &a4", "the file holds more than 10,000 values (every use of an alias"),
    Case("alias_loop", replace(M, "other_names: []", "other_names: &loop [*loop]"), M, "&loop",
         "the alias *loop is used inside the block it names", field="other_names[0]"),
    Case("alias_unknown", replace(M, "other_names: []", "other_names: [*nothing]"), M, "*nothing",
         "the alias *nothing names no anchor (&name) above it"),
    Case("deep_flow", replace(M, "other_names: []", "other_names: " + "[" * 100_000 + "]" * 100_000), M,
         "other_names", "the blocks and lists are nested more than 20 deep"),
    Case("deep_block", replace(M, "other_names: []", "other_names:\n" + "- " * 5_000 + "x"), M,
         "- - -", "the blocks and lists are nested more than 20 deep"),
    Case("huge_file", append(M, "# " + "x" * 30_000_000 + "\n"), M, 1,
         "the file is larger than the limit of 262,144 bytes"),
    Case("huge_value", replace(M, "unit: Tildelingskontoret", "unit: " + "A" * 100_000), M, "unit:",
         "the value is 100,000 characters long; the limit is 4,000: 'AAAA", column=9, field="ke.unit"),
    Case("long_text", replace(M, "unit: Tildelingskontoret", "unit: " + "A" * 3_000), M, "unit:",
         "the text is 3,000 characters long; at most 300 are allowed: '" + "A" * 60 + "…' (3,000 characters)",
         column=9, field="ke.unit"),
    Case("long_email", replace(M, "  email: null", "  email: " + "x" * 3_000 + "@example.org"), M, "email:",
         "is not a valid e-mail address", field="ke.email"),
    Case("long_id", replace(M, "number: '1804'", "number: '" + "9" * 3_000 + "'"), M, 1,
         "'" + "9" * 60 + "…' (3,000 characters) does not have the expected form", field="number"),
    # no crash: tags are data errors with a line
    Case("python_name_tag", replace(M, "admin_centre: Bodø", "admin_centre: !!python/name:os.system"), M,
         "admin_centre", f"the tag '!!python/name:os.system' {TAG}", column=15, field="admin_centre"),
    Case("python_object_tag", replace(M, "ke:\n", "ke: !!python/object:collections.OrderedDict\n"), M, "ke:",
         f"the tag '!!python/object:collections.OrderedDict' {TAG}", field="ke"),
    Case("python_apply_tag", replace(M, "services:\n", "services: !!python/object/apply:os.system\n"), M,
         "services:", f"the tag '!!python/object/apply:os.system' {TAG}", field="services"),
    Case("include_tag", replace(M, "admin_centre: Bodø", "admin_centre: !include secrets.yaml"), M,
         "admin_centre", f"the tag '!include' {TAG}", field="admin_centre"),
    Case("binary_tag", replace(M, "admin_centre: Bodø", "admin_centre: !!binary Qm9kw7g="), M, "admin_centre",
         f"the tag '!!binary' {TAG}", field="admin_centre"),
    Case("int_tag_on_text", replace(M, "admin_centre: Bodø", "admin_centre: !!int 'Bodø'"), M, "admin_centre",
         "'Bodø' is tagged '!!int' but is not a whole number", field="admin_centre"),
    Case("second_document", append(M, "---\nnumber: '1805'\n"), M, "---",
         "YAML syntax error: a second document starts here"),
    Case("quiz_tag", write("quiz.yaml", b"questions: !!python/object/apply:os.system ['true']\n"), "quiz.yaml", 1,
         f"the tag '!!python/object/apply:os.system' {TAG}", column=12, field="questions"),
    # nothing the editor didn't write
    Case("phone_letters", replace(M, "'75 55 50 00'", "'800 HJELP'"), M, "HJELP",
         "'800 HJELP' is not a valid Norwegian phone number: it contains 'H'; write the number with digits only "
         "(letters are not turned into digits)", field="ke.phones[0].number"),
    Case("phone_other_digits", replace(M, "'75 55 50 00'", "'٧٥ ٥٥ ٥٠ ٠٠'"), M, "٧٥",
         "it contains '٧'", field="ke.phones[0].number"),
    Case("phone_extension", replace(M, "'75 55 50 00'", "'75 55 50 00 ext 12'"), M, "ext 12",
         "it contains 'e'", field="ke.phones[0].number"),
    # no invisible or direction-changing characters
    Case("bidi_override", replace(M, "unit: Tildelingskontoret", "unit: Tildelings\u202ekontoret"), M, "unit:",
         f"{INVISIBLE_MESSAGE} U+202E RIGHT-TO-LEFT OVERRIDE", column=19, field="ke.unit"),
    Case("zero_width_escaped", replace(M, "admin_centre: Bodø", 'admin_centre: "Bo\\u200Bdø"'), M, "admin_centre",
         f"{INVISIBLE_MESSAGE} U+200B ZERO WIDTH SPACE", column=15, field="admin_centre"),
    Case("soft_hyphen", replace(M, "admin_centre: Bodø", "admin_centre: Bo\u00addø"), M, "admin_centre",
         f"{INVISIBLE_MESSAGE} U+00AD SOFT HYPHEN", column=17, field="admin_centre"),
    Case("control_character", replace(M, "unit: Tildelingskontoret", "unit: Tildelings\x07kontoret"), M, "unit:",
         f"{INVISIBLE_MESSAGE} U+0007 BELL", column=19, field="ke.unit"),
    Case("bidi_in_comment", append(M, "# reviewed \u2066by the KE\u2069\n"), M, "# reviewed",
         f"{INVISIBLE_MESSAGE} U+2066 LEFT-TO-RIGHT ISOLATE", column=12),
    # no silent loss
    Case("yml_beside_yaml", copy(M, "municipalities/1804-bodo.yml"), "municipalities/1804-bodo.yml", 1,
         "the build reads only files ending in .yaml (in small letters), so this file is not read"),
    Case("json_file", write("municipalities/1899-test.json", b"{}"), "municipalities/1899-test.json", 1,
         "the build reads only files ending in .yaml"),
    Case("upper_case_extension", rename("municipalities/1813-bronnoy.yaml", "municipalities/1813-bronnoy.YAML"),
         "municipalities/1813-bronnoy.YAML", 1, "the build reads only files ending in .yaml (in small letters)"),
    Case("data_file_at_top", copy(M, "1804-bodo.yaml"), "1804-bodo.yaml", 1, "the build does not read this file"),
    Case("notes_txt", write("municipalities/notes.txt", b"check Bodo\n"), "municipalities/notes.txt", 1,
         "the build does not read this file", severity="warning"),
    Case("backup_tilde", copy(M, M + "~"), M + "~", 1, "this is an editor's backup, swap or lock file",
         severity="warning"),
    Case("emacs_lock", link("municipalities/.#1804-bodo.yaml", "editor@host.1234:1700000000"),
         "municipalities/.#1804-bodo.yaml", 1, "this is an editor's backup, swap or lock file", severity="warning"),
    Case("vim_swap", write("municipalities/.1804-bodo.yaml.swp", b"\x00b0VIM 9.0"), "municipalities/.1804-bodo.yaml.swp",
         1, "this is an editor's backup, swap or lock file", severity="warning"),
    Case("folder_in_data_folder", folder_with_file("municipalities/old"), "municipalities/old", 1,
         "the build does not read the folder 'old' or the files in it", severity="warning"),
    Case("latin1_file", encoded(M, "latin-1"), M, 2,
         "byte 0xF8 at byte 25 of the file is not UTF-8 text (in Latin-1/Windows-1252 that byte is 'ø')", column=10),
    Case("utf16_file", encoded(M, "utf-16"), M, 1, "byte 0xFF at byte 1 of the file is not UTF-8 text", column=1),
    Case("latin1_postal_codes", encoded("postal-codes.csv", "latin-1"), "postal-codes.csv", 3,
         "byte 0xD8 at byte 112 of the file is not UTF-8 text (in Latin-1/Windows-1252 that byte is 'Ø')"),
    Case("named_pipe", fifo("municipalities/1899-pipe.yaml"), "municipalities/1899-pipe.yaml", 1,
         "cannot read the file: it is not a plain file"),
    Case("link_to_device", link("municipalities/1899-zero.yaml", "/dev/zero"), "municipalities/1899-zero.yaml", 1,
         "cannot read the file: it is not a plain file"),
]

BEFORE = {
    "alias_bomb": "hang: 14 s, then MemoryError at 1.9 GB (traceback)",
    "alias_loop": "traceback: RecursionError",
    "alias_unknown": "YAML syntax error (found undefined alias), with its line",
    "deep_flow": "crash: segmentation fault in libyaml's C composer (the whole process died)",
    "deep_block": "traceback: RecursionError",
    "huge_file": "silent pass: the 30 MB file read whole (1.9 s) and accepted",
    "huge_value": "data error whose message printed the whole value (100,000 characters)",
    "long_text": "data error whose message printed the whole 3,000-character value",
    "long_email": "two data errors, each printing the whole 3,012-character address",
    "long_id": "data error whose message printed the whole 3,000-digit value",
    "python_name_tag": "traceback: ConstructorError",
    "python_object_tag": "silent pass: the tag was ignored",
    "python_apply_tag": "silent pass: the tag was ignored",
    "include_tag": "traceback: ConstructorError",
    "binary_tag": "misleading error: expected text, found 'b'Bod\\xc3\\xb8'' (the tag not named)",
    "int_tag_on_text": "traceback: ValueError",
    "second_document": "YAML syntax error with its line",
    "quiz_tag": "misleading error: 'expected a block of keys, found 'true'' (the tag ignored)",
    "phone_letters": "silent pass: published as 800 45 357",
    "phone_other_digits": "silent pass: Arabic-Indic digits turned into 75 55 50 00",
    "phone_extension": "silent pass: the extension dropped",
    "bidi_override": "silent pass: published with U+202E",
    "zero_width_escaped": "silent pass: published with U+200B",
    "soft_hyphen": "silent pass: published with U+00AD",
    "control_character": "traceback: ReaderError (unacceptable character #x0007)",
    "bidi_in_comment": "silent pass",
    "yml_beside_yaml": "silent loss: the file was not read, nothing said",
    "json_file": "silent loss",
    "upper_case_extension": "the file silently not read; only follow-on errors (unknown municipality '1813')",
    "data_file_at_top": "silent loss",
    "notes_txt": "silent",
    "backup_tilde": "silent",
    "emacs_lock": "error under the link's target as file name: 'cannot read the file: No such file'",
    "vim_swap": "silent",
    "folder_in_data_folder": "silent loss of the files in it",
    "latin1_file": "error at line 1, column 1, naming only the byte offset",
    "utf16_file": "error at line 1, column 1, naming only the byte offset",
    "latin1_postal_codes": "traceback: UnicodeDecodeError",
    "named_pipe": "hang: blocked forever reading the pipe",
    "link_to_device": "traceback: MemoryError after 17 s reading /dev/zero (2.4 GB)",
}


def make_data(root: Path) -> Path:
    target = root / "data"
    shutil.copytree(FIXTURE_DATA, target)
    shutil.copytree(ROOT / "data" / "schemas", target / "schemas")
    return target


def in_child(function: Callable[[], object], timeout: float = 60) -> tuple[object, float, int, int]:
    """Run function in a forked process: (its result, seconds, Python peak bytes, peak RSS growth in bytes).

    A crash or a hang of the child fails the test with what happened instead of taking the run down.
    """
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def run() -> None:
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()
        start = time.perf_counter()
        try:
            result: object = function()
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, which fails the test
            result = RuntimeError(f"{type(exc).__name__}: {str(exc)[:500]}")
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        rss_growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) * 1024
        send.send((result, seconds, peak, rss_growth))
        send.close()

    process = context.Process(target=run)
    process.start()
    try:
        if not receive.poll(timeout):
            process.kill()
            pytest.fail(f"no answer within {timeout} s: the load hangs")
        answer = receive.recv()
    except EOFError:
        answer = None
    process.join(10)
    if answer is None:
        pytest.fail(f"the load crashed the process (exit code {process.exitcode})")
    return answer  # type: ignore[return-value]


def checked(data: Path) -> tuple[list[DataError], list[DataError]]:
    return check_data(data, TODAY)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_file_is_bounded_and_explained(case: Case, tmp_path: Path) -> None:
    data = make_data(tmp_path)
    case.setup(data)
    result, seconds, peak, rss_growth = in_child(lambda: checked(data))
    assert not isinstance(result, RuntimeError), f"{case.name} raised instead of reporting: {result}"
    errors, warnings = result  # type: ignore[misc]
    found = errors if case.severity == "error" else warnings
    line = case.line if isinstance(case.line, int) else line_of(data / case.file, case.line)
    file = f"data/{case.file}"
    matches = [e for e in found if e.file == file and e.line == line and case.message in e.message]
    assert matches, f"{case.name} (before: {BEFORE[case.name]}): no {case.severity} at {file}:{line} with " \
                    f"{case.message!r} in:\n" + "\n".join(str(e) for e in errors + warnings)
    error = matches[0]
    if case.column is not None:
        assert error.column == case.column, str(error)
    if case.field is not None:
        assert error.field == case.field, str(error)
    assert seconds < SECONDS, f"{case.name} took {seconds:.2f} s"
    assert peak < MEGABYTES * 1024 * 1024, f"{case.name} allocated {peak / 1e6:.0f} MB"
    assert rss_growth < MEGABYTES * 1024 * 1024, f"{case.name} grew the process by {rss_growth / 1e6:.0f} MB"
    for problem in errors + warnings:
        assert len(problem.message) <= rules.MAX_MESSAGE_CHARS and len(str(problem)) <= 1_500, str(problem)[:300]
        assert "AAAAAAAAAA" * 7 not in str(problem) and "9999999999" * 7 not in str(problem), str(problem)[:300]


def test_every_case_records_its_behaviour_before_the_change() -> None:
    assert set(BEFORE) == {case.name for case in CASES}


def test_harmless_variants_still_load(data_dir: Path) -> None:
    """What the rules must not refuse: a byte order mark, Windows line ends, a plain '=' as text,
    an alias used once, an editor's lock file beside the data (a warning, not an error)."""
    bodo = data_dir / M
    text = bodo.read_text(encoding="utf-8").replace("admin_centre: Bodø", "admin_centre: =")
    text = text.replace("website: https://example.org/bodo", "website: &site https://example.org/bodo")
    text = text.replace("services_source: https://example.org/bodo/ke", "services_source: *site")
    bodo.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    os.symlink("editor@host.1234:1700000000", data_dir / "municipalities/.#1804-bodo.yaml")
    warnings: list[DataError] = []
    directory = load_directory(data_dir, today=TODAY, warnings=warnings)
    municipality = directory.municipalities["1804"]
    assert municipality.admin_centre == "="
    assert municipality.services_source == "https://example.org/bodo"
    assert [w.file for w in warnings] == ["data/municipalities/.#1804-bodo.yaml"]


def test_phone_is_published_as_written_normalised_only_in_form() -> None:
    from ke_finder.source.phones import InvalidPhone, normalise_phone
    for written in ("75 55 50 00", "+47 75 55 50 00", "0047 75555000", "75-55-50-00", "(+47) 75 55 50 00",
                    "75\u00a055\u00a050\u00a000"):
        assert normalise_phone(written).e164 == "+4775555000", written
    for written in ("800 HJELP", "75 55 50 00 ext 12", "tel:75555000", "７５５５５０００", "+47 (0) 75 55 50 00"):
        with pytest.raises(InvalidPhone):
            normalise_phone(written)


def test_the_character_table_covers_every_format_character() -> None:
    """Every Unicode format character (Cf) Python knows is in INVISIBLE; the others there are invisible too."""
    covered = {code for start, end in INVISIBLE for code in range(start, end + 1)}
    missing = [f"U+{c:04X}" for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf" and c not in covered]
    assert not missing, missing
    extra = {unicodedata.category(chr(c)) for c in covered} - {"Cf", "Mn", "Lo", "Cn"}
    assert not extra, extra


def test_rules_json_states_the_limits_the_reader_applies() -> None:
    table = rules_json()
    assert (table["max_file_bytes"], table["max_depth"], table["max_values"], table["max_value_characters"]) == \
           (rules.MAX_FILE_BYTES, rules.MAX_DEPTH, rules.MAX_NODES, rules.MAX_VALUE_CHARS)
    assert {"from": "U+202A", "to": "U+202E", "name": "LEFT-TO-RIGHT EMBEDDING"} in table["invisible"]
    assert table["finder_drops_regex"] == rules.INVISIBLE_JS
    assert table["forbidden_text_regex"].startswith(rules.INVISIBLE_JS[:-1])


# --- every entry point gives the same answers ---------------------------------------------------------------

def one_run_of_every_class(data: Path) -> None:
    """Several classes in one data folder, each in its own file, so none can hide another."""
    edit(data / M, "admin_centre: Bodø", "admin_centre: !!python/name:os.system")
    edit(data / "municipalities/0301-oslo.yaml", "number: '0301'", "number: '0301'\nname_note: \"\\u202E\"")
    alias = "\n".join(["x0: &x0 [" + ",".join(["'a'"] * 20) + "]"]
                      + [f"x{i}: &x{i} [" + ",".join([f"*x{i - 1}"] * 20) + "]" for i in range(1, 8)])
    append("hospital-trusts/ous.yaml", "\n" + alias + "\n")(data)
    encoded("cooperations/sor-helgeland.yaml", "latin-1")(data)
    edit(data / "municipalities/1812-somna.yaml", "number: '1812'", "number: '1812'\nnote: " + "Z" * 50_000)
    shutil.copy(data / M, data / "municipalities/1804-bodo.yml")
    (data / "municipalities/notes.txt").write_text("todo\n", encoding="utf-8")
    os.mkfifo(data / "cooperations/x.yaml")
    (data / "quiz.yaml").write_text("questions: !include questions.yaml\n", encoding="utf-8")


def test_every_entry_point_reports_the_same_errors(tmp_path: Path) -> None:
    """load_directory, `python -m ke_finder validate` (scripts/validate.py) and the contact importer agree,
    for every class at once; each class's error is there, so none hides another."""
    data = make_data(tmp_path)
    one_run_of_every_class(data)
    errors, warnings = checked(data)
    expected = [str(e) for e in errors + warnings]
    for needle in ("the tag '!!python/name:os.system'", "U+202E RIGHT-TO-LEFT OVERRIDE", "more than 10,000 values",
                   "byte 0xF8", "the value is 50,000 characters long", "1804-bodo.yml",
                   "notes.txt:1:1: (file): warning: the build does not read this file",
                   "cooperations/x.yaml:1:1: (file): cannot read the file: it is not a plain file",
                   "data/quiz.yaml:1:12: questions: the tag '!include'"):
        assert any(needle in line for line in expected), (needle, expected)

    assert data_warnings(data) == warnings  # what the hook and `stage` print after a load that passed

    cli = subprocess.run([sys.executable, "-m", "ke_finder", "validate", "--data", str(data)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert cli.returncode == 1
    assert cli.stdout.splitlines() == expected
    wrapper = subprocess.run([sys.executable, "scripts/validate.py", "--data", str(data), str(data / M)], cwd=ROOT,
                             capture_output=True, text=True, timeout=120)
    assert wrapper.returncode == 1
    assert wrapper.stdout.splitlines() == [line for line in expected if line.startswith(f"data/{M}:")]

    from ke_finder.editor.contact_import import import_contacts
    sheet = tmp_path / "updates.csv"
    sheet.write_text("kommunenummer,unit\n1804,Tildelings\u202ekontoret\n", encoding="utf-8")
    result = in_child(lambda: import_contacts(sheet, data, today=TODAY))[0]
    assert not isinstance(result, RuntimeError), result
    assert [str(e) for e in result.validation_errors + result.validation_warnings] == expected  # type: ignore
    assert [str(p) for p in result.problems] == [  # type: ignore[attr-defined]
        "updates.csv:row 2:column unit: invisible or control character U+202E RIGHT-TO-LEFT OVERRIDE at character "
        "11 (delete it: readers cannot see it, and it can change how the text around it is shown)"]


def test_the_build_reports_them_all_and_leaves_the_previous_site(tmp_path: Path) -> None:
    """`make site` / `make serve` go through hooks/ke_pages.py: one build with every class at once aborts
    before MkDocs touches the site folder, and prints the same lines as the validator."""
    from sitebuild import copy_project, mkdocs_build

    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "data")
    data = make_data(project)
    one_run_of_every_class(data)
    expected = checked(data)
    site = tmp_path / "site"
    (site / "kommune" / "1804").mkdir(parents=True)
    (site / "index.html").write_text("<p>the previous site</p>", encoding="utf-8")
    (site / "kommune" / "1804" / "index.html").write_text("<p>Bodø</p>", encoding="utf-8")
    before = sorted((str(p.relative_to(site)), p.read_bytes()) for p in site.rglob("*") if p.is_file())
    start = time.perf_counter()
    result = mkdocs_build(project, site)
    seconds = time.perf_counter() - start
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for problem in expected[0] + expected[1]:
        assert str(problem) in output, str(problem)
    assert f"Aborted: {len(expected[0])} data error(s). The previous site was left as it was." in output
    assert "Traceback" not in output
    assert sorted((str(p.relative_to(site)), p.read_bytes()) for p in site.rglob("*") if p.is_file()) == before
    assert seconds < 60, f"the aborted build took {seconds:.1f} s"


def test_published_rules_match_the_build(built_site: Path) -> None:
    published = json.loads((built_site / "schemas" / rules.RULES_FILE).read_text(encoding="utf-8"))
    assert published == rules_json()
