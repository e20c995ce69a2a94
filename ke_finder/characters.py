"""Characters nobody can see: invisible formatting and control characters, as explicit code point ranges.

One table for the two sides that need it: the data rules (ke_finder/source/rules.py refuses these in
data files and publishes them for other checkers) and the finder's name folding (ke_finder/model/names.py
and its mirror docs/assets/finder.js drop INVISIBLE from what a person types). It lives at the top of the
package and imports nothing of the project, so the model can use it without depending on the data source.
"""
from __future__ import annotations

import re

# Inclusive code point ranges. Explicit rather than Unicode categories, so that Python and every
# browser agree whatever Unicode version they know. tests/test_hostile_data.py checks that every
# format character (category Cf) of Python's Unicode database is covered.
INVISIBLE: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),    # soft hyphen
    (0x034F, 0x034F),    # combining grapheme joiner
    (0x0600, 0x0605),    # Arabic number signs (format characters)
    (0x061C, 0x061C),    # Arabic letter mark
    (0x06DD, 0x06DD),    # Arabic end of ayah
    (0x070F, 0x070F),    # Syriac abbreviation mark
    (0x0890, 0x0891),    # Arabic pound/piastre mark above
    (0x08E2, 0x08E2),    # Arabic disputed end of ayah
    (0x115F, 0x1160),    # Hangul fillers
    (0x17B4, 0x17B5),    # Khmer inherent vowels
    (0x180B, 0x180F),    # Mongolian free variation selectors, vowel separator
    (0x200B, 0x200F),    # zero width space, non-joiner, joiner, left-to-right / right-to-left mark
    (0x202A, 0x202E),    # bidi embeddings and overrides
    (0x2060, 0x2064),    # word joiner, invisible operators
    (0x2066, 0x206F),    # bidi isolates, deprecated format characters
    (0x3164, 0x3164),    # Hangul filler
    (0xFE00, 0xFE0F),    # variation selectors
    (0xFEFF, 0xFEFF),    # zero width no-break space (byte order mark)
    (0xFFA0, 0xFFA0),    # halfwidth Hangul filler
    (0xFFF9, 0xFFFB),    # interlinear annotation
    (0x110BD, 0x110BD),  # Kaithi number sign
    (0x110CD, 0x110CD),  # Kaithi number sign above
    (0x13430, 0x1343F),  # Egyptian hieroglyph format controls
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0001, 0xE0001),  # language tag
    (0xE0020, 0xE007F),  # tag characters
    (0xE0100, 0xE01EF),  # variation selectors supplement
)
CONTROL: tuple[tuple[int, int], ...] = (
    (0x0000, 0x0008),
    (0x000B, 0x000C),    # tab (09), line feed (0A) and carriage return (0D, Windows line ends) are allowed
    (0x000E, 0x001F),
    (0x007F, 0x009F),
    (0x2028, 0x2029),    # line and paragraph separator
)


def char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    """A Python regular-expression character class for the ranges."""
    def one(code: int) -> str:
        return f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}"

    return "[" + "".join(one(a) if a == b else f"{one(a)}-{one(b)}" for a, b in ranges) + "]"


INVISIBLE_RE = re.compile(char_class(INVISIBLE))


def strip_invisible(text: str) -> str:
    """Text without INVISIBLE characters: what a reader sees, and what the finder compares."""
    return INVISIBLE_RE.sub("", text)

# Every character YAML reads as a line break (YAML 1.1, which PyYAML speaks: line feed, carriage return, next
# line, line separator, paragraph separator). A value holding one is never written unquoted: the form's YAML
# writer refuses it, and one-line fields refuse it in the schemas, with tab, vertical tab and form feed.
YAML_LINE_BREAKS = "\n\r\u0085\u2028\u2029"
NOT_IN_ONE_LINE = YAML_LINE_BREAKS + "\t\u000b\u000c"
# The JSON Schema pattern of a one-line field (unit, phone labels, addresses, hours): Python re and JavaScript
# read it alike.
ONE_LINE_PATTERN = "^[^" + "".join(f"\\u{ord(c):04X}" for c in NOT_IN_ONE_LINE) + "]*$"
