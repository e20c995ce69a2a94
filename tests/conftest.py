"""Shared fixtures: a small valid data set copied to a temp dir, with the real schemas."""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = Path(__file__).resolve().parent / "fixtures" / "data"
TODAY = date(2026, 11, 23)


# ---- test tiers (markers registered in pytest.ini) --------------------------------------------------------
TIERS = ("unit", "web", "site", "browser")
BROWSER_FIXTURES = {"chromium", "page", "site_url", "fixture_site_url"}
SITE_FIXTURES = {"built_site", "built_site_with_url", "injected_sites"}
# The editors' crawler against the fixture web on loopback (tests/fixture_web.py): crawls in their own processes,
# tens of seconds, so they run in `make test` and stay out of the edit loop (`make test-fast`).
WEB_FIXTURES = {"web"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Give every test exactly one tier from the fixtures it uses (browser > site > web > unit).

    A test that builds a site without those fixtures says so itself with @pytest.mark.site; a module may say
    `pytestmark = pytest.mark.unit`, and then a test in it that needs a build or a browser is an error.
    """
    problems = []
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        marked = {m.name for m in item.iter_markers() if m.name in TIERS}
        if fixtures & BROWSER_FIXTURES:
            tier = "browser"
        elif fixtures & SITE_FIXTURES or "site" in marked:
            tier = "site"
        elif fixtures & WEB_FIXTURES:
            tier = "web"
        else:
            tier = "unit"
        if marked - {tier}:
            problems.append(f"{item.nodeid}: marked {sorted(marked)} but its fixtures make it {tier}")
        if tier not in marked:
            item.add_marker(getattr(pytest.mark, tier))
    if problems:
        raise pytest.UsageError("wrong test tier:\n" + "\n".join(problems))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the fixture data set, at <tmp>/data, using the project's real schemas."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    shutil.copytree(ROOT / "data" / "schemas", target / "schemas")
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace exactly one occurrence, so a fixture edit that misses fails loudly."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """1-based line number of the first line containing needle."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data built into a temp dir once per session, every language."""
    from sitebuild import build_site

    return build_site(tmp_path_factory.mktemp("build"))


@pytest.fixture(scope="session")
def built_site_with_url(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data built as a deployment with SITE_URL (sitebuild.TEST_SITE_URL) builds it."""
    from sitebuild import TEST_SITE_URL, build_site

    return build_site(tmp_path_factory.mktemp("build-with-url"), site_url=TEST_SITE_URL)


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site served on loopback for the browser tests."""
    from browser import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright; never downloads a browser."""
    from browser import CHROMIUM_ARGS, chromium_path
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        pytest.fail("chromium is not installed: run `make browser-deps` (make test does this)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    page = context.new_page()
    yield page
    context.close()
