"""The built site in headless Chromium: math typeset, nothing fetched elsewhere,
no accessibility violation, nothing off the screen of a phone.

Every page, English and Chinese, is opened from a local server. It passes when
MathJax typeset every formula (arithmatex elements and notebook markdown)
once, no MathJax error is shown, the browser made no request to another host
and none that failed, the console shows no error, and axe-core (WCAG 2 A and
AA rules, injected from node_modules) finds no violation; in a window 390 px
wide, a phone's width, nothing may run off the screen, and whatever scrolls
sideways shows a cue. Then the reader switches to the dark scheme (Material's
palette toggle) and axe checks the colours again (the rules that read colours:
the scheme changes nothing else); the language switch leads to the twin page.
A sample of pages is also opened by a system that prefers the dark scheme, and
its language switch is followed by a click. Material's search finds Chinese
words on the Chinese pages. Without Chromium these tests are skipped, except
with CI=true, where they fail.

The pages of a test share one browser context per worker (its cache keeps
MathJax), and a page counts as loaded when no request has been open for a
tenth of a second (Playwright's "networkidle" waits half a second).
"""

from urllib.parse import urlsplit

import pytest

import sitecheck

from browsing import (
    CLEAN,
    COLOUR_RULES,
    PHONE_WIDTH,
    assert_scheme,
    assert_typeset,
    axe_violations,
    load,
    rules,
    switch_to_dark,
    typeset_report,
)


@pytest.mark.parametrize("url", sitecheck.page_urls())
def test_page_in_both_schemes(url, session, axe_source):
    """One load in the light scheme, as wide as a desktop and as a phone, then dark."""
    page, report = load(session, url)
    assert_scheme(page, session)
    assert_typeset(report)
    assert report["containers"] >= report["arithmatex"]
    if url.startswith(("notebooks/", "zh/notebooks/")):
        assert report["notebookMath"] > 0, "notebook markdown math was not typeset"
    assert axe_violations(page, axe_source) == [], "light scheme"
    # Material's layout for phones: the page itself never scrolls sideways,
    # and a table, code or formula wider than the screen scrolls in its own
    # box, with a shadow on the side where there is more.
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    page.wait_for_timeout(100)  # Material's resize observers
    overflow = page.evaluate(sitecheck.OVERFLOW_JS)
    assert overflow["offscreen"] is False, f"the page is {overflow['pageWidth']} px wide"
    assert overflow["silent"] == [], "boxes that scroll sideways with no cue"
    # a printed report: each row's weight name and verdict, without scrolling
    assert page.evaluate(sitecheck.REPORT_ROWS_JS) == []
    page.set_viewport_size({"width": 1280, "height": 800})
    switch_to_dark(page)
    assert axe_violations(page, axe_source, COLOUR_RULES) == [], "dark scheme"
    language = sitecheck.LANGUAGES["zh/" if url.startswith("zh/") else ""]
    assert page.evaluate("document.documentElement.lang") == language
    other = "en" if language == "zh" else "zh"
    switch = page.locator(f'.md-header a.md-select__link[hreflang="{other}"]')
    assert switch.evaluate("a => a.href") == session.base_url + twin_url(url)
    assert session.problems() == CLEAN


def twin_url(url):
    """The same page in the other language."""
    return url[len("zh/"):] if url.startswith("zh/") else "zh/" + url


# A page of each kind (home, lesson, notebook, reference), two in each language.
SAMPLE = ["", "zh/lesson4/idea/", "notebooks/step_size/", "zh/reference/"]


@pytest.mark.parametrize("url", SAMPLE)
def test_page_follows_a_dark_system_and_switches_language_in_place(url, open_session,
                                                                   axe_source):
    """A system that prefers the dark scheme gets it; the language switch, clicked,
    leads to the twin page."""
    session = open_session("dark")
    page, report = load(session, url)
    assert_scheme(page, session)
    assert_typeset(report)
    assert axe_violations(page, axe_source, COLOUR_RULES) == []
    language = sitecheck.LANGUAGES["zh/" if url.startswith("zh/") else ""]
    other = "en" if language == "zh" else "zh"
    page.locator(".md-header .md-select").hover()  # the switch opens on hover
    page.locator(f'a.md-select__link[hreflang="{other}"]').click()
    page.wait_for_url(session.base_url + twin_url(url))
    session.wait_quiet(page)
    assert page.evaluate("document.documentElement.lang") == other
    assert session.problems() == CLEAN


SEARCHES = [  # (words, a page among the first five that the search lists)
    ("梯度检查", "zh/lesson4/idea/"),
    ("误差项", "zh/lesson4/hidden-layer/"),  # its section 让输出层的误差项全为 1
    ("gradient checking", "lesson4/idea/"),
]


def search(page, words):
    """The pages Material's search lists for the words, best first (URL paths)."""
    box = page.locator("input.md-search__input")  # in the header, on a desktop
    box.click()
    box.fill(words)
    box.press("End")  # a key, as a reader's typing or input method would send
    page.wait_for_timeout(1500)  # the search worker answers as the reader types
    hrefs = page.locator("a.md-search-result__link").evaluate_all(
        "links => links.map(a => a.href)")
    return list(dict.fromkeys(urlsplit(href).path.lstrip("/") for href in hrefs))


@pytest.mark.parametrize(("words", "expected"), SEARCHES)
def test_search_finds_the_page(words, expected, session):
    """Material's search in the browser; the Chinese pages are split into words
    by jieba when the site is built (search/jieba_terms.txt keeps the course's
    terms whole)."""
    page, _ = load(session, "zh/" if expected.startswith("zh/") else "")
    found = search(page, words)
    assert expected in found[:5], found
    assert session.problems() == CLEAN


def test_search_does_not_find_what_is_not_there(session):
    """The search check, shown to fail: words on no page find nothing."""
    page, _ = load(session, "zh/")
    assert search(page, "鳄鱼") == []  # no word starts with 鳄 or 鱼


def test_the_checks_catch_what_they_look_for(session):
    """Each check above, shown to fail on a page broken on purpose in the browser."""
    page, report = load(session, "")
    doubled = report["doubled"]
    page.evaluate(
        r"""async () => {
          const add = (html) => document.querySelector("article").insertAdjacentHTML("beforeend", html);
          add('<span class="arithmatex" id="bad">\\(\\frac{1}\\)</span>');
          await MathJax.typesetPromise(["#bad"]);
          add('<span class="arithmatex" id="twice">\\(y\\)</span>');
          await MathJax.typesetPromise(["#twice"]);
          await MathJax.typesetPromise(["#twice"]);  // finds the hidden MathML
          add('<span class="arithmatex">\\(x^2\\)</span>');  // never typeset
          new Image().src = "https://cdn.example.invalid/logo.png";
          await fetch("no-such-file.js").catch(() => null);
          console.error("deliberate console error");
        }"""
    )
    session.wait_quiet(page)
    report = page.evaluate(sitecheck.MATH_REPORT_JS)
    assert report["untypeset"] == ["\\(x^2\\)"]
    assert report["raw"] == ["\\(x^2\\)"]
    assert len(report["errors"]) == 1
    assert report["doubled"] == doubled + 1
    assert session.foreign == ["https://cdn.example.invalid/logo.png"]
    assert any("no-such-file.js (404)" in f for f in session.failed)
    assert "deliberate console error" in session.console


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_what_it_looks_for(scheme, open_session, axe_source):
    """The accessibility check, shown to fail on a page broken on purpose.

    One planted fault per kind the site once had, and a missing text
    alternative: words too faint to read, a link set apart by its colour
    only, a box that scrolls but cannot be reached with the keyboard, an
    image without alt text.
    """
    session = open_session(scheme)
    page, _ = load(session, "")
    page.evaluate(
        r"""() => {
          const add = (html) => document.querySelector("article").insertAdjacentHTML("beforeend", html);
          add('<p id="faint" style="color: #777; background: #fff">Faint words.</p>');
          add('<p>Words around <a id="plain" href="#" style="text-decoration: none">a link</a> in a sentence.</p>');
          add('<div id="stuck" style="overflow-x: auto; width: 8em; white-space: nowrap">'
              + 'A line much too long for this narrow box.</div>');
          add('<img id="bare" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="10" height="10">');
        }"""
    )
    violations = axe_violations(page, axe_source)
    assert rules(violations) == {
        "color-contrast", "link-in-text-block", "scrollable-region-focusable", "image-alt"
    }
    for planted in ("#faint", "#plain", "#stuck", "#bare"):
        assert any(planted in v for v in violations), planted
    colours = axe_violations(page, axe_source, COLOUR_RULES)
    assert rules(colours) == {"color-contrast", "link-in-text-block"}


def test_the_dark_check_reads_the_dark_colours(session, axe_source):
    """Words dark grey on the page: readable in the light scheme; after the
    palette toggle, the colour rules find them on the dark background."""
    page, _ = load(session, "")
    page.evaluate("""() => document.querySelector("article").insertAdjacentHTML(
        "beforeend", '<p id="grey" style="color: #333">Dark grey words.</p>')""")
    assert axe_violations(page, axe_source, COLOUR_RULES) == []
    switch_to_dark(page)
    dark = axe_violations(page, axe_source, COLOUR_RULES)
    assert len(dark) == 1 and "#grey" in dark[0] and dark[0].startswith("color-contrast")


def test_the_phone_check_finds_what_it_looks_for(session):
    """The 390 px check, shown to fail: a page too wide, and a box that scrolls
    sideways with no cue (its shadow style removed)."""
    page = session.new_page()
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    page.goto(session.base_url, wait_until="load")
    typeset_report(page)
    session.wait_quiet(page)
    overflow = page.evaluate(sitecheck.OVERFLOW_JS)
    assert overflow["offscreen"] is False and overflow["silent"] == []
    page.evaluate(
        r"""() => {
          const add = (html) => document.querySelector("article").insertAdjacentHTML("beforeend", html);
          add('<pre><code id="bare" style="background: none">' + "x = 1  # ".repeat(20) + '</code></pre>');
          add('<p style="width: 600px">A paragraph wider than the screen.</p>');
        }"""
    )
    overflow = page.evaluate(sitecheck.OVERFLOW_JS)
    assert overflow["offscreen"] is True
    assert len(overflow["silent"]) == 1 and overflow["silent"][0].startswith("code")


def test_the_report_check_finds_a_verdict_off_a_phones_screen(session):
    """A printed report whose rows end in their verdict, 60 columns in, on a
    390 px screen: the verdicts are off the screen, the names are not."""
    page = session.new_page()
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    page.goto(session.base_url + "lesson4/output-layer/", wait_until="load")
    typeset_report(page)
    assert page.evaluate(sitecheck.REPORT_ROWS_JS) == []
    page.evaluate(
        r"""() => {
          const row = (name, verdict) => name.padEnd(8) + "-0.11491627".repeat(4) + "  " + verdict;
          document.querySelector("article").insertAdjacentHTML("beforeend",
            '<div class="result"><div class="highlight"><pre><code>'
            + [row("w53", "pass"), row("w54", "FAIL")].join("
") + '</code></pre></div></div>');
        }"""
    )
    found = page.evaluate(sitecheck.REPORT_ROWS_JS)
    assert [line.split(":")[0] for line in found] == ["verdict off the screen"] * 2
