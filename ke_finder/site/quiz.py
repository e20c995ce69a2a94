"""The knowledge quiz as HTML: templates/_quiz.html.j2 draws it, this module renders it on its own.

The quiz is a self-test. Answers are checked in the browser by docs/assets/quiz.js and
nothing is sent anywhere, so the HTML must work on a static page: without JavaScript every
question shows its answer in a <details> element; with JavaScript the reader answers first.
The page template (quiz.md.j2) includes the same fragment; its words are in ke_finder.i18n (quiz_*).
"""
from __future__ import annotations

from ..model.quiz import Question
from .templating import render_fragment

QUIZ_ID = "ke-quiz"


def render_quiz_html(questions: list[Question], lang: str, id_prefix: str = QUIZ_ID) -> str:
    """The quiz as one HTML form for a page in `lang` (one of paths.LANGUAGES), exactly as the quiz page shows it.

    Every string from the data is escaped (autoescaping Jinja). Ids are `<id_prefix>-<question id>-<option>`,
    so use another prefix if a page ever shows two quizzes.
    """
    return render_fragment("_quiz.html.j2", lang, questions=questions, quiz_id=id_prefix)
