"""The commands `python -m ke_finder discover` and `python -m ke_finder verify`: arguments, owners, one crawl.

Scrapy's Twisted reactor cannot be restarted inside one process, so each command is one crawl in its own process
(the tests run it through subprocess).
"""
from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import astuple
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from ..model import Directory
from ..source.errors import DataInvalid
from ..source.load import load_directory
from .items import Owner, RequestRow
from .settings import (DEFAULT_CONCURRENCY, DEFAULT_DELAY, DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES, DEFAULT_TIMEOUT,
                       Politeness, editor_email, scrapy_settings)

DEFAULT_CACHE = Path(".cache") / "discovery-http"


def add_arguments(parser: argparse.ArgumentParser, verify: bool) -> None:
    parser.add_argument("--out", type=Path, required=True, help="folder for the results (created)")
    parser.add_argument("--data", type=Path, help="the data folder (default: the project's data/)")
    parser.add_argument("--only", nargs="+", default=[], metavar="OWNER",
                        help="only these municipality numbers or hospital-trust ids (cooperation ids for verify)")
    parser.add_argument("--site", action="append", default=[], metavar="OWNER=URL",
                        help=("replace the source URL of that entry" if verify else "start at this URL instead of "
                              "the owner's website") + " (a moved site; tests)")
    parser.add_argument("--delay", type=float, default=DEFAULT_DELAY,
                        help=f"seconds between two requests to one host (default {DEFAULT_DELAY}); robots.txt's "
                        "Crawl-delay wins when it is longer")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per request")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help="largest answer read, in bytes")
    parser.add_argument("--concurrency", type=int, default=DEFAULT_CONCURRENCY, help="hosts fetched at once")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE,
                        help="HTTP cache folder: a re-run sends conditional requests (default .cache/discovery-http)")
    parser.add_argument("--no-cache", action="store_true", help="no HTTP cache")
    parser.add_argument("--verbose", action="store_true", help="Scrapy's log at INFO level")
    if verify:
        parser.add_argument("--apply", action="store_true",
                            help="write evidence: live-page (today) into the files of confirmed entries")
    else:
        parser.add_argument("--max-pages", type=int, default=DEFAULT_MAX_PAGES, help="pages per owner")


def parse_sites(values: list[str]) -> dict[str, str]:
    sites = {}
    for value in values:
        owner, sep, url = value.partition("=")
        if not sep or not url.lower().startswith(("http://", "https://")):
            raise SystemExit(f"--site {value!r}: write OWNER=URL with an http(s) URL")
        sites[owner.strip()] = url.strip()
    return sites


def load(data_dir: Path) -> Directory:
    try:
        return load_directory(data_dir)
    except DataInvalid as exc:
        print(exc.report(), file=sys.stderr)
        raise SystemExit(1) from None


def owners_of(directory: Directory, only: list[str], sites: dict[str, str]) -> list[Owner]:
    owners = [Owner(m.number, "municipality", m.name, m.website, m.website) for m in directory.municipalities.values()]
    owners += [Owner(t.id, "hospital-trust", t.name, t.website, t.website) for t in directory.hospital_trusts.values()]
    known = {owner.id for owner in owners}
    unknown = sorted((set(only) | set(sites)) - known)
    if unknown:
        raise SystemExit(f"unknown owner(s): {', '.join(unknown)} (a municipality number or a hospital-trust id)")
    for owner in owners:
        if owner.id in sites:
            owner.start_url = sites[owner.id]
    return [owner for owner in owners if not only or owner.id in only]


def politeness(args: argparse.Namespace) -> Politeness:
    return Politeness(delay=args.delay, max_pages=getattr(args, "max_pages", 1), timeout=args.timeout,
                      max_bytes=args.max_bytes, concurrency=args.concurrency)


def crawl_settings(args: argparse.Namespace) -> dict[str, Any]:
    email = editor_email()
    if not email:
        print("warning: KE_EDITOR_EMAIL is not set: the User-Agent names the project but gives site owners no "
              "address to write to. Set it before crawling other people's sites.", file=sys.stderr)
    return scrapy_settings(politeness(args), None if args.no_cache else args.cache, email,
                           "INFO" if args.verbose else "WARNING")


def write_requests(path: Path, rows: list[RequestRow]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(RequestRow.FIELDS)
        for row in sorted(rows, key=lambda r: r.started_at):
            writer.writerow(astuple(row))


def run_crawl(settings: dict[str, Any], spider_class: type, **spider_args: Any) -> Any:
    """One crawl in this process; returns the spider with what it collected."""
    import logging

    from scrapy.crawler import CrawlerProcess

    process = CrawlerProcess(settings)
    if settings.get("LOG_LEVEL") != "INFO":
        # A robots.txt that cannot be fetched is logged with a traceback; requests.csv already has the failure.
        logging.getLogger("scrapy.downloadermiddlewares.robotstxt").setLevel(logging.CRITICAL)
    crawler = process.create_crawler(spider_class)
    process.crawl(crawler, **spider_args)
    process.start()
    return crawler.spider


def discover(args: argparse.Namespace, project_data: Path) -> int:
    from . import candidates, report
    from .extract import service_terms
    from .spiders import OwnerSpider

    data_dir = args.data or project_data
    directory = load(data_dir)
    owners = owners_of(directory, args.only, parse_sites(args.site))
    args.out.mkdir(parents=True, exist_ok=True)
    terms = service_terms({code: s.names for code, s in directory.services.items()})
    today = date.today()
    started = datetime.now(timezone.utc)
    spider = run_crawl(crawl_settings(args), OwnerSpider, owners=owners, max_pages=args.max_pages, terms=terms,
                       today=today)
    doc = candidates.document([spider.found[o.id] for o in owners], today, started)
    candidates.write(doc, args.out / "candidates.json")
    write_requests(args.out / "requests.csv", spider.request_log)
    names = {o.id: o.name for o in owners}
    today_data: dict[str, Any] = {}
    for owner in owners:
        ke = (directory.ke_for(directory.municipalities[owner.id]) if owner.kind == "municipality"
              else directory.hospital_trusts[owner.id].ke)
        today_data[owner.id] = report.today_summary(ke)
    report.write_report(args.out / "report.html", doc, names, today_data)
    seconds = (datetime.now(timezone.utc) - started).total_seconds()
    found = sum(1 for c in doc["owners"] if c["url"])
    print(f"{len(owners)} owner(s), {found} with a KE or related page, {len(spider.request_log)} request(s) in "
          f"{seconds:.1f} s: {args.out / 'candidates.json'}, {args.out / 'report.html'}, {args.out / 'requests.csv'}",
          file=sys.stderr)
    return 0


def verify_command(args: argparse.Namespace, project_data: Path) -> int:
    from . import verify

    data_dir = (args.data or project_data).resolve()
    directory = load(data_dir)
    entries = verify.entries_of(directory, data_dir, args.only, parse_sites(args.site))
    args.out.mkdir(parents=True, exist_ok=True)
    spider = run_crawl(crawl_settings(args), verify.VerifySpider, entries=entries)
    today = date.today()
    doc = verify.report_document(spider.results, today)
    if args.apply:
        applied, errors = verify.apply(data_dir, doc, today)
        doc["applied"] = applied
        if errors:
            for error in errors:
                print(error, file=sys.stderr)
            print("nothing was written: the result would not validate", file=sys.stderr)
            return 1
    verify.write(doc, args.out)
    write_requests(args.out / "requests.csv", spider.request_log)
    summary = ", ".join(f"{status} {count}" for status, count in doc["summary"].items())
    print(f"{len(entries)} entr(y/ies) checked: {summary}"
          + (f"; {len(doc.get('applied', []))} file(s) upgraded to live-page" if args.apply else "")
          + f": {args.out / 'verify.json'}, {args.out / 'verify.html'}", file=sys.stderr)
    return 0


def main(command: str, argv: list[str], project_data: Path) -> int:
    """`python -m ke_finder discover|verify …` (ke_finder/__main__.py hands over the arguments after the command)."""
    verify = command == "verify"
    parser = argparse.ArgumentParser(prog=f"python -m ke_finder {command}",
                                     description=(verify_description if verify else discover_description))
    add_arguments(parser, verify)
    args = parser.parse_args(argv)
    return verify_command(args, project_data) if verify else discover(args, project_data)


discover_description = ("Find KE pages, contact details, switchboards and rehabilitation offers on the municipalities' "
                        "and hospital trusts' own websites; write candidates.json, report.html and requests.csv.")
verify_description = ("Check every published KE detail against its source page; write verify.json and verify.html; "
                      "--apply upgrades confirmed entries to evidence: live-page.")
