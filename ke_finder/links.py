"""Web addresses and mailboxes as a browser and a mail client read them: one strict table for every side.

Why strict: Python's urllib and a browser disagree about odd addresses. ``https://evil.example\\@kommune.no/``
is ``kommune.no`` to urllib (it splits at the ``@``) but ``evil.example`` to every browser (the WHATWG URL
standard reads ``\\`` as ``/`` in http(s) addresses, so the ``@`` falls into the path). An address that passes
here has an unambiguous host: no backslash anywhere, no user-info (``name@`` before the host), a host made of
plain DNS labels, and the host a WHATWG parser (ada, the parser of Node.js) finds is the same one.

A mailbox is only what a real shared mailbox needs (letters, digits, ``. _ + -`` before the ``@``; a strict host
after it): ``kontakt%40kommune.no?bcc=spy@evil.no`` is refused, and a ``mailto:`` link is always built with
``mailto_href``, which percent-encodes whatever it is given.

The same patterns go to the JSON Schemas (data/schemas/*.json; tests/test_hostile_data.py checks they agree), to
the data rules (``/schemas/data-rules.json``) and to the correction form (``assets/correction-rules.json``), and
they are written so that Python's ``re`` and JavaScript's ``RegExp`` with the u flag read them alike. This module
imports nothing of the project, so the loaders, the pages and the editor tools can all use it.
"""
from __future__ import annotations

import re
from urllib.parse import quote

import ada_url

# One DNS label: letters, digits and inner hyphens, at most 63 characters. ASCII only: an internationalised
# domain is written in its xn-- form, so that what the page shows is what the browser visits.
_LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
# At least two labels; the last one (the top-level domain) letters or an xn-- label.
HOST_PATTERN = f"(?:{_LABEL}\\.)+(?:[A-Za-z]{{2,63}}|xn--[A-Za-z0-9-]{{1,59}})"
# What may follow the host: nothing, or a path, query or fragment without spaces, line breaks, control
# characters, backslashes, quotes or angle brackets.
_TAIL = "[^\\s\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029\\\\<>\"'`]*"
LINK_PATTERN = f"^https?://{HOST_PATTERN}(?::[0-9]{{1,5}})?(?:[/?#]{_TAIL})?$"
# A mailbox: a dot-separated local part of letters, digits and _ + - (no %, ?, &, quotes or spaces), then a host.
_LOCAL = "[A-Za-z0-9_+-]+(?:\\.[A-Za-z0-9_+-]+)*"
MAILBOX_PATTERN = f"^{_LOCAL}@{HOST_PATTERN}$"
MAX_LINK_LENGTH = 2000
MAX_MAILBOX_LENGTH = 254

_LINK_RE = re.compile(LINK_PATTERN)
_MAILBOX_RE = re.compile(MAILBOX_PATTERN)
_HOST_RE = re.compile(f"^https?://({HOST_PATTERN})", re.IGNORECASE)


def link_problem(url: str) -> str | None:
    """Why url is not a safe web address, or None when it is one.

    The reasons are the ones an editor can act on: a backslash, a name before the host, or the form in general.
    """
    if "\\" in url:
        return "it contains a backslash (\\), which browsers read as / and so as a different host"
    if len(url) > MAX_LINK_LENGTH:
        return f"it is {len(url):,} characters long; at most {MAX_LINK_LENGTH:,} are allowed"
    authority = re.split(r"[/?#]", url.split("://", 1)[-1], maxsplit=1)[0]
    if "@" in authority:
        return "it has a name and @ before the host, so the host is not what it seems"
    if not _LINK_RE.match(url):
        return "it is not a plain web address that starts with https:// or http:// and a host like kommune.no"
    host = _HOST_RE.match(url)
    try:
        parsed = ada_url.URL(url)
    except ValueError:
        return "a browser cannot read it as a web address"
    if host is None or parsed.hostname != host.group(1).lower() or parsed.username or parsed.password:
        return "a browser reads a different host in it"
    return None


def is_safe_link(url: object) -> bool:
    """True for an http(s) address whose host every reader agrees on (see link_problem)."""
    return isinstance(url, str) and link_problem(url) is None


def web_host(url: str) -> str:
    """The host a browser visits for a safe link, lower case ('' for anything else)."""
    if not is_safe_link(url):
        return ""
    return ada_url.URL(url).hostname


def is_mailbox(address: object) -> bool:
    """True for a plain mailbox such as post@kommune.no (see MAILBOX_PATTERN)."""
    return isinstance(address, str) and len(address) <= MAX_MAILBOX_LENGTH and bool(_MAILBOX_RE.match(address))


def mailto_href(address: str, **headers: str) -> str:
    """A mailto: link whose every part is percent-encoded, so no character of the address or of a header can add a
    recipient or a header (RFC 6068: '?', '&', '%', ',' and '=' are encoded; '@' is kept)."""
    href = "mailto:" + quote(address, safe="@")
    if headers:
        href += "?" + "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in headers.items())
    return href
