"""The municipality map: projection, simplification, and an SVG that is small, accessible and inert."""
from __future__ import annotations

import gzip
import json
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ke_finder.site.map_svg import (MAP_WIDTH, douglas_peucker, load_shapes, map_data, path_data,
                                    project_utm33_like, simplify, status_class)
from ke_finder.site.templating import render_fragment

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent
REAL_GEOJSON = ROOT / "data" / "geo" / "kommuner-2024.geojson"
SVG = "{http://www.w3.org/2000/svg}"
GZIP_BUDGET = 300 * 1024

LEGEND = [
    ("confirmed", "Bekreftet"),
    ("unconfirmed", "Ikke bekreftet"),
    ("shared", "Felles KE med andre kommuner"),
    ("unknown", "Ukjent"),
]


def square(lon: float, lat: float, size: float) -> list[list[float]]:
    """A closed GeoJSON ring, counter-clockwise, with a redundant point on its southern edge.

    The extra point sits near a corner: parallels are curved after projection, so a midpoint
    would be several pixels off the straight edge and rightly kept.
    """
    return [[lon, lat], [lon + size / 100, lat], [lon + size, lat], [lon + size, lat + size],
            [lon, lat + size], [lon, lat]]


def feature(number: str, name: str, geometry: dict) -> dict:
    return {"type": "Feature", "properties": {"kommunenummer": number, "kommunenavn": name}, "geometry": geometry}


@pytest.fixture
def fixture_geojson(tmp_path: Path) -> Path:
    """Two neighbours sharing an edge (0001, 0002) and an island municipality in two parts (0003)."""
    collection = {"type": "FeatureCollection", "features": [
        feature("0002", "Østby", {"type": "Polygon", "coordinates": [square(11.0, 60.0, 1.0)]}),
        feature("0001", "Vestby", {"type": "Polygon", "coordinates": [square(10.0, 60.0, 1.0)]}),
        feature("0003", "Øy <&> \"kommune\"", {"type": "MultiPolygon", "coordinates": [
            [square(12.5, 61.5, 0.5)],
            [square(13.5, 61.5, 0.001)],  # a skerry, far below a pixel
        ]}),
    ]}
    path = tmp_path / "kommuner.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


def render(shapes, statuses=None, label_for=None, **kwargs) -> str:
    """The map's data through the same template the coverage page includes."""
    return render_fragment("_map.svg.j2", "nb", ke_map=map_data(
        shapes,
        statuses or {},
        href_for=lambda number: f"/kommune/{number}/",
        label_for=label_for or (lambda number: f"Kommune {number}: ukjent"),
        legend=kwargs.pop("legend", LEGEND),
        title=kwargs.pop("title", "KE i kommunene"),
        description=kwargs.pop("description", "Kart over kommunene, farget etter status."),
        lang="nb",
        **kwargs,
    ))


def links(svg: str) -> list[ET.Element]:
    return list(ET.fromstring(svg).iter(f"{SVG}a"))


# --- projection and loading ---------------------------------------------------------------------

def test_projection_keeps_proportions_at_norwegian_latitudes():
    """One degree of longitude at 60° N is half a degree of latitude on the ground; plain lon/lat
    would draw it as wide as tall and squash the country."""
    x0, y0 = project_utm33_like(14.5, 59.5)
    x1, y1 = project_utm33_like(15.5, 60.5)
    assert (x1 - x0) / (y1 - y0) == pytest.approx(math.cos(math.radians(60)), rel=0.02)
    assert (y1 - y0) == pytest.approx(111.2, rel=0.01)  # km per degree of latitude


def test_load_shapes_projects_to_the_pixel_plane(fixture_geojson: Path):
    shapes = load_shapes(fixture_geojson)
    assert list(shapes) == ["0001", "0002", "0003"]  # sorted by number
    assert [len(rings) for rings in shapes.values()] == [1, 1, 2]  # MultiPolygon parts are rings
    assert all(len(ring) == 5 for ring in shapes["0001"])  # the closing point is not repeated
    xs = [x for rings in shapes.values() for ring in rings for x, _ in ring]
    ys = [y for rings in shapes.values() for ring in rings for _, y in ring]
    assert min(xs) == pytest.approx(0) and max(xs) == pytest.approx(MAP_WIDTH)
    assert min(ys) == pytest.approx(0)
    # North is up: the island (further north) has smaller y than the mainland pair.
    assert max(y for _, y in shapes["0003"][0]) < min(y for _, y in shapes["0001"][0])


def test_load_shapes_rejects_a_duplicate_number(tmp_path: Path):
    geometry = {"type": "Polygon", "coordinates": [square(10.0, 60.0, 1.0)]}
    path = tmp_path / "dup.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection",
                                "features": [feature("0001", "A", geometry), feature("0001", "B", geometry)]}))
    with pytest.raises(ValueError, match="0001 appears twice"):
        load_shapes(path)


# --- simplification -----------------------------------------------------------------------------

def test_douglas_peucker_drops_points_within_tolerance_only():
    line = [(0.0, 0.0), (1.0, 0.1), (2.0, 0.0), (3.0, 5.0), (4.0, 0.0)]
    assert douglas_peucker(line, 0.5) == [(0.0, 0.0), (2.0, 0.0), (3.0, 5.0), (4.0, 0.0)]
    assert douglas_peucker(line, 0.05) == line


def test_simplify_keeps_shared_borders_identical(fixture_geojson: Path):
    shapes = load_shapes(fixture_geojson)
    simplified = simplify(shapes, tolerance=1.0)
    west, east = simplified["0001"][0], simplified["0002"][0]
    shared = set(west) & set(east)
    assert len(shared) == 2  # both ends of the common edge, in both rings
    # The redundant midpoints on the southern edges are gone.
    assert len(west) == 4 and len(east) == 4


def test_simplify_drops_tiny_islands_but_no_municipality(fixture_geojson: Path):
    shapes = load_shapes(fixture_geojson)
    simplified = simplify(shapes)
    assert list(simplified) == list(shapes)
    assert len(simplified["0003"]) == 1  # the skerry is gone, the main island stays


def test_simplify_never_collapses_a_main_ring_below_a_triangle():
    speck = [(0.0, 0.0), (0.1, 0.0), (0.2, 0.01), (0.1, 0.02), (0.0, 0.01)]
    simplified = simplify({"9999": [speck]}, tolerance=5.0, min_island_area=10.0)
    assert len(simplified["9999"]) == 1
    assert len(set(simplified["9999"][0])) >= 3


# --- path text ----------------------------------------------------------------------------------

def test_path_data_is_relative_with_one_decimal():
    rings = [[(0.0, 0.0), (10.0, 0.0), (10.0, 10.5), (0.0, 10.0)], [(20.0, 20.0), (21.25, 20.0), (20.0, 21.0)]]
    # The second ring's `m` is relative to the first ring's start, where `z` leaves the pen.
    assert path_data(rings) == "m0 0 10 0 0 10.5-10-.5zm20 20 1.3 0-1.3 1z"


def test_path_data_keeps_a_ring_that_rounding_would_collapse():
    """Smaller than a tenth of a pixel: still written, so the municipality's link has a shape."""
    tiny = [(5.0, 5.0), (5.02, 5.0), (5.04, 5.01)]
    assert path_data([tiny]) == "m5 5z"


# --- rendering ----------------------------------------------------------------------------------

def test_render_map_links_every_municipality_once(fixture_geojson: Path):
    shapes = simplify(load_shapes(fixture_geojson))
    svg = render(shapes, {"0001": "confirmed", "0002": "shared"},
                 label_for=lambda number: {"0001": "Vestby: bekreftet"}.get(number, f"{number}: ukjent"))
    found = links(svg)
    assert [a.get("href") for a in found] == ["/kommune/0001/", "/kommune/0002/", "/kommune/0003/"]
    assert found[0].get("aria-label") == "Vestby: bekreftet"
    paths = [a.find(f"{SVG}path") for a in found]
    assert [p.get("class") for p in paths] == ["status-confirmed", "status-shared", "status-unknown"]
    assert paths[0].find(f"{SVG}title").text == "Vestby: bekreftet"
    assert all(p.get("d") for p in paths)


def test_render_map_is_labelled_and_styled(fixture_geojson: Path):
    svg = render(simplify(load_shapes(fixture_geojson)))
    root = ET.fromstring(svg)
    assert root.get("aria-labelledby") == "map-title map-desc"
    assert root.get("role") is None  # the links inside must stay reachable
    assert root.find(f"{SVG}title").get("id") == "map-title"
    assert root.find(f"{SVG}desc").get("id") == "map-desc"
    # No inline <style> (the content security policy allows none): the map's colours are in the site's stylesheet,
    # and its patterns are the ones the stylesheet names.
    assert root.find(f"{SVG}style") is None and "style=" not in svg
    style = (ROOT / "docs/assets/ke.css").read_text(encoding="utf-8")
    for status in ("confirmed", "unconfirmed", "unknown", "shared"):
        assert f".ke-map .status-{status}{{" in style
    assert "a:focus path" in style
    for pattern in ("stripes", "dots", "hatch"):
        assert f"url(#map-{pattern})" in style and root.find(f".//{SVG}pattern[@id='map-{pattern}']") is not None
    assert "© Kartverket" in svg
    legend_text = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert "Ukjent" in legend_text and "Bekreftet" in legend_text


def test_render_map_escapes_text_from_data(fixture_geojson: Path):
    shapes = simplify(load_shapes(fixture_geojson))
    evil = 'x" onmouseover="alert(1)<script>alert(2)</script>'
    svg = render(shapes, label_for=lambda number: f"{number} {evil}", title=f"<b>{evil}",
                 description=evil, legend=[("unknown", evil)])
    assert "<script>" not in svg and "<b>" not in svg
    root = ET.fromstring(svg)  # still well-formed
    assert not list(root.iter(f"{SVG}script"))
    for a in root.iter(f"{SVG}a"):
        assert a.get("onmouseover") is None
        assert a.get("aria-label").endswith(evil)  # the text survives, as text


def test_render_map_rejects_statuses_that_are_not_plain_words(fixture_geojson: Path):
    shapes = simplify(load_shapes(fixture_geojson))
    assert status_class("needs-review") == "status-needs-review"
    assert 'class="status-needs-review"' in render(shapes, {"0001": "needs-review"})
    for bad in ("Confirmed", "x y", 'x"', "x;}", ""):
        with pytest.raises(ValueError):
            render(shapes, {"0001": bad})


def test_render_map_rejects_a_status_for_a_missing_shape(fixture_geojson: Path):
    shapes = simplify(load_shapes(fixture_geojson))
    with pytest.raises(ValueError, match="9999"):
        render(shapes, {"9999": "confirmed"})


def test_render_map_is_deterministic(fixture_geojson: Path):
    first = render(simplify(load_shapes(fixture_geojson)), {"0002": "unconfirmed"})
    second = render(simplify(load_shapes(fixture_geojson)), {"0002": "unconfirmed"})
    assert first == second


# --- the real map -------------------------------------------------------------------------------

def test_real_map_of_norway():
    """All 357 municipalities, each a link once, small enough to inline, and stable."""
    shapes = simplify(load_shapes(REAL_GEOJSON))
    names = {f["properties"]["kommunenummer"]: f["properties"]["kommunenavn"]
             for f in json.loads(REAL_GEOJSON.read_text(encoding="utf-8"))["features"]}
    assert len(shapes) == len(names) == 357
    statuses = {"0301": "confirmed", "4601": "shared", "1103": "unconfirmed"}
    label_for = lambda number: f'{names[number]}: <script>"{number}"'  # noqa: E731
    svg = render(shapes, statuses, label_for=label_for)
    assert svg == render(simplify(load_shapes(REAL_GEOJSON)), statuses, label_for=label_for)

    found = links(svg)
    hrefs = [a.get("href") for a in found]
    assert len(hrefs) == len(set(hrefs)) == 357
    assert set(hrefs) == {f"/kommune/{number}/" for number in names}
    for a in found:
        number = a.get("href").split("/")[2]
        assert a.get("aria-label") == label_for(number)
        path = a.find(f"{SVG}path")
        assert path.get("d") and path.get("d").startswith("m")
        assert path.find(f"{SVG}title").text == label_for(number)
    assert "<script>" not in svg

    raw = len(svg.encode("utf-8"))
    zipped = len(gzip.compress(svg.encode("utf-8"), compresslevel=9))
    print(f"\nreal map: {raw / 1024:.0f} KB raw, {zipped / 1024:.0f} KB gzip")
    assert zipped < GZIP_BUDGET
