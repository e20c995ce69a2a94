"""The knowledge quiz as HTML.

The quiz is a self-test. Answers are checked in the browser by docs/assets/quiz.js and
nothing is sent anywhere, so the HTML must work on a static page: without JavaScript every
question shows its answer in a <details> element; with JavaScript the reader answers first.
"""
from __future__ import annotations

import html

from ..model.quiz import Question

# The quiz's own interface words. The HTML carries them to quiz.js in data attributes,
# so the script never decides the language of the page.
UI: dict[str, dict[str, str]] = {
    "nb": {
        "number": "Spørsmål {n} av {total}",
        "check": "Sjekk svaret",
        "show_answer": "Vis svaret",
        "answer_is": "Riktig svar:",
        "source": "Kilde:",
        "right": "Riktig",
        "wrong": "Ikke riktig",
        "right_option": "Riktig svar",
        "choose_first": "Velg et svar først.",
        "score": "Du har {right} av {answered} svar riktig. Det er {total} spørsmål i alt.",
    },
    "en": {
        "number": "Question {n} of {total}",
        "check": "Check answer",
        "show_answer": "Show the answer",
        "answer_is": "Right answer:",
        "source": "Source:",
        "right": "Correct",
        "wrong": "Not right",
        "right_option": "Right answer",
        "choose_first": "Choose an answer first.",
        "score": "You have {right} of {answered} answers correct. There are {total} questions in all.",
    },
}

# --- rendering -----------------------------------------------------------------------------------

def render_quiz_html(questions: list[Question], lang: str, id_prefix: str = "ke-quiz") -> str:
    """The quiz as one HTML form for a page in `lang` ("nb" or "en").

    Every string from the data is escaped. Ids are `<id_prefix>-<question id>-<option>`, so
    use another prefix if a page ever shows two quizzes.
    """
    if lang not in UI:
        raise ValueError(f"unknown language '{lang}'; use one of: {', '.join(UI)}")
    words = UI[lang]
    e = _escape
    data_attributes = " ".join(
        f'data-text-{name.replace("_", "-")}="{e(words[name])}"'
        for name in ("right", "wrong", "right_option", "choose_first", "score")
    )
    # method="dialog": submitting (e.g. Enter on a radio button without JavaScript) never sends
    # the answers anywhere, because a dialog-method form outside a <dialog> does nothing.
    parts = [f'<form class="ke-quiz" method="dialog" lang="{e(lang)}" {data_attributes}>']
    for number, question in enumerate(questions, start=1):
        parts.append(_render_question(question, number, len(questions), lang, id_prefix))
    parts.append('<p class="ke-quiz-score" role="status" aria-live="polite" hidden></p>')
    parts.append("</form>")
    return "\n".join(parts) + "\n"


def _render_question(question: Question, number: int, total: int, lang: str, id_prefix: str) -> str:
    words = UI[lang]
    text = question.text(lang)
    e = _escape
    base = f"{id_prefix}-{question.id}"
    lines = [
        f'<fieldset class="ke-quiz-question" id="{e(base)}" data-correct="{question.correct}">',
        f'<legend><span class="ke-quiz-number">{e(words["number"].format(n=number, total=total))}</span> '
        f'<span class="ke-quiz-text">{e(text.question)}</span></legend>',
    ]
    for index, option in enumerate(text.options):
        option_id = f"{base}-{index}"
        lines.append(
            f'<div class="ke-quiz-option">'
            f'<input type="radio" name="{e(base)}" id="{e(option_id)}" value="{index}">'
            f'<label for="{e(option_id)}">{e(option)}</label></div>'
        )
    source = f'{e(words["source"])} {e(question.law)}'
    lines += [
        '<p class="ke-quiz-hint" aria-live="polite" hidden></p>',
        f'<button type="button" class="ke-quiz-check" hidden>{e(words["check"])}</button>',
        f'<p class="ke-quiz-feedback" role="status" aria-live="polite" hidden>'
        f'<strong class="ke-quiz-verdict"></strong> '
        f'<span class="ke-quiz-explanation">{e(text.feedback)}</span> '
        f'<span class="ke-quiz-law">{source}</span></p>',
        f'<details class="ke-quiz-answer"><summary>{e(words["show_answer"])}</summary>'
        f'<p><strong>{e(words["answer_is"])}</strong> {e(text.options[question.correct])}</p>'
        f'<p>{e(text.feedback)} {source}</p></details>',
        "</fieldset>",
    ]
    return "\n".join(lines)


def _escape(value: str) -> str:
    return html.escape(str(value), quote=True)
