"""The content security policy every built page carries, as a <meta> tag computed from the page itself.

Why a meta tag with hashes: the site is static and may be served by any host, so the policy travels with the page.
Material for MkDocs writes two small inline scripts into every page (``__md_scope=new URL("../..",location)…``,
which differs with the page's depth, and the scroll-to-anchor snippet at the end). Copying them into files would
mean overriding Material's base template and following it on every update; hashing them after the page is rendered
follows whatever Material writes, and any other inline script (an injected one) is refused by the browser. Only
executable scripts are hashed: JSON-LD and Material's ``__config`` are data blocks, which a policy does not govern.

The policy (``POLICY``): everything from the site itself; scripts only from the site or with one of the page's
hashes; ``'wasm-unsafe-eval'`` for Pagefind's WebAssembly search; styles only from the site's stylesheets (no
inline ``<style>`` or ``style=""``: the coverage map's colours are in docs/assets/ke.css); ``data:`` images for the
icons Material's stylesheet embeds; no plugins; no ``<base>`` elsewhere; forms only to the site. A meta tag cannot
carry ``frame-ancestors`` or ``X-Content-Type-Options``: the sample host configurations in deploy/ add those
(ARCHITECTURE.md, 'Content security policy').
"""
from __future__ import annotations

import base64
import hashlib
import re

REFERRER_POLICY = "strict-origin-when-cross-origin"
POLICY = (
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'{hashes}",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)
# What a browser runs as a script: no type, or a JavaScript MIME type, or a module (HTML's list, shortened to the
# types anyone writes; everything else, application/json and application/ld+json included, is a data block).
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript", "application/ecmascript"}
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\stype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>\s*(<meta\s+charset=[^>]*>)?", re.IGNORECASE)
_EXISTING = re.compile(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>\s*<meta name="referrer"[^>]*>',
                       re.IGNORECASE)


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-…' of every inline script a browser would run, in page order, each once."""
    hashes: list[str] = []
    for match in _SCRIPT.finditer(html):
        attributes, body = match.group(1), match.group(2)
        if _SRC.search(attributes):
            continue
        kind = _TYPE.search(attributes)
        script_type = next((g for g in kind.groups() if g is not None), "") if kind else ""
        if script_type.strip().lower() not in _SCRIPT_TYPES:
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        if f"'sha256-{digest}'" not in hashes:
            hashes.append(f"'sha256-{digest}'")
    return hashes


def policy_for(html: str) -> str:
    """The policy of one page: the site's rules plus the hashes of the page's own inline scripts."""
    hashes = "".join(" " + h for h in inline_script_hashes(html))
    return "; ".join(directive.format(hashes=hashes) for directive in POLICY)


def with_policy(html: str) -> str:
    """The page with its policy and referrer policy as the first elements of <head> (after <meta charset>), so
    they govern every script and stylesheet that follows. Idempotent; a page without <head> is left as it is."""
    html = _EXISTING.sub("", html, count=1)
    head = _HEAD.search(html)
    if head is None:
        return html
    tags = (f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
            f'<meta name="referrer" content="{REFERRER_POLICY}">')
    return html[:head.end()] + tags + html[head.end():]
