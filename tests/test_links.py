"""Disguised links, hidden mail recipients and one-line fields (issue 19, defects 2, 3 and 4): ke_finder/links.py,
the schemas, the build's checks and the page filters refuse or defuse each attack. Unit tier, about a second."""
from __future__ import annotations

import json
import re
from pathlib import Path

import ada_url
import pytest

from conftest import ROOT, edit
from ke_finder.characters import NOT_IN_ONE_LINE, ONE_LINE_PATTERN, YAML_LINE_BREAKS
from ke_finder.links import LINK_PATTERN, MAILBOX_PATTERN, is_mailbox, is_safe_link, link_problem, mailto_href, web_host
from ke_finder.source.load import check_data, host_of
from ke_finder.source.rules import rules_json
from ke_finder.site.templating import make_environment, safe_href

DISGUISED = "https://evil.example\\@faerder.kommune.no/"
HIDDEN_BCC = "kontakt%40faerder.kommune.no?bcc=spy@evil.no"
M = "municipalities/1804-bodo.yaml"


def test_the_disguised_link_is_what_the_issue_says_and_is_refused() -> None:
    from urllib.parse import urlsplit

    # The attack: urllib reads the municipality's host, a browser (WHATWG, ada) goes to evil.example.
    assert urlsplit(DISGUISED).hostname == "faerder.kommune.no"
    assert ada_url.URL(DISGUISED).hostname == "evil.example"
    assert "backslash" in (link_problem(DISGUISED) or "")
    assert not is_safe_link(DISGUISED) and web_host(DISGUISED) == "" and host_of(DISGUISED) == ""


@pytest.mark.parametrize("url", [
    DISGUISED, "https://evil.example@faerder.kommune.no/", "https://user:pw@faerder.kommune.no/",
    "https://faerder.kommune.no\\.evil.example/", "https:\\\\evil.example", "https://evil.example%5C@faerder.kommune.no",
    "https://faerder.kommune.no\u2028/x", "https://faerder.kommune.no/\u0085", "https:/faerder.kommune.no",
    "https://127.0.0.1/", "https://[::1]/", "https://localhost/", "https://-x.no/", "javascript:alert(1)",
    "https://faerder.kommune.no:99999999/", "https://x.no/" + "a" * 2000, "https://faerder.kommune.no./",
])
def test_disguised_or_odd_links_are_refused(url: str) -> None:
    assert link_problem(url) is not None
    assert not re.match(LINK_PATTERN, url) or "@" in url or len(url) > 2000
    assert safe_href(url) == "#"


@pytest.mark.parametrize("url", ["https://faerder.kommune.no", "https://www.faerder.kommune.no/tjenester/ke?x=1#a",
                                 "http://x.no:8080/a", "https://lovdata.no/lov/2011-06-24-30/§7-2a",
                                 "https://xn--brum-zra.kommune.no/", "https://FAERDER.Kommune.no/", "https://x.no/a@b"])
def test_plain_links_pass_and_keep_their_host(url: str) -> None:
    assert link_problem(url) is None, link_problem(url)
    assert web_host(url) == ada_url.URL(url).hostname
    assert safe_href(url) == url


def test_every_schema_link_pattern_is_the_strict_one() -> None:
    found = 0
    for path in (ROOT / "data/schemas").glob("*.schema.json"):
        for pattern in re.findall(r'"pattern": ("(?:[^"\\]|\\.)*")', path.read_text(encoding="utf-8")):
            pattern = json.loads(pattern)
            if "http" in pattern:
                found += 1
                tail = LINK_PATTERN.split("(?:[/?#]", 1)[1].removesuffix(")?$")
                assert pattern == LINK_PATTERN or (pattern.startswith("^https://lovdata\\.no/")
                                                   and pattern.endswith(tail + "$")), (path.name, pattern)
    assert found >= 10


@pytest.mark.parametrize("where, old, new", [
    ("ke.web", "  web: https://example.org/bodo/ke", "  web: " + DISGUISED),
    ("ke.source.url", "    url: https://example.org/bodo/ke", "    url: https://evil.example@example.org/bodo/ke"),
    ("website", "website: https://example.org/bodo", "website: '" + DISGUISED + "'"),
])
def test_the_build_and_the_validator_refuse_disguised_links(data_dir: Path, where: str, old: str, new: str) -> None:
    edit(data_dir / M, old, new)
    errors, _ = check_data(data_dir)
    text = "\n".join(str(e) for e in errors)
    assert errors and "1804-bodo.yaml" in text and where.split(".")[-1] in text, text


def test_hidden_recipients_are_refused_in_data_and_encoded_in_links(data_dir: Path) -> None:
    assert not is_mailbox(HIDDEN_BCC) and not re.match(MAILBOX_PATTERN, HIDDEN_BCC)
    for bad in ("post@kommune.no?cc=x@y.no", "post@kommune.no&bcc=x@y.no", "\"a b\"@kommune.no", "post@kommune.no,x@y.no",
                "post@[127.0.0.1]", "post%0Abcc@kommune.no", "post@kommune.no\u2028"):
        assert not is_mailbox(bad), bad
    assert is_mailbox("UNN-koordinerende.enhet@unn.no") and is_mailbox("post+ke@faerder.kommune.no")
    # Whatever it is given, a mailto: link built here has no '?' or '&' of the address's own.
    href = mailto_href(HIDDEN_BCC, subject="Rettelse & spørsmål?")
    assert href == ("mailto:kontakt%2540faerder.kommune.no%3Fbcc%3Dspy@evil.no"
                    "?subject=Rettelse%20%26%20sp%C3%B8rsm%C3%A5l%3F")
    assert href.count("?") == 1 and "bcc=" not in href
    edit(data_dir / M, "  email: null", f"  email: '{HIDDEN_BCC}'")
    errors, _ = check_data(data_dir)
    assert any("email" in str(e) for e in errors), errors
    page = make_environment().from_string('<a href="{{ e | mailto }}">').render(e=HIDDEN_BCC)
    assert "bcc=" not in page and "%3Fbcc%3D" in page


@pytest.mark.parametrize("field, old", [
    ("unit", "  unit: Tildelingskontoret"), ("label", "    label: sentralbord"),
    ("visiting_address", "  visiting_address: null"), ("postal_address", "  postal_address: null"),
    ("opening_hours", "  opening_hours: null"),
])
@pytest.mark.parametrize("char", ["\n", "\t", "\r"])
def test_one_line_fields_refuse_line_breaks_and_tabs(data_dir: Path, field: str, old: str, char: str) -> None:
    indent = old[:len(old) - len(old.lstrip())]
    escaped = json.dumps(f"Torget 1{char}injected: 1")  # a double-quoted YAML string holds the character
    edit(data_dir / M, old, f"{indent}{field}: {escaped}")
    errors, _ = check_data(data_dir)
    assert any(field in str(e) and "expected form" in str(e) for e in errors), errors


def test_the_rules_publish_the_line_breaks_yaml_knows() -> None:
    assert set(YAML_LINE_BREAKS) == {"\n", "\r", "\u0085", "\u2028", "\u2029"}
    assert set(YAML_LINE_BREAKS) | {"\t"} <= set(NOT_IN_ONE_LINE)
    one_line = re.compile(ONE_LINE_PATTERN)
    assert all(not one_line.match(f"a{c}b") for c in NOT_IN_ONE_LINE) and one_line.match("Torget 1, 3100 Tønsberg")
    published = rules_json()
    assert published["one_line_regex"] == ONE_LINE_PATTERN and published["link_regex"] == LINK_PATTERN
    assert published["mailbox_regex"] == MAILBOX_PATTERN
    assert {"U+0085", "U+2028", "U+2029"} <= set(published["yaml_line_breaks"])
    forbidden = re.compile(published["forbidden_text_regex"].replace("\\u{", "\\U000").replace("}", ""))
    for ch in "\u2028\u2029\u0085\u202e\u200b\u2066":
        assert forbidden.search(f"x{ch}y"), f"U+{ord(ch):04X}"
