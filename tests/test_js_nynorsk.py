"""The scripts on nynorsk pages (/nn/): nynorsk words, nynorsk dates and links that stay under /nn/.

tests/test_js_text.py checks that every script's nn table is complete; these tests run the real scripts on the
real built nn pages in Chromium and check what a reader sees: one test per script that writes words.
"""
from __future__ import annotations

import re
from pathlib import Path

from ke_finder.source.quiz import load_quiz

QUIZ = Path(__file__).resolve().parent.parent / "data" / "quiz.yaml"


def test_copy_button_on_a_nynorsk_page(chromium, site_url: str) -> None:
    context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(site_url + "nn/kommune/3911/")
    page.get_by_role("button", name="Kopier kontaktopplysningane").first.click()
    page.wait_for_function("document.querySelector('.ke-copy-status').textContent === 'Kopiert'")
    assert "Kopier kontaktinformasjonen" not in page.content()
    context.close()


def test_finder_messages_on_a_nynorsk_page(page, site_url: str) -> None:
    page.goto(site_url + "nn/", wait_until="networkidle")
    page.fill("#ke-finder-input", "Xyzzyq")
    page.wait_for_function("document.querySelector('.ke-finder__status').textContent.length > 0")
    assert page.inner_text(".ke-finder__status") == (
        "Fann ingen kommune for «Xyzzyq». Trykk Enter for å søkje etter det på heile nettstaden, "
        "eller vel frå lista over fylke.")
    assert page.get_by_role("option").all_inner_texts() == ["Søk etter «Xyzzyq» på heile nettstaden"]


def test_service_filters_on_a_nynorsk_page(page, site_url: str) -> None:
    page.goto(site_url + "nn/tjeneste/barnekoordinator/")
    page.select_option("#ke-filter-county", "55")  # Troms
    assert page.locator(".ke-filter-status").inner_text() == "Viser 1 kommune i Troms som vi veit har tilbodet."
    unknown = page.locator(".ke-filter-unknown__text").inner_text()
    assert "har vi ingen opplysningar eller kontakt for dette enno. Dei skal likevel gje det." in unknown
    assert page.url.endswith("/nn/tjeneste/barnekoordinator/?fylke=55")


def test_services_index_counts_on_a_nynorsk_page(page, site_url: str) -> None:
    page.goto(site_url + "nn/tjeneste/")
    page.select_option("#ke-filter-county", "46")  # Vestland
    status = page.locator(".ke-filter-status").inner_text()
    assert re.fullmatch(r"Tala gjeld no Vestland \(\d+ kommunar\)\.", status), status
    assert "ein rett i alle kommunar; vi har opplysningar frå" in page.locator("ul[data-totals]").inner_text()


def test_message_helper_on_a_nynorsk_page(page, site_url: str) -> None:
    page.goto(site_url + "nn/message-helper/?kommune=3911", wait_until="networkidle")
    page.wait_for_selector("#ke-message-text")
    text = page.input_value("#ke-message-text")
    assert text.splitlines()[0].endswith("– Koordinerande eining for Færder kommune")
    assert "(helsepersonellova § 38 a)" in text and "«Kva er viktig for deg?»" in text
    result = page.locator(".ke-message__result")
    assert "Ikkje stadfesta av koordinerande eining" in result.inner_text()
    # Links to the municipality's and the hospital's pages stay in nynorsk (the exports carry /nn/ URLs).
    hrefs = [a.get_attribute("href") for a in result.locator("a").all()]
    assert any(h.endswith("/nn/kommune/3911/") for h in hrefs), hrefs
    assert all("/nn/" in h for h in hrefs), hrefs


def test_correction_form_on_a_nynorsk_page(chromium, site_url: str) -> None:
    context = chromium.new_context(locale="nb-NO")
    page = context.new_page()
    page.goto(f"{site_url}nn/correction/?entry=kommune-3911", wait_until="networkidle")
    page.wait_for_selector(".ke-form")
    assert page.inner_text(".ke-form > p").startswith("Du rettar opplysningane om koordinerande eining for Færder")
    # The date in nynorsk (Intl nn-NO), whatever the browser's own locale.
    assert page.inner_text("#ke-evidence-now") == (
        "No står det: Opplysningane er henta 23. november 2026 frå ein lagra kopi av nettsida. Vi veit ikkje når "
        "kopien vart laga, og ingen har sjekka sjølve nettsida enno.")
    page.get_by_role("button", name="Lag rettinga").click()
    assert "Rett dette først:" in page.inner_text(".ke-form__summary")
    context.close()


def test_quiz_on_a_nynorsk_page_shows_the_nynorsk_feedback(page, site_url: str) -> None:
    first = load_quiz(QUIZ)[0]
    page.goto(site_url + "nn/quiz/", wait_until="networkidle")
    question = page.locator(".ke-quiz-question").first
    assert first.text("nn").question in question.inner_text()
    question.get_by_label(first.text("nn").options[first.correct]).check()
    question.locator(".ke-quiz-check").click()
    assert first.text("nn").feedback in question.locator(".ke-quiz-feedback").inner_text()


def test_wide_table_hint_on_a_nynorsk_page(chromium, site_url: str) -> None:
    context = chromium.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(site_url + "nn/dekning/", wait_until="networkidle")
    hints = page.locator(".ke-scroll-hint")
    assert hints.count() >= 1  # seven columns do not fit 320 px
    assert set(hints.all_inner_texts()) == {
        "Tabellen er breiare enn skjermen: sveip eller rull sidelengs for å sjå alle kolonnane. →"}
    context.close()


def test_theme_overrides_on_a_built_nynorsk_page(built_site: Path) -> None:
    """The header, finder, footer, correction box and feed link of a real /nn/ page are nynorsk and stay in /nn/."""
    html = (built_site / "nn/kommune/3911/index.html").read_text(encoding="utf-8")
    for words in ("Hopp til hovudinnhaldet", "Søk på heile nettstaden", "Til dømes Bodø, Kárášjohka eller 8006.",
                  "Eller sjå alle kommunane, fylke for fylke", "Føreslå ei retting", "Tilgjengelegheitserklæring",
                  "Kjelder", "Skrive ut frå"):
        assert words in html, words
    assert 'href="../../../api/v1/changes.nn.atom"' in html
    assert (built_site / "api/v1/changes.nn.atom").is_file()
    assert 'href="../../about/accessibility/"' in html and 'href="../../correction/?entry=' in html
    for bokmål in ("Hopp til hovedinnholdet", "Foreslå en rettelse", "Tilgjengelighetserklæring", "Skrevet ut fra"):
        assert bokmål not in html, bokmål
    missing = (built_site / "404.html").read_text(encoding="utf-8")
    assert '<span lang="nn">Fann ikkje sida</span>' in missing and '<div lang="nn">' in missing
