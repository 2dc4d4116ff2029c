"""The built site in headless Chromium: math typeset, nothing fetched elsewhere.

Every page is opened from a local server. A page passes when MathJax typeset
every formula (arithmatex elements and notebook markdown), no MathJax error is
shown, the browser made no request to another host and none that failed, and
the console shows no error. Without Chromium these tests are skipped, except
with CI=true, where they fail.
"""

import re
from urllib.parse import urlsplit

import pytest

import sitecheck


class Session:
    """One browser context on the local server, with everything it recorded."""

    def __init__(self, browser, base_url):
        self.base_url = base_url
        self.host = urlsplit(base_url).netloc
        self.context = browser.new_context()
        self.foreign, self.failed, self.console = [], [], []
        self.context.on("request", self._request)
        # Requests to any other host are recorded, then stopped in the browser,
        # so a test never sends traffic off this machine.
        self.context.route(re.compile(rf"^(?!{re.escape(base_url)})[a-z]+://"), lambda route: route.abort())
        self.context.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        self.context.on(
            "response", lambda r: r.status >= 400 and self.failed.append(f"{r.url} ({r.status})")
        )

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.scheme not in ("http", "https") or parts.netloc != self.host:
            self.foreign.append(request.url)

    def new_page(self):
        page = self.context.new_page()
        page.on("console", lambda m: m.type == "error" and self.console.append(m.text))
        page.on("pageerror", lambda e: self.console.append(str(e)))
        return page

    def problems(self):
        return {"foreign hosts": self.foreign, "failed": self.failed, "console": self.console}


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


@pytest.fixture
def session(browser, base_url):
    session = Session(browser, base_url)
    yield session
    session.context.close()


def typeset_report(page):
    page.evaluate(sitecheck.MATHJAX_DONE_JS)
    return page.evaluate(sitecheck.MATH_REPORT_JS)


@pytest.mark.parametrize("url", sitecheck.page_urls())
def test_page_typesets_its_math_and_stays_local(url, session):
    page = session.new_page()
    page.goto(session.base_url + url, wait_until="networkidle")
    report = typeset_report(page)
    page.wait_for_load_state("networkidle")  # fonts MathJax asked for
    assert report["untypeset"] == []
    assert report["raw"] == []
    assert report["errors"] == []
    assert report["containers"] >= report["arithmatex"]
    if url.startswith("notebooks/"):
        assert report["notebookMath"] > 0, "notebook markdown math was not typeset"
    assert session.problems() == {"foreign hosts": [], "failed": [], "console": []}


@pytest.mark.parametrize("url", [u for u in sitecheck.page_urls() if u])
def test_instant_navigation_typesets_the_new_page(url, session):
    """Material swaps the page in without reloading; docs/javascripts/mathjax.js re-typesets."""
    page = session.new_page()
    page.goto(session.base_url, wait_until="networkidle")
    typeset_report(page)
    page.evaluate("window.__not_reloaded = true")
    page.locator(f'nav.md-nav a.md-nav__link[href$="{url}"]').first.click()
    page.wait_for_url(session.base_url + url)
    page.wait_for_function(
        f"() => {{ const r = ({sitecheck.MATH_REPORT_JS})(); return !r.untypeset.length && !r.raw.length; }}",
        timeout=15000,
    )
    report = typeset_report(page)
    assert page.evaluate("window.__not_reloaded === true"), "the link reloaded the page"
    assert report["untypeset"] == [] and report["raw"] == [] and report["errors"] == []
    assert session.problems() == {"foreign hosts": [], "failed": [], "console": []}


def test_the_checks_catch_what_they_look_for(session):
    """Each check above, shown to fail on a page broken on purpose in the browser."""
    page = session.new_page()
    page.goto(session.base_url, wait_until="networkidle")
    typeset_report(page)
    page.evaluate(
        r"""async () => {
          const add = (html) => document.querySelector("article").insertAdjacentHTML("beforeend", html);
          add('<span class="arithmatex" id="bad">\\(\\frac{1}\\)</span>');
          await MathJax.typesetPromise(["#bad"]);
          add('<span class="arithmatex">\\(x^2\\)</span>');  // never typeset
          new Image().src = "https://cdn.example.invalid/logo.png";
          await fetch("no-such-file.js").catch(() => null);
          console.error("deliberate console error");
        }"""
    )
    page.wait_for_load_state("networkidle")
    report = page.evaluate(sitecheck.MATH_REPORT_JS)
    assert report["untypeset"] == ["\\(x^2\\)"]
    assert report["raw"] == ["\\(x^2\\)"]
    assert len(report["errors"]) == 1
    assert session.foreign == ["https://cdn.example.invalid/logo.png"]
    assert any("no-such-file.js (404)" in f for f in session.failed)
    assert "deliberate console error" in session.console
