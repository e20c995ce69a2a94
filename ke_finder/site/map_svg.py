"""A static SVG map of Norway's municipalities, coloured by KE coverage status.

The site is static and must work without JavaScript, so the map is one inline `<svg>` in which
every municipality is an ordinary link (`<a href>`) to its page: keyboard users tab through it and
screen readers read it as a list of links named "Oslo: bekreftet" and so on.

Three steps, each a plain function:

1. `load_shapes` reads Kartverket's municipality boundaries (GeoJSON, WGS84 lon/lat), projects
   them with a transverse Mercator on 15° E (the central meridian of UTM zone 33, the usual
   projection for maps of Norway; plain lon/lat would squash the country) and scales them to
   the map's pixel plane, y pointing down as in SVG.
2. `simplify` drops vertices that are invisible at map size (Douglas–Peucker, tolerance in
   pixels) so that the page stays small. Borders shared by two municipalities are simplified
   identically on both sides, so no gaps or overlaps appear between neighbours.
3. `render_map` writes the SVG: paths in relative commands with one decimal, a `<style>` with a
   colour-blind-safe palette plus a pattern per status (colour is not the only cue, WCAG 1.4.1),
   a visible focus style, a legend and the credit "© Kartverket".

Output is deterministic: the same input gives a byte-identical SVG (sorted by municipality
number, no randomness, integer arithmetic for the path text).

Standard library only; knows nothing of MkDocs.
"""
from __future__ import annotations

import html
import json
import math
import re
import textwrap
from pathlib import Path
from typing import Callable, Iterable

Point = tuple[float, float]
Ring = list[Point]
Shapes = dict[str, list[Ring]]
RingId = tuple[str, int]

MAP_WIDTH = 1000.0
"""Width of the pixel plane `load_shapes` scales to; tolerances below are in these pixels."""

CENTRAL_MERIDIAN = 15.0
"""UTM zone 33's central meridian: Norwegian national maps are drawn on it."""

EARTH_RADIUS_KM = 6371.0

DEFAULT_TOLERANCE = 0.4
"""Douglas–Peucker tolerance in map pixels: below half a pixel at full width nothing visible is lost."""

TINY_ISLAND_AREA = 0.5
"""Free-standing islands smaller than this (px², about 0.7 km²) are dropped, never a main ring."""

MARGIN = 10.0
"""Blank border (px) around the map so boundary strokes are not clipped by the viewBox."""

CREDIT = "© Kartverket"
"""Kartverket's boundaries are CC BY 4.0: the credit is part of the map, not optional."""

STATUS_PATTERN = re.compile(r"^[a-z-]+$")

# Status classes and how they look. Okabe–Ito colours (distinguishable with every common colour-
# vision deficiency); each status but "confirmed" also has a pattern, so colour is not the only cue.
# Strokes are chosen for at least 3:1 contrast against their own fill (WCAG 1.4.11).
_STATUS_STYLE = {
    "confirmed": "fill:#0072b2;stroke:#fff",
    "shared": "fill:url(#{p}-stripes);stroke:#000",
    "unconfirmed": "fill:url(#{p}-dots);stroke:#000",
    "unknown": "fill:url(#{p}-hatch);stroke:#4d4d4d",
}

_PATTERNS = (
    # Sky blue with dark blue stripes: "shared" is covered too, through a cooperation.
    '<pattern id="{p}-stripes" width="10" height="10" patternUnits="userSpaceOnUse">'
    '<rect width="10" height="10" fill="#56b4e9"/><rect width="10" height="3" fill="#003f63"/></pattern>',
    # Orange with dark dots: a lead exists but is not confirmed.
    '<pattern id="{p}-dots" width="8" height="8" patternUnits="userSpaceOnUse">'
    '<rect width="8" height="8" fill="#e69f00"/><circle cx="4" cy="4" r="1.6" fill="#000"/></pattern>',
    # Light grey with diagonal hatch: nothing known yet.
    '<pattern id="{p}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    '<rect width="8" height="8" fill="#f2f2f2"/><rect width="1.5" height="8" fill="#999"/></pattern>',
)

_STYLE = (
    ".ke-map{{display:block;width:100%;height:auto}}"
    # Strokes do not scale with the map, so borders stay visible on a phone; round caps draw a
    # municipality that rounding shrank to a point as a dot.
    ".ke-map a path{{fill:#ddd;stroke:#4d4d4d;fill-rule:evenodd;stroke-width:.6px;"
    "stroke-linejoin:round;stroke-linecap:round;vector-effect:non-scaling-stroke}}"
    "{status_rules}"
    ".ke-map a:hover path,.ke-map a:focus path{{stroke:#000;stroke-width:4px}}"
    ".ke-map a:focus{{outline:none}}"
    ".ke-map .legend rect{{stroke:#333;stroke-width:1px;vector-effect:non-scaling-stroke}}"
    ".ke-map text{{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;fill:#1a1a1a}}"
    "@media (forced-colors:active){{.ke-map a path,.ke-map .legend rect{{stroke:CanvasText}}"
    ".ke-map text{{fill:CanvasText}}}}"
)


# --- loading and projection ---------------------------------------------------------------------

def project_utm33_like(lon: float, lat: float) -> Point:
    """Spherical transverse Mercator on 15° E, in km (x east, y north).

    Close enough to UTM 33 / EPSG:25833 for a map 1000 px wide, in a few lines: next to the
    ellipsoidal formulas the sphere only shifts and stretches the country slightly and almost
    uniformly, which the fit to the map width hides. Not for measuring distances.
    """
    lam = math.radians(lon - CENTRAL_MERIDIAN)
    phi = math.radians(lat)
    b = math.cos(phi) * math.sin(lam)
    x = 0.5 * math.log((1 + b) / (1 - b))
    y = math.atan2(math.tan(phi), math.cos(lam))
    return x * EARTH_RADIUS_KM, y * EARTH_RADIUS_KM


def _geometry_rings(geometry: dict) -> list[list[list[float]]]:
    """Every ring of a Polygon or MultiPolygon, outer rings and holes alike.

    Holes need no special treatment: the paths are filled with the even-odd rule.
    """
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        return list(coordinates)
    if kind == "MultiPolygon":
        return [ring for polygon in coordinates for ring in polygon]
    raise ValueError(f"unsupported geometry type {kind!r}: expected Polygon or MultiPolygon")


def _open_ring(ring: list[list[float]]) -> list[tuple[float, float]]:
    """A ring without GeoJSON's repeated closing point; SVG closes paths with `z`."""
    points = [(float(lon), float(lat)) for lon, lat, *_ in ring]
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points


def _fit_to_width(projected: Shapes, width: float) -> Shapes:
    """Scale to `width` pixels and flip y, so x runs 0..width and y 0..height downwards."""
    xs = [x for rings in projected.values() for ring in rings for x, _ in ring]
    ys = [y for rings in projected.values() for ring in rings for _, y in ring]
    if not xs:
        raise ValueError("no coordinates to draw")
    min_x, max_y = min(xs), max(ys)
    span = (max(xs) - min_x) or (max_y - min(ys)) or 1.0
    scale = width / span
    return {
        number: [[((x - min_x) * scale, (max_y - y) * scale) for x, y in ring] for ring in rings]
        for number, rings in projected.items()
    }


def load_shapes(path: Path, width: float = MAP_WIDTH) -> Shapes:
    """Municipality number -> rings, projected and scaled to a plane `width` pixels wide.

    Pixel coordinates (y down) make the simplification tolerance and the rounding in the SVG
    mean the same thing: a fraction of a pixel on a full-width map.
    """
    collection = json.loads(Path(path).read_text(encoding="utf-8"))
    projected: Shapes = {}
    for feature in collection.get("features", []):
        number = str(feature["properties"]["kommunenummer"])
        if number in projected:
            raise ValueError(f"{path}: municipality {number} appears twice")
        if not feature.get("geometry"):
            raise ValueError(f"{path}: municipality {number} has no geometry")
        rings = [_open_ring(ring) for ring in _geometry_rings(feature["geometry"])]
        projected[number] = [[project_utm33_like(lon, lat) for lon, lat in ring] for ring in rings if ring]
    return dict(sorted(_fit_to_width(projected, width).items()))


# --- simplification -----------------------------------------------------------------------------

def _distance_to_segment(p: Point, a: Point, b: Point) -> float:
    """How far p lies from the segment a-b (the point distance when a == b, as in a closed arc)."""
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return math.hypot(px - ax, py - ay)
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length2))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """Keep the first and last point and every point that lies more than `tolerance` off the line.

    Iterative (an explicit stack) so long coastlines cannot hit Python's recursion limit.
    """
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = first, 0.0
        for i in range(first + 1, last):
            d = _distance_to_segment(points[i], points[first], points[last])
            if d > distance:
                farthest, distance = i, d
        if distance > tolerance:
            keep[farthest] = True
            stack.append((first, farthest))
            stack.append((farthest, last))
    return [p for p, kept in zip(points, keep) if kept]


def _simplify_arc(arc: list[Point], tolerance: float) -> list[Point]:
    """Simplify in a canonical direction, so both neighbours sharing the arc get the same points."""
    backwards = arc[::-1]
    if backwards < arc:
        return douglas_peucker(backwards, tolerance)[::-1]
    return douglas_peucker(arc, tolerance)


def _ring_owners(shapes: Shapes) -> dict[Point, frozenset[RingId]]:
    """Which rings each vertex belongs to. The source shapes come from a topology, so a border
    shared by two municipalities has bit-identical vertices in both rings."""
    owners: dict[Point, set[RingId]] = {}
    for number, rings in shapes.items():
        for index, ring in enumerate(rings):
            for point in ring:
                owners.setdefault(point, set()).add((number, index))
    return {point: frozenset(ids) for point, ids in owners.items()}


def _junctions(ring: Ring, owners: dict[Point, frozenset[RingId]]) -> list[int]:
    """Indices of shared vertices where the set of rings sharing the border changes: these must
    stay fixed, as they are where a shared border starts or ends."""
    n = len(ring)
    return [
        i for i in range(n)
        if len(owners[ring[i]]) > 1
        and (owners[ring[i]] != owners[ring[i - 1]] or owners[ring[i]] != owners[ring[(i + 1) % n]])
    ]


def _area(ring: Ring) -> float:
    """Unsigned area (shoelace formula)."""
    n = len(ring)
    twice = sum(ring[i][0] * ring[(i + 1) % n][1] - ring[(i + 1) % n][0] * ring[i][1] for i in range(n))
    return abs(twice) / 2


def _triangle(ring: Ring) -> Ring:
    """The three vertices spanning the ring best: what is left of a ring too small to simplify."""
    a = ring[0]
    i_b = max(range(len(ring)), key=lambda i: math.dist(ring[i], a))
    i_c = max(range(len(ring)), key=lambda i: _distance_to_segment(ring[i], a, ring[i_b]))
    return [ring[i] for i in sorted({0, i_b, i_c})]


def _simplify_ring(ring: Ring, junctions: list[int], tolerance: float) -> Ring:
    """Douglas–Peucker between fixed junctions; a ring never collapses below a triangle."""
    if len(ring) <= 3:
        return list(ring)
    if junctions:
        result: Ring = []
        for j, start in enumerate(junctions):
            end = junctions[(j + 1) % len(junctions)]
            arc = ring[start:end + 1] if start < end else ring[start:] + ring[:end + 1]
            result += _simplify_arc(arc, tolerance)[:-1]
    else:
        # No junction (an island, or a hole filled exactly by an enclave): start at the smallest
        # vertex so the enclave and the hole around it are simplified alike.
        start = ring.index(min(ring))
        loop = ring[start:] + ring[:start + 1]
        result = _simplify_arc(loop, tolerance)[:-1]
    if len(set(result)) < 3:
        return _triangle(ring)
    return result


def _is_free_island(ring_id: RingId, ring: Ring, owners: dict[Point, frozenset[RingId]]) -> bool:
    """A ring sharing no vertex with any other ring; dropping it leaves no hole in a neighbour."""
    alone = frozenset({ring_id})
    return all(owners[point] == alone for point in ring)


def simplify(shapes: Shapes, tolerance: float = DEFAULT_TOLERANCE,
             min_island_area: float = TINY_ISLAND_AREA) -> Shapes:
    """Fewer vertices, same map: every municipality kept, shared borders kept identical.

    Tiny free-standing islands (area below `min_island_area`) are dropped, but never a
    municipality's largest ring, so small municipalities such as Utsira and Kvitsøy stay on the map.
    """
    owners = _ring_owners(shapes)
    simplified: Shapes = {}
    for number in sorted(shapes):
        rings = shapes[number]
        main = max(range(len(rings)), key=lambda i: _area(rings[i])) if rings else -1
        kept: list[Ring] = []
        for index, ring in enumerate(rings):
            if index != main and _area(ring) < min_island_area and _is_free_island((number, index), ring, owners):
                continue
            kept.append(_simplify_ring(ring, _junctions(ring, owners), tolerance))
        simplified[number] = kept
    return simplified


# --- SVG path text ------------------------------------------------------------------------------

def _tenths(value: float) -> int:
    """Coordinates are written with one decimal; integer tenths keep the output exact."""
    return int(math.floor(value * 10 + 0.5))


def _format_tenths(tenths: int) -> str:
    """-12 -> "-1.2", 5 -> ".5", 30 -> "3": the shortest form SVG accepts."""
    sign = "-" if tenths < 0 else ""
    whole, fraction = divmod(abs(tenths), 10)
    if fraction == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole}.{fraction}" if whole else f"{sign}.{fraction}"


def _join_numbers(numbers: Iterable[str]) -> str:
    """Space-separated, except before a minus sign, which separates by itself."""
    parts: list[str] = []
    for text in numbers:
        if parts and not text.startswith("-"):
            parts.append(" ")
        parts.append(text)
    return "".join(parts)


def _quantised_ring(ring: Ring) -> list[tuple[int, int]]:
    """The ring in integer tenths, without repeated points; fewer than 3 points if it collapsed."""
    points: list[tuple[int, int]] = []
    for x, y in ring:
        point = (_tenths(x), _tenths(y))
        if not points or point != points[-1]:
            points.append(point)
    while len(points) > 1 and points[-1] == points[0]:
        points.pop()
    return points


def path_data(rings: list[Ring]) -> str:
    """SVG path `d` with relative commands: `m` to each ring, implicit `l` pairs, `z` to close.

    Relative steps are short numbers (most vertices are a few pixels apart), which saves about
    half the bytes compared with absolute coordinates. A ring smaller than a tenth of a pixel
    is still written (as a dot, drawn by the round line cap) so that its link exists.
    """
    parts = []
    current = (0, 0)  # `m` at the start of a path is absolute, i.e. relative to the origin
    for ring in rings:
        points = _quantised_ring(ring)
        if not points:
            continue
        numbers = []
        previous = current
        for x, y in points:
            numbers += [_format_tenths(x - previous[0]), _format_tenths(y - previous[1])]
            previous = (x, y)
        parts.append("m" + _join_numbers(numbers) + "z")
        current = points[0]  # after `z` the pen is back at the ring's first point
    return "".join(parts)


# --- rendering ----------------------------------------------------------------------------------

def status_class(status: str) -> str:
    """The CSS class for a status: "confirmed" -> "status-confirmed".

    Statuses come from data; only lower-case words and hyphens are accepted so that nothing can
    break out of the class attribute or the stylesheet.
    """
    if not STATUS_PATTERN.match(status):
        raise ValueError(f"status {status!r} must match {STATUS_PATTERN.pattern}")
    return f"status-{status}"


def _bounds(shapes: Shapes) -> tuple[float, float, float, float]:
    """min x, min y, max x, max y over every vertex."""
    xs = [x for rings in shapes.values() for ring in rings for x, _ in ring]
    ys = [y for rings in shapes.values() for ring in rings for _, y in ring]
    if not xs:
        raise ValueError("no shapes to draw")
    return min(xs), min(ys), max(xs), max(ys)


def _plain(value: float) -> str:
    """One decimal at most, with a leading zero: layout attributes are read by people too."""
    text = f"{_tenths(value) / 10:.1f}"
    return text[:-2] if text.endswith(".0") else text


class _LegendLayout:
    """Where the legend goes and how its text wraps.

    Sizes follow the map width so the text scales with the map: at 1000 px wide the font is
    40 px, about 14 px on a 360 px phone screen. The legend sits in the bottom-right corner
    when no municipality is there (for Norway: Sweden's side), otherwise below the map.
    """

    def __init__(self, legend: list[tuple[str, str]], bounds: tuple[float, float, float, float]):
        min_x, min_y, max_x, max_y = bounds
        width = max_x - min_x
        self.font = width / 25
        self.swatch = self.font * 1.1
        self.line = self.font * 1.25
        self.box_width = width * 0.38
        chars = max(8, int((self.box_width - self.swatch * 1.5) / (self.font * 0.62)))
        self.rows = [(status, textwrap.wrap(text, chars) or [""]) for status, text in legend]
        self.credit_font = self.font * 0.75
        rows_height = sum(len(lines) * self.line + self.font * 0.5 for _, lines in self.rows)
        self.box_height = rows_height + self.credit_font * 1.5
        self.left = max_x - self.box_width
        self.top = max_y - self.box_height

    def overlaps(self, shapes: Shapes) -> bool:
        """True if any ring's bounding box reaches into the legend's corner."""
        for rings in shapes.values():
            for ring in rings:
                if max(x for x, _ in ring) > self.left and max(y for _, y in ring) > self.top:
                    return True
        return False

    def move_below(self, bounds: tuple[float, float, float, float]) -> None:
        min_x, _, _, max_y = bounds
        self.left = min_x
        self.top = max_y + MARGIN * 2


def _legend_svg(layout: _LegendLayout) -> list[str]:
    """Swatches with the same status classes as the map, wrapped text, then the credit."""
    parts = ['<g class="legend">']
    y = layout.top
    text_x = layout.left + layout.swatch * 1.5
    for status, lines in layout.rows:
        parts.append(
            f'<rect class="{status_class(status)}" fill="#ddd" x="{_plain(layout.left)}" y="{_plain(y)}" '
            f'width="{_plain(layout.swatch)}" height="{_plain(layout.swatch)}"/>'
        )
        tspans = "".join(
            f'<tspan x="{_plain(text_x)}" y="{_plain(y + layout.font * 0.9 + i * layout.line)}">'
            f"{html.escape(line)}</tspan>"
            for i, line in enumerate(lines)
        )
        parts.append(f'<text font-size="{_plain(layout.font)}">{tspans}</text>')
        y += len(lines) * layout.line + layout.font * 0.5
    parts.append(
        f'<text x="{_plain(layout.left)}" y="{_plain(y + layout.credit_font)}" '
        f'font-size="{_plain(layout.credit_font)}">{html.escape(CREDIT)}</text>'
    )
    parts.append("</g>")
    return parts


def _municipality_svg(number: str, rings: list[Ring], status: str,
                      href_for: Callable[[str], str], label_for: Callable[[str], str], *, first: bool = True) -> str:
    """One link per municipality; its name is the label, e.g. "Oslo: bekreftet".

    Only the first link is a Tab stop (the others have tabindex="-1"): keyboard users meet the map
    once, move inside it with the arrow keys (docs/assets/map.js), and are not made to tab through
    every municipality to get past it; the table under the map lists them all as well.
    """
    label = html.escape(label_for(number))
    href = html.escape(href_for(number))
    d = path_data(rings)
    if not d:
        raise ValueError(f"municipality {number} has no drawable ring")
    tab = "" if first else ' tabindex="-1"'
    return (f'<a href="{href}" aria-label="{label}"{tab}><path class="{status_class(status)}" d="{d}">'
            f"<title>{label}</title></path></a>")


def render_map(shapes: Shapes, status_by_number: dict[str, str], href_for: Callable[[str], str],
               label_for: Callable[[str], str], legend: list[tuple[str, str]], title: str,
               description: str, lang: str, *, id_prefix: str = "map") -> str:
    """The map as an inline `<svg>` element.

    Municipalities missing from `status_by_number` are drawn as "unknown". A status for a
    number without a shape is an error: it would silently be missing from the map.
    `id_prefix` keeps ids unique if a page ever holds two maps.
    """
    unknown_numbers = sorted(set(status_by_number) - set(shapes))
    if unknown_numbers:
        raise ValueError(f"status given for municipalities without a shape: {', '.join(unknown_numbers)}")
    if not re.match(r"^[A-Za-z][A-Za-z0-9-]*$", id_prefix):
        raise ValueError(f"id_prefix {id_prefix!r} is not a plain id")
    bounds = _bounds(shapes)
    layout = _LegendLayout(legend, bounds)
    if layout.overlaps(shapes):
        layout.move_below(bounds)
    min_x, min_y, max_x, max_y = bounds
    bottom = max(max_y, layout.top + layout.box_height)
    view_box = " ".join(_plain(v) for v in (min_x - MARGIN, min_y - MARGIN,
                                             max_x - min_x + 2 * MARGIN, bottom - min_y + 2 * MARGIN))
    status_rules = "".join(
        f".ke-map .{status_class(status)}{{{style.format(p=id_prefix)}}}" for status, style in _STATUS_STYLE.items()
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ke-map" viewBox="{view_box}" '
        # tabindex="-1": Chromium otherwise makes the (overflowing) svg itself a Tab stop before the links.
        f'lang="{html.escape(lang)}" aria-labelledby="{id_prefix}-title {id_prefix}-desc" tabindex="-1">',
        f'<title id="{id_prefix}-title">{html.escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{html.escape(description)}</desc>',
        f"<style>{_STYLE.format(status_rules=status_rules)}</style>",
        "<defs>" + "".join(p.format(p=id_prefix) for p in _PATTERNS) + "</defs>",
        '<g class="municipalities">',
    ]
    for i, number in enumerate(sorted(shapes)):
        status = status_by_number.get(number, "unknown")
        parts.append(_municipality_svg(number, shapes[number], status, href_for, label_for, first=i == 0))
    parts.append("</g>")
    parts += _legend_svg(layout)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
