"""The pages read like a lesson: short, code without scaffolding, nothing too wide.

The checks that keep the text and the code in sync run in the suite, out of
the reader's way (hidden lines, see README "How pages are tested"); these
targets keep them out of sight, and keep the lesson short enough to read in a
sitting. Words are counted in the built HTML, outside code, math and tables
(reading.py); shown code includes printed results and collapsed blocks. A
Chinese page is measured in Chinese characters, about 1.5 to a word of its
English twin; its code is the English page's, and is held to the same targets.
"""

import pytest

import reading
import sitecheck

LESSON = ("lesson4/", "recap/", "exercises/", "notebooks/", "own-code/")
WORDS_PER_PAGE = 1000  # lesson4/, recap/, the notebook and own-code/
WORDS_IN_ALL = {"lesson4/": 4000, "recap/": 2000, "beyond/": 10000}
VISIBLE_ASSERTS = 20  # on all lesson, recap, exercise and notebook pages together
CHARACTERS_PER_WORD = 1.5  # the targets of a Chinese page, from the English ones
LANGUAGES = ["", "zh/"]


@pytest.fixture(scope="module")
def pages(site):
    return {url: reading.read(site / url / "index.html") for url in sitecheck.page_urls()}


def lesson_pages(pages, language):
    parts = tuple(language + part for part in LESSON)
    return {url: page for url, page in pages.items() if url.startswith(parts)}


def length(page, language):
    """A page's length in English words: Chinese characters count 1/1.5 word."""
    return page.chinese / CHARACTERS_PER_WORD if language else page.words


@pytest.mark.parametrize("url", [
    language + u for language in LANGUAGES for u in sitecheck.page_urls()
    if u.startswith(("lesson4/", "recap/", "notebooks/", "own-code/"))
])
def test_a_page_is_read_in_a_sitting(pages, url):
    assert length(pages[url], url.startswith("zh/")) <= WORDS_PER_PAGE


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("prefix", sorted(WORDS_IN_ALL))
def test_words_of_each_part(pages, prefix, language):
    words = sum(length(page, language) for url, page in pages.items()
                if url.startswith(language + prefix))
    assert words <= WORDS_IN_ALL[prefix]


@pytest.mark.parametrize("language", LANGUAGES)
def test_checks_are_out_of_sight(pages, language):
    shown = {url: page.asserts for url, page in lesson_pages(pages, language).items()
             if page.asserts}
    assert sum(map(len, shown.values())) <= VISIBLE_ASSERTS, shown


@pytest.mark.parametrize("language", LANGUAGES)
def test_shown_code_fits_a_page(pages, language):
    wide = {url: page.wide() for url, page in lesson_pages(pages, language).items()
            if page.wide()}
    assert wide == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_raw_tex_in_shown_code(pages, language):
    tex = {url: page.raw_tex for url, page in lesson_pages(pages, language).items()
           if page.raw_tex}
    assert tex == {}


def test_the_counts_see_what_a_reader_sees():
    """Hidden text, code and math are not prose; collapsed blocks are read."""
    page = """<article class="md-content__inner">
      <p>Three short words.</p>
      <pre><code>assert x == 1
    x = 2</code></pre>
      <details><summary>Answer</summary><pre><code>assert y</code></pre></details>
      <div hidden><p>not shown at all</p><pre>assert z</pre></div>
      <span class="arithmatex">\\(x^2\\)</span> <table><tr><td>a cell</td></tr></table>
      <pre><code>print("$\\frac{1}{2}$") and a line well over eighty-eight characters long, wider than a page of code can show</code></pre>
    </article>"""
    parser = reading._Parser()
    parser.feed(page)
    text = " ".join(parser.prose).split()
    assert "Three" in text and "cell" not in text and "shown" not in text
    lines = [line for line in "".join(parser.code).splitlines() if line.strip()]
    result = reading.Reading(0, lines)
    assert [line.strip() for line in result.asserts] == ["assert x == 1", "assert y"]
    assert len(result.wide()) == 1 and len(result.raw_tex) == 1
    assert parser.figures == 0
    chinese = reading.Reading(0, ["print('" + "误差" * 20 + "')"])  # 49 characters
    assert len(chinese.code_lines[0]) == 49 and chinese.wide() == chinese.code_lines


def test_figures_are_counted():
    """pagefigure's figures and a notebook's image outputs; hidden ones are not."""
    page = """<article class="md-content__inner">
      <figure class="course-figure"><svg></svg></figure>
      <div class="jp-RenderedSVG jp-OutputArea-output"><svg></svg></div>
      <div hidden><figure></figure></div>
    </article><figure>outside the article</figure>"""
    parser = reading._Parser()
    parser.feed(page)
    assert parser.figures == 2
