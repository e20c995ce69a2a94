#!/usr/bin/env python3
"""Benchmark of the KE finder (`make bench`). Not a test: prints a table and writes bench-results.json.

Measures, in one run on this machine:
  build      full national build (every language, hooks, exports, Pagefind) of a fresh copy, median of
             --runs, against a plain reference: as many hand-written-style Markdown pages, of the same
             sizes and at the same paths, built with the same MkDocs + Material + i18n configuration
             without the project's hooks (so: no data layer, no exports), then indexed by the same
             search step (Pagefind): the site's configuration minus the data layer. The ratio against
             the reference without search is reported too.
  growth     the same build with 4x the municipalities (1,428), and the size of municipality pages.
  weight     generated HTML pages (median, largest; the coverage map pages reported apart), the whole
             site, the finder's data file, Pagefind's index per language, and Material's built-in
             search index for comparison.
  finder     keystroke-to-suggestions latency in headless Chromium with the CPU throttled 4x.
  lighthouse Lighthouse (mobile) on the home page, a municipality page and Oslo's page of a build with
             SITE_URL set, served with gzip on loopback (scripts/lighthouse.py), median of --lighthouse-runs.

Usage: .venv/bin/python scripts/bench.py [--runs 3] [--strict] [--keep]
Exit status 0, unless --strict and a budget was missed (1).
Only 127.0.0.1 is contacted (the built site is served there for the browser).
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import posixpath
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from ke_finder.paths import (DEFAULT_LANGUAGE, GENERATED_DIRS, HOME_FILES, LANGUAGES, language_prefix, parse_source_file,
                             source_file)

ROOT = Path(__file__).resolve().parent.parent
# The test helpers (a served site, Debian's Chromium, the project copy) are not part of the installed package.
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM_ARGS, chromium_path, serve  # noqa: E402
from sitebuild import TEST_ENV, TEST_SITE_URL, copy_project  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
import lighthouse  # noqa: E402  (scripts/lighthouse.py)

BUDGETS = {
    "build_ratio": 1.25,           # project build time / plain reference build time
    "growth_ratio": 4.5,           # 4x data build time / 1x build time
    "page_growth_ratio": 1.05,     # median municipality page size at 4x / at 1x
    "median_page_kb": 20,          # median generated HTML page, uncompressed (coverage pages excepted)
    "largest_page_kb": 60,         # largest generated HTML page, uncompressed (coverage pages excepted)
    "municipality_median_kb": 20,  # median municipality page (every language), uncompressed
    "finder_gzip_kb": 60,          # assets/finder-index.json gzipped: one file shared by every language
    "finder_latency_ms": 50,       # keystroke to suggestions rendered, CPU throttled 4x
}
COVERAGE_DIR = "dekning"
# The last three take the finder's newer paths: a typo (every name compared, the slowest), a postal place name,
# and a postal code with its place.
QUERIES = ("Bodø", "Karasjok", "8006", "Her", "kautokeno", "Mosjøen", "0450 Oslo")
CPU_SLOWDOWN = 4


# ---- building -----------------------------------------------------------------------------------------

def build_env(home: Path) -> dict[str, str]:
    """The deployment settings the tests use (editor e-mail, edit link), no SITE_URL."""
    return {**TEST_ENV, "HOME": str(home)}


def fresh_project(target: Path) -> Path:
    """A copy as a fresh checkout has it: the generated pages (git-ignored) are not there yet."""
    project = copy_project(target)
    for folder in GENERATED_DIRS:
        shutil.rmtree(project / "docs" / folder, ignore_errors=True)
    for name in HOME_FILES:
        (project / "docs" / name).unlink(missing_ok=True)
    return project


def timed_build(project: Path, site: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
                            cwd=project, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build of {project} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed


def timed_search_index(site: Path) -> float:
    """The site's own search step (the hook runs the same pipeline step after the project's build)."""
    from ke_finder.pipeline import search_index

    start = time.perf_counter()
    search_index(site)
    return time.perf_counter() - start


# ---- the plain reference ---------------------------------------------------------------------------------

WORDS = ("koordinerende enhet kommune tjeneste habilitering rehabilitering plan koordinator pasient bruker "
         "pårørende sykehus helseforetak kontakt telefon adresse åpningstid henvisning samarbeid tilbud "
         "fysioterapi ergoterapi hjelpemidler barn unge voksne eldre oppfølging vedtak søknad rettigheter "
         "the coordinating unit municipality service plan hospital contact address offers support").split()


def plain_markdown(rng: random.Random, title: str, size: int, home_link: str) -> str:
    """Hand-written-style Markdown of about `size` bytes: headings, paragraphs, lists, a table, links."""
    def sentence() -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
        return " ".join(words).capitalize() + "."

    parts = [f"# {title}\n", f"{sentence()} [Til forsiden]({home_link}).\n"]
    length = sum(len(p.encode()) + 1 for p in parts)
    block = 0
    while length < size:
        block += 1
        if block % 4 == 0:
            piece = f"## {sentence()[:-1]}\n"
        elif block % 7 == 0:
            piece = "\n".join(f"- **{rng.choice(WORDS)}**: {sentence()}" for _ in range(4)) + "\n"
        elif block % 11 == 0:
            rows = "\n".join(f"| {rng.choice(WORDS)} | {rng.randint(1, 99)} | {sentence()} |" for _ in range(4))
            piece = f"| Felt | Tall | Tekst |\n| --- | ---: | --- |\n{rows}\n"
        else:
            piece = " ".join(sentence() for _ in range(rng.randint(3, 6))) + "\n"
        parts.append(piece)
        length += len(piece.encode()) + 1
    return "\n".join(parts)


def make_reference(project_docs: Path, source: Path, target: Path) -> int:
    """The same configuration without hooks, and a plain Markdown page for each page of the project.

    project_docs: the docs/ folder of a project copy after a build (hand-written + generated pages).
    Returns the number of Markdown pages written.
    """
    target.mkdir(parents=True)
    config = (source / "mkdocs.yml").read_text(encoding="utf-8")
    # The theme's words stay (the overrides need ke_t); the data layer's hooks go.
    config = re.sub(r"^hooks:\n(?:  - .*\n)+", "hooks:\n  - hooks/theme_words.py\n", config, flags=re.M)
    config = re.sub(r"^watch:\n(?:  - .*\n)+", "", config, flags=re.M)
    assert "ke_pages" not in config and "content_policy" not in config
    (target / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(source / "overrides", target / "overrides")
    (target / "hooks").mkdir()
    shutil.copy2(source / "hooks" / "theme_words.py", target / "hooks" / "theme_words.py")
    count = 0
    for path in sorted(project_docs.rglob("*")):
        rel = path.relative_to(project_docs)
        out = target / "docs" / rel
        if path.is_dir():
            continue
        out.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix != ".md":
            shutil.copy2(path, out)
            continue
        page, lang = parse_source_file(rel.as_posix())
        home = posixpath.relpath(source_file("index", lang), posixpath.dirname(rel.as_posix()) or ".")
        rng = random.Random(rel.as_posix())
        title = ("Page " if lang == "en" else "Side ") + page
        out.write_text(plain_markdown(rng, title, path.stat().st_size, home), encoding="utf-8")
        count += 1
    return count


# ---- 4x data ---------------------------------------------------------------------------------------------

def _load(path: Path) -> Any:
    """Through the build's own bounded reader: the bench reads data/ exactly as the build does."""
    from ke_finder.source.yamlsource import load_yaml
    doc, errors = load_yaml(path, str(path))
    if doc is None or errors:
        raise SystemExit("\n".join(str(error) for error in errors) or f"{path}: empty file")
    return doc.data


def _dump(path: Path, data: Any, schema: str) -> None:
    text = f"# yaml-language-server: $schema={schema}\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")


def grow_data(data: Path, factor: int = 4) -> dict[str, int]:
    """Copy every municipality (factor - 1) more times under new numbers, keeping the data valid.

    A copy gets an unused number in its own county's range (the county is the first two digits),
    a unique name ("Bodø 2"), the matching file name, district numbers under the new number and a copy
    of the original's map shape. A county has only 100 numbers: when its range is full, the copies go
    to a synthetic county ("Innlandet II", an unused county number, same health region).
    """
    municipality_files = sorted((data / "municipalities").glob("*.yaml"))
    counties_doc = _load(data / "counties.yaml")
    counties = {c["number"]: c for c in counties_doc["counties"]}
    used = {f.name[:4] for f in municipality_files}
    free_county_numbers = [f"{n:02d}" for n in range(99, 0, -1) if f"{n:02d}" not in counties]
    free: dict[str, list[str]] = {}
    overflow: dict[str, str] = {}   # county -> its current synthetic county
    synthetic = 0

    def new_number(county: str) -> str:
        nonlocal synthetic
        target = overflow.get(county, county)
        numbers = free.setdefault(target, [f"{target}{n:02d}" for n in range(1, 100) if f"{target}{n:02d}" not in used])
        if not numbers:
            base = counties[county]
            target = free_county_numbers.pop(0)
            synthetic += 1
            counties[target] = {"number": target, "name": f"{base['name']} II", "official_name": f"{base['official_name']} II",
                                "region": base["region"]}
            overflow[county] = target
            numbers = free.setdefault(target, [f"{target}{n:02d}" for n in range(1, 100)])
        number = numbers.pop(0)
        used.add(number)
        return number

    geo_path = data / "geo" / "kommuner-2024.geojson"
    geo = json.loads(geo_path.read_text(encoding="utf-8"))
    shapes = {str(f["properties"]["kommunenummer"]): f for f in geo["features"]}
    written = 0
    for path in municipality_files:
        original = _load(path)
        for copy in range(2, factor + 1):
            m = json.loads(json.dumps(original))  # deep copy
            number = new_number(original["county"])
            m["number"], m["county"] = number, number[:2]
            m["name"] = f"{original['name']} {copy}"
            if m.get("display_name"):
                m["display_name"] = f"{original['display_name']} {copy}"
            for district in m.get("districts") or []:
                district["number"] = number + district["number"][4:]
            _dump(data / "municipalities" / f"{number}-{slugify(m['name'])}.yaml", m,
                  "../schemas/municipality.schema.json")
            feature = json.loads(json.dumps(shapes[original["number"]]))
            feature["properties"].update(id=number, kommunenummer=number, name=m["name"], kommunenavn=m["name"])
            geo["features"].append(feature)
            written += 1
    counties_doc["counties"] = sorted(counties.values(), key=lambda c: c["number"])
    _dump(data / "counties.yaml", counties_doc, "schemas/counties.schema.json")
    geo_path.write_text(json.dumps(geo, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return {"municipalities": len(municipality_files) + written, "copies": written, "synthetic_counties": synthetic}


def validate(data: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "validate.py"), "--data", str(data)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"the 4x data is not valid:\n{result.stdout[-3000:]}\n{result.stderr[-2000:]}")


# ---- weights ---------------------------------------------------------------------------------------------

def gz(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def html_pages(site: Path) -> dict[str, int]:
    return {p.relative_to(site).as_posix(): p.stat().st_size for p in site.rglob("*.html")}


def is_coverage(rel: str) -> bool:
    return any(rel.startswith(f"{language_prefix(lang)}{COVERAGE_DIR}/") for lang in LANGUAGES)


def municipality_page_sizes(site: Path) -> list[int]:
    return [p.stat().st_size for lang in LANGUAGES for p in (site / language_prefix(lang) / "kommune").glob("*/index.html")]


def stored_gzip_size(path: Path) -> int:
    """Pagefind stores its index gzipped already; anything else is measured gzipped."""
    data = path.read_bytes()
    return len(data) if data[:2] == b"\x1f\x8b" else gz(data)


def pagefind_sizes(site: Path) -> dict[str, Any]:
    """Per language: index chunks, fragments, metadata and the language's WebAssembly, as served (gzip).

    pagefind-entry.json names each language's hash ("nb_226f9c0368") and wasm ("nb"); chunk and
    fragment files start with the language ("nb_…"). Everything else is shared by every language.
    """
    folder = site / "pagefind"
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    files = [p for p in folder.rglob("*") if p.is_file()]
    claimed: set[Path] = set()
    result: dict[str, Any] = {"languages": {}}
    for lang, info in sorted(entry["languages"].items()):
        mine = [p for p in files if p.name.startswith(f"{lang}_") or p.name == f"pagefind.{info['hash']}.pf_meta"
                or p.name == f"wasm.{info['wasm']}.pagefind"]
        claimed.update(mine)
        result["languages"][lang] = {
            "pages": info["page_count"], "files": len(mine),
            "index_gzip": sum(stored_gzip_size(p) for p in mine if p.suffix == ".pf_index"),
            "fragments_gzip": sum(stored_gzip_size(p) for p in mine if p.suffix == ".pf_fragment"),
            "meta_and_wasm_gzip": sum(stored_gzip_size(p) for p in mine if p.suffix in (".pf_meta", ".pagefind")),
            "total_gzip": sum(stored_gzip_size(p) for p in mine),
        }
    shared = [p for p in files if p not in claimed]
    result["shared_gzip"] = sum(stored_gzip_size(p) for p in shared)
    result["shared_files"] = sorted(p.relative_to(folder).as_posix() for p in shared)
    return result


def material_search_sizes(source_project: Path, work: Path, env: dict[str, str]) -> dict[str, Any]:
    """Build once with Material's built-in `search` plugin added; measure its search_index.json per language."""
    project = fresh_project(work / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert config.count("plugins:\n  - i18n:") == 1
    (project / "mkdocs.yml").write_text(config.replace("plugins:\n  - i18n:", "plugins:\n  - search\n  - i18n:"),
                                        encoding="utf-8")
    site = work / "site"
    seconds = timed_build(project, site, env)
    result: dict[str, Any] = {"build_s": round(seconds, 2), "files": {}}
    # With the project's i18n settings (reconfigure_search: false) Material writes one index for every language.
    for index in sorted(site.rglob("search_index.json")):
        raw = index.read_bytes()
        docs = json.loads(raw).get("docs", [])
        per_lang = {lang: sum(1 for d in docs if d["location"].startswith(language_prefix(lang)))
                    for lang in LANGUAGES if language_prefix(lang)}
        result["files"][index.relative_to(site).as_posix()] = {
            "raw": len(raw), "gzip": gz(raw), "entries": len(docs),
            **{f"entries_{lang}": count for lang, count in per_lang.items()},
            f"entries_{DEFAULT_LANGUAGE}": len(docs) - sum(per_lang.values())}
    return result


def time_breakdown(project: Path, site: Path, work: Path) -> dict[str, float]:
    """Where the project's extra build time goes: each step of the pipeline the hook calls
    (ke_finder.pipeline), run on its own, in this process."""
    from ke_finder import pipeline

    def clock(command: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        return time.perf_counter() - start

    bare = min(clock([sys.executable, "-c", "import mkdocs"]) for _ in range(3))
    with_core = min(clock([sys.executable, "-c", "import mkdocs; import ke_finder.pipeline"]) for _ in range(3))
    target = pipeline.Project(project, docs=work / "docs")
    steps: dict[str, float] = {"import_ke_finder_s": with_core - bare}
    start = time.perf_counter()
    directory = pipeline.load(target)
    steps["load_and_validate_s"] = time.perf_counter() - start
    start = time.perf_counter()
    rendered = pipeline.render(target, directory)
    steps["render_pages_s"] = time.perf_counter() - start
    start = time.perf_counter()
    pipeline.stage(target, directory, rendered)
    steps["write_pages_s"] = time.perf_counter() - start
    start = time.perf_counter()
    pipeline.extras(target, work / "exports", directory, search=False)
    steps["exports_s"] = time.perf_counter() - start
    shutil.copytree(site, work / "site", ignore=shutil.ignore_patterns("pagefind"))
    start = time.perf_counter()
    pipeline.search_index(work / "site")
    steps["pagefind_s"] = time.perf_counter() - start
    steps["sum_s"] = sum(steps.values())
    return {k: round(v, 2) for k, v in steps.items()}


# ---- finder latency --------------------------------------------------------------------------------------

ARM = """() => {
  const input = document.getElementById('ke-finder-input');
  const list = document.getElementById('ke-finder-list');
  window.__latency = new Promise(resolve => {
    let start = null;
    const mark = () => { if (start === null) start = performance.now(); };
    input.addEventListener('keydown', mark, { capture: true, once: true });
    input.addEventListener('beforeinput', mark, { capture: true, once: true });  // characters typed as text
    const observer = new MutationObserver(() => {
      const dom = start === null ? null : performance.now() - start;  // null: no key event was seen
      observer.disconnect();
      requestAnimationFrame(() => resolve({ dom, frame: performance.now() - start,
                                            options: list.querySelectorAll('[role=option]').length }));
    });
    observer.observe(list, { childList: true, subtree: true, characterData: true });
  });
}"""


def finder_latency(site: Path, repeats: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        return {"error": "chromium is not installed (make browser-deps)"}
    samples: list[dict[str, Any]] = []
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
        page = context.new_page()
        page.route(re.compile(r"^(?!http://127\.0\.0\.1[:/])"), lambda route: route.abort())  # loopback only
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(url, wait_until="networkidle")
        box = page.get_by_role("combobox")
        box.focus()
        page.wait_for_function("window.KEFinder && KEFinder.instance && KEFinder.instance.index !== null",
                               timeout=60_000)
        for _ in range(repeats):
            for query in QUERIES:
                box.fill("")
                box.press_sequentially(query[:-1])
                page.wait_for_timeout(30)
                page.evaluate(ARM)
                last = query[-1]
                if last.isascii():
                    page.keyboard.press(last)
                else:
                    page.keyboard.insert_text(last)  # Playwright's keyboard has no key for "ø"
                result = page.evaluate("() => window.__latency")
                if result["dom"] is None:
                    raise SystemExit(f"finder latency: no keydown/beforeinput seen for the last key of {query!r}")
                samples.append({"query": query, **result})
        browser.close()
    dom = [s["dom"] for s in samples]
    frame = [s["frame"] for s in samples]
    empty = sorted({s["query"] for s in samples if s["options"] == 0})
    return {"cpu_slowdown": CPU_SLOWDOWN, "keystrokes": len(samples), "queries": list(QUERIES),
            "median_ms": round(statistics.median(dom), 2), "max_ms": round(max(dom), 2),
            "median_to_next_frame_ms": round(statistics.median(frame), 2), "max_to_next_frame_ms": round(max(frame), 2),
            "per_query_median_ms": {q: round(statistics.median(s["dom"] for s in samples if s["query"] == q), 2)
                                    for q in QUERIES},
            "queries_without_suggestions": empty}


# ---- report ----------------------------------------------------------------------------------------------

def kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="timed builds of each kind (median is reported)")
    parser.add_argument("--keystrokes", type=int, default=6, help="repeats of each finder query")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page (median reported)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a budget is missed")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--output", type=Path, default=ROOT / "bench-results.json")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="ke-bench-"))
    env = build_env(work)
    started = time.perf_counter()
    log = lambda message: print(f"[{time.perf_counter() - started:6.1f}s] {message}", file=sys.stderr, flush=True)  # noqa: E731
    try:
        # One untimed build first: its docs/ (hand-written + generated) is what the reference mirrors,
        # and it warms the file cache and Python's bytecode for every timed run alike.
        log("warm-up build")
        warm = fresh_project(work / "warm" / "project")
        timed_build(warm, work / "warm" / "site", env)
        reference = work / "reference"
        pages_written = make_reference(warm / "docs", ROOT, reference)
        timed_build(reference, work / "reference-warm-site", env)

        project_times, reference_times, reference_search_times = [], [], []
        site_1x = work / "site-1x"
        for run in range(args.runs):
            log(f"build {run + 1}/{args.runs}: project")
            shutil.rmtree(work / "run", ignore_errors=True)
            project = fresh_project(work / "run" / "project")
            shutil.rmtree(site_1x, ignore_errors=True)
            project_times.append(timed_build(project, site_1x, env))
            log(f"build {run + 1}/{args.runs}: plain reference")
            shutil.rmtree(work / "reference-site", ignore_errors=True)
            reference_times.append(timed_build(reference, work / "reference-site", env))
            reference_search_times.append(timed_search_index(work / "reference-site"))
        reference_html = len(list((work / "reference-site").rglob("*.html")))

        log("4x data: generate and validate")
        grown = fresh_project(work / "grown-template")
        growth_info = grow_data(grown / "data")
        validate(grown / "data")
        growth_times = []
        site_4x = work / "site-4x"
        for run in range(args.runs):
            log(f"build {run + 1}/{args.runs}: 4x data")
            shutil.rmtree(work / "grown-run", ignore_errors=True)
            shutil.copytree(grown, work / "grown-run", symlinks=True)
            shutil.rmtree(site_4x, ignore_errors=True)
            growth_times.append(timed_build(work / "grown-run", site_4x, env))

        log("Material's built-in search, for comparison")
        material = material_search_sizes(ROOT, work / "material", env)

        log("where the build time goes")
        breakdown = time_breakdown(work / "run" / "project", site_1x, work / "breakdown")

        log("finder latency in Chromium (CPU throttled 4x)")
        latency = finder_latency(site_1x, args.keystrokes)

        log("Lighthouse (mobile) on a build with SITE_URL")
        site_with_url = work / "site-with-url"
        timed_build(work / "run" / "project", site_with_url, {**env, "SITE_URL": TEST_SITE_URL})
        lighthouse_figures = lighthouse.measure(site_with_url, runs=args.lighthouse_runs, work=work / "lighthouse")
        log("done measuring")

        # ---- figures
        reference_plain_s = statistics.median(reference_times)  # MkDocs build only, no search step
        reference_times = [b + p for b, p in zip(reference_times, reference_search_times)]
        project_s, reference_s, growth_s = (statistics.median(t) for t in (project_times, reference_times, growth_times))
        pages = html_pages(site_1x)
        ordinary = {rel: size for rel, size in pages.items() if not is_coverage(rel)}
        largest_rel = max(ordinary, key=ordinary.get)
        coverage = {rel: size for rel, size in pages.items() if is_coverage(rel)}
        m1, m4 = statistics.median(municipality_page_sizes(site_1x)), statistics.median(municipality_page_sizes(site_4x))
        finder_raw = (site_1x / "assets" / "finder-index.json").read_bytes()
        total_site = sum(p.stat().st_size for p in site_1x.rglob("*") if p.is_file())
        pagefind = pagefind_sizes(site_1x)

        figures: dict[str, Any] = {
            "build": {"project_s": round(project_s, 2), "reference_s": round(reference_s, 2),
                      "ratio": round(project_s / reference_s, 3),
                      "reference_without_search_s": round(reference_plain_s, 2),
                      "ratio_to_reference_without_search": round(project_s / reference_plain_s, 3),
                      "reference_search_runs_s": [round(t, 2) for t in reference_search_times],
                      "project_min_s": round(min(project_times), 2), "reference_min_s": round(min(reference_times), 2),
                      "project_runs_s": [round(t, 2) for t in project_times],
                      "reference_runs_s": [round(t, 2) for t in reference_times],
                      "html_pages": len(pages), "reference_html_pages": reference_html,
                      "reference_markdown_pages": pages_written, "project_steps": breakdown},
            "growth": {**growth_info, "build_s": round(growth_s, 2), "min_s": round(min(growth_times), 2),
                       "runs_s": [round(t, 2) for t in growth_times],
                       "ratio": round(growth_s / project_s, 3),
                       "median_municipality_page_1x": int(m1), "median_municipality_page_4x": int(m4),
                       "page_ratio": round(m4 / m1, 4), "html_pages_4x": len(html_pages(site_4x))},
            "weight": {"median_page": int(statistics.median(ordinary.values())),
                       "largest_page": ordinary[largest_rel], "largest_page_path": largest_rel,
                       "coverage_pages": coverage, "total_site": total_site,
                       "finder_index_raw": len(finder_raw), "finder_index_gzip": gz(finder_raw)},
            "search": {"pagefind": pagefind, "material_builtin": material},
            "finder_latency": latency,
            "lighthouse": lighthouse_figures,
        }
        checks = {
            "build_ratio": figures["build"]["ratio"] <= BUDGETS["build_ratio"],
            "growth_ratio": figures["growth"]["ratio"] <= BUDGETS["growth_ratio"],
            "page_growth_ratio": figures["growth"]["page_ratio"] <= BUDGETS["page_growth_ratio"],
            "median_page_kb": figures["weight"]["median_page"] < BUDGETS["median_page_kb"] * 1024,
            "largest_page_kb": figures["weight"]["largest_page"] < BUDGETS["largest_page_kb"] * 1024,
            "municipality_median_kb": m1 < BUDGETS["municipality_median_kb"] * 1024,
            "finder_gzip_kb": gz(finder_raw) < BUDGETS["finder_gzip_kb"] * 1024,
            "finder_latency_ms": "median_ms" in latency and latency["max_ms"] < BUDGETS["finder_latency_ms"],
            **lighthouse.checks(lighthouse_figures),
        }

        rows = [
            ("Build, project (every language, median)", f"{project_s:.2f} s", "", ""),
            ("Build, plain Markdown reference + same search step (median)", f"{reference_s:.2f} s", "", ""),
            ("  reference without the search step", f"{reference_plain_s:.2f} s "
             f"(project / it: {project_s / reference_plain_s:.2f}x)", "", ""),
            ("  project steps: load+validate / render / Pagefind",
             f"{breakdown['load_and_validate_s']:.2f} / {breakdown['render_pages_s']:.2f} / {breakdown['pagefind_s']:.2f} s",
             "", ""),
            ("Build ratio project / reference", f"{project_s / reference_s:.2f}x", f"<= {BUDGETS['build_ratio']}x",
             verdict(checks["build_ratio"])),
            (f"Build, 4x data ({growth_info['municipalities']} municipalities)", f"{growth_s:.2f} s", "", ""),
            ("Growth ratio 4x / 1x build time", f"{growth_s / project_s:.2f}x", f"<= {BUDGETS['growth_ratio']}x",
             verdict(checks["growth_ratio"])),
            ("Municipality page, median size 1x / 4x", f"{kb(m1)} / {kb(m4)} ({m4 / m1:.3f}x)",
             f"<= {BUDGETS['page_growth_ratio']}x", verdict(checks["page_growth_ratio"])),
            ("Municipality page, median (every language)", kb(m1), f"< {BUDGETS['municipality_median_kb']} KB",
             verdict(checks["municipality_median_kb"])),
            (f"HTML page, median ({len(ordinary)} pages, {COVERAGE_DIR}/ apart)", kb(figures["weight"]["median_page"]),
             f"< {BUDGETS['median_page_kb']} KB", verdict(checks["median_page_kb"])),
            (f"HTML page, largest ({largest_rel})", kb(ordinary[largest_rel]), f"< {BUDGETS['largest_page_kb']} KB",
             verdict(checks["largest_page_kb"])),
            *[(f"Coverage map page {rel}", kb(size), "reported apart", "") for rel, size in sorted(coverage.items())],
            ("Whole site", f"{total_site / 1024 / 1024:.1f} MB", "", ""),
            ("Finder data assets/finder-index.json (shared)", f"{kb(len(finder_raw))} raw, {kb(gz(finder_raw))} gzip",
             f"< {BUDGETS['finder_gzip_kb']} KB gzip", verdict(checks["finder_gzip_kb"])),
            *[(f"Pagefind index, {lang} ({info['pages']} pages)",
               f"{kb(info['total_gzip'])} gzip (index {kb(info['index_gzip'])}, fragments {kb(info['fragments_gzip'])})",
               "", "") for lang, info in pagefind["languages"].items()],
            ("Pagefind, shared UI and code", f"{kb(pagefind['shared_gzip'])} gzip", "", ""),
            *[(f"Material search {rel} (" + " + ".join(f"{info.get('entries_' + lang, 0)} {lang}" for lang in LANGUAGES)
               + " entries)",
               f"{kb(info['raw'])} raw, {kb(info['gzip'])} gzip", "", "") for rel, info in material["files"].items()],
        ]
        if "median_ms" in latency:
            rows.append((f"Finder keystroke to suggestions ({latency['keystrokes']} keys, CPU /{CPU_SLOWDOWN})",
                         f"median {latency['median_ms']:.1f} ms, max {latency['max_ms']:.1f} ms",
                         f"< {BUDGETS['finder_latency_ms']} ms", verdict(checks["finder_latency_ms"])))
            rows.append(("  … to the next animation frame", f"median {latency['median_to_next_frame_ms']:.1f} ms, "
                         f"max {latency['max_to_next_frame_ms']:.1f} ms", "", ""))
        else:
            rows.append(("Finder keystroke to suggestions", latency.get("error", "?"), "", "FAIL"))
        rows += lighthouse.table_rows(lighthouse_figures)

        widths = [max(len(r[i]) for r in rows + [("Figure", "Value", "Budget", "")]) for i in range(4)]
        line = lambda r: "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
        print(line(("Figure", "Value", "Budget", "")))
        print("  ".join("-" * w for w in widths))
        for row in rows:
            print(line(row))

        results = {
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "command": "make bench",
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
            "runs": args.runs, "duration_s": round(time.perf_counter() - started, 1),
            "budgets": {**BUDGETS, "lighthouse": lighthouse.BUDGETS}, "checks": {k: verdict(v) for k, v in checks.items()},
            "figures": figures,
        }
        args.output.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        failed = [k for k, ok in checks.items() if not ok]
        print(f"\n{len(checks) - len(failed)}/{len(checks)} budgets met"
              + (f"; missed: {', '.join(failed)}" if failed else "") + f". Results: {args.output}")
        return 1 if (failed and args.strict) else 0
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
