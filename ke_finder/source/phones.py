"""Norwegian phone numbers: validated and grouped by Google's libphonenumber, not by hand."""
from __future__ import annotations

import phonenumbers

from ..model import Phone


class InvalidPhone(ValueError):
    pass


def normalise_phone(text: str, label: str | None = None) -> Phone:
    """'69 22 55 00' -> Phone('+4769225500', '69 22 55 00'). Raises InvalidPhone for non-numbers."""
    try:
        parsed = phonenumbers.parse(text, "NO")
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhone(str(exc)) from exc
    if not phonenumbers.is_valid_number(parsed) or parsed.country_code != 47:
        raise InvalidPhone(f"'{text}' is not a valid Norwegian phone number")
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    display = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return Phone(e164=e164, display=display, label=label)
