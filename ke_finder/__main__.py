"""The data layer from the command line, without any site generator.

    python -m ke_finder validate [FILE ...]   check data/ (report only FILEs' errors when given)
    python -m ke_finder stage                 write the generated pages into docs/
    python -m ke_finder extras SITE_DIR       write exports and the search index into a built site
    python -m ke_finder discover --out DIR …  editors: find KE details on the owners' websites (network)
    python -m ke_finder verify --out DIR …    editors: check published KE details on their live pages (network)
    python -m ke_finder accept CANDIDATES.json OWNER [--fields …] [--write]
                                              accept a reviewed crawl candidate into OWNER's data file
    python -m ke_finder apply FILE ...        apply corrections from the form (saved e-mail, pasted block, or
                                              the downloaded .yaml); --write writes them
    python -m ke_finder confirm-requests --out DIR --date YYYY-MM-DD
                                              write one confirmation request per KE owner (.eml + CSV)

Exit status: 0 on success, 1 on data errors (each as file:line:column: field: message (fix)).
"""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from .pipeline import Project, extras, load, stage
from .source.errors import DataInvalid
from .source.load import check_data, data_warnings


def validate(data_dir: Path, files: list[Path]) -> int:
    # Cross-file rules (a cooperation naming an unknown municipality…) need the whole folder,
    # so the whole folder is always checked; file arguments only filter what is reported.
    data = data_dir.resolve()
    errors, warnings = check_data(data)
    if files:
        wanted = {str(f.parent.resolve() / f.name) for f in files}
        errors, warnings = ([e for e in found if str(data.parent / e.file) in wanted] for found in (errors, warnings))
    for problem in errors + warnings:
        print(problem)
    if errors:
        print(f"{len(errors)} error(s)" + (f", {len(warnings)} warning(s)." if warnings else "."), file=sys.stderr)
        return 1
    checked = ", ".join(str(f) for f in files) if files else str(data_dir)
    note = f" ({len(warnings)} warning(s): files the build does not read)" if warnings else ""
    print(f"OK: {checked} is valid{note}.", file=sys.stderr)
    return 0


def accept(args: argparse.Namespace, data_dir: Path) -> int:
    """Dry run by default: the diff, what was accepted and refused, and the validator's verdict."""
    from .editor.accept import AcceptError, accept_candidate  # an editor tool: not loaded for a build

    try:
        result = accept_candidate(args.candidates, args.owner, data_dir.resolve(), fields=args.fields,
                                  write=args.write)
    except AcceptError as exc:
        print(f"{args.candidates}: {exc}", file=sys.stderr)
        return 1
    if result.change:
        print(result.change.diff(), end="")
    for line in result.accepted:
        print(f"accepted: {line}")
    for line in result.refused:
        print(f"refused: {line}")
    for line in result.cleared:
        print(f"cleared: {line}")
    for problem in result.validation_errors:
        print(problem)
    if result.validation_errors:
        print(f"{len(result.validation_errors)} error(s): nothing written.", file=sys.stderr)
        return 1
    if result.change is None:
        print("Nothing to change: the file already says this.", file=sys.stderr)
    elif result.written:
        print(f"{result.change.display} written; the data validates.", file=sys.stderr)
    else:
        print("Dry run: the data would validate. Check the diff for personal names and numbers, then add --write.",
              file=sys.stderr)
    return 0


def iso_day(text: str) -> date:
    """An argparse type: a date written YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def apply(data_dir: Path, args: argparse.Namespace) -> int:
    """Show (and with --write, write) the changes the form's messages or files hold."""
    from .editor.apply_change import apply_files

    result = apply_files(args.files, data_dir, write=args.write, confirmed_by_ke=args.confirmed_by_ke,
                         checked_live=args.checked_live, today=args.date)
    for applied in result.applied:
        print(f"{applied.incoming.origin} -> {applied.display} ({applied.incoming.block.entry})")
        for line in applied.summary:
            print(f"  change: {line}")
        for hint in applied.hints:
            print(f"  note: {hint}")
        if applied.after != applied.before:
            print(applied.diff(), end="")
    for problem in result.problems:
        print(f"error: {problem}", file=sys.stderr)
    for error in result.validation_errors:
        print(error, file=sys.stderr)
    if result.problems or result.validation_errors:
        print("Nothing was written." if args.write else "Fix the errors first.", file=sys.stderr)
        return 1
    if result.written:
        print(f"Wrote {sum(a.after != a.before for a in result.applied)} file(s).", file=sys.stderr)
    else:
        print("Dry run: nothing written (add --write to write).", file=sys.stderr)
    return 0


def confirm_requests(directory_loader: Project, args: argparse.Namespace) -> int:
    """Write the confirmation requests (never sends mail)."""
    import os

    from .editor.confirm_requests import build_requests, write_requests
    from .pipeline import load

    site_url = args.site_url or os.environ.get("SITE_URL", "")
    sender = args.sender or os.environ.get("KE_EDITOR_EMAIL", "")
    if not site_url.startswith(("https://", "http://")):
        print("confirm-requests needs the site's public address for its links: set SITE_URL or give --site-url",
              file=sys.stderr)
        return 2
    if "@" not in sender:
        print("confirm-requests needs the editors' address for From: set KE_EDITOR_EMAIL or give --from",
              file=sys.stderr)
        return 2
    directory = load(directory_loader)
    requests = build_requests(directory, directory_loader.data_dir, site_url, set(args.only) if args.only else None)
    csv_path = write_requests(requests, args.out, sender, args.date, site_url)
    without = sum(1 for r in requests if not r.to)
    print(f"wrote {len(requests)} message(s) and {csv_path} ({without} without a known address: send by hand)",
          file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ke_finder", description="The KE finder's data layer.")
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="project folder (default: current)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check the data files")
    check.add_argument("files", nargs="*", type=Path, help="data files to report on (default: all)")
    check.add_argument("--data", type=Path, help="the data folder (default: the project's data/)")
    commands.add_parser("stage", help="write the generated pages into docs/")
    extra = commands.add_parser("extras", help="write exports and the search index into a built site")
    extra.add_argument("site_dir", type=Path)
    extra.add_argument("--no-search", action="store_true", help="skip the search index")
    # The crawler's commands take their own arguments (ke_finder/discovery/cli.py); the crawler's libraries are
    # imported only here, so the data layer's commands and the site build never load them.
    commands.add_parser("discover", help="editors: find KE details on the owners' websites (python -m ke_finder "
                        "discover --help)", add_help=False)
    commands.add_parser("verify", help="editors: check published KE details on their live pages (python -m "
                        "ke_finder verify --help)", add_help=False)
    take = commands.add_parser("accept", help="accept a reviewed crawl candidate into an owner's data file")
    take.add_argument("candidates", type=Path, help="candidates.json written by discover")
    take.add_argument("owner", help="municipality number ('3911') or hospital-trust id ('unn')")
    take.add_argument("--fields", nargs="+", metavar="FIELD",
                      help="what to accept: unit phones email web visiting_address postal_address phone_hours "
                           "switchboard (default: every value not flagged), or one flagged value by name: "
                           "phone=NUMBER email=ADDRESS switchboard-phone=NUMBER switchboard-email=ADDRESS")
    take.add_argument("--write", action="store_true", help="change the file (default: only show the diff)")
    take.add_argument("--data", type=Path, help="the data folder (default: the project's data/)")
    change = commands.add_parser("apply", help="apply corrections sent from the correction form")
    change.add_argument("files", nargs="+", type=Path, help="a saved e-mail (.eml), a text with the change block, "
                        "or the downloaded data file (.yaml)")
    change.add_argument("--write", action="store_true", help="write the change (default: show it only)")
    change.add_argument("--confirmed-by-ke", type=iso_day, metavar="DATE",
                        help="record that the KE confirmed the details on DATE (only when you know it is the KE)")
    change.add_argument("--checked-live", type=iso_day, metavar="DATE",
                        help="record that you checked the details on the live web page on DATE")
    change.add_argument("--date", type=iso_day, default=date.today(), metavar="DATE",
                        help="the date of the change-log item (default: today)")
    change.add_argument("--data", type=Path, help="the data folder (default: the project's data/)")
    ask = commands.add_parser("confirm-requests", help="write one confirmation request per KE owner (.eml + CSV)")
    ask.add_argument("--out", type=Path, required=True, help="folder for the .eml files and requests.csv")
    ask.add_argument("--date", type=iso_day, required=True, metavar="DATE",
                     help="the messages' date (no clock: the same data and date give the same files)")
    ask.add_argument("--only", nargs="+", metavar="ID", help="entry ids (kommune-1804, helseforetak-unn) or "
                     "municipality numbers")
    ask.add_argument("--site-url", help="the site's public address for the links (default: SITE_URL)")
    ask.add_argument("--from", dest="sender", help="the editors' address (default: KE_EDITOR_EMAIL)")
    args, rest = parser.parse_known_args(argv)
    project = Project(args.project.resolve())
    if args.command in ("discover", "verify"):
        from .discovery.cli import main as crawler_main

        return crawler_main(args.command, rest, project.data_dir)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    if args.command == "confirm-requests":
        try:
            return confirm_requests(project, args)
        except DataInvalid as exc:
            print(exc.report(), file=sys.stderr)
            return 1
    if args.command == "validate":
        return validate(args.data or project.data_dir, args.files)
    if args.command == "accept":
        return accept(args, args.data or project.data_dir)
    if args.command == "apply":
        if args.confirmed_by_ke and args.checked_live:
            parser.error("give --confirmed-by-ke or --checked-live, not both")
        return apply((args.data or project.data_dir).resolve(), args)
    try:
        directory = load(project)
        for warning in data_warnings(project.data_dir):
            print(warning, file=sys.stderr)
    except DataInvalid as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    if args.command == "stage":
        written, removed = stage(project, directory)
        print(f"wrote {written} and removed {removed} generated page(s)", file=sys.stderr)
    else:
        extras(project, args.site_dir.resolve(), directory, search=not args.no_search)
    return 0


if __name__ == "__main__":
    sys.exit(main())
