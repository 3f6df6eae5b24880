"""Render the seed article from the committed store and photograph it with headless Chromium.

    python scripts/render_screenshot.py                      # writes docs/render-seed.png
    python scripts/render_screenshot.py --width 1200 --height 1500 --out /tmp/page.png

The page is rendered with ``claimtrack.render`` exactly as ``claimtrack
render`` writes it, into a temporary directory, and Chromium loads it from
disk (``--no-sandbox`` because CI containers run as root). Chromium is
Debian's ``chromium`` package (``apt-get install -y chromium``); without it
the script says so and exits 1. When ``pngquant`` is installed (Debian's
``pngquant``) the PNG is cut to 256 colours, a third of its size, for the
repository.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORE = ROOT / "data" / "claims.jsonl"
SEED_DOC = "north-korea-ukraine-army"
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium(explicit: str | None) -> str | None:
    for name in [explicit] if explicit else CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def render_seed(directory: Path) -> Path:
    from claimtrack.render import cluster_sizes_in, load_article, render_html
    from claimtrack.store import ClaimStore

    store = ClaimStore(STORE)
    article = load_article(store, SEED_DOC)
    page = directory / "seed.html"
    page.write_text(render_html(article, cluster_sizes=cluster_sizes_in(store, article.claims)), encoding="utf-8")
    return page


def screenshot(chromium: str, page: Path, out: Path, width: int, height: int) -> None:
    with tempfile.TemporaryDirectory(prefix="claimtrack-chromium-") as profile:
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--disable-extensions",
            "--disable-background-networking",
            f"--user-data-dir={profile}",
            f"--window-size={width},{height}",
            f"--screenshot={out}",
            page.as_uri(),
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": profile})
    if result.returncode != 0 or not out.exists():
        sys.exit(f"chromium failed (exit {result.returncode}): {result.stderr.strip()[-500:]}")


def shrink(png: Path) -> bool:
    """Quantise ``png`` in place with pngquant when it is installed; whether it was."""
    pngquant = shutil.which("pngquant")
    if pngquant is None:
        return False
    subprocess.run([pngquant, "--quality", "70-95", "--speed", "1", "--force", "--output", str(png), str(png)], check=True)
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "render-seed.png", help="PNG to write")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=1400)
    parser.add_argument("--chromium", help=f"Chromium executable (default: the first of {', '.join(CANDIDATES)} on PATH)")
    parser.add_argument("--keep-html", type=Path, help="Also copy the rendered page here")
    args = parser.parse_args()

    chromium = find_chromium(args.chromium)
    if chromium is None:
        sys.exit(f"chromium is not installed (looked for {', '.join(CANDIDATES)}): apt-get install -y chromium")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="claimtrack-render-") as directory:
        page = render_seed(Path(directory))
        if args.keep_html:
            shutil.copyfile(page, args.keep_html)
        args.out.unlink(missing_ok=True)
        screenshot(chromium, page, args.out.resolve(), args.width, args.height)
    shrunk = "quantised with pngquant" if shrink(args.out) else "not quantised: pngquant is not installed"
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB, {args.width}x{args.height}, {shrunk}) with {chromium}")


if __name__ == "__main__":
    main()
