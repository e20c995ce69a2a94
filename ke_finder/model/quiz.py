"""The knowledge quiz's questions, in every language of the site."""
from __future__ import annotations

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
    """One question in both languages; `correct` indexes the options of both."""

    id: str
    nb: QuizText
    en: QuizText
    correct: int
    law: str

    def text(self, lang: str) -> QuizText:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language '{lang}'; use one of: {', '.join(LANGUAGES)}")
        return self.nb if lang == "nb" else self.en
