"""Where every page lives: URL folders, page paths and links between pages, per language.

The one place that knows the site's URL scheme. It imports nothing of the project, so the model, the
pages and the exports can all use it without import cycles.
"""
from __future__ import annotations

import posixpath

# The site's languages, in switcher order; the default language lives at the site root, the others under /<lang>/.
LANGUAGES = ("nb", "nn", "en")
DEFAULT_LANGUAGE = "nb"

# URL folders of generated pages; the same in every language (nynorsk under /nn/, English under /en/).
MUNICIPALITY_DIR = "kommune"
TRUST_DIR = "helseforetak"
COUNTY_DIR = "fylke"
COOPERATION_DIR = "samarbeid"
SERVICE_DIR = "tjeneste"
GENERATED_DIRS = (MUNICIPALITY_DIR, TRUST_DIR, COUNTY_DIR, COOPERATION_DIR, SERVICE_DIR, "dekning")


def source_suffix(lang: str) -> str:
    """The mkdocs-static-i18n suffix of a page source in a language: '' (bokmål), '.nn', '.en'."""
    return "" if lang == DEFAULT_LANGUAGE else f".{lang}"


def source_file(path: str, lang: str) -> str:
    """'kommune/0301' -> 'kommune/0301.md' (bokmål), 'kommune/0301.nn.md', 'kommune/0301.en.md'."""
    return f"{path}{source_suffix(lang)}.md"


def parse_source_file(name: str) -> tuple[str, str]:
    """The inverse of source_file: 'kommune/0301.nn.md' -> ('kommune/0301', 'nn'); 'guides/coordinator.md' ->
    ('guides/coordinator', 'nb')."""
    stem = name.removesuffix(".md")
    for lang in LANGUAGES:
        if source_suffix(lang) and stem.endswith(source_suffix(lang)):
            return stem.removesuffix(source_suffix(lang)), lang
    return stem, DEFAULT_LANGUAGE


def language_prefix(lang: str) -> str:
    """The site-relative folder of a language: '' for the default language, 'nn/' or 'en/' for the others."""
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def page_url(path: str) -> str:
    if path == "index":
        return ""
    if path.endswith("/index"):
        return path[: -len("index")]
    return path + "/"


def language_url(path: str, lang: str) -> str:
    """Root-relative URL of a page in a language: '/kommune/0301/' or '/en/kommune/0301/'."""
    return "/" + language_prefix(lang) + page_url(path)


def relative_url(from_path: str, to_path: str) -> str:
    """A link from one page to another that works at / and under every /<lang>/."""
    start = page_url(from_path) or "."
    target = page_url(to_path)
    rel = posixpath.relpath(target or ".", start)
    return "./" if rel == "." else rel.rstrip("/") + "/"


def municipality_path(number: str) -> str:
    return f"{MUNICIPALITY_DIR}/{number}"


def trust_path(trust_id: str) -> str:
    return f"{TRUST_DIR}/{trust_id}"


def county_path(number: str) -> str:
    return f"{COUNTY_DIR}/{number}"


def county_list_file(number: str, lang: str) -> str:
    """Site-relative path of a county's contact list for spreadsheets, in a language:
    'api/v1/fylke/46.csv' (bokmål), 'api/v1/fylke/46.nn.csv', 'api/v1/fylke/46.en.csv'."""
    return f"api/v1/{COUNTY_DIR}/{number}{'' if lang == DEFAULT_LANGUAGE else '.' + lang}.csv"


def cooperation_path(coop_id: str) -> str:
    return f"{COOPERATION_DIR}/{coop_id}"


def service_path(code: str) -> str:
    return f"{SERVICE_DIR}/{code}"


QUIZ_PATH = "quiz"
COVERAGE_PATH = "dekning/index"
MAP_FILE = "geo/kommuner-2024.geojson"
# Generated pages at the root of docs/ (besides those in GENERATED_DIRS).
HOME_FILES = tuple(source_file(name, lang) for name in ("index", "quiz") for lang in LANGUAGES)


# Hand-written tool pages (docs/correction.md, docs/message-helper.md and their .nn.md and .en.md).
CORRECTION_PATH = "correction"
MESSAGE_HELPER_PATH = "message-helper"
# Per-entry files the correction form reads: the data file's text and where corrections go.
CORRECTION_ENTRY_DIR = "assets/entries"


def correction_entry_id(entity: object) -> str:
    """The correction form's id of a data file: the same as its KE's id ('kommune-3911', 'helseforetak-unn').

    Duck-typed on purpose (paths.py imports nothing of the project): a cooperation has `members`, a hospital
    trust has `region_id`, a municipality has `number`.
    """
    if hasattr(entity, "members"):
        return f"samarbeid-{entity.id}"  # type: ignore[attr-defined]
    if hasattr(entity, "region_id"):
        return f"helseforetak-{entity.id}"  # type: ignore[attr-defined]
    return f"kommune-{entity.number}"  # type: ignore[attr-defined]
