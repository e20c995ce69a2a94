#!/usr/bin/env python3
"""Import a spreadsheet (CSV) of KE contact updates into data/municipalities/*.yaml.

Usage:
  python scripts/import_contacts.py updates.csv            # dry run: show what would change
  python scripts/import_contacts.py updates.csv --write    # change the files
  python scripts/import_contacts.py updates.csv --data path/to/data

Columns (row 1): kommunenummer (required), unit, phone ("69 22 55 00 / 800 30 061"), phone_label,
email, web, visiting_address, postal_address, opening_hours, her_id, source_url, retrieved (YYYY-MM-DD),
confirmed_by_ke (ja/nei), evidence (live-page / ke-confirmed / stored-copy).
An empty cell leaves the field as it is; `-` clears it. Comma or semicolon
separated, UTF-8 (Excel's "CSV UTF-8" works).

A row with any error is skipped as a whole and reported as `updates.csv:row N:column C: what (fix)`;
the other rows are still applied. The full validator then runs on the result.
Exit status: 0 when every row was valid and the data validates, 1 otherwise.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ke_finder.editor.contact_import import ImportResult, import_contacts

ROOT = Path(__file__).resolve().parent.parent

REMINDER = ("Reminder: publish only the unit's own contacts (shared mailbox, switchboard, the unit's line), "
            "never a person's name, mobile number or e-mail address. Check the diff for them before --write.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Import KE contact updates from a CSV file.")
    parser.add_argument("csv", type=Path, help="the spreadsheet, saved as CSV (UTF-8)")
    parser.add_argument("--data", type=Path, default=ROOT / "data", help="the data folder (default: data/)")
    parser.add_argument("--write", action="store_true", help="change the files (default: only show the diff)")
    args = parser.parse_args(argv)
    if not args.csv.is_file():
        print(f"{args.csv}: no such file", file=sys.stderr)
        return 1

    result = import_contacts(args.csv, args.data.resolve(), write=args.write)
    for change in result.changes:
        print(change.diff(), end="")
    for problem in result.problems:
        print(problem)
    print_summary(result)
    return 1 if result.problems or result.validation_errors else 0


def print_summary(result: ImportResult) -> None:
    files = len(result.changes)
    refused = result.rows_read - len(result.applied_rows)
    print()
    print(f"{result.rows_read} row(s) read, {len(result.applied_rows)} applied, {refused} refused.")
    if result.problems and not result.applied_rows and any(p.row == 1 for p in result.problems):
        print("Nothing was applied: fix the header row first.")
    if result.written:
        print(f"{files} file(s) written.")
    else:
        print(f"Dry run: {files} file(s) would change; nothing was written. Run again with --write to apply.")
    if result.validation_errors:
        where = "in the data" if result.written else "in the data as it would be after this import"
        print(f"The validator found {len(result.validation_errors)} error(s) {where}:")
        for error in result.validation_errors:
            print(f"  {error}")
    else:
        print("The validator found no errors" + (" after the import." if result.written else " in the result."))
    for warning in result.validation_warnings:
        print(f"  {warning}")
    print(REMINDER)


if __name__ == "__main__":
    sys.exit(main())
