"""Norwegian phone numbers: validated and grouped by Google's libphonenumber, not by hand.

libphonenumber is generous: it turns letters into digits ("800 HJELP" -> 800 45 357), reads
an extension out of "ext 12" and accepts digits of other scripts. A published number must be
the one the editor wrote, so only ASCII digits, spaces and + - . ( ) are accepted (rules.py),
and the digits written must be the number's own digits (with +47 or 0047 in front at most):
the normalisation changes the form, never the number.
"""
from __future__ import annotations

import re

import phonenumbers

from ..model import Phone
from . import rules


class InvalidPhone(ValueError):
    """Why a text is not a phone number we publish; `reason` is a sentence for the editor, or ''."""

    def __init__(self, text: str, reason: str = ""):
        super().__init__(f"{rules.excerpt(text)} is not a valid Norwegian phone number" + (f": {reason}" if reason else ""))
        self.reason = reason


def normalise_phone(text: str, label: str | None = None) -> Phone:
    """'69 22 55 00' -> Phone('+4769225500', '69 22 55 00'). Raises InvalidPhone for non-numbers."""
    if not rules.PHONE_RE.match(text):
        bad = next((ch for ch in text if ch not in rules.PHONE_CHARACTERS + rules.PHONE_SPACES), "")
        what = f"'{bad}'" if bad.isprintable() and not rules.find_forbidden(bad) else rules.describe_char(bad)
        reason = (f"it contains {what}; write the number with digits only (letters are not turned into digits)"
                  if bad else "it is empty")
        raise InvalidPhone(text, reason)
    try:
        parsed = phonenumbers.parse(text, "NO")
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhone(text) from exc
    if not phonenumbers.is_valid_number(parsed) or parsed.country_code != 47:
        raise InvalidPhone(text)
    # The national significant number keeps a leading zero that is part of the number (five-digit 02xxx
    # numbers): comparing with national_number alone would reject "02180" as "not its own digits".
    national = phonenumbers.national_significant_number(parsed)
    if re.sub(r"[^0-9]", "", text) not in (national, "47" + national, "0047" + national):
        raise InvalidPhone(text, f"its digits are not those of the number {national}")
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    display = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return Phone(e164=e164, display=display, label=label)
