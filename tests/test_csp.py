"""The content security policy (issue 19, item 5): every built page carries it, and the site works under it.

Static half: every HTML page of the build has the policy as the first element of <head> (after <meta charset>),
with exactly the hashes of its own inline scripts, no 'unsafe-inline' or 'unsafe-eval', and no inline style.
Browser half: one page per template (not every page) in Chromium, with the interactive scripts exercised (finder,
Pagefind search with its WebAssembly, correction form, map keyboard, quiz, service filter), failing on any
`securitypolicyviolation` report; and proof that the listener hears one when an inline handler is injected.
"""
from __future__ import annotations

import re
from pathlib import Path

from ke_finder.site.csp import POLICY, REFERRER_POLICY, inline_script_hashes, policy_for, with_policy

TEMPLATES = Path(__file__).resolve().parent.parent / "ke_finder" / "site" / "templates"
META = re.compile(r'<head>\s*<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="([^"]*)">'
                  r'<meta name="referrer" content="([^"]*)">')
# One page per template: the generated pages' templates (ke_finder/site/templates/*.md.j2) and the theme's own
# pages (docs/*.md with their scripts, overrides/404.html). A glob picks the first page of its kind.
PAGES = {
    "home": "index.html", "municipality": "kommune/3911/index.html", "hospital_trust": "helseforetak/ahus/index.html",
    "hospital_trusts": "helseforetak/index.html", "cooperation": "samarbeid/*/index.html",
    "cooperations": "samarbeid/index.html", "counties": "fylke/index.html", "county": "fylke/39/index.html",
    "coverage": "dekning/index.html", "service": "tjeneste/barnekoordinator/index.html",
    "services": "tjeneste/index.html", "quiz": "quiz/index.html", "guide": "guides/individual-plan/index.html",
    "about": "about/data/index.html", "search": "search/index.html", "correction": "correction/index.html",
    "message-helper": "message-helper/index.html", "logo": "logo/index.html", "404": "404.html",
    "english": "en/kommune/0301/index.html",
}
LISTEN = ("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push("
          "[e.violatedDirective, e.blockedURI, e.sourceFile + ':' + e.lineNumber, e.sample]));")


def test_the_policy_is_strict() -> None:
    policy = policy_for("<script>a()</script><script type=application/ld+json>{}</script><script src=x.js></script>")
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy and "*" not in policy
    for directive in ("default-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'self'",
                      "'wasm-unsafe-eval'"):
        assert directive in policy
    assert len(inline_script_hashes("<script>a()</script><script type=application/ld+json>{}</script>")) == 1
    page = with_policy('<html><head><meta charset="utf-8"><script>a()</script></head></html>')
    assert with_policy(page) == page  # idempotent
    assert page.count("Content-Security-Policy") == 1 and f'content="{REFERRER_POLICY}"' in page
    assert len(POLICY) == 9


def test_every_page_carries_its_policy_and_no_inline_style(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        html = path.read_text(encoding="utf-8")
        meta = META.search(html)
        assert meta, f"{path}: no policy right after <meta charset>"
        assert meta.group(1) == policy_for(html), path
        assert meta.group(2) == REFERRER_POLICY
        assert "<style" not in html and not re.search(r"\sstyle=", html), f"{path}: inline style"
        assert not re.search(r"\son[a-z]+=", html), f"{path}: inline event handler"


def test_every_template_is_covered() -> None:
    generated = {p.name.removesuffix(".md.j2") for p in TEMPLATES.glob("*.md.j2") if not p.name.startswith("_")}
    assert generated <= set(PAGES), generated - set(PAGES)


def test_every_template_works_under_the_policy(chromium, site_url: str, built_site: Path) -> None:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
    context.add_init_script(LISTEN)
    page = context.new_page()
    reports: dict[str, list] = {}
    visited = []
    for name, pattern in PAGES.items():
        found = sorted(built_site.glob(pattern))
        if not found:
            assert "*" in pattern, f"{name}: {pattern} is missing from the build"
            continue  # no page of this kind in the data (cooperations: the data has none yet)
        rel = found[0].relative_to(built_site).as_posix().removesuffix("index.html")
        query = {"search": "?q=Tjenestekontoret", "correction": "?entry=kommune-3911"}.get(name, "")
        page.goto(site_url + rel + query, wait_until="networkidle")
        if name == "home":  # the finder: its index is fetched and searched
            box = page.get_by_role("combobox")
            box.click()
            box.press_sequentially("Færder", delay=10)
            page.wait_for_selector("#ke-finder-option-0")
        elif name == "search":  # Pagefind's WebAssembly needs 'wasm-unsafe-eval'
            page.wait_for_selector(".pagefind-ui__result-title")
        elif name == "correction":
            page.wait_for_selector(".ke-form")
            page.fill("#ke-phone-1", "33 00 11 22")
            page.click(".ke-form button[type=submit]")
            page.wait_for_selector(".ke-form__result:not([hidden])")
        elif name == "coverage":
            page.locator(".ke-map a").first.focus()
            page.keyboard.press("ArrowRight")
        elif name == "quiz":
            page.locator(".ke-quiz-option input").first.check()
        elif name == "service":
            select = page.locator(".ke-filters select").first
            if select.count():
                select.select_option(index=1)
        page.wait_for_timeout(100)
        visited.append(name)
        found_reports = page.evaluate("window.__csp")
        if found_reports:
            reports[name] = found_reports
    assert not reports, reports
    assert {"home", "search", "correction", "coverage", "quiz", "municipality", "404"} <= set(visited)
    # The listener hears a violation: an injected inline handler is refused and reported.
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=\"data:,x\" onerror=\"window.__ran = 1\">')")
    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("window.__ran") is None
    context.close()


def _header_blocks(text: str) -> dict[str, dict[str, str]]:
    """deploy/_headers as {path pattern: {header: value}} (detach lines '! Name' as value None)."""
    blocks: dict[str, dict[str, str]] = {}
    current = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            current = blocks.setdefault(line.strip(), {})
        elif current is not None and line.strip().startswith("!"):
            current[line.strip()[1:].strip()] = "DETACHED"
        elif current is not None:
            name, value = line.strip().split(":", 1)
            current[f"{name}+"] = value.strip()
    return blocks


def test_sample_host_headers_allow_framing_of_embed_only() -> None:
    root = Path(__file__).resolve().parent.parent / "deploy"
    blocks = _header_blocks((root / "_headers").read_text(encoding="utf-8"))
    site, embed = blocks["/*"], blocks["/embed/*"]
    assert "frame-ancestors 'self'" in site["Content-Security-Policy+"] and site["X-Frame-Options+"] == "SAMEORIGIN"
    assert site["X-Content-Type-Options+"] == "nosniff" and site["Referrer-Policy+"] == REFERRER_POLICY
    assert embed["Content-Security-Policy"] == embed["X-Frame-Options"] == "DETACHED"
    assert "frame-ancestors *" in embed["Content-Security-Policy+"] and "X-Frame-Options+" not in embed
    nginx = (root / "nginx.conf").read_text(encoding="utf-8")
    server, location = nginx.split("location /embed/ {", 1)
    assert "frame-ancestors 'self'" in server and 'X-Frame-Options "SAMEORIGIN"' in server
    assert "frame-ancestors *" in location and "X-Frame-Options" not in location.split("}", 1)[0]
    for part in (server, location):  # nginx: a location's add_header replaces the inherited ones
        assert 'X-Content-Type-Options "nosniff" always' in part and f'Referrer-Policy "{REFERRER_POLICY}"' in part
