"""Fixtures of the site tests: the browser, and screenshots of failures.

The build of the site, shared with the page fences, is in sitebuild.py.
"""

import os
from pathlib import Path

import pytest

import sitecheck

# The pages in fixtures/ are built or tested on purpose by the tests, never
# collected as part of the suite (they fail by design).
collect_ignore = ["fixtures"]


@pytest.fixture(scope="session")
def chromium():
    """Path of headless Chromium: skipped without one, failed on CI."""
    executable = sitecheck.find_chromium()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        message = "the playwright package is not installed"
    else:
        message = None if executable else (
            "no Chromium found (looked for $CHROMIUM, or /usr/bin/chromium); "
            "install Debian's chromium to run the browser tests"
        )
    if message:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " -- required when CI=true")
        pytest.skip(message)
    return executable


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failed browser test, save its pages as PNGs in $SITE_FAILURE_SCREENSHOTS.

    The test workflow sets that folder and uploads it as an artifact.
    """
    report = yield
    folder = os.environ.get("SITE_FAILURE_SCREENSHOTS")
    session = item.funcargs.get("session") if hasattr(item, "funcargs") else None
    if folder and report.when == "call" and report.failed and session is not None:
        name = "".join(c if c.isalnum() or c in "-_." else "_" for c in item.nodeid)
        for k, page in enumerate(session.context.pages):
            path = Path(folder) / f"{name}-{k}.png"
            path.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(path), full_page=True)
    return report
