"""Take full-page screenshots of site pages with Debian's Chromium.

Usage: python scripts/screenshot.py http://127.0.0.1:8000/ [more URLs] [--width 320] [--out DIR]
"""

import argparse
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("urls", nargs="+")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--out", default="test-artifacts/screenshots")
    parser.add_argument("--no-js", action="store_true")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": args.width, "height": 900}, java_script_enabled=not args.no_js
        )
        page = context.new_page()
        for url in args.urls:
            page.goto(url)
            name = re.sub(r"[^a-z0-9]+", "-", url.split("//", 1)[-1].lower()).strip("-")
            path = out / f"{name}-{args.width}.png"
            page.screenshot(path=str(path), full_page=True)
            print(path)
        browser.close()


if __name__ == "__main__":
    main()
