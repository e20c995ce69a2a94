#!/usr/bin/env python3
"""Render the colour KE logo (docs/assets/logo.svg) to PNG files of fixed sizes.

Why PNGs at all: some systems that municipalities and hospitals publish with (older CMSs,
e-mail signatures, Apple touch icons) do not accept SVG. Why headless Chromium: it is
already on the build machine, so the project needs no image library; the SVG is wrapped
in an HTML page that draws it at exactly N×N pixels on a transparent background.

Run from anywhere: `.venv/bin/python scripts/make_logo_pngs.py`. The PNGs are committed;
re-run this after every change to logo.svg.
"""
from __future__ import annotations

import argparse
import html
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "docs" / "assets" / "logo.svg"
OUT_DIR = ROOT / "docs" / "assets" / "logo"
SIZES = (16, 32, 64, 180, 512)
CHROMIUM = "/usr/bin/chromium"

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><style>
html, body {{ margin: 0; padding: 0; background: transparent; overflow: hidden; }}
img {{ display: block; width: {size}px; height: {size}px; }}
</style></head>
<body><img src="{src}" alt=""></body></html>
"""


def render(svg: Path, size: int, out: Path, chromium: str, workdir: Path) -> None:
    """Screenshot one N×N page that shows the SVG and nothing else."""
    page = workdir / f"logo-{size}.html"
    page.write_text(PAGE.format(size=size, src=html.escape(svg.resolve().as_uri())), encoding="utf-8")
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--no-first-run", "--hide-scrollbars", f"--user-data-dir={workdir / 'profile'}",
        "--default-background-color=00000000", f"--screenshot={out}", f"--window-size={size},{size}",
        page.as_uri(),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=120)
    width, height = png_size(out)
    if (width, height) != (size, size):
        raise RuntimeError(f"{out.name}: Chromium made a {width}×{height} image, expected {size}×{size}")


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the PNG header, so a wrong size fails loudly instead of shipping."""
    header = path.read_bytes()[:24]
    if header[:8] != b"\x89PNG\r\n\x1a\n":
        raise RuntimeError(f"{path.name} is not a PNG file")
    return struct.unpack(">II", header[16:24])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default=CHROMIUM, help=f"path to Chromium (default {CHROMIUM})")
    args = parser.parse_args(argv)
    if not (Path(args.chromium).exists() or shutil.which(args.chromium)):
        print(f"Chromium not found at {args.chromium}; give its path with --chromium", file=sys.stderr)
        return 1
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ke-logo-") as tmp:
        for size in SIZES:
            out = OUT_DIR / f"logo-{size}.png"
            render(SOURCE, size, out, args.chromium, Path(tmp))
            print(f"wrote {out.relative_to(ROOT)} ({size}×{size})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
