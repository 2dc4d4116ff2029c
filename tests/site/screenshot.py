"""Save screenshots of the built site, to look at what a reader sees.

    python tests/site/screenshot.py [--out DIR] [--dark] [--phone | --width PX]
                                    [--site DIR] [URL ...]

Builds the site into a temporary folder (or serves one already built with
``--site``), serves it on 127.0.0.1 and saves one full-page PNG per page (all
pages when no URL is given, e.g. ``lesson4/central-difference/``) into DIR
(default /tmp/fclesson-screenshots), once MathJax has finished.

``--dark`` emulates a reader whose system prefers the dark scheme (the palette
follows the media query). ``--phone`` is a phone: 390 px wide, touch, mobile
viewport; ``--width`` only changes the width of a desktop window. The file name
says which: ``lesson4-step-size-390-dark.png``.
"""

import argparse
import contextlib
import sys
import tempfile
from pathlib import Path

import sitecheck

PHONE = {  # an iPhone 12 to 15, in CSS pixels
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="*", help="page paths below the site root")
    parser.add_argument("--out", type=Path, default=Path("/tmp/fclesson-screenshots"))
    parser.add_argument("--dark", action="store_true", help="the dark palette")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--phone", action="store_true", help="a 390 px wide phone")
    size.add_argument("--width", type=int, default=1280, help="window width in px")
    parser.add_argument(
        "--site", type=Path,
        help="a site already built (with mkdocs build); default: build one now",
    )
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    chromium = sitecheck.find_chromium()
    if chromium is None:
        sys.exit("no Chromium found: install Debian's chromium")
    args.out.mkdir(parents=True, exist_ok=True)
    urls = args.urls or sitecheck.page_urls()
    options = dict(PHONE) if args.phone else {"viewport": {"width": args.width, "height": 900}}
    options["color_scheme"] = "dark" if args.dark else "light"
    suffix = "-390" if args.phone else ("" if args.width == 1280 else f"-{args.width}")
    suffix += "-dark" if args.dark else ""
    with contextlib.ExitStack() as stack:
        if args.site:
            site = args.site
        else:
            site = stack.enter_context(tempfile.TemporaryDirectory())
        base = stack.enter_context(sitecheck.serve(site))
        if not args.site:
            build = sitecheck.mkdocs_build(site, site_url=base)
            if build.returncode != 0:
                sys.exit(build.stdout + build.stderr)
        with sync_playwright() as playwright:
            browser = sitecheck.launch(playwright, chromium)
            page = browser.new_context(**options).new_page()
            for url in urls:
                page.goto(base + url, wait_until="networkidle")
                page.evaluate(sitecheck.MATHJAX_DONE_JS)
                page.wait_for_load_state("networkidle")
                name = (url.strip("/").replace("/", "-") or "index") + suffix + ".png"
                page.screenshot(path=args.out / name, full_page=True)
                print(args.out / name)
            browser.close()


if __name__ == "__main__":
    main()
