"""Name folding: how a typed name is matched to an official one.

People type "Bodo", "Baerum", "Tromso", "Karasjohka" or "Porsangu". Matching compares
folded forms so every official Norwegian, Sami and Kven name is found with or without
its special letters. The same rules are used by the finder index (Python) and must be
mirrored in the browser (docs/assets/finder.js `fold`): test_names pins both.
"""
from __future__ import annotations

import unicodedata

from ..characters import strip_invisible

# Letters that do not decompose into base + accent in Unicode, with the ASCII a person types.
_ASCII_FOR = {
    "æ": "ae", "ø": "o", "å": "a",
    "đ": "d", "ŋ": "n", "ŧ": "t", "ʒ": "z", "ǯ": "z", "ß": "ss",
}
_KEEP = set("æøå")


def fold_to_base(text: str) -> str:
    """Strip accents from Sami/Kven letters (á, č, š, ï, ä…) but keep æ, ø, å for sorting."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _KEEP:
            out.append(ch)
            continue
        base = unicodedata.normalize("NFD", ch)[0]
        out.append(_ASCII_FOR.get(ch, base))
    return "".join(out)


def fold(text: str) -> str:
    """The search form of a name: lower case ASCII letters and digits, single spaces.

    "Kárášjohka - Karasjok" -> "karasjohka karasjok"; "Bærum" -> "baerum"; "Våler (Østfold)" ->
    "valer ostfold". Invisible characters (zero-width, bidi controls, soft hyphen: characters.INVISIBLE)
    are dropped first, so "Bo\u200bdø" typed or pasted into the finder is still "bodo".
    """
    lowered = unicodedata.normalize("NFC", strip_invisible(text).lower())
    chars = []
    for ch in lowered:
        if ch in _ASCII_FOR:
            chars.append(_ASCII_FOR[ch])
        else:
            base = unicodedata.normalize("NFD", ch)[0]
            chars.append(base if base.isascii() and base.isalnum() else " ")
    return " ".join("".join(chars).split())


def fold_variants(text: str) -> set[str]:
    """A name in every form a person might type: æ as 'ae' or 'a', ø as 'o' or 'oe', å as 'a' or 'aa'."""
    base = fold(text)
    variants = {base}
    lowered = unicodedata.normalize("NFC", strip_invisible(text).lower())
    for mapping in ({"æ": "a", "ø": "oe", "å": "aa"}, {"æ": "e", "ø": "o", "å": "a"}):
        variants.add(fold("".join(mapping.get(ch, ch) for ch in lowered)))
    return variants
