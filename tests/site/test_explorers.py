"""The explorers of the step h, in headless Chromium: the browser's numbers are Python's.

docs/javascripts/explorers.js computes the lesson's numbers in the reader's
browser for h = 10^-k, k = 1 .. 16 (explorers.py writes the markup). Each test
moves k, with the keyboard or by setting the slider's value, reads the numbers
the explorer shows (the text of its ``data-quantity`` cells, and the float64
each cell keeps in ``data-number``), and compares them with what Python
computes for the same h:

- step size (lesson4/step-size and lesson4/central-difference, both
  languages): fclesson's forward_difference and central_difference of
  x² + 3x at x = 2, digit for digit, and the ring on the page's figure at
  the marker the build drew for this k;
- one weight (lesson4/output-layer): the package's loss E(w ± h), its
  numerical_gradient and backpropagation's gradient, for w53, w54 and b5.
  Where the browser's E(w ± h) are NumPy's to the last bit, its estimate is
  numerical_gradient's exactly; where a last bit differs (the browser's exp
  and NumPy's, or a BLAS that adds otherwise), within what that bit moves it.

A copy of the script with a planted error, served in place of the real one
(Playwright's ``page.route``), fails the same checks: a forward difference
where the central one belongs, and (on a machine whose NumPy adds with fused
multiply-adds, as the script does) a plain sum.
"""

import json
import re
from fractions import Fraction

import numpy as np
import pytest

import explorers
import sitecheck
from fclesson import central_difference, forward_difference, gender, numerical_gradient
from browsing import (CLEAN, COLOUR_RULES, DESKTOP, PHONE_WIDTH, Session, axe_violations,
                      switch_to_dark)

# One worker runs them all, so that each page is loaded once (``loaded``).
pytestmark = pytest.mark.xdist_group("explorers")

SCRIPT = sitecheck.DOCS / "javascripts" / "explorers.js"
STEP_SIZE_PAGES = ["lesson4/step-size/", "lesson4/central-difference/",
                   "zh/lesson4/step-size/", "zh/lesson4/central-difference/"]
ONE_WEIGHT_PAGES = ["lesson4/output-layer/", "zh/lesson4/output-layer/"]
KS = explorers.STEPS  # h = 10^-k
WEIGHTS = {"w53": (0, 0), "w54": (0, 1), "b5": (0, 2)}  # (row, column) of the output layer

# Planted errors: (the script's text, what replaces it). Each must occur once.
CENTRAL_AS_FORWARD = [("(f(x + h) - f(x - h)) / (2 * h)", "(f(x + h) - f(x)) / h")]
ONE_WEIGHT_AS_FORWARD = [
    ("W[layer][row][column] = w - h;", "W[layer][row][column] = w;"),  # E(w) for E(w - h)
    ("(Eplus - Eminus) / (2 * h)", "(Eplus - Eminus) / h"),
]
PLAIN_SUM = [("fma(w, below[i], net)", "net + w * below[i]")]


# ------------------------------------------------------------------ helpers


def step(k):
    """h = 10^-k as the page's Python writes it."""
    return 10.0**-k


def f(x):
    return x**2 + 3 * x


def open_explorer(session, url, planted=None, kept=False):
    """The page at ``url`` and its explorer, shown once the script has run.

    ``planted``: replacements in the script, served in place of the real one;
    ``kept``: in a tab of its own, which the next page does not replace.
    """
    page = session.new_page() if kept else session.tab()
    if planted:
        source = SCRIPT.read_text(encoding="utf-8")
        for old, new in planted:
            assert source.count(old) == 1, f"the script no longer holds {old!r}"
            source = source.replace(old, new)
        page.route("**/javascripts/explorers.js",
                   lambda route: route.fulfill(body=source, content_type="text/javascript"))
    page.goto(session.base_url + url, wait_until="load")
    explorer = page.locator("[data-explorer]")
    explorer.wait_for(state="visible")
    return page, explorer


@pytest.fixture(scope="module")
def pages(browser, base_url):
    """The pages of the explorers, each loaded once for the tests that only move
    its controls (each sets the k it reads); a session of their own."""
    session, opened = Session(browser, base_url), {}
    yield session, opened
    session.context.close()


@pytest.fixture
def loaded(pages):
    """``loaded(url)``: the page's (page, explorer), loaded once for the module;
    what the page records is checked clean after each test."""
    session, opened = pages
    session.forget()

    def load(url):
        if url not in opened:
            opened[url] = open_explorer(session, url, kept=True)
        return opened[url]

    yield load
    assert session.problems() == CLEAN


def shown(explorer):
    """{quantity: (text, float64)} of every number the explorer shows."""
    cells = explorer.evaluate(
        """root => [...root.querySelectorAll("[data-quantity]")]
             .filter((cell) => "number" in cell.dataset)
             .map((cell) => [cell.dataset.quantity, cell.textContent, cell.dataset.number])""")
    return {quantity: (text, float(number)) for quantity, text, number in cells}


def set_k(explorer, k):
    explorer.locator('input[type="range"]').fill(str(k))


def rings(page):
    """For each figure series on the page: the ring's centre, the centre of the
    series' marker for the slider's k, and how many markers the series has."""
    return page.evaluate(
        """() => {
          const k = Number(document.querySelector('[data-explorer] input[type="range"]').value);
          const out = {};
          for (const name of ["forward", "central"]) {
            const series = document.getElementById(`step-size-${name}`);
            if (!series) continue;
            const ring = series.querySelector("circle.course-explorer__ring");
            const marker = series.querySelectorAll("use")[k - 1];
            out[name] = {
              ring: ring && ring.style.display !== "none"
                ? [ring.getAttribute("cx"), ring.getAttribute("cy")] : null,
              marker: marker ? [marker.getAttribute("x"), marker.getAttribute("y")] : null,
              markers: series.querySelectorAll("use").length,
            };
          }
          return out;
        }""")


# ------------------------------------------------------------------ step size


def expected_step_size(k):
    """What the step-size explorer must show for h = 10^-k, from fclesson."""
    h = step(k)
    forward, central = forward_difference(f, 2, h), central_difference(f, 2, h)
    return {
        "k": (str(k), k),
        "h": (f"1e-{k}", h),
        "forward": (f"{forward:.15f}", forward),
        "forward-error": (f"{abs(forward - 7):.1e}", abs(forward - 7)),
        "central": (f"{central:.15f}", central),
        "central-error": (f"{abs(central - 7):.1e}", abs(central - 7)),
    }


def check_step_size(page, explorer, k):
    assert shown(explorer) == expected_step_size(k), f"k = {k}"
    lost = explorer.locator('[data-quantity="lost"]')
    assert lost.is_visible() == (2 + step(k) == 2), f"k = {k}"  # 2 + 1e-16 is 2
    series = rings(page)
    assert "forward" in series, "no figure series step-size-forward on the page"
    for name, found in series.items():
        assert found["markers"] == len(KS), f"{name}: one marker per k"
        assert found["ring"] == found["marker"], f"k = {k}: the {name} ring is off its marker"


def test_the_step_is_the_decimal_1e_minus_k():
    """The script's h, Number("1e-k"), is the page's 10.0**-k."""
    assert all(step(k) == float(f"1e-{k}") for k in KS)


@pytest.mark.parametrize("url", STEP_SIZE_PAGES[:2])  # the same script in Chinese
def test_step_size_explorer_by_keyboard(url, loaded):
    """Home, then the right arrow through every k; End and the left arrow."""
    page, explorer = loaded(url)
    set_k(explorer, 4)
    check_step_size(page, explorer, 4)
    slider = explorer.locator('input[type="range"]')
    slider.focus()
    slider.press("Home")
    check_step_size(page, explorer, 1)
    for k in KS[1:]:
        slider.press("ArrowRight")
        check_step_size(page, explorer, k)
    slider.press("ArrowRight")  # no k beyond 16
    check_step_size(page, explorer, 16)
    slider.press("ArrowLeft")
    check_step_size(page, explorer, 15)


@pytest.mark.parametrize("url", STEP_SIZE_PAGES)
def test_step_size_explorer_by_value(url, loaded):
    page, explorer = loaded(url)
    for k in (16, 4, 15, 1, 8, 7):
        set_k(explorer, k)
        check_step_size(page, explorer, k)


def test_step_size_explorer_starts_at_the_lessons_step(session):
    """A page loads with k = 4, h = 1e-4, the step the lesson's code uses."""
    page, explorer = open_explorer(session, STEP_SIZE_PAGES[1])
    check_step_size(page, explorer, 4)
    assert session.problems() == CLEAN


def test_step_size_explorer_shows_the_issues_numbers(loaded):
    """The numbers issue 21 names: at k = 15, and the lesson's k = 4."""
    page, explorer = loaded(STEP_SIZE_PAGES[0])
    set_k(explorer, 15)
    assert shown(explorer)["forward"][0] == "7.105427357601001"
    set_k(explorer, 4)
    numbers = shown(explorer)
    assert numbers["forward"][0] == "7.000100000027487"
    assert numbers["central"][0] == "7.000000000019213"


@pytest.mark.parametrize("url", STEP_SIZE_PAGES[1:2])
def test_a_forward_difference_for_the_central_one_fails(url, session):
    """The planted error shows at k = 4; from k = 8 on both are equal anyway."""
    page, explorer = open_explorer(session, url, planted=CENTRAL_AS_FORWARD)
    set_k(explorer, 8)
    check_step_size(page, explorer, 8)
    set_k(explorer, 4)
    with pytest.raises(AssertionError, match="k = 4"):
        check_step_size(page, explorer, 4)
    assert shown(explorer)["central"][0] == "7.000100000027487"  # the forward one


def test_the_ring_check_fails_off_the_marker(session):
    page, explorer = open_explorer(session, STEP_SIZE_PAGES[0])
    page.evaluate("""() => document.querySelector("circle.course-explorer__ring")
                            .setAttribute("cx", "0")""")
    with pytest.raises(AssertionError, match="ring is off its marker"):
        check_step_size(page, explorer, 4)


# ----------------------------------------------------------------- one weight


@pytest.fixture(scope="module")
def network():
    return gender.network(seed=0), np.array(gender.CHECK_X), np.array(gender.CHECK_TARGET)


def expected_one_weight(net, x, t, row, column, k):
    """E(w + h), E(w - h), numerical_gradient and backprop's gradient, from fclesson.

    With each E, how far the browser's may be from it: one last bit of the
    output y (NumPy's exp and the browser's may differ in it) moves E by
    |dE/dy| spacing(y) = 2 |t - y| spacing(y), and E has a last bit of its own.
    """
    h, W = step(k), net.weights[1]
    w = W[row, column]
    E, slack = [], []
    try:
        for side in (w + h, w - h):
            W[row, column] = side
            y = net.forward(x)
            E.append(net.loss(x, t))
            slack.append(2 * np.sum(np.abs(t - y) * np.spacing(y)) + np.spacing(E[-1]))
    finally:
        W[row, column] = w
    numerical = numerical_gradient(net, x, t, layer=1, row=row, column=column, h=h)
    return E, slack, numerical, net.gradients(x, t)[1][row, column]


def check_one_weight(explorer, net, x, t, name, k):
    where = f"{name}, k = {k}"
    E, slack, numerical, backprop = expected_one_weight(net, x, t, *WEIGHTS[name], k)
    numbers = shown(explorer)
    assert numbers["k"][1] == k and numbers["h"][1] == step(k), where
    for quantity, digits in (("E-plus", 17), ("E-minus", 17), ("numerical", 15),
                             ("backprop", 15)):
        text, value = numbers[quantity]
        assert text == f"{value:.{digits}f}", f"{where}: {quantity} shows {text}"
    text, value = numbers["abs-error"]
    assert value == abs(numbers["backprop"][1] - numbers["numerical"][1]), where
    assert text == f"{value:.1e}", where
    # the lesson's verdict on it, |g - g_hat| < tol = 1e-4, in the page's words
    words = explorer.locator('[data-quantity="result"]').evaluate(
        "cell => [cell.dataset.pass, cell.dataset.fail]")
    assert numbers["result"] == (words[0] if value < 1e-4 else words[1],
                                 1.0 if value < 1e-4 else 0.0), where
    # backpropagation: delta y_j, a few last bits apart at most (one of y moves it)
    assert abs(numbers["backprop"][1] - backprop) <= 1e-14 * abs(backprop), \
        f"{where}: backpropagation"
    for quantity, E_side, allowed in zip(("E-plus", "E-minus"), E, slack):
        assert abs(numbers[quantity][1] - E_side) <= allowed, f"{where}: {quantity}"
    estimate = numbers["numerical"][1]
    if [numbers["E-plus"][1], numbers["E-minus"][1]] == E:
        # the same E, the same formula: numerical_gradient's estimate, exactly
        assert estimate == numerical, f"{where}: {estimate!r} against numerical_gradient"
    else:  # what moves E moves the estimate, divided by 2h
        allowed = sum(slack) / (2 * step(k)) + np.spacing(numerical)
        assert abs(estimate - numerical) <= allowed, \
            f"{where}: {estimate!r} against numerical_gradient's {numerical!r}"


def choose(explorer, name):
    explorer.locator("select").select_option(label=name)


@pytest.mark.parametrize("name", WEIGHTS)
@pytest.mark.parametrize("url", ONE_WEIGHT_PAGES[:1])  # the same script in Chinese
def test_one_weight_explorer_by_keyboard(url, name, loaded, network):
    """Every k of one weight, with the arrow keys, against fclesson."""
    page, explorer = loaded(url)
    choose(explorer, name)
    set_k(explorer, 4)
    check_one_weight(explorer, *network, name, 4)
    slider = explorer.locator('input[type="range"]')
    slider.focus()
    slider.press("Home")
    check_one_weight(explorer, *network, name, 1)
    for k in KS[1:]:
        slider.press("ArrowRight")
        check_one_weight(explorer, *network, name, k)


@pytest.mark.parametrize("url", ONE_WEIGHT_PAGES)
def test_one_weight_explorer_by_value(url, loaded, network):
    page, explorer = loaded(url)
    for name, k in [("w53", 16), ("b5", 4), ("w54", 8), ("w53", 12), ("b5", 1), ("w54", 4)]:
        choose(explorer, name)
        set_k(explorer, k)
        check_one_weight(explorer, *network, name, k)


def test_one_weight_planted_forward_difference_fails(session, network):
    page, explorer = open_explorer(session, ONE_WEIGHT_PAGES[0], planted=ONE_WEIGHT_AS_FORWARD)
    with pytest.raises(AssertionError, match="w53, k = 4"):
        check_one_weight(explorer, *network, "w53", 4)


def test_one_weight_planted_verdict_fails(session, network):
    """A script whose verdict lets every error pass shows pass at k = 16, where
    the central difference is 0: the check says so."""
    planted = [("error < 1e-4 ? 1 : 0", "error < 1e4 ? 1 : 0")]
    page, explorer = open_explorer(session, ONE_WEIGHT_PAGES[0], planted=planted)
    check_one_weight(explorer, *network, "w53", 4)  # passes either way
    set_k(explorer, 16)
    with pytest.raises(AssertionError, match="w53, k = 16"):
        check_one_weight(explorer, *network, "w53", 16)


def numpy_adds_with_fma(net, x):
    """Whether NumPy here computes every net = W [y; 1] of the network as the
    script does: w_j0 y_0 + 0, then each next product added, each one rounded
    once (a fused multiply-add); OpenBLAS does on this project's machines."""
    net_values, y = net.propagate(x)
    for W, below, computed in zip(net.weights, y, net_values):
        below = [*np.ravel(below), 1.0]
        for row, value in zip(W, np.ravel(computed)):
            total = 0.0
            for w, v in zip(row, below):
                total = float(Fraction(w) * Fraction(v) + Fraction(total))
            if total != value:
                return False
    return True


def test_a_plain_sum_misses_numpys_digits(loaded, session, network):
    """Why the script adds w_ji y_i with a fused multiply-add: where NumPy does
    (OpenBLAS on this machine), the explorer's E(w ± h) is NumPy's to the last
    bit, and so its estimate is numerical_gradient's; a plain sum misses b5's
    E(w + h) at the lesson's h by one bit."""
    if not numpy_adds_with_fma(*network[:2]):
        pytest.skip("NumPy on this machine does not add with fused multiply-adds: "
                    "the explorer matches it within rounding only")
    E = expected_one_weight(*network, *WEIGHTS["b5"], 4)[0]
    page, explorer = loaded(ONE_WEIGHT_PAGES[0])
    choose(explorer, "b5")
    set_k(explorer, 4)
    assert [shown(explorer)[q][1] for q in ("E-plus", "E-minus")] == E
    page, explorer = open_explorer(session, ONE_WEIGHT_PAGES[0], planted=PLAIN_SUM)
    choose(explorer, "b5")
    assert [shown(explorer)[q][1] for q in ("E-plus", "E-minus")] != E


def test_one_weight_explorer_follows_the_network_in_the_page(session):
    """The script computes from the JSON the build wrote: a page carrying
    another network (seed 1) shows that network's numbers."""
    other = gender.network(seed=1), np.array(gender.CHECK_X), np.array(gender.CHECK_TARGET)
    page = session.tab()
    url = session.base_url + ONE_WEIGHT_PAGES[0]

    def swap(route):
        body = route.fetch().text()
        data = re.compile(r'(<script type="application/json">)(.*?)(</script>)', re.S)
        assert len(data.findall(body)) == 1
        payload = json.dumps(explorers.one_weight_data(*other))
        route.fulfill(body=data.sub(lambda m: m[1] + payload + m[3], body),
                      content_type="text/html")

    page.route(url, swap)
    page.goto(url, wait_until="load")
    explorer = page.locator("[data-explorer]")
    explorer.wait_for(state="visible")
    for name in WEIGHTS:
        choose(explorer, name)
        check_one_weight(explorer, *other, name, 4)
    seed0 = gender.network(seed=0), *other[1:]
    with pytest.raises(AssertionError, match="b5, k = 4"):
        check_one_weight(explorer, *seed0, "b5", 4)


@pytest.mark.parametrize("url", ONE_WEIGHT_PAGES)
def test_the_page_carries_the_packages_network(url, site):
    """The JSON in the built page is fclesson's gender network at the test point."""
    page = (site / url / "index.html").read_text(encoding="utf-8")
    found = re.findall(r'<script type="application/json">(.*?)</script>', page, re.S)
    assert len(found) == 1
    data = json.loads(found[0])
    assert data == explorers.one_weight_data(
        gender.network(seed=0), gender.CHECK_X, gender.CHECK_TARGET)
    assert [name for name, *_ in data["choices"]] == list(WEIGHTS)


def test_one_weight_data_keeps_every_bit_and_follows_the_package():
    net = gender.network(seed=0)
    data = json.loads(json.dumps(explorers.one_weight_data(net, gender.CHECK_X,
                                                           gender.CHECK_TARGET)))
    assert all(np.array_equal(np.array(W), W0) for W, W0 in zip(data["weights"], net.weights))
    other = explorers.one_weight_data(gender.network(seed=1), gender.CHECK_X,
                                      gender.CHECK_TARGET)
    assert other["weights"] != data["weights"]


def test_one_weight_data_refuses_what_the_script_cannot_compute():
    net = gender.network(seed=0).copy(activations=["sigmoid", "linear"])
    with pytest.raises(ValueError, match="only sigmoid layers"):
        explorers.one_weight_data(net, gender.CHECK_X, gender.CHECK_TARGET)


# ----------------------------------------------------------- fused multiply-add


def fma_cases():
    """(a, b, c) of the network's sizes, and ties of a * b + c between two floats."""
    rng = np.random.default_rng(21)
    cases = [tuple(v) for v in rng.standard_normal((300, 3)) * [1, 1, 1e-3]]
    cases += [tuple(v) for v in rng.uniform(-2, 2, (300, 3))]
    ulp = 2.0**-52
    cases += [
        (1 + 2**-26, 1 + 2**-26, 2**-53),  # 1 + 2^-25 + 2^-52 + 2^-53: a tie
        (1 + 2**-26, 1 - 2**-26, -ulp / 4),  # 1 - 2^-52 - 2^-54
        (1 + ulp, 1 + ulp, -1.0),  # 2 ulp + ulp^2
        (3.0, 1 / 3, -1.0),  # the rounding error of 1/3, exactly
        (0.1, 10.0, -1.0),
        (-0.0, 5.0, 0.0),
        (2.0, 3.0, -6.0),
    ]
    return cases


def test_fma_is_a_times_b_plus_c_rounded_once(loaded):
    page, _ = loaded(STEP_SIZE_PAGES[0])
    cases = fma_cases()
    results = page.evaluate(
        "cases => cases.map(([a, b, c]) => window.courseExplorers.fma(a, b, c))", cases)
    exact = [float(Fraction(a) * Fraction(b) + Fraction(c)) for a, b, c in cases]
    wrong = [(case, got, want) for case, got, want in zip(cases, results, exact)
             if got != want]
    assert wrong == []
    plain = [a * b + c for a, b, c in cases]
    assert plain != exact  # the cases hold some that a plain a * b + c rounds twice


# ------------------------------------------------- reading, keyboard, no script


@pytest.mark.parametrize("url", [*STEP_SIZE_PAGES, *ONE_WEIGHT_PAGES])
def test_explorer_is_labelled_announced_and_fits_a_phone(url, loaded):
    """Its slider and choice are labelled, its numbers announced, and it fits a
    phone's screen. (Each of these pages, explorer included, is also checked by
    axe in both schemes and at 390 px by test_browser.py.)"""
    page, explorer = loaded(url)
    slider = explorer.locator('input[type="range"]')
    set_k(explorer, 9)
    label = slider.evaluate("el => el.labels[0].textContent")
    assert "k = 9" in label and "h = 1e-9" in label
    assert slider.get_attribute("aria-valuetext") == "k = 9, h = 1e-9"
    live = explorer.locator('[aria-live="polite"]')
    numbers = shown(explorer)
    quantity = "forward" if "forward" in numbers else "numerical"
    assert numbers[quantity][0] in live.inner_text()
    if explorer.locator("select").count():
        assert explorer.locator("select").evaluate("el => el.labels.length") == 1
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    page.wait_for_timeout(100)
    box = explorer.bounding_box()
    menus = [menu.bounding_box() for menu in explorer.locator("select").all()]
    page.set_viewport_size(DESKTOP)
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH
    # the weight menu is a finger's target on a phone (it was 62 x 24 px)
    assert all(menu["height"] >= 44 and menu["width"] >= 44 for menu in menus), menus


@pytest.mark.parametrize("url", [STEP_SIZE_PAGES[0], ONE_WEIGHT_PAGES[0]])
def test_explorer_at_the_smallest_step_passes_axe(url, session, axe_source):
    """At k = 16 the explorer shows what it hides at the page's k = 4 (the note
    that 2 + h rounds to 2): axe in both schemes, at 390 px."""
    page, explorer = open_explorer(session, url)
    set_k(explorer, 16)
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    page.wait_for_timeout(100)
    assert axe_violations(page, axe_source) == [], "light scheme"
    overflow = page.evaluate(sitecheck.OVERFLOW_JS)
    assert overflow["offscreen"] is False and overflow["silent"] == []
    switch_to_dark(page)
    assert axe_violations(page, axe_source, COLOUR_RULES) == [], "dark scheme"
    assert session.problems() == CLEAN


# explorers.py writes the markup of every explorer page the same way
@pytest.mark.parametrize("url", [STEP_SIZE_PAGES[2], ONE_WEIGHT_PAGES[0]])
def test_without_javascript_the_page_keeps_its_table_and_figure(url, browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + url, wait_until="load")
        assert page.locator("[data-explorer]").count() == 1
        assert not page.locator("[data-explorer]").is_visible()
        assert page.locator("article .result pre").first.is_visible()  # printed output
        if url in STEP_SIZE_PAGES:
            assert page.locator("svg:has(#step-size-forward)").is_visible()
    finally:
        context.close()


def test_explorer_starts_after_instant_navigation(session, network):
    """With Material's instant navigation a new page replaces the content and
    document$ emits it; the script starts the explorers it brings."""
    page, explorer = open_explorer(session, STEP_SIZE_PAGES[0])
    page.evaluate(
        """async (url) => {
          const html = await (await fetch(url)).text();
          const next = new DOMParser().parseFromString(html, "text/html");
          document.querySelector(".md-content").replaceWith(next.querySelector(".md-content"));
          window.document$.next(document);
        }""",
        session.base_url + ONE_WEIGHT_PAGES[0])
    explorer = page.locator('[data-explorer="one-weight"]')
    explorer.wait_for(state="visible")
    choose(explorer, "w54")
    set_k(explorer, 5)
    check_one_weight(explorer, *network, "w54", 5)
    assert session.problems() == CLEAN
