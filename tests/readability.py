"""Readability of the guides, measured with LIX.

The citizen guides promise plain language (klarspråk, språklova § 9). A promise that is
not measured drifts, so the tests compute LIX for every citizen page and fail above 40.

LIX (Björnsson) = words / sentences + 100 * long words / words,
where a long word has more than 6 letters. It works the same way for Norwegian and
English, which is why it is used here rather than a language-specific formula.

Choices made when turning Markdown into prose (so that the score reflects what a
reader reads, not the markup):

* Front matter, fenced code blocks and inline code are removed: they are data and
  commands, not sentences, and a reader skips them.
* Links keep their text and lose their target; bare URLs are removed.
* Each heading, list item and table cell ends a sentence. A list is read as a row of
  short statements; without this rule a 10-item list with no full stops would count
  as one 80-word sentence and punish exactly the layout that makes text easy to scan.
* A list item is read as one line: write each item on one line (the guides do), since a
  wrapped continuation line would be counted as a new piece of text after the full stop.
* An admonition marker (``!!! note "Title"``) keeps only its title, as a sentence; the
  indented body is kept as ordinary text.
* A sentence ends at ``.``, ``!``, ``?`` or ``:`` followed by white space or the end of
  the text (the classic LIX rule counts the colon). ``09:00`` and ``2.5`` do not end a
  sentence; abbreviations such as ``kl.`` do. That small error is accepted: it is the
  same in every run, and guessing abbreviations would make the score harder to explain.
"""
from __future__ import annotations

import re

LONG_WORD_LETTERS = 6  # a word is long when it has MORE than this many letters

_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*(?:\n|\Z)", re.DOTALL)
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?(.*)$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+\S+(?:\s+\"(.*)\")?\s*$")
_LINK_DEFINITION = re.compile(r"^\s*\[[^\]]+\]:\s+\S+.*$")
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>]+>")
_BARE_URL = re.compile(r"\bhttps?://\S+")
_INLINE_CODE = re.compile(r"`[^`]*`")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)")
_ENDS_SENTENCE = re.compile(r"[.!?:]\s*$")
_WORD = re.compile(r"\S+")


def _inline(text: str) -> str:
    """Remove inline markup from one line, keeping the words a reader sees."""
    text = _INLINE_CODE.sub("", text)
    text = _IMAGE_OR_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub("", text)
    text = _BARE_URL.sub("", text)
    text = _HTML_TAG.sub("", text)
    text = _EMPHASIS.sub(r"\2", text)
    return text.strip()


def _as_sentence(text: str) -> str:
    """Close a heading, list item or table cell as a sentence unless it already is one."""
    if not text:
        return ""
    return text if _ENDS_SENTENCE.search(text) else text + "."


def markdown_to_prose(markdown: str) -> str:
    """Turn a Markdown page into the plain text a reader reads, one block per line.

    See the module docstring for why lists, headings and table cells end sentences.
    """
    text = _FRONT_MATTER.sub("", markdown, count=1)
    out: list[str] = []
    in_code = False
    for raw in text.splitlines():
        if _FENCE.match(raw):
            in_code = not in_code
            continue
        if in_code or _LINK_DEFINITION.match(raw) or _TABLE_SEPARATOR.match(raw):
            continue
        admonition = _ADMONITION.match(raw)
        if admonition:
            out.append(_as_sentence(_inline(admonition.group(1) or "")))
            continue
        heading = _HEADING.match(raw)
        if heading:
            out.append(_as_sentence(_inline(heading.group(1))))
            continue
        if raw.strip().startswith("|"):
            cells = raw.strip().strip("|").split("|")
            out.extend(_as_sentence(_inline(cell)) for cell in cells)
            continue
        item = _LIST_ITEM.match(raw)
        if item:
            out.append(_as_sentence(_inline(item.group(1))))
            continue
        line = raw.strip()
        if line.startswith(">"):
            line = line.lstrip("> ")
        out.append(_inline(line))
    return "\n".join(line for line in out if line)


def _letters(word: str) -> int:
    return sum(1 for ch in word if ch.isalpha())


def words(text: str) -> list[str]:
    """The words of a text: white-space separated tokens with at least one letter or digit."""
    return [w for w in _WORD.findall(text) if any(ch.isalnum() for ch in w)]


def sentence_count(text: str) -> int:
    """Sentences in a text; a last sentence without a full stop still counts."""
    pieces = _SENTENCE_END.split(text)
    return sum(1 for piece in pieces if words(piece))


def lix(text: str) -> float:
    """LIX of plain text: words per sentence plus the percentage of long words.

    Returns 0.0 for a text without words, so an empty page never divides by zero.
    """
    found = words(text)
    if not found:
        return 0.0
    long_words = sum(1 for w in found if _letters(w) > LONG_WORD_LETTERS)
    return len(found) / sentence_count(text) + 100 * long_words / len(found)


def markdown_lix(markdown: str) -> float:
    """LIX of a Markdown page, as a reader would read it."""
    return lix(markdown_to_prose(markdown))
