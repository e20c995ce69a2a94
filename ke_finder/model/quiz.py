"""The knowledge quiz's questions, in every language of the site."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..paths import LANGUAGES


@dataclass(frozen=True)
class QuizText:
    """One question in one language."""

    question: str
    options: tuple[str, ...]
    feedback: str


@dataclass(frozen=True)
class Question:
    """One question in every language of the site; `correct` indexes the options of each.

    `texts` maps each code of LANGUAGES to its text, so a language is never stood in for by another:
    a missing one is a KeyError, not bokmål on a nynorsk page.
    """

    id: str
    texts: Mapping[str, QuizText]
    correct: int
    law: str

    def text(self, lang: str) -> QuizText:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language '{lang}'; use one of: {', '.join(LANGUAGES)}")
        return self.texts[lang]
