"""Pages in headless Chromium: the session that records what a page did, and
the checks the browser tests share (test_browser.py, test_explorers.py).

Nothing here is a test; the fixtures that open sessions are in conftest.py.
"""

from urllib.parse import urlsplit

import sitecheck

PHONE_WIDTH = 390
SCHEME_ATTRIBUTE = {"light": "default", "dark": "slate"}  # Material's names
CLEAN = {"foreign hosts": [], "failed": [], "console": []}
# The axe rules whose verdict depends on colours, run again in the dark scheme.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
DESKTOP = {"width": 1280, "height": 720}  # Playwright's default window
QUIET_MS = 100  # no request open for this long: the page has loaded what it needs


class Session:
    """One browser context on the local server, with everything it recorded."""

    def __init__(self, browser, base_url, color_scheme="light"):
        self.base_url = base_url
        self.host = urlsplit(base_url).netloc
        self.color_scheme = color_scheme
        self.context = browser.new_context(color_scheme=color_scheme, viewport=DESKTOP)
        self._tab = None
        # A reader's stored palette would outlive the page: every page starts
        # from the system's preference, as in a new browser.
        self.context.add_init_script("localStorage.clear()")
        self.foreign, self.failed, self.console = [], [], []
        self.open_requests = set()
        self.context.on("request", self._request)
        self.context.on("requestfinished", self._closed)
        self.context.on("requestfailed", self._closed)
        # Requests to any other host are recorded; the browser cannot resolve
        # their names (sitecheck.CHROMIUM_ARGS), so none leaves this machine.
        self.context.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        self.context.on(
            "response", lambda r: r.status >= 400 and self.failed.append(f"{r.url} ({r.status})")
        )

    def _request(self, request):
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        self.open_requests.add(request)
        if parts.scheme not in ("http", "https") or parts.netloc != self.host:
            self.foreign.append(request.url)

    def _closed(self, request):
        self.open_requests.discard(request)

    def wait_quiet(self, page, timeout_ms=15000):
        """Wait until no request of this context has been open for QUIET_MS."""
        quiet = waited = 0
        while quiet < QUIET_MS:
            if waited > timeout_ms:
                still = sorted(r.url for r in self.open_requests)
                raise AssertionError(f"requests still open after {timeout_ms} ms: {still}")
            page.wait_for_timeout(20)  # lets Playwright deliver the events
            waited += 20
            quiet = 0 if self.open_requests else quiet + 20

    def reset(self):
        """Forget what earlier tests recorded; close their pages, and empty the
        tab: no page, route or window size of theirs is left in it."""
        for page in self.context.pages:
            if page is not self._tab:
                page.close()
        if self._tab is not None and not self._tab.is_closed():
            self._tab.unroute_all(behavior="ignoreErrors")
            self._tab.set_viewport_size(DESKTOP)
            self._tab.goto("about:blank")  # the last page's requests and workers end
        self.forget()

    def forget(self):
        """Forget what earlier tests recorded, keeping their pages open."""
        self.foreign, self.failed, self.console = [], [], []
        self.open_requests = set()

    def tab(self):
        """The session's tab, for the next page a test opens.

        One tab serves test after test (``reset`` empties it in between): a
        page loaded in it is a new document, but its renderer keeps the
        scripts it compiled (MathJax's 1.2 MB among them), which saves about a
        CPU-second a page.
        """
        if self._tab is None or self._tab.is_closed():
            self._tab = self.new_page()
        return self._tab

    def new_page(self):
        """A tab of its own, for a test that keeps several pages open."""
        page = self.context.new_page()
        page.on("console", lambda m: m.type == "error" and self.console.append(m.text))
        page.on("pageerror", lambda e: self.console.append(str(e)))
        return page

    def problems(self):
        return {"foreign hosts": self.foreign, "failed": self.failed, "console": self.console}



def typeset_report(page):
    page.evaluate(sitecheck.MATHJAX_DONE_JS)
    return page.evaluate(sitecheck.MATH_REPORT_JS)


def assert_typeset(report):
    assert report["untypeset"] == []
    assert report["raw"] == []
    assert report["errors"] == []
    assert report["doubled"] == 0, "formulas typeset twice (docs/javascripts/mathjax.js)"


def assert_scheme(page, session):
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    assert scheme == SCHEME_ATTRIBUTE[session.color_scheme]


def axe_violations(page, axe_source, rules=None):
    """Every element that breaks a WCAG 2 A or AA rule (or one of ``rules``), one line each."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    return [
        f"{v['rule']}: {v['target']} {v['html']!r} -- {v['why']}"
        for v in page.evaluate(sitecheck.AXE_RUN_JS, rules)
    ]


def load(session, url):
    """A new page of the session at url, once MathJax is done and the page quiet."""
    page = session.tab()
    page.goto(session.base_url + url, wait_until="load")
    report = typeset_report(page)
    session.wait_quiet(page)  # fonts MathJax asked for
    return page, report


def switch_to_dark(page):
    """The reader's choice of the dark scheme: Material's palette toggle (in the
    header), clicked in the page."""
    page.evaluate("""async () => {
      document.querySelector('.md-header label[for="__palette_1"]').click();
      while (document.body.dataset.mdColorScheme !== "slate") {
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      // the colours fade in (Material's CSS transitions): wait for the last;
      // a transition another replaces ends cancelled (its promise rejects)
      await new Promise((resolve) => requestAnimationFrame(resolve));
      for (let round = 0; round < 20 && document.getAnimations().length; round++) {
        await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null)));
      }
    }""")


def rules(violations):
    return {v.split(":", 1)[0] for v in violations}
