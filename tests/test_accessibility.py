"""axe-core (WCAG 2.0/2.1 A+AA) and third-party requests, in headless Chromium, in every language (nb, nn, en)."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest

from browser import axe_violations

# axe once per template per language: every generated template in all three languages, picking a different
# instance per language where a template has branches (known / unknown KE, trust with / without KE), and each
# hand-written page once (they share the theme template; their content differs: tables, code, checklists);
# nynorsk, the newest language, on every hand-written page.
TEMPLATES = {
    "home": ("", "nn/", "en/"),
    "municipality.md.j2 (known KE / unknown KE, Sami name)": ("kommune/3911/", "nn/kommune/5612/", "en/kommune/5612/"),
    "municipality.md.j2 (old lead / related page)": ("en/kommune/4014/", "nn/kommune/4014/", "kommune/1146/"),
    "municipality.md.j2 (unit for some people / page on another host)": ("kommune/5001/", "nn/kommune/5001/",
                                                                         "en/kommune/4003/"),
    "municipality.md.j2 (Oslo's districts)": ("nn/kommune/0301/",),
    "hospital_trust.md.j2 (with KE / without KE)": ("helseforetak/unn/", "nn/helseforetak/helse-stavanger/",
                                                    "en/helseforetak/helse-stavanger/"),
    "hospital_trusts.md.j2": ("helseforetak/", "nn/helseforetak/", "en/helseforetak/"),
    "county.md.j2": ("fylke/18/", "nn/fylke/46/", "en/fylke/03/"),
    "counties.md.j2": ("fylke/", "nn/fylke/", "en/fylke/"),
    "service.md.j2": ("tjeneste/barnekoordinator/", "nn/tjeneste/barnekoordinator/", "en/tjeneste/barnekoordinator/"),
    "services.md.j2": ("tjeneste/", "nn/tjeneste/", "en/tjeneste/"),
    "coverage.md.j2 (the map)": ("dekning/", "nn/dekning/", "en/dekning/"),
    "quiz.md.j2": ("quiz/", "nn/quiz/", "en/quiz/"),
}
HAND_WRITTEN = ["guides/", "en/guides/individual-plan/", "guides/ke-staff/", "en/guides/glossary/",
                "guides/health-personnel/", "en/search/", "logo/", "en/about/accessibility/"]
NN_HAND_WRITTEN = ["nn/guides/", "nn/guides/what-is-ke/", "nn/guides/individual-plan/", "nn/guides/coordinator/",
                   "nn/guides/contact-doctor/", "nn/guides/health-personnel/", "nn/guides/ke-staff/",
                   "nn/guides/user-organisations/", "nn/guides/glossary/", "nn/search/", "nn/logo/",
                   "nn/about/accessibility/", "nn/about/data/"]
# The correction form and the message helper, prefilled for a known KE and for a municipality without one.
TOOLS = ["correction/?entry=kommune-3911", "en/correction/?entry=kommune-5612", "en/message-helper/?kommune=3911",
         "message-helper/?kommune=5612", "nn/correction/?entry=kommune-5612", "nn/message-helper/?kommune=3911"]
# The embeddable KE cards (standalone pages from the extras step): own KE, related page only, trust, no KE.
EMBEDS = ["embed/kommune-3911/", "nn/embed/kommune-1804/", "en/embed/helseforetak-unn/", "nn/embed/kommune-5610/"]
PAGES = [path for paths in TEMPLATES.values() for path in paths] + HAND_WRITTEN + NN_HAND_WRITTEN + TOOLS


@pytest.mark.parametrize("path", PAGES)
def test_no_axe_violations(page, site_url: str, path: str) -> None:
    page.goto(site_url + path, wait_until="networkidle")
    violations = axe_violations(page)
    assert violations == [], violations


@pytest.mark.parametrize("path", ["", "en/", "kommune/3911/", "en/helseforetak/unn/", "nn/kommune/3911/"])
def test_no_request_leaves_the_site(page, site_url: str, path: str) -> None:
    hosts: list[str] = []
    page.on("request", lambda request: hosts.append(urlparse(request.url).netloc))
    page.goto(site_url + path, wait_until="networkidle")
    own = urlparse(site_url).netloc
    assert hosts and set(hosts) == {own}, sorted(set(hosts))


@pytest.mark.parametrize("lang", ["", "nn/", "en/"])
def test_no_axe_violations_with_finder_suggestions_open(page, site_url: str, lang: str) -> None:
    page.goto(site_url + lang)
    page.get_by_role("combobox").press_sequentially("her", delay=20)
    page.wait_for_selector("#ke-finder-option-0")
    page.keyboard.press("ArrowDown")
    assert axe_violations(page) == []


@pytest.mark.parametrize("lang", ["", "nn/", "en/"])
def test_no_axe_violations_on_search_results(page, site_url: str, lang: str) -> None:
    page.goto(site_url + lang + "search/?q=koordinator", wait_until="networkidle")
    page.wait_for_selector(".pagefind-ui__result")
    assert axe_violations(page) == []


def test_no_axe_violations_on_the_404_page(page, site_url: str) -> None:
    page.goto(site_url + "404.html")
    assert axe_violations(page) == []


@pytest.mark.parametrize("path", ["", "en/kommune/3911/", "kommune/0301/", "tjeneste/barnekoordinator/",
                                  "dekning/", "en/guides/glossary/", "helseforetak/ous/", "quiz/"])
def test_no_sideways_scrolling_at_320px(chromium, site_url: str, path: str) -> None:
    """WCAG 1.4.10 reflow: content fits 320 CSS px (tables may scroll inside their own box)."""
    context = chromium.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(site_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


@pytest.mark.parametrize("path", EMBEDS)
def test_no_axe_violations_on_the_ke_cards(chromium, site_url: str, path: str) -> None:
    """The card's own Content-Security-Policy refuses every script, axe-core too: the check bypasses it."""
    context = chromium.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(site_url + path, wait_until="networkidle")
    violations = axe_violations(page)
    context.close()
    assert violations == [], violations


@pytest.mark.parametrize("path", EMBEDS)
def test_a_ke_card_is_readable_at_280px_without_sideways_scrolling(chromium, site_url: str, path: str) -> None:
    """The card goes into narrow side columns of other sites: it must fit 280 CSS px."""
    context = chromium.new_context(viewport={"width": 280, "height": 480})
    page = context.new_page()
    page.goto(site_url + path)
    assert page.evaluate("document.documentElement.scrollWidth") <= 280
    assert page.evaluate("getComputedStyle(document.querySelector('.ke-card')).borderTopStyle") == "solid"  # CSS loaded
    context.close()


@pytest.fixture(scope="module")
def fixture_site_url(tmp_path_factory):
    """The small fixture data set (which has a shared KE) built with the real project and served."""
    import shutil

    from browser import serve
    from conftest import FIXTURE_DATA, ROOT
    from sitebuild import copy_project, mkdocs_build

    workdir = tmp_path_factory.mktemp("fixture-site")
    project = copy_project(workdir / "project")
    shutil.rmtree(project / "data")
    shutil.copytree(FIXTURE_DATA, project / "data")
    shutil.copytree(ROOT / "data" / "schemas", project / "data" / "schemas")
    result = mkdocs_build(project, workdir / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(workdir / "site") as url:
        yield url


@pytest.mark.parametrize("path", ["kommune/1812/", "en/samarbeid/sor-helgeland/", "nn/samarbeid/sor-helgeland/"])
def test_no_axe_violations_on_shared_ke_pages(page, fixture_site_url: str, path: str) -> None:
    page.goto(fixture_site_url + path)
    assert "sor-helgeland" in page.content()
    assert axe_violations(page) == []


# A phone viewport (is_mobile, touch): the layouts that change most, one page each.
PHONE_PAGES = ["en/", "kommune/0301/", "en/kommune/5612/", "helseforetak/unn/", "en/tjeneste/barnekoordinator/",
               "guides/individual-plan/", "en/dekning/", "quiz/", "404.html", "nn/kommune/3911/"]


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_no_axe_violations_on_a_phone_viewport(chromium, site_url: str, path: str) -> None:
    context = chromium.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url + path)
    assert axe_violations(page) == []
    context.close()


@pytest.mark.parametrize("lang", ["", "nn/", "en/"])
def test_no_axe_violations_on_the_correction_form_with_errors_and_result(page, site_url: str, lang: str) -> None:
    page.goto(site_url + lang + "correction/?entry=kommune-3911", wait_until="networkidle")
    page.fill("#ke-phone-1", "123")
    page.click(".ke-form button[type=submit]")
    page.wait_for_selector(".ke-form__summary:not([hidden])")
    assert page.evaluate("document.activeElement.className") == "ke-form__summary"  # focus moves to the errors
    assert axe_violations(page) == []
    page.fill("#ke-phone-1", "33 00 11 22")
    page.click(".ke-form button[type=submit]")
    page.wait_for_selector(".ke-form__result:not([hidden])")
    assert page.evaluate("document.activeElement.id") == "ke-result-heading"
    assert axe_violations(page) == []
