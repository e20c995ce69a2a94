"""The knowledge quiz: its data, its checks, its HTML, and one real keyboard run in a browser."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest

from ke_finder.model.quiz import Question, QuizText
from ke_finder.paths import LANGUAGES
from ke_finder.site.quiz import render_quiz_html
from ke_finder.source.errors import DataError, DataInvalid
from ke_finder.source.load import load_directory
from ke_finder.source.quiz import load_quiz

ROOT = Path(__file__).resolve().parent.parent
QUIZ = ROOT / "data" / "quiz.yaml"
ASSETS = ROOT / "docs" / "assets"

GOOD_QUESTION = """\
- id: 'ke-duty'
  nb:
    question: 'Hvem skal ha koordinerende enhet?'
    options: ['Alle kommuner', 'Bare store kommuner', 'Ingen']
    feedback: 'Alle kommuner skal ha en koordinerende enhet.'
  nn:
    question: 'Kven skal ha koordinerande eining?'
    options: ['Alle kommunar', 'Berre store kommunar', 'Ingen']
    feedback: 'Alle kommunar skal ha ei koordinerande eining.'
  en:
    question: 'Who must have a coordinating unit?'
    options: ['Every municipality', 'Only large municipalities', 'Nobody']
    feedback: 'Every municipality must have a coordinating unit.'
  correct: 0
  law: 'helse- og omsorgstjenesteloven § 7-3'
"""


def write_quiz(tmp_path: Path, questions: str) -> Path:
    path = tmp_path / "quiz.yaml"
    path.write_text("questions:\n" + textwrap.dedent(questions), encoding="utf-8")
    return path


def errors_of(path: Path) -> list[DataError]:
    """The quiz's errors: DataErrors, as for every other data file."""
    with pytest.raises(DataInvalid) as caught:
        load_quiz(path)
    return caught.value.errors


def problems_of(path: Path) -> str:
    return "\n".join(str(error) for error in errors_of(path))


def parse(markup: str) -> Element:
    return html5lib.parse(markup, namespaceHTMLElements=False)


def sample(question: str = "Hvem?", qid: str = "sample") -> Question:
    texts = {"nb": QuizText(question, ("Ja", "Nei"), "Fordi."), "nn": QuizText("Kven?", ("Ja", "Nei"), "Fordi."),
             "en": QuizText("Who?", ("Yes", "No"), "Because.")}
    return Question(qid, texts, 0, "helse- og omsorgstjenesteloven § 7-3")


# --- the real data -------------------------------------------------------------------------------

def test_real_quiz_loads_with_enough_questions_in_every_language():
    questions = load_quiz(QUIZ)
    assert len(questions) >= 8
    for q in questions:
        assert set(q.texts) == set(LANGUAGES)
        for lang in LANGUAGES:
            text = q.text(lang)
            assert text.question.strip() and text.feedback.strip()
            assert 2 <= len(text.options) <= 5
            assert all(isinstance(option, str) and option.strip() for option in text.options)
            assert len(text.options) == len(q.text("nb").options)
        assert 0 <= q.correct < len(q.text("nb").options)
        assert "§" in q.law, f"{q.id}: cite the act and section"
    assert len({q.id for q in questions}) == len(questions)


def test_real_quiz_does_not_always_put_the_answer_in_the_same_place():
    assert len({q.correct for q in load_quiz(QUIZ)}) > 1


# --- one fixture per error class -----------------------------------------------------------------

def test_good_fixture_loads(tmp_path):
    [question] = load_quiz(write_quiz(tmp_path, GOOD_QUESTION))
    assert question.id == "ke-duty"
    assert question.text("en").options[0] == "Every municipality"


def test_schema_and_loader_require_every_language_of_the_site():
    """nynorsk is a language of its own: the schema makes nb, nn and en each required, so no
    question can fall back on bokmål on an nn page."""
    import json
    schema = json.loads((ROOT / "data" / "schemas" / "quiz.schema.json").read_text(encoding="utf-8"))
    required = set(schema["$defs"]["question"]["required"])
    assert {"nb", "nn", "en"} <= required and set(LANGUAGES) <= required


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_missing_other_language_is_reported(tmp_path, lang):
    lines = GOOD_QUESTION.splitlines(keepends=True)
    start = lines.index(f"  {lang}:\n")
    text = "".join(lines[:start] + lines[start + 4:])  # the language key and its three fields
    assert f"  {lang}:" not in text
    message = problems_of(write_quiz(tmp_path, text))
    assert f"question 'ke-duty': the required field '{lang}' is missing" in message


def test_correct_out_of_range_is_reported(tmp_path):
    message = problems_of(write_quiz(tmp_path, GOOD_QUESTION.replace("correct: 0", "correct: 3")))
    assert "question 'ke-duty'" in message
    assert "correct is 3, but the options are numbered 0 to 2" in message


def test_correct_far_out_of_range_is_reported_once(tmp_path):
    errors = errors_of(write_quiz(tmp_path, GOOD_QUESTION.replace("correct: 0", "correct: 9")))
    assert len(errors) == 1, errors  # the schema's maximum (4) would say it a second time
    assert "correct is 9" in errors[0].message


def test_unquoted_no_read_as_boolean_is_explained(tmp_path):
    text = GOOD_QUESTION.replace("['Every municipality', 'Only large municipalities', 'Nobody']",
                                 "['Every municipality', 'Only large municipalities', no]")
    message = problems_of(write_quiz(tmp_path, text))
    assert "question 'ke-duty'" in message
    assert "en.options[2]" in message
    assert "'no' was read by YAML as a yes/no value (False)" in message
    assert "put it in quotes" in message


def test_unknown_key_is_reported(tmp_path):
    text = GOOD_QUESTION.replace("  correct: 0\n", "  correct: 0\n  hint: 'Tenk på loven'\n")
    message = problems_of(write_quiz(tmp_path, text))
    assert "question 'ke-duty'" in message
    assert "unknown field 'hint'" in message


def test_different_option_counts_are_reported(tmp_path):
    text = GOOD_QUESTION.replace("['Every municipality', 'Only large municipalities', 'Nobody']",
                                 "['Every municipality', 'Only large municipalities']")
    message = problems_of(write_quiz(tmp_path, text))
    assert "nb has 3 options but en has 2" in message


def test_different_nynorsk_option_count_is_reported(tmp_path):
    text = GOOD_QUESTION.replace("['Alle kommunar', 'Berre store kommunar', 'Ingen']", "['Alle kommunar', 'Ingen']")
    message = problems_of(write_quiz(tmp_path, text))
    assert "nb has 3 options but nn has 2" in message


def test_every_problem_is_listed_at_once(tmp_path):
    second = GOOD_QUESTION.replace("'ke-duty'", "'second'").replace("correct: 0", "correct: 5")
    first = GOOD_QUESTION.replace("  correct: 0\n", "  correct: 0\n  extra: 'x'\n")
    errors = errors_of(write_quiz(tmp_path, first + second))
    message = "\n".join(str(error) for error in errors)
    assert len(errors) == 2, errors
    assert "question 'ke-duty'" in message and "unknown field 'extra'" in message
    assert "question 'second'" in message and "correct is 5" in message


def test_problem_names_the_line(tmp_path):
    text = GOOD_QUESTION.replace("  correct: 0\n", "  correct: 0\n  hint: 'x'\n")
    path = write_quiz(tmp_path, text)
    hint_line = path.read_text(encoding="utf-8").splitlines().index("  hint: 'x'") + 1
    assert f"quiz.yaml:{hint_line}:" in problems_of(path)


@pytest.mark.parametrize("old, new, expected", [
    ("['Alle kommuner', 'Bare store kommuner', 'Ingen']", "['Alle kommuner']",
     "nb.options: question 'ke-duty': the list has 1 item(s); at least 2 are needed"),
    ("'Bare store kommuner', 'Ingen']", "'Alle kommuner', 'Ingen']",
     "nb.options: question 'ke-duty': the list names the same value twice"),
    ("question: 'Hvem skal ha koordinerende enhet?'", "question: ''", "nb.question: question 'ke-duty': the text is empty"),
    ("- id: 'ke-duty'", "- id: 'Ke Duty'", "id: question 'Ke Duty': 'Ke Duty' does not have the expected form "
     "(small letters a-z, digits and single hyphens"),
    ("correct: 0", "correct: '0'", "correct: question 'ke-duty': expected a whole number, found '0'"),
])
def test_schema_rules_are_explained_with_the_question(tmp_path, old, new, expected):
    assert old in GOOD_QUESTION
    assert expected in problems_of(write_quiz(tmp_path, GOOD_QUESTION.replace(old, new)))


def test_duplicate_id_names_the_first_question(tmp_path):
    message = problems_of(write_quiz(tmp_path, GOOD_QUESTION + GOOD_QUESTION))
    assert "questions[1].id: question 'ke-duty': the id is also used by question number 1" in message


def test_quiz_errors_join_the_run_as_data_errors(data_dir):
    """One validation path: data/quiz.yaml is checked by load_directory with every other file."""
    quiz = write_quiz(data_dir, GOOD_QUESTION.replace("correct: 0", "correct: 3"))
    with pytest.raises(DataInvalid) as caught:
        load_directory(data_dir)
    [error] = caught.value.errors
    line = quiz.read_text(encoding="utf-8").splitlines().index("  correct: 3") + 1
    assert (error.file, error.line, error.column, error.field) == ("data/quiz.yaml", line, 12, "questions[0].correct")
    assert error.message == "question 'ke-duty': correct is 3, but the options are numbered 0 to 2"
    assert error.hint == "the first option is 0"


# --- rendering -----------------------------------------------------------------------------------

def test_strings_from_data_are_escaped():
    markup = render_quiz_html([sample("<script>alert('x')</script> & co")], "nb")
    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup and "&amp; co" in markup


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_one_fieldset_per_question_with_legend_and_feedback(lang):
    questions = load_quiz(QUIZ)
    tree = parse(render_quiz_html(questions, lang))
    form = tree.find(".//form")
    assert form is not None and "ke-quiz" in form.get("class", "").split()
    fieldsets = form.findall(".//fieldset")
    assert len(fieldsets) == len(questions)
    for fieldset, question in zip(fieldsets, questions):
        legend = "".join(fieldset.find("legend").itertext())
        assert question.text(lang).question in legend
        assert fieldset.get("data-correct") == str(question.correct)
        feedback = fieldset.find(".//p[@class='ke-quiz-feedback']")
        assert feedback.get("role") == "status" and feedback.get("aria-live") == "polite"
        assert feedback.get("hidden") is not None
        assert question.law in "".join(feedback.itertext())
        answer = fieldset.find(".//details/summary")
        assert answer is not None


def test_labels_are_tied_to_inputs_and_ids_are_unique():
    tree = parse(render_quiz_html(load_quiz(QUIZ), "en"))
    ids = [element.get("id") for element in tree.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
    radios = [i for i in tree.iter("input") if i.get("type") == "radio"]
    labels = {label.get("for"): label for label in tree.iter("label")}
    assert radios
    for radio in radios:
        assert radio.get("id") in labels, f"radio {radio.get('id')} has no label"
    assert set(labels) == {r.get("id") for r in radios}


def test_ui_words_follow_the_language():
    questions = [sample()]
    nb, en = render_quiz_html(questions, "nb"), render_quiz_html(questions, "en")
    assert "Sjekk svaret" in nb and "Vis svaret" in nb and 'data-text-wrong="Ikke riktig"' in nb
    assert "Check answer" in en and "Show the answer" in en and 'data-text-wrong="Incorrect"' in en
    with pytest.raises(ValueError):
        render_quiz_html(questions, "se")


def test_form_cannot_send_answers_anywhere():
    form = parse(render_quiz_html([sample()], "nb")).find(".//form")
    assert form.get("method") == "dialog"
    assert form.get("action") is None


# --- in a real browser, keyboard only ------------------------------------------------------------

def test_keyboard_only_answer_in_headless_chromium(tmp_path, chromium):
    questions = load_quiz(QUIZ)
    first, second = questions[0], questions[1]
    shutil.copy(ASSETS / "quiz.js", tmp_path / "quiz.js")
    shutil.copy(ASSETS / "quiz.css", tmp_path / "quiz.css")
    page_file = tmp_path / "quiz.html"
    page_file.write_text(
        '<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Test</title>'
        '<link rel="stylesheet" href="quiz.css"></head><body><main>'
        + render_quiz_html(questions, "nb")
        + '</main><script src="quiz.js"></script></body></html>',
        encoding="utf-8",
    )
    context = chromium.new_context()
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(page_file.as_uri())
        url = page.url

        # With JavaScript the "show the answer" boxes are hidden and the buttons shown.
        assert not page.locator(f"#ke-quiz-{first.id} details").is_visible()
        assert page.locator(f"#ke-quiz-{first.id} .ke-quiz-check").is_visible()

        # Question 1, right answer: Tab to the radio group, arrows to the answer, Space, Tab, Enter.
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == f"ke-quiz-{first.id}-0"
        for _ in range(first.correct):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "ke-quiz-check"
        page.keyboard.press("Enter")

        feedback = page.locator(f"#ke-quiz-{first.id} .ke-quiz-feedback")
        assert feedback.is_visible()
        assert feedback.inner_text().startswith("Riktig")
        assert first.text("nb").feedback in feedback.inner_text()
        assert first.law in feedback.inner_text()
        assert page.evaluate("document.activeElement.classList.contains('ke-quiz-feedback')")
        chosen = page.locator(f"#ke-quiz-{first.id} .ke-quiz-option").nth(first.correct)
        assert "Riktig" in chosen.inner_text()

        # Question 2, wrong answer: the next Tab leads on from the feedback to the next question.
        wrong = 0 if second.correct != 0 else 1
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == f"ke-quiz-{second.id}-0"
        for _ in range(wrong):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        feedback = page.locator(f"#ke-quiz-{second.id} .ke-quiz-feedback")
        assert feedback.is_visible()
        assert feedback.inner_text().startswith("Ikke riktig")
        marked = page.locator(f"#ke-quiz-{second.id} .ke-quiz-option").nth(second.correct)
        assert "Riktig svar" in marked.inner_text()

        score = page.locator(".ke-quiz-score")
        assert score.is_visible()
        assert "1 av 2" in score.inner_text()

        # Nothing was sent anywhere and the page never navigated.
        assert page.url == url
        assert all(r.startswith("file://") for r in requests), requests
    finally:
        context.close()
