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

The tests of a worker share one browser context and load their pages in one
tab (browsing.Session.tab): the cache keeps MathJax's files and the renderer
the code it compiled from them, so a page loads in about a third of the CPU
time a new tab takes. A page counts as loaded when no request has been open
for a tenth of a second (Playwright's "networkidle" waits half a second).
"""

import re
from urllib.parse import urlsplit

import pytest

import chinese_output
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


def generated(url):
    """A page of the Traditional edition: a Simplified page converted (hooks/traditional.py)."""
    return url.startswith(tuple(sitecheck.GENERATED))


# A Traditional page is its Simplified twin with other characters, tag for tag
# and attribute for attribute, its language and language switch checked on
# every page (test_traditional.py): what the browser finds on the Simplified
# page holds for it. The browser opens a sample of them, one of each kind:
# the home page, prose with formulas, a printed report, an explorer, a figure
# with a table, the notebook.
GENERATED_SAMPLE = ["zh-Hant/", "zh-Hant/lesson4/idea/", "zh-Hant/lesson4/output-layer/",
                    "zh-Hant/lesson4/step-size/", "zh-Hant/beyond/performance/",
                    "zh-Hant/notebooks/step_size/"]
BROWSED = [url for url in sitecheck.page_urls() if not generated(url) or url in GENERATED_SAMPLE]
assert set(GENERATED_SAMPLE) <= set(BROWSED)  # each a page of the site


@pytest.mark.parametrize("url", BROWSED)
def test_page_in_both_schemes(url, session, axe_source):
    """One load in the light scheme, as wide as a desktop and as a phone, then dark.

    axe runs on every page built from docs/, and on a sample of the generated
    ones (test_a_generated_page_passes_axe).
    """
    page, report = load(session, url)
    assert_scheme(page, session)
    assert_typeset(report)
    assert report["containers"] >= report["arithmatex"]
    if "notebooks/" in url:
        assert report["notebookMath"] > 0, "notebook markdown math was not typeset"
    if not generated(url):
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
    # the words of a figure stay readable
    assert page.evaluate(sitecheck.FIGURE_TEXT_JS, sitecheck.FIGURE_TEXT_PX) == []
    # what a Chinese page prints is Chinese (the API reference shows the
    # package's docstrings, in English, and prints nothing)
    if sitecheck.language_of(url) != "en" and not url.endswith("reference/"):
        shown = page.evaluate(chinese_output.OUTPUT_TEXT_JS)
        assert chinese_output.shown_english(shown, chinese_output.chinese_source(url)) == []
    page.set_viewport_size({"width": 1280, "height": 800})
    if not generated(url):
        switch_to_dark(page)
        assert axe_violations(page, axe_source, COLOUR_RULES) == [], "dark scheme"
    language = sitecheck.language_of(url)
    assert page.evaluate("document.documentElement.lang") == language
    for other in sitecheck.LANGUAGES.values():
        switch = page.locator(f'.md-header a.md-select__link[hreflang="{other}"]')
        assert switch.evaluate("a => a.href") == session.base_url + twin_url(url, other)
    assert session.problems() == CLEAN


def twin_url(url, language):
    """The same page in another language."""
    prefixes = {lang: prefix for prefix, lang in sitecheck.LANGUAGES.items()}
    here = prefixes[sitecheck.language_of(url)]
    return prefixes[language] + url[len(here):]


@pytest.mark.parametrize("url", ["zh-Hant/lesson4/idea/", "zh-Hant/notebooks/step_size/"])
def test_a_generated_page_passes_axe(url, session, axe_source):
    page, _ = load(session, url)
    assert axe_violations(page, axe_source) == [], "light scheme"
    switch_to_dark(page)
    assert axe_violations(page, axe_source, COLOUR_RULES) == [], "dark scheme"
    assert session.problems() == CLEAN


# A page of each kind (home, lesson, notebook, reference), in each language.
SAMPLE = ["", "zh/lesson4/idea/", "notebooks/step_size/", "zh/own-code/",
          "zh-Hant/recap/backprop/"]
SWITCH_TO = {"en": "zh", "zh": "zh-Hant", "zh-Hant": "en"}


@pytest.mark.parametrize("url", SAMPLE)
def test_page_follows_a_dark_system_and_switches_language_in_place(url, open_session,
                                                                   axe_source):
    """A system that prefers the dark scheme gets it; the language switch, clicked,
    leads to the twin page, at the same section."""
    session = open_session("dark")
    page, report = load(session, url + "#notation-not-a-section")
    assert_scheme(page, session)
    assert_typeset(report)
    if not generated(url):
        assert axe_violations(page, axe_source, COLOUR_RULES) == []
    other = SWITCH_TO[sitecheck.language_of(url)]
    page.locator(".md-header .md-select").hover()  # the switch opens on hover
    page.locator(f'a.md-select__link[hreflang="{other}"]').click()
    page.wait_for_url(session.base_url + twin_url(url, other) + "#notation-not-a-section")
    session.wait_quiet(page)
    assert page.evaluate("document.documentElement.lang") == other
    assert session.problems() == CLEAN


# A term the course teaches, typed into the search box of a language's site,
# and the page that teaches it (the glossary's "introduced in"): it must be
# among the first three results, and every result a page of that language.
SEARCHES = [
    ("forward difference", "lesson4/derivative/"),
    ("central difference", "lesson4/central-difference/"),
    ("backpropagation", "recap/backprop/"),
    ("error term", "recap/backprop/"),
    ("rounding error", "lesson4/step-size/"),
    ("relative error", "beyond/relative-error/"),
    ("complex step", "beyond/complex-step/"),
    ("hidden layer", "recap/forward/"),
    ("gradient checking", "lesson4/idea/"),
    ("gender demo", "recap/gender-demo/"),
    ("float32", "beyond/float32/"),
    ("check_function", "own-code/"),
    ("中心差分", "zh/lesson4/central-difference/"),
    ("前向差分", "zh/lesson4/derivative/"),
    ("反向传播", "zh/recap/backprop/"),
    ("误差项", "zh/recap/backprop/"),
    ("舍入误差", "zh/lesson4/step-size/"),
    ("相对误差", "zh/beyond/relative-error/"),
    ("复步长", "zh/beyond/complex-step/"),
    ("隐藏层", "zh/recap/forward/"),
    ("梯度检查", "zh/lesson4/idea/"),
    ("判断性别", "zh/recap/gender-demo/"),
    ("中心差分", "zh-Hant/lesson4/central-difference/"),
    ("前向差分", "zh-Hant/lesson4/derivative/"),
    ("反向傳播", "zh-Hant/recap/backprop/"),
    ("誤差項", "zh-Hant/recap/backprop/"),
    ("捨入誤差", "zh-Hant/lesson4/step-size/"),
    ("相對誤差", "zh-Hant/beyond/relative-error/"),
    ("複步長", "zh-Hant/beyond/complex-step/"),
    ("隱藏層", "zh-Hant/recap/forward/"),
    ("梯度檢查", "zh-Hant/lesson4/idea/"),
    ("判斷性別", "zh-Hant/recap/gender-demo/"),
]


def search(page, words):
    """The pages Material's search lists for the words, best first (URL paths),
    and the snippets it shows."""
    box = page.locator("input.md-search__input")  # in the header, on a desktop
    box.click()
    box.fill(words)
    box.press("End")  # a key, as a reader's typing or input method would send
    # the search worker answers as the reader types: wait until its list of
    # results has stayed the same for a quarter of a second (at most 3 s)
    links = page.locator("a.md-search-result__link")
    seen, steady = None, 0
    for _ in range(60):
        page.wait_for_timeout(50)
        now = links.evaluate_all("links => links.map(a => a.href).join(' ')")
        steady = steady + 1 if now == seen and now else 0
        seen = now
        if steady >= 5:
            break
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    snippets = links.evaluate_all("links => links.map(a => a.textContent)")
    return list(dict.fromkeys(urlsplit(href).path.lstrip("/") for href in hrefs)), snippets


def home_of(url):
    return next((p for p in sitecheck.LANGUAGES if p and url.startswith(p)), "")


@pytest.mark.parametrize(("words", "expected"), SEARCHES)
def test_search_finds_the_page_that_teaches_it(words, expected, session):
    """Material's search in the browser, offline; each language's site searches
    its own pages (hooks/search_by_language.py)."""
    page, _ = load(session, home_of(expected))
    found, snippets = search(page, words)
    assert expected in found[:3], found
    assert {home_of(url) for url in found} == {home_of(expected)}, found
    assert not [s for s in snippets if re.search(r"\\[()\[\]]|\\frac|\\delta", s)]
    assert session.problems() == CLEAN


def test_search_does_not_find_what_is_not_there(session):
    """The search check, shown to fail: words on no page find nothing."""
    page, _ = load(session, "zh/")
    assert search(page, "鳄鱼")[0] == []  # no word starts with 鳄 or 鱼


def test_search_test_fails_when_the_page_is_not_indexed(session):
    """A planted regression: the index served without the page that teaches
    forward differences; the page is no longer found."""
    import json

    def without_the_page(route):
        index = json.loads(route.fetch().text())
        index["docs"] = [d for d in index["docs"]
                         if not d["location"].startswith("lesson4/derivative/")]
        route.fulfill(body=json.dumps(index), content_type="application/json")

    session.context.route("**/search/search_index.json", without_the_page)
    try:
        page, _ = load(session, "")
        found, _ = search(page, "forward difference")
        assert found and "lesson4/derivative/" not in found
    finally:
        session.context.unroute("**/search/search_index.json")


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
    page = session.tab()
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
    page = session.tab()
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    page.goto(session.base_url + "lesson4/output-layer/", wait_until="load")
    typeset_report(page)
    assert page.evaluate(sitecheck.REPORT_ROWS_JS) == []
    page.evaluate(
        r"""() => {
          const row = (name, verdict) => name.padEnd(8) + "-0.11491627".repeat(4) + "  " + verdict;
          document.querySelector("article").insertAdjacentHTML("beforeend",
            '<div class="result"><div class="highlight"><pre><code>'
            + [row("w53", "pass"), row("w54", "FAIL"), row("w55", "失败")].join("\n")
            + '</code></pre></div></div>');
        }"""
    )
    found = page.evaluate(sitecheck.REPORT_ROWS_JS)
    assert [line.split(":")[0] for line in found] == ["verdict off the screen"] * 3


def test_the_figure_check_finds_text_too_small_on_a_phone(session):
    """A figure drawn 1,000 units wide with 12-unit text, on a 390 px screen:
    its text is about 4 px, and the check says so; the page's own is not."""
    page = session.tab()
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    page.goto(session.base_url + "lesson4/step-size/", wait_until="load")
    typeset_report(page)
    assert page.evaluate(sitecheck.FIGURE_TEXT_JS, sitecheck.FIGURE_TEXT_PX) == []
    page.evaluate(
        r"""() => document.querySelector("article").insertAdjacentHTML("beforeend",
          '<svg viewBox="0 0 1000 500" style="width: 100%"><text x="10" y="20" '
          + 'style="font-size: 12px">tiny label</text></svg>')"""
    )
    found = page.evaluate(sitecheck.FIGURE_TEXT_JS, sitecheck.FIGURE_TEXT_PX)
    assert len(found) == 1 and found[0].startswith("tiny label: 4.")


def test_the_output_scan_finds_english_on_a_chinese_page(session):
    """An English line planted in a Chinese page's output is found; the page's
    own outputs have none."""
    page = session.tab()
    page.goto(session.base_url + "zh/lesson4/output-layer/", wait_until="load")
    source = chinese_output.chinese_source("zh/lesson4/output-layer/")
    assert chinese_output.shown_english(page.evaluate(chinese_output.OUTPUT_TEXT_JS), source) == []
    page.evaluate(
        r"""() => document.querySelector("article .result pre").insertAdjacentText(
          "beforeend", "\nworst: w31 passes")"""
    )
    found = chinese_output.shown_english(page.evaluate(chinese_output.OUTPUT_TEXT_JS), source)
    assert found == ["passes", "worst"]
