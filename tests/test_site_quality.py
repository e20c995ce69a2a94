"""Quality gates over the whole built site, both languages.

Links and fragments, reachability from the home page, HTML (parse errors, one <h1>, <title>, lang,
hreflang), privacy (no third-party resource in any page or stylesheet), a byte-for-byte reproducible
build, an atomic `make site`, and data that tries to inject markup rendering as inert text.

Every page is parsed once (html5lib, as browsers do) into a small record; the gates run over those.
"""
from __future__ import annotations

import dataclasses
import gzip
import hashlib
import json
import posixpath
import re
import shutil
import subprocess
from collections import deque
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib
import pytest
import yaml

from conftest import FIXTURE_DATA, ROOT, TODAY, edit
# Imported before MkDocs loads the hook, so the hook and this module share one ke_finder (one set of classes).
from ke_finder.paths import DEFAULT_LANGUAGE, LANGUAGES, language_prefix
from ke_finder.source.load import load_directory
from ke_finder.model import KeUnit, OtherName, Phone, Provenance
from sitebuild import SESSION_HASH_SEED, TEST_ENV, copy_project, mkdocs_build

# ---- what the gates deliberately leave out, with the reason --------------------------------------------

# Not reached by following links, on purpose.
UNLINKED_PAGES = {
    "404.html": "served by the web server for any missing address; nothing links to it",
}

# One page written by the English build for both languages (overrides/404.html): its <html lang> is "en"
# and each half carries its own lang="nb" / lang="en"; it has no twin in the other language.
BILINGUAL_PAGES = {"404.html"}

# Files whose format carries the build date: compared with the date taken out, not byte for byte.
# (Two builds on the same day give identical bytes; across midnight these two differ.)
DATE_CARRYING_FILES = {
    "sitemap.xml": "every <lastmod> is the build date (MkDocs: SOURCE_DATE_EPOCH, else today)",
    "sitemap.xml.gz": "the same sitemap, and the gzip header's MTIME is the build date",
}

# (pagefind/pagefind-entry.json once differed in its `languages` order from run to run: the search-index step
# now sorts it, ke_finder/site/search_index.py, and it is compared byte for byte like every other file.)

LINK_ATTRIBUTES = {"href", "src", "srcset", "action", "poster", "data", "xlink:href"}
SKIPPED_SCHEMES = ("http:", "https:", "mailto:", "tel:", "data:")
XLINK = "{http://www.w3.org/1999/xlink}"


def _site_names() -> dict[str, str]:
    """site_name per language, from mkdocs.yml (the English one from the i18n plugin's settings)."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names = {"nb": config["site_name"]}
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for language in plugin["i18n"]["languages"]:
                names.setdefault(language["locale"], language.get("site_name", config["site_name"]))
    return names


# ---- one parse per page ----------------------------------------------------------------------------------

@dataclasses.dataclass
class Page:
    rel: str                                   # "kommune/0301/index.html"
    lang: str | None                           # <html lang>
    ids: set[str]                              # every id, and <a name>
    refs: list[tuple[str, str, str]]           # (element, attribute, value) for href, src, …
    h1: list[str]                              # text of every <h1>
    title: str | None                          # text of <title>
    alternates: list[tuple[str, str]]          # (hreflang, href) of <link rel="alternate" hreflang>
    switcher: list[tuple[str, str]]            # (hreflang, href) of <a hreflang>: the language switcher
    errors: list[str]                          # html5lib parse errors
    styles: list[str]                          # inline style="" and <style> text
    part_langs: set[str]                       # lang attributes inside <body>


def _local(name: str) -> str:
    if name.startswith(XLINK):
        return "xlink:" + name[len(XLINK):]
    return name.rsplit("}", 1)[-1]


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def parse_page(site: Path, rel: str) -> Page:
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    root = parser.parse((site / rel).read_text(encoding="utf-8"))
    page = Page(rel, root.get("lang"), set(), [], [], None, [], [], [], [], set())
    page.errors = [f"{line}:{col} {code} {data}" for (line, col), code, data in parser.errors]
    body = root.find("body")
    if body is not None:
        page.part_langs = {e.get("lang") for e in body.iter() if isinstance(e.tag, str) and e.get("lang")}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments
        tag = _local(element.tag)
        attrs = {_local(k): v for k, v in element.attrib.items()}
        if "id" in attrs:
            page.ids.add(attrs["id"])
        if tag == "a" and "name" in attrs:
            page.ids.add(attrs["name"])
        for name, value in attrs.items():
            if name in LINK_ATTRIBUTES and not (name == "data" and tag != "object"):
                page.refs.append((tag, name, value))
        if "style" in attrs:
            page.styles.append(attrs["style"])
        if element.tag == "style":
            page.styles.append(element.text or "")
        if element.tag == "h1":
            page.h1.append(_text(element))
        elif element.tag == "title" and page.title is None:
            page.title = _text(element)
        elif element.tag == "link" and "alternate" in attrs.get("rel", "").split() and "hreflang" in attrs:
            page.alternates.append((attrs["hreflang"], attrs.get("href", "")))
        elif element.tag == "a" and "hreflang" in attrs:
            page.switcher.append((attrs["hreflang"], attrs.get("href", "")))
    return page


def parse_site(site: Path) -> dict[str, Page]:
    return {rel: parse_page(site, rel)
            for rel in sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))}


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, Page]:
    return parse_site(built_site)


# ---- resolving a link inside the site --------------------------------------------------------------------

def urls_of(attribute: str, value: str) -> list[str]:
    if attribute == "srcset":
        return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]
    return [value]


def is_external(url: str) -> bool:
    """Has a scheme or a host: not a path inside this site."""
    parts = urlsplit(url.strip())
    return bool(parts.scheme or parts.netloc)


def resolve(site: Path, page_rel: str, url: str) -> tuple[str | None, str]:
    """(site-relative file the URL names, fragment); None when the URL leaves the site's folder.

    A directory URL names its index.html; a root-absolute path ("/en/") is taken from the site root.
    """
    parts = urlsplit(url.strip())
    path = unquote(parts.path)
    fragment = unquote(parts.fragment)
    if not path:
        return page_rel, fragment
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(page_rel), path)
    norm = posixpath.normpath(joined) if joined else "."
    if norm == ".." or norm.startswith("../"):
        return None, fragment
    if norm == ".":
        return "index.html", fragment
    if path.endswith("/") or (site / norm).is_dir():
        return f"{norm}/index.html", fragment
    return norm, fragment


def _ids_in_file(site: Path, rel: str, pages: dict[str, Page]) -> set[str] | None:
    if rel in pages:
        return pages[rel].ids
    if rel.endswith(".svg"):
        return set(re.findall(r'\bid="([^"]+)"', (site / rel).read_text(encoding="utf-8")))
    return None


def _report(failures: list[str], what: str) -> str:
    shown = "\n  ".join(failures[:30])
    more = f"\n  … and {len(failures) - 30} more" if len(failures) > 30 else ""
    return f"{len(failures)} {what}:\n  {shown}{more}"


# ---- links -----------------------------------------------------------------------------------------------

def test_every_internal_link_and_fragment_resolves(built_site: Path, pages: dict[str, Page]) -> None:
    failures: list[str] = []
    checked = 0
    for rel, page in pages.items():
        for tag, attribute, value in page.refs:
            for url in urls_of(attribute, value):
                stripped = url.strip()
                if stripped in ("", "#") or stripped.lower().startswith(SKIPPED_SCHEMES) or stripped.startswith("//"):
                    continue
                where = f'{rel}: <{tag} {attribute}="{value}">'
                if is_external(stripped):
                    failures.append(f"{where}: a scheme the site never links to")
                    continue
                target, fragment = resolve(built_site, rel, stripped)
                checked += 1
                if target is None:
                    failures.append(f"{where}: leaves the site's folder")
                    continue
                if not (built_site / target).is_file():
                    failures.append(f"{where}: {target} does not exist")
                    continue
                if fragment:
                    ids = _ids_in_file(built_site, target, pages)
                    if ids is None:
                        failures.append(f"{where}: #{fragment} points into {target}, which has no ids")
                    elif fragment not in ids:
                        failures.append(f"{where}: no id or name '{fragment}' in {target}")
    assert checked > 10_000, checked
    assert not failures, _report(failures, "broken internal links")


def test_links_are_relative_so_the_site_works_from_any_folder(pages: dict[str, Page]) -> None:
    """mkdocs.yml: without site_url, links stay relative and the site works from any folder.

    404.html is the exception: the server returns it for any address, at any depth, so only
    root-absolute links work there.
    """
    failures = [f'{rel}: <{tag} {attribute}="{value}">'
                for rel, page in pages.items() if rel not in BILINGUAL_PAGES
                for tag, attribute, value in page.refs
                for url in urls_of(attribute, value)
                if url.strip().startswith("/") and not url.strip().startswith("//")]
    assert not failures, _report(failures, "root-absolute links (break when the site is served from a sub-folder)")


def test_every_page_is_reachable_from_the_home_page(built_site: Path, pages: dict[str, Page]) -> None:
    """Breadth-first over <a>/<area> links from index.html; /nn/ and /en/ are reached through the language switcher."""
    seen = {"index.html"}
    queue = deque(["index.html"])
    while queue:
        rel = queue.popleft()
        for tag, attribute, value in pages[rel].refs:
            if tag not in ("a", "area") or attribute not in ("href", "xlink:href"):
                continue
            url = value.strip()
            if not url or url.startswith("#") or is_external(url) or url.startswith("//"):
                continue
            target, _ = resolve(built_site, rel, url)
            if target in pages and target not in seen:
                seen.add(target)
                queue.append(target)
    # The KE cards (embed/<id>/ in each language) are for other sites' iframes: the KE staff guide names their
    # address pattern, and no page of this site needs a link to 1,100-odd of them.
    cards = {rel for rel in pages if re.match(r"^(?:(?:nn|en)/)?embed/[a-z0-9-]+/index\.html$", rel)}
    assert len(cards) > 1000
    unreachable = sorted(set(pages) - seen - set(UNLINKED_PAGES) - cards)
    assert "en/index.html" in seen and "nn/index.html" in seen
    assert not unreachable, _report(unreachable, "pages not reachable from index.html")
    linked_anyway = sorted(set(UNLINKED_PAGES) & seen)
    assert not linked_anyway, f"UNLINKED_PAGES lists pages that are linked: {linked_anyway}"


# ---- HTML ------------------------------------------------------------------------------------------------

def _expected_lang(rel: str) -> str:
    """The language of a built file from its folder: 'nn/…' nynorsk, 'en/…' English, else bokmål."""
    return next((lang for lang in LANGUAGES if language_prefix(lang) and rel.startswith(language_prefix(lang))),
                DEFAULT_LANGUAGE)


def _twins(rel: str) -> set[str]:
    """The same page in every other language."""
    own = _expected_lang(rel)
    bare = rel[len(language_prefix(own)):]
    return {language_prefix(lang) + bare for lang in LANGUAGES if lang != own}


HOME_PAGES = {language_prefix(lang) + "index.html" for lang in LANGUAGES}


def test_every_page_parses_as_html5_without_errors(pages: dict[str, Page]) -> None:
    failures = [f"{rel}: {error}" for rel, page in pages.items() for error in page.errors]
    assert not failures, _report(failures, "HTML parse errors")


def test_every_page_has_one_h1_and_a_title_that_names_it(pages: dict[str, Page]) -> None:
    site_names = _site_names()
    failures: list[str] = []
    for rel, page in pages.items():
        if len(page.h1) != 1:
            failures.append(f"{rel}: {len(page.h1)} <h1> elements {page.h1}")
            continue
        if not page.title:
            failures.append(f"{rel}: no <title>")
        elif rel in HOME_PAGES:
            if site_names[_expected_lang(rel)] not in page.title:
                failures.append(f"{rel}: <title>{page.title}</title> does not name the site")
        elif page.h1[0] not in page.title:
            failures.append(f"{rel}: <title>{page.title}</title> does not contain the <h1> '{page.h1[0]}'")
    assert not failures, _report(failures, "pages with a wrong <h1> or <title>")


def test_html_lang_matches_the_language_folder(pages: dict[str, Page]) -> None:
    failures = [f"{rel}: <html lang={page.lang!r}>, expected {_expected_lang(rel)!r}"
                for rel, page in pages.items() if rel not in BILINGUAL_PAGES and page.lang != _expected_lang(rel)]
    assert not failures, _report(failures, "pages with the wrong <html lang>")
    for rel in BILINGUAL_PAGES:
        assert pages[rel].lang in LANGUAGES, rel
        assert set(LANGUAGES) <= pages[rel].part_langs, f"{rel}: each language part needs its own lang attribute"


# hreflang alternates and canonical (absolute with SITE_URL, absent without): tests/test_web_standards.py


def test_alternates_and_language_switcher_name_only_the_page_and_its_twin(built_site: Path,
                                                                          pages: dict[str, Page]) -> None:
    """An alternate must be the page itself or its twin in another language: a page with no twin has none to
    offer, and its language switcher may lead only to itself or to the home pages."""
    failures: list[str] = []
    for rel, page in pages.items():
        twins = {t for t in _twins(rel) if t in pages}
        twin = bool(twins)
        allowed = {rel} | twins
        for hreflang, href in page.alternates:
            target, _ = resolve(built_site, rel, href)
            if target not in allowed:
                failures.append(f'{rel}: <link rel="alternate" hreflang="{hreflang}" href="{href}"> names {target}')
        allowed_switch = allowed if twin else allowed | HOME_PAGES
        for hreflang, href in page.switcher:
            target, _ = resolve(built_site, rel, href)
            if target not in allowed_switch:
                failures.append(f'{rel}: language switcher <a hreflang="{hreflang}" href="{href}"> leads to {target}')
    assert not failures, _report(failures, "alternates naming an unrelated page")


# ---- privacy ---------------------------------------------------------------------------------------------

# Elements whose attribute makes the browser fetch something on page load.
LOADING = {("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"), ("iframe", "src"),
           ("source", "src"), ("source", "srcset"), ("video", "src"), ("video", "poster"), ("audio", "src"),
           ("embed", "src"), ("object", "data"), ("input", "src"), ("image", "href"), ("image", "xlink:href"),
           ("use", "href"), ("use", "xlink:href"), ("track", "src")}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.I | re.S)


def _css_urls(text: str) -> list[str]:
    return [m.group(2) if m.group(2) is not None else m.group(4) for m in CSS_URL.finditer(text)]


def _third_party(url: str) -> bool:
    url = url.strip()
    return url.startswith("//") or (is_external(url) and not url.lower().startswith("data:"))


def test_no_page_or_stylesheet_loads_anything_from_another_host(built_site: Path, pages: dict[str, Page]) -> None:
    failures: list[str] = []
    for rel, page in pages.items():
        for tag, attribute, value in page.refs:
            if (tag, attribute) in LOADING and any(_third_party(u) for u in urls_of(attribute, value)):
                failures.append(f'{rel}: <{tag} {attribute}="{value}">')
        for style in page.styles:
            failures += [f"{rel}: style url({u})" for u in _css_urls(style) if _third_party(u)]
    stylesheets = sorted(built_site.rglob("*.css"))
    assert stylesheets
    for css in stylesheets:
        rel = css.relative_to(built_site).as_posix()
        failures += [f"{rel}: url({u})" for u in _css_urls(css.read_text(encoding="utf-8")) if _third_party(u)]
    assert not failures, _report(failures, "third-party resources")


# ---- determinism -----------------------------------------------------------------------------------------

def _files(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()}


def _without_dates(rel: str, data: bytes) -> bytes:
    if rel.endswith(".gz"):
        data = gzip.decompress(data)  # drops the header and its MTIME
    return re.sub(rb"<lastmod>\d{4}-\d{2}-\d{2}</lastmod>", b"<lastmod/>", data)


def test_builds_in_processes_with_different_hash_seeds_are_identical(built_site: Path, tmp_path: Path) -> None:
    """Determinism across processes: the shared site was built with PYTHONHASHSEED=1, this one with 2, so any
    output that depends on set or dict order of strings (which the seed changes) shows up as a difference."""
    assert SESSION_HASH_SEED == "1"
    project = copy_project(tmp_path / "project")
    second = tmp_path / "site"
    result = mkdocs_build(project, second, hash_seed="2")
    assert result.returncode == 0, result.stderr[-2000:]
    first_files, second_files = _files(built_site), _files(second)
    assert sorted(first_files) == sorted(second_files)
    for rel in DATE_CARRYING_FILES:
        assert rel in first_files, f"{rel} is listed as an exception but is not in the site any more"
    different: list[str] = []
    for rel, path in sorted(first_files.items()):
        a, b = path.read_bytes(), second_files[rel].read_bytes()
        if a == b:
            continue
        if rel in DATE_CARRYING_FILES and _without_dates(rel, a) == _without_dates(rel, b):
            continue
        different.append(rel)
    assert not different, _report(different, "files differ between two builds of the same input")


# ---- atomic `make site` ----------------------------------------------------------------------------------

def _tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for rel, path in sorted(_files(folder).items()):
        h.update(rel.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def _stamp_name() -> str:
    """The Makefile's $(STAMP): .venv/.installed-<first 12 hex of sha1(requirements.txt + pyproject.toml)>."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "STAMP := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | sha1sum | cut -c1-12)" in makefile
    inputs = (ROOT / "requirements.txt").read_bytes() + (ROOT / "pyproject.toml").read_bytes()
    return ".installed-" + hashlib.sha1(inputs).hexdigest()[:12]


@pytest.mark.site
def test_make_site_failing_on_bad_data_leaves_the_previous_site(tmp_path: Path) -> None:
    """`make site` as a deployer runs it; on the small fixture data (the real data's build is the shared site)."""
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "data")
    shutil.copytree(FIXTURE_DATA, project / "data")
    shutil.copytree(ROOT / "data" / "schemas", project / "data" / "schemas")
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy2(ROOT / name, project / name)  # copy2 keeps requirements.txt older than the stamp
    (project / ".venv").symlink_to(ROOT / ".venv")
    stamp = project / ".venv" / _stamp_name()
    if not stamp.exists():
        pytest.fail(f"{stamp.name} is missing from .venv: run `make venv` first (this test never installs)")
    env = {**TEST_ENV, "HOME": str(tmp_path)}
    # Belt and braces: make must not plan a pip install into the shared .venv.
    plan = subprocess.run(["make", "-n", "site"], cwd=project, capture_output=True, text=True, env=env)
    assert plan.returncode == 0 and "pip" not in plan.stdout, plan.stdout

    def make_site() -> subprocess.CompletedProcess:
        return subprocess.run(["make", "site"], cwd=project, capture_output=True, text=True, env=env, timeout=300)

    good = make_site()
    assert good.returncode == 0, good.stdout + good.stderr
    site = project / "site"
    assert (site / "index.html").is_file() and (site / "en/kommune/1804/index.html").is_file()
    assert not (project / ".build/site-new").exists() and not (project / ".build/site-old").exists()
    before = _tree_digest(site)

    edit(project / "data/municipalities/1804-bodo.yaml", "number: '1804'", "number: 1804")
    bad = make_site()
    assert bad.returncode != 0, "make site succeeded with invalid data"
    assert "1804-bodo.yaml:1:9: number" in bad.stdout + bad.stderr
    assert _tree_digest(site) == before, "a failed `make site` changed site/"
    # Validation aborts in on_config, before MkDocs creates the output folder: nothing half-built is left.
    assert not (project / ".build/site-new").exists(), "a half-built .build/site-new was left behind"
    assert not (project / ".build/site-old").exists()


# ---- injection: data that tries to become markup stays text ----------------------------------------------

SCRIPT = "<script>alert(1)</script>"
TEMPLATE = "{{ 7*7 }} {% raw %}"
MD_LINK = "[x](javascript:alert(1))"
IMG = "<img src=x onerror=alert(1)>"
BREAKOUT = "</div><script>alert(2)</script>"
ATTRIBUTE = "\" onmouseover=\"alert(3)\" x='"
HOSTILE = " ".join((SCRIPT, TEMPLATE, MD_LINK, IMG, BREAKOUT, ATTRIBUTE))
HOSTILE_LINKS = ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>",
                 "vbscript:msgbox(1)")
EXECUTABLE_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
DANGEROUS_URL = re.compile(r"^\s*(javascript|vbscript|data\s*:\s*text/html)", re.I)
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "base", "frame", "frameset", "applet"}


def hostile(field: str) -> str:
    """A marker to find the field on the page, then every trick at once."""
    return f"F[{field}] {HOSTILE}"


def _hostile_ke(ke_id: str, phone: Phone) -> KeUnit:
    return KeUnit(
        id=ke_id, unit=hostile("unit"),
        phones=(dataclasses.replace(phone, display=hostile("phone"), label=hostile("phone_label")),),
        email="ke@example.org\"><script>alert(4)</script>", web=HOSTILE_LINKS[0],
        visiting_address=hostile("visiting_address"), postal_address=hostile("postal_address"),
        opening_hours=hostile("opening_hours"), her_id=hostile("her_id"),
        source=Provenance(url=HOSTILE_LINKS[1], retrieved=TODAY, confirmed_by_ke=False, note=hostile("note")),
        serves={"nb": hostile("serves"), "nn": hostile("serves"), "en": hostile("serves")}, phone_hours=hostile("phone_hours"),
        web_host=hostile("web_host"),
    )


def poison(directory) -> None:
    """Every free-text field of municipality 1804 (Bodø), Oslo's districts and trust nordlandssykehuset."""
    m = directory.municipalities["1804"]
    for field in ("name", "display_name", "official_name", "admin_centre"):
        setattr(m, field, hostile(field))
    m.other_names = (OtherName(hostile("other_name"), "se"),)
    m.website, m.services_source = HOSTILE_LINKS[2], HOSTILE_LINKS[3]
    m.own_ke = _hostile_ke(m.own_ke.id, m.own_ke.phones[0])
    oslo = directory.municipalities["0301"]
    oslo.districts = tuple(dataclasses.replace(d, name=hostile("district")) for d in oslo.districts)
    trust = directory.hospital_trusts["nordlandssykehuset"]
    trust.name = hostile("trust_name")
    trust.website = HOSTILE_LINKS[0]
    trust.sources = HOSTILE_LINKS
    trust.ke = _hostile_ke("helseforetak-nordlandssykehuset", m.own_ke.phones[0])


def build_in_process(project: Path, site: Path, directory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real MkDocs build of `project`, with the hook handed `directory` instead of loading data/."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    for key, value in TEST_ENV.items():
        if key != "PATH":
            monkeypatch.setenv(key, value)
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    hook = next(module for path, module in config["hooks"].items()  # the module MkDocs imported
                if Path(path).name == "ke_pages.py")                   # from hooks/ke_pages.py
    # The hook loads through the pipeline module it imported: patch its load step.
    monkeypatch.setattr(hook.pipeline, "load", lambda project: directory)
    monkeypatch.setattr(hook, "_cache", {})
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


@dataclasses.dataclass
class Hazards:
    scripts: list[str]        # executable scripts: "src=…" or the inline text
    data_scripts: list[str]   # type=… of non-executable scripts
    tags: list[str]           # other elements that can run or redirect
    events: list[str]         # on* attributes
    urls: list[str]           # javascript:, vbscript:, data:text/html links
    text: str


def hazards(path: Path) -> Hazards:
    parser = html5lib.HTMLParser(strict=False, namespaceHTMLElements=False)
    root = parser.parse(path.read_text(encoding="utf-8"))
    found = Hazards([], [], [], [], [], _text(root))
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tag = _local(element.tag)
        attrs = {_local(k): v for k, v in element.attrib.items()}
        if tag == "script":
            kind = attrs.get("type", "").strip().lower()
            if kind in EXECUTABLE_SCRIPT_TYPES:
                found.scripts.append(f"src={attrs['src']}" if "src" in attrs else (element.text or ""))
            else:
                found.data_scripts.append(kind)
                json.loads(element.text or "")  # data stays data: it must still parse
        elif tag in DANGEROUS_TAGS or (tag == "meta" and "http-equiv" in attrs):
            found.tags.append(f"<{tag} {attrs}>")
        found.events += [f"<{tag} {name}={value!r}>" for name, value in attrs.items() if name.startswith("on")]
        found.urls += [f"<{tag} {name}={value!r}>" for name, value in attrs.items()
                       if name in LINK_ATTRIBUTES | {"formaction"} and DANGEROUS_URL.match(value)]
    return found


@pytest.fixture(scope="module")
def injected_sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_injection_sites(tmp_path_factory.mktemp("injection"))


def build_injection_sites(base: Path) -> tuple[Path, Path]:
    """The fixture data built twice through the real hook and MkDocs: clean, and with hostile free text."""
    monkeypatch = pytest.MonkeyPatch()
    sites = []
    try:
        for name in ("clean", "hostile"):
            project = copy_project(base / name / "project")
            shutil.rmtree(project / "data")
            shutil.copytree(FIXTURE_DATA, project / "data")
            shutil.copytree(ROOT / "data" / "schemas", project / "data" / "schemas")
            directory = load_directory(project / "data", TODAY)
            # Same shape in both builds: the trust gets a KE (the fixture has none), so its fields show.
            bodo_ke = directory.municipalities["1804"].own_ke
            directory.hospital_trusts["nordlandssykehuset"].ke = dataclasses.replace(
                bodo_ke, id="helseforetak-nordlandssykehuset")
            if name == "hostile":
                poison(directory)
            site = base / name / "site"
            build_in_process(project, site, directory, monkeypatch)
            monkeypatch.undo()
            sites.append(site)
    finally:
        monkeypatch.undo()
    return sites[0], sites[1]


INJECTED_PAGES = ["kommune/1804/index.html", "helseforetak/nordlandssykehuset/index.html", "kommune/0301/index.html"]


def test_hostile_free_text_renders_as_inert_text(injected_sites: tuple[Path, Path]) -> None:
    clean_site, hostile_site = injected_sites
    failures: list[str] = []
    rels = sorted(_files(hostile_site))
    html_pages = [rel for rel in rels if rel.endswith(".html")]
    assert set(html_pages) == {rel for rel in _files(clean_site) if rel.endswith(".html")}
    for rel in html_pages:
        bad, good = hazards(hostile_site / rel), hazards(clean_site / rel)
        extra_scripts = [s for s in bad.scripts if s not in good.scripts]
        failures += [f"{rel}: script not in the clean page: {s[:80]!r}" for s in extra_scripts]
        if len(bad.scripts) != len(good.scripts):
            failures.append(f"{rel}: {len(bad.scripts)} executable scripts, the clean page has {len(good.scripts)}")
        if sorted(bad.data_scripts) != sorted(good.data_scripts):
            failures.append(f"{rel}: data scripts {bad.data_scripts} != clean {good.data_scripts}")
        failures += [f"{rel}: {t}" for t in bad.tags if t not in good.tags]
        failures += [f"{rel}: event handler {e}" for e in bad.events]
        failures += [f"{rel}: dangerous link {u}" for u in bad.urls]
        if f"{SCRIPT} 49" in bad.text:
            failures.append(f"{rel}: template code was evaluated ({{{{ 7*7 }}}} became 49)")
    for lang in ("", "nn/", "en/"):
        for rel in INJECTED_PAGES:
            text = hazards(hostile_site / (lang + rel)).text
            for literal in (SCRIPT, "{{ 7*7 }}", "{% raw %}", MD_LINK, IMG, BREAKOUT, ATTRIBUTE.strip()):
                if literal not in text:
                    failures.append(f"{lang}{rel}: the literal text {literal!r} is not on the page")
    page = parse_page(hostile_site, "kommune/1804/index.html")
    if hostile("display_name") not in (page.title or ""):
        failures.append(f"kommune/1804: <title>{page.title!r}</title> does not contain the hostile name as text")
    if page.h1 != [hostile("display_name")]:
        failures.append(f"kommune/1804: <h1> is {page.h1!r}")
    trust = parse_page(hostile_site, "en/helseforetak/nordlandssykehuset/index.html")
    if hostile("trust_name") not in (trust.title or ""):
        failures.append(f"en/helseforetak/nordlandssykehuset: <title>{trust.title!r}</title> lacks the hostile name")
    shown = hazards(hostile_site / "kommune/1804/index.html").text
    for field in ("display_name", "admin_centre", "other_name", "unit", "phone", "phone_label",
                  "visiting_address", "postal_address", "opening_hours", "her_id"):
        if f"F[{field}]" not in shown:
            failures.append(f"kommune/1804: field {field} is not shown, so its escaping is untested")
    assert not failures, _report(failures, "injection failures")
