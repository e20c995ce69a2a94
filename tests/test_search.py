"""Full-text search (Pagefind): one index per language, Norwegian stemming, phone in the result."""
from __future__ import annotations

from pathlib import Path

SEARCH = """async (query) => {
    const pagefind = await import(document.querySelector('#ke-search').dataset.bundle + 'pagefind.js');
    const found = await pagefind.search(query);
    const data = await Promise.all(found.results.slice(0, 20).map(r => r.data()));
    return data.map(d => ({url: d.url, title: d.meta.title, phone: d.meta.phone || null}));
}"""


def test_an_index_per_language(built_site: Path) -> None:
    names = {p.name for p in (built_site / "pagefind").iterdir()}
    assert any(n.startswith("pagefind.nb_") for n in names) and any(n.startswith("pagefind.en_") for n in names)
    assert {"wasm.nb.pagefind", "wasm.en.pagefind"} <= names


def test_norwegian_search_finds_inflected_forms_and_stays_norwegian(built_site: Path, page, site_url: str) -> None:
    # "koordinatorenes" (genitive plural) is written nowhere on the site: only stemming can find it.
    assert not any("koordinatorenes" in p.read_text(encoding="utf-8").lower() for p in built_site.rglob("*.html"))
    page.goto(site_url + "search/", wait_until="networkidle")
    inflected = page.evaluate(SEARCH, "koordinatorenes")
    singular = page.evaluate(SEARCH, "koordinator")
    assert inflected and {r["url"] for r in inflected} & {r["url"] for r in singular}
    assert all("/en/" not in r["url"] for r in singular + inflected)


def test_english_search_gives_english_pages(page, site_url: str) -> None:
    page.goto(site_url + "en/search/", wait_until="networkidle")
    results = page.evaluate(SEARCH, "coordinator")
    assert results and all("/en/" in r["url"] for r in results)


def test_result_carries_the_ke_phone(page, site_url: str) -> None:
    page.goto(site_url + "search/", wait_until="networkidle")
    results = page.evaluate(SEARCH, "Tjenestekontoret Færder")
    faerder = [r for r in results if r["url"].endswith("/kommune/3911/")]
    assert faerder and faerder[0]["phone"] == "95 19 34 80"


def test_search_ui_shows_name_and_phone(page, site_url: str) -> None:
    page.goto(site_url + "search/?q=Tjenestekontoret", wait_until="networkidle")
    page.wait_for_selector(".pagefind-ui__result-title")
    titles = page.locator(".pagefind-ui__result-title").all_inner_texts()
    assert any(t.startswith("Færder") and "tlf. 95 19 34 80" in t for t in titles), titles
