"""Page specs and rendering, without MkDocs: the fixture data set rendered to Markdown."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TODAY
from ke_finder.source.load import load_directory
from ke_finder.site.pages import all_pages, relative_url
from ke_finder.site.writer import render_site_pages, write_pages

pytestmark = pytest.mark.unit


@pytest.fixture
def rendered(data_dir: Path) -> dict[str, str]:
    return render_site_pages(load_directory(data_dir, today=TODAY))


@pytest.mark.parametrize("src, dst, expected", [
    ("kommune/0301", "fylke/03", "../../fylke/03/"),
    ("fylke/index", "kommune/0301", "../kommune/0301/"),
    ("index", "kommune/0301", "kommune/0301/"),
    ("kommune/0301", "index", "../../"),
    ("fylke/03", "fylke/index", "../"),
])
def test_relative_url(src: str, dst: str, expected: str) -> None:
    assert relative_url(src, dst) == expected


def test_every_page_exists_in_both_languages_with_the_same_path(data_dir: Path) -> None:
    specs = all_pages(load_directory(data_dir, today=TODAY))
    nb = {s.path for s in specs if s.lang == "nb"}
    en = {s.path for s in specs if s.lang == "en"}
    assert nb == en
    assert {"kommune/0301", "kommune/1812", "helseforetak/ous", "fylke/18", "samarbeid/sor-helgeland",
            "tjeneste/barnekoordinator", "index", "fylke/index", "dekning/index"} <= nb


def test_cooperation_page_lists_members_and_the_shared_ke(rendered: dict[str, str]) -> None:
    page = rendered["samarbeid/sor-helgeland.md"]
    assert '<a href="../../kommune/1812/">Sømna</a>' in page
    assert '<a href="../../kommune/1813/">Brønnøy</a> (vertskommune)' in page
    assert '<a href="mailto:ke@example.no">ke@example.no</a>' in page
    assert "Bekreftet av koordinerende enhet" in page


def test_member_municipality_shows_the_shared_ke(rendered: dict[str, str]) -> None:
    page = rendered["kommune/1812.en.md"]
    assert 'Sømna shares a coordinating unit with other municipalities in <a href="../../samarbeid/sor-helgeland/">' in page
    assert '<a href="mailto:ke@example.no">ke@example.no</a>' in page
    assert 'data_file: "data/cooperations/sor-helgeland.yaml"' in page


def test_front_matter_titles_are_escaped(data_dir: Path) -> None:
    directory = load_directory(data_dir, today=TODAY)
    directory.municipalities["1804"].display_name = 'Bodø "<b>"'
    page = render_site_pages(directory)["kommune/1804.md"]
    assert 'title: "Bodø &quot;&lt;b&gt;&quot; – koordinerende enhet"' in page
    assert "<h1>Bodø &#34;&lt;b&gt;&#34;</h1>" in page


def test_writing_pages_only_touches_changed_files(tmp_path: Path, rendered: dict[str, str]) -> None:
    docs = tmp_path / "docs"
    assert write_pages(docs, rendered) == (len(rendered), 0)
    assert write_pages(docs, rendered) == (0, 0)
    stale = docs / "kommune" / "9999.md"
    stale.write_text("old", encoding="utf-8")
    changed = dict(rendered)
    changed["kommune/0301.md"] += "\n"
    assert write_pages(docs, changed) == (1, 1)
    assert not stale.exists()


def _strings(value: object, seen: set[int]) -> list[str]:
    """Every string inside a context value: containers and dataclass fields, one level of objects deep."""
    if id(value) in seen:
        return []
    seen.add(id(value))
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(k, seen) + _strings(v, seen)]
    if isinstance(value, (list, tuple, set, frozenset)):
        return [s for v in value for s in _strings(v, seen)]
    if hasattr(value, "__dataclass_fields__"):
        return [s for name in value.__dataclass_fields__ for s in _strings(getattr(value, name), seen)]
    return []


def test_page_specs_are_plain_data_without_markup() -> None:
    """Templates write every tag (map, quiz, JSON-LD); specs carry data only, so autoescaping sees all of it."""
    from markupsafe import Markup

    from conftest import ROOT
    from ke_finder.paths import MAP_FILE
    from ke_finder.site.map_svg import load_shapes, simplify

    directory = load_directory(ROOT / "data")
    specs = all_pages(directory, simplify(load_shapes(ROOT / "data" / MAP_FILE)))
    coverage = next(s for s in specs if s.template == "coverage.md.j2")
    assert len(coverage.context["ke_map"].areas) == 357  # the map is in the spec, as data
    assert any(s.context.get("json_ld") for s in specs) and any(s.context.get("questions") for s in specs)
    for spec in specs:
        for text in _strings(spec.context, set()):
            assert not isinstance(text, Markup), (spec.path, text[:80])
            assert not ("<" in text and ">" in text), (spec.path, text[:80])
