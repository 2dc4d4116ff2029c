"""Save screenshots of the built site, to look at what a reader sees.

    python tests/site/screenshot.py [--out DIR] [--dark] [URL ...]

Builds the site into a temporary folder, serves it on 127.0.0.1 and saves one
full-page PNG per page (all pages when no URL is given, e.g. ``lesson4/central-difference/``)
into DIR (default /tmp/fclesson-screenshots), once MathJax has finished.
"""

import argparse
import sys
import tempfile
from pathlib import Path

import sitecheck


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="*", help="page paths below the site root")
    parser.add_argument("--out", type=Path, default=Path("/tmp/fclesson-screenshots"))
    parser.add_argument("--dark", action="store_true", help="the dark palette")
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    chromium = sitecheck.find_chromium()
    if chromium is None:
        sys.exit("no Chromium found: install Debian's chromium")
    args.out.mkdir(parents=True, exist_ok=True)
    urls = args.urls or sitecheck.page_urls()
    with tempfile.TemporaryDirectory() as site, sitecheck.serve(site) as base:
        build = sitecheck.mkdocs_build(site, site_url=base)
        if build.returncode != 0:
            sys.exit(build.stdout + build.stderr)
        with sync_playwright() as playwright:
            browser = sitecheck.launch(playwright, chromium)
            page = browser.new_page(
                viewport={"width": args.width, "height": 900},
                color_scheme="dark" if args.dark else "light",
            )
            for url in urls:
                page.goto(base + url, wait_until="networkidle")
                page.evaluate(sitecheck.MATHJAX_DONE_JS)
                page.wait_for_load_state("networkidle")
                name = (url.strip("/").replace("/", "-") or "index")
                name += "-dark.png" if args.dark else ".png"
                page.screenshot(path=args.out / name, full_page=True)
                print(args.out / name)
            browser.close()


if __name__ == "__main__":
    main()
