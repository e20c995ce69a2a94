"""What every open-data file shares: the API version and folder, the licence and credits, page URLs."""
from __future__ import annotations

import json
from typing import Any

from ..paths import LANGUAGES, language_url

API_VERSION = "v1"
API_DIR = f"api/{API_VERSION}"
LICENCE = "NLOD 2.0"
SOURCES = ("Kartverket (CC BY 4.0), Statistisk sentralbyrå (NLOD), Språkrådet, Sametinget; "
           "KE details from public web pages of municipalities and hospitals")


def page_urls(path: str) -> dict[str, str]:
    """Root-relative URL of a page in every language of the site."""
    return {lang: language_url(path, lang) for lang in LANGUAGES}


def json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
