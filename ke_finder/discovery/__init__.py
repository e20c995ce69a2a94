"""The editors' crawler: `python -m ke_finder discover` and `python -m ke_finder verify`.

It reads the municipalities' and hospital trusts' own websites (politely: robots.txt, one request per second per
host, a page cap, only the owner's host, HTML only) and writes candidates for an editor to review; `verify`
re-checks every published KE detail against its source page. Laid out like a Scrapy project: settings
(politeness), spiders (what to visit), extract (what a finding is), items and candidates (the output contract,
`data/api-schemas/candidates.schema.json`), report (the HTML an editor reads), verify, cli.

Never imported by the site build (import-linter contract in pyproject.toml): Scrapy, Twisted, trafilatura and
htmldate are editor tools, and the site must build without them.
"""
