"""report.html and verify.html: what an editor reads in a browser, from autoescaped Jinja2 templates.

Every value from a web page is untrusted text: the templates autoescape it, links pass `safe_href` (only http(s),
mailto and tel), and a quote's highlighted value is split into plain segments here rather than marked up as HTML.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from ..model import KeUnit


def safe_href(url: Any) -> str:
    return url if isinstance(url, str) and url.lower().startswith(("https://", "http://", "mailto:", "tel:")) else "#"


def highlight(quote: str | None, value: str | None) -> list[tuple[str, bool]]:
    """The quote as (text, is_the_value) segments, so the template marks the value without building HTML."""
    quote = quote or ""
    if not value or value not in quote:
        return [(quote, False)]
    before, _, after = quote.partition(value)
    return [(before, False), (value, True), (after, False)]


def environment() -> Environment:
    env = Environment(loader=PackageLoader("ke_finder.discovery", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True), trim_blocks=True,
                      lstrip_blocks=True)
    env.filters["href"] = safe_href
    env.globals["highlight"] = highlight
    return env


def today_summary(ke: KeUnit | None) -> dict[str, Any] | None:
    """What the data says today, beside the candidate."""
    if ke is None:
        return None
    return {"unit": ke.unit, "phones": [p.display for p in ke.phones], "email": ke.email, "web": ke.web,
            "web_kind": ke.web_kind, "evidence": ke.source.evidence, "retrieved": ke.source.retrieved.isoformat(),
            "source": ke.source.url}


def write_report(path: Path, doc: dict[str, Any], names: dict[str, str], today: dict[str, Any]) -> None:
    html = environment().get_template("report.html.j2").render(doc=doc, names=names, today=today)
    path.write_text(html, encoding="utf-8")


def write_verify_report(path: Path, doc: dict[str, Any]) -> None:
    html = environment().get_template("verify.html.j2").render(doc=doc)
    path.write_text(html, encoding="utf-8")
