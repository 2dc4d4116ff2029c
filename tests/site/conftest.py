"""Fixtures of the site tests: the browser, and screenshots of failures.

The build of the site, shared with the page fences, is in sitebuild.py; the
browser session and the checks the browser tests share, in browsing.py.
"""

import os
from pathlib import Path

import pytest

import sitecheck
from browsing import Session

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


@pytest.fixture(scope="module")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = sitecheck.launch(playwright, chromium)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def base_url(site, site_server):
    return site_server[1]


@pytest.fixture(scope="module")
def shared_sessions(browser, base_url):
    """One session per colour scheme for the whole module (the cache stays warm)."""
    sessions = {}
    yield lambda scheme: sessions.setdefault(scheme, Session(browser, base_url, scheme))
    for session in sessions.values():
        session.context.close()


@pytest.fixture
def open_session(shared_sessions):
    """Opens the shared session of a colour scheme, cleared for this test."""
    opened = []

    def open_(color_scheme="light"):
        session = shared_sessions(color_scheme)
        session.reset()
        opened.append(session)
        return session

    yield open_
    for session in opened:
        session.reset()


@pytest.fixture
def session(open_session):
    return open_session("light")


@pytest.fixture(scope="module")
def axe_source():
    """axe-core's code, from node_modules: injected, never fetched from a CDN."""
    if not sitecheck.AXE.is_file():
        pytest.fail(f"axe-core is missing: {sitecheck.AXE}; run `npm ci` (make setup)")
    return sitecheck.AXE.read_text(encoding="utf-8")


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
