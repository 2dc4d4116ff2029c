"""The site builds with ``--strict``, and the strict build catches broken pages.

The build itself is the session fixture ``built_site`` (conftest.py), shared
with test_browser.py. Each fixture under fixtures/ is built with a config that
inherits the real mkdocs.yml, and must fail for its own reason.
"""

import html
import html.parser
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

import sitecheck

sys.path.insert(0, str(sitecheck.ROOT / "hooks"))
import search_by_language  # noqa: E402
from chinese_output import english_words, python_code  # noqa: E402
from twins import CJK

# HTML elements whose URL attribute the browser fetches as the page loads.
LOADED_URL = re.compile(
    r"<(?:script|img|iframe|source|audio|video|embed)\b[^>]*?\ssrc=\"([^\"]*)\""
    r"|<link\b(?=[^>]*\srel=\"(?:stylesheet|preload|modulepreload|icon|manifest|prefetch)\")"
    r"[^>]*?\shref=\"([^\"]*)\"",
    re.IGNORECASE,
)
CSS_REMOTE = re.compile(r"@import\s+(?:url\()?[\"']?(?:https?:)?//|url\([\"']?(?:https?:)?//")


def test_strict_build_passes(built_site):
    assert built_site.returncode == 0, built_site.output[-4000:]
    warnings = re.findall(r"^(?:WARNING|ERROR)\b.*", built_site.output, re.MULTILINE)
    assert warnings == []


def test_every_page_is_built(site):
    for url in sitecheck.page_urls():
        assert (site / url / "index.html").is_file(), url


# What a fence that Markdown did not understand leaves in the HTML: its raw
# text, a snippet marker, or an option word of pytest-markdown-docs shown as
# text or turned into a class (``{.python .notest}``).
LEFTOVERS = re.compile(
    r"```|~~~|--8<--|exec=\"on\"|markdown-exec"
    r"|\b(?:python3?|py)\s+(?:notest|continuation)\b"
    r"|class=\"[^\"]*\b(?:notest|continuation)\b"
)


def test_html_holds_no_markdown_leftovers(site):
    """No fence text, snippet marker or fence option reaches a reader."""
    leftovers = []
    for page in sitecheck.html_pages(site):
        for match in LEFTOVERS.finditer(html.unescape(page.read_text(encoding="utf-8"))):
            leftovers.append(f"{page.relative_to(site)}: {match.group()}")
    assert not leftovers, "\n".join(leftovers)


RESULT = re.compile(r'<div class="result"[^>]*>(.*?)</div>', re.DOTALL)


def test_every_shown_example_shows_its_result(site):
    """A source shown with source="block" is followed by what it printed."""
    empty = []
    for page in sitecheck.html_pages(site):
        for match in RESULT.finditer(page.read_text(encoding="utf-8")):
            content = match.group(1)
            if not re.sub(r"<[^>]+>", "", content).strip() and "<svg" not in content:
                empty.append(str(page.relative_to(site)))
    assert not empty, "examples that print nothing: " + ", ".join(empty)


def test_every_figure_reaches_its_page(site):
    """A figure printed by pagefigure.show inside an exec fence is on the built page."""
    missing = []
    for source in sorted(sitecheck.DOCS.rglob("*.md")):
        drawn = source.read_text(encoding="utf-8").count("pagefigure.show(")
        built = (site / sitecheck.page_url(source) / "index.html").read_text(encoding="utf-8")
        if built.count('class="course-figure"') != drawn:
            missing.append(f"{source.relative_to(sitecheck.DOCS)}: {drawn} drawn")
    assert not missing, missing


def test_figures_name_only_fonts_a_reader_has(site):
    """Every font-family in the site's SVG figures is a generic family: the site
    serves no font for them (pagefigure.py)."""
    import pagefigure

    named, figures = {}, 0
    svg = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
    for page in sitecheck.html_pages(site):
        for figure in svg.findall(page.read_text(encoding="utf-8")):
            figures += "font-family" in figure
            for family in pagefigure.FONT_FAMILY.findall(figure):
                named.setdefault(family, set()).add(str(page.relative_to(site)))
    assert figures > 0  # the figures were looked at
    assert set(named) <= pagefigure.GENERIC, {
        family: sorted(pages)[:3] for family, pages in named.items()
        if family not in pagefigure.GENERIC}


HREF = re.compile(r'<a\b[^>]*?\shref="([^"]*)"', re.IGNORECASE)


def broken_links(site):
    """Links of the built site whose page, or anchor on the page, does not exist.

    Also the links that code prints into a page, which MkDocs does not check.
    """
    broken, ids = [], {}
    for page in sitecheck.html_pages(site):
        for href in HREF.findall(page.read_text(encoding="utf-8")):
            href = html.unescape(href)
            if re.match(r"[a-z][a-z0-9+.-]*:", href, re.IGNORECASE):
                continue  # another host (checked elsewhere), mailto: and the like
            path, _, anchor = href.partition("#")
            path = path.partition("?")[0]
            base = site if path.startswith("/") else page.parent
            target = (base / path.lstrip("/")).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {href}")
            elif anchor and target.suffix == ".html":
                if target not in ids:
                    ids[target] = set(re.findall(r'\sid="([^"]+)"',
                                                 target.read_text(encoding="utf-8")))
                if anchor not in ids[target]:
                    broken.append(f"{page.relative_to(site)}: {href} (no such anchor)")
    return sorted(set(broken))


def test_every_link_reaches_a_page(site):
    assert broken_links(site) == []


def test_broken_links_are_found(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h2 id="here">A</h2><a href="#here">ok</a> <a href="../b/">missing page</a>'
        ' <a href="#gone">missing anchor</a> <a href="/a/#here">ok</a>'
        ' <a href="https://example.org/">elsewhere</a>', encoding="utf-8")
    assert broken_links(tmp_path) == ["a/index.html: #gone (no such anchor)",
                                      "a/index.html: ../b/"]


def test_pages_load_nothing_from_another_host(site):
    """Static check; test_browser.py records the requests a real browser makes."""
    remote = []
    for page in sitecheck.html_pages(site):
        for match in LOADED_URL.finditer(page.read_text(encoding="utf-8")):
            url = match.group(1) or match.group(2)
            if re.match(r"(?:[a-z]+:)?//", url, re.IGNORECASE):
                remote.append(f"{page.relative_to(site)}: {url}")
    for sheet in [*site.rglob("*.css")]:
        if CSS_REMOTE.search(sheet.read_text(encoding="utf-8", errors="replace")):
            remote.append(str(sheet.relative_to(site)))
    assert not remote, "\n".join(remote)


def test_mathjax_is_served_by_the_site(site):
    mathjax = site / "mathjax"
    assert 'VERSION="3.2.2"' in (mathjax / "tex-mml-chtml.js").read_text(encoding="utf-8")
    assert list((mathjax / "output/chtml/fonts/woff-v2").glob("*.woff"))
    assert (mathjax / "input/tex/extensions").is_dir()


def test_notebook_pages_offer_their_source(site):
    """A notebook page offers the executed notebook (.ipynb) that it shows.

    hooks/notebooks.py writes it from the notebook mkdocs-jupyter executed,
    without the cells tagged ``hide``; the .py in docs/ stays the only source.
    """
    import nbclient
    import nbformat

    # A cell of the page (nbconvert's lab template), and a code cell's source
    # as its copy button holds it.
    cell_div = re.compile(
        r'<div (hidden )?class="jp-Cell jp-(Code|Markdown)Cell [^"]*" id="cell-id=([^"]+)"'
    )
    copy_text = re.compile(r'<div class="clipboard-copy-txt"[^>]*id="cell-\d+"[^>]*>(.*?)</div>', re.DOTALL)
    for url in sitecheck.page_urls():
        if not url.startswith(("notebooks/", "zh/notebooks/")):
            continue
        page = (site / url / "index.html").read_text(encoding="utf-8")
        name = url.rstrip("/").rsplit("/", 1)[-1] + ".ipynb"
        offered = sorted(p.name for p in (site / url).glob("*") if p.suffix in (".py", ".ipynb"))
        assert offered == [name], url
        assert f'href="{name}" download' in page

        nb = nbformat.read(site / url / name, as_version=4)
        nbformat.validate(nb)
        assert "jupytext" not in nb.metadata
        code = [cell for cell in nb.cells if cell.cell_type == "code"]
        assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1))
        outputs = [output for cell in code for output in cell.outputs]
        assert not [o for o in outputs if o.output_type == "error"]
        assert any(o.output_type == "stream" for o in outputs), f"{url}: no printed output"
        figures = [o.get("data", {}) for o in outputs
                   if {"image/png", "image/svg+xml"} & set(o.get("data", {}))]
        assert figures, f"{url}: no figure"
        # One image a figure: the PNG, or (Chinese words, which matplotlib
        # has no font for) the SVG, black on white.
        for data in figures:
            chinese = url.startswith("zh/")
            assert set(data) & {"image/png", "image/svg+xml"} == (
                {"image/svg+xml"} if chinese else {"image/png"})
            if chinese:
                assert "currentColor" not in data["image/svg+xml"]
                assert CJK.search(data["image/svg+xml"])

        # The same cells as the page, in the same order: the page's visible
        # cells, the same code, what it printed, and one figure per figure.
        shown = [(kind.lower(), cell_id) for hidden, kind, cell_id in cell_div.findall(page)
                 if not hidden]
        assert shown == [(cell.cell_type, cell.id) for cell in nb.cells]
        assert [html.unescape(s) for s in copy_text.findall(page)] == [c.source for c in code]
        for output in outputs:
            if output.output_type == "stream":
                assert html.escape(output.text, quote=False) in page
        assert page.count('<svg role="img"') == len(figures)

        # A reader can run it as it is: no shown cell needs a hidden one.
        rerun = nbclient.NotebookClient(
            nbformat.read(site / url / name, as_version=4),
            timeout=120, resources={"metadata": {"path": str(sitecheck.ROOT)}},
        )
        rerun.execute()


def _build_fixture(case, tmp_path):
    result = sitecheck.mkdocs_build(tmp_path / "site", sitecheck.fixture_config(case, tmp_path))
    return result.returncode, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        # validation.links.anchors: warn, made an error by --strict
        ("broken_anchor", "does not contain an anchor '#no-such-section'"),
        # mkdocs-jupyter with allow_errors: false
        ("failing_notebook", "deliberate failure in a notebook cell"),
        # a cell tagged hide still runs: its checks fail the build
        ("failing_hidden_cell", "deliberate failure in a hidden notebook cell"),
        # markdown-exec logs a warning, made an error by --strict
        ("failing_exec", "deliberate failure in an exec block"),
        # pymdownx.snippets with check_paths: true
        ("missing_snippet", "Snippet section 'no_such_section' could not be located"),
    ],
)
def test_strict_build_fails_on(case, reason, tmp_path):
    returncode, output = _build_fixture(case, tmp_path)
    assert returncode != 0, output
    assert reason in output, output[-4000:]


def test_build_stops_without_mathjax(tmp_path, monkeypatch):
    spec = importlib.util.spec_from_file_location("mathjax_hook", sitecheck.ROOT / "hooks/mathjax.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    monkeypatch.setattr(hook, "ES5", tmp_path / "node_modules/mathjax/es5")
    from mkdocs.exceptions import PluginError

    with pytest.raises(PluginError, match=r"npm ci"):
        hook.on_config(config=None)


NAV_LINK = re.compile(r'<a href="[^"]*" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">(.*?)</span>',
                      re.DOTALL)


def page_language(site, url):
    """(lang attribute, <title>, the site navigation's labels, search placeholder)."""
    text = (site / url / "index.html").read_text(encoding="utf-8")
    lang = re.search(r'<html lang="([^"]+)"', text)[1]
    title = html.unescape(re.search(r"<title>(.*?)</title>", text)[1])
    primary = text[text.index("md-nav--primary"):text.index("md-nav--secondary")]
    labels = [html.unescape(re.sub(r"<[^>]+>", "", m)).strip() for m in NAV_LINK.findall(primary)]
    placeholder = re.search(r'class="md-search__input"[^>]*placeholder="([^"]*)"', text)[1]
    return lang, title, labels, placeholder


@pytest.mark.parametrize("url", sitecheck.page_urls())
def test_each_page_speaks_its_language(site, url):
    """A Chinese page is Chinese down to Material's labels; an English page has none."""
    lang, title, labels, placeholder = page_language(site, url)
    assert labels, url
    assert lang == sitecheck.language_of(url)
    if lang != "en":
        assert placeholder == {"zh": "搜索", "zh-Hant": "搜尋"}[lang]
        assert CJK.search(title), title
        assert [label for label in labels if not CJK.search(label)] == []
    else:
        assert placeholder == "Search"
        assert not CJK.search(title) and not [label for label in labels if CJK.search(label)]


def test_figures_keep_their_words_as_text(site):
    """No glyph of a font in any figure; on a Chinese page, its words are Chinese."""
    figure = re.compile(r'<figure markdown="0" class="course-figure">(.*?)</figure>', re.DOTALL)
    seen = 0
    for url in sitecheck.page_urls():
        for svg in figure.findall((site / url / "index.html").read_text(encoding="utf-8")):
            seen += 1
            assert "DejaVuSans-" not in svg, url  # matplotlib's id of an embedded glyph
            words = re.findall(r"<text\b[^>]*>([^<]+)</text>", svg)
            assert words, url
            if url.startswith("zh/"):
                assert any(CJK.search(w) for w in words), f"{url}: {words}"
    drawn = sum(p.read_text(encoding="utf-8").count("pagefigure.show(")
                * (2 if p.name.endswith(".zh.md") else 1)  # Simplified and Traditional
                for p in sitecheck.DOCS.rglob("*.md"))
    assert seen == drawn > 0  # every figure of every language was looked at


RAW_TEX = re.compile(r"\\[()\[\]]|\\frac|\\delta|\\partial|\$\$")


@pytest.mark.parametrize("prefix", sorted(sitecheck.LANGUAGES))
def test_each_language_searches_its_own_pages(site, prefix):
    """One search index per language, holding that language's pages and no raw
    TeX, loaded by that language's pages (hooks/search_by_language.py)."""
    import json

    index = json.loads((site / prefix / "search" / "search_index.json").read_text())
    pages = {entry["location"].split("#")[0] for entry in index["docs"]}
    language = sitecheck.LANGUAGES[prefix]
    expected = {url[len(prefix):] for url in sitecheck.page_urls()
                if sitecheck.language_of(url) == language}
    assert pages == expected
    assert [e["location"] for e in index["docs"]
            if RAW_TEX.search(e["title"] + e["text"])] == []
    for url in sorted(u for u in sitecheck.page_urls() if sitecheck.language_of(u) == language):
        text = (site / url / "index.html").read_text(encoding="utf-8")
        base = re.search(r'<script id="__config"[^<]*?"base": "([^"]*)"', text)[1]
        to_root = "/".join([".."] * url.count("/")) or "."
        assert base == (to_root + "/" + prefix if prefix else to_root), (url, base)


def test_the_page_that_teaches_a_term_carries_it_for_search(site):
    """The glossary's terms are search tags of the page where they first appear
    and of the pages that set them in bold."""
    import json

    index = json.loads((site / "search" / "search_index.json").read_text())
    tags = {e["location"]: e.get("tags", []) for e in index["docs"] if "#" not in e["location"]}
    assert "forward difference" in tags["lesson4/derivative/"]
    assert "central difference" in tags["lesson4/central-difference/"]
    zh = json.loads((site / "zh" / "search" / "search_index.json").read_text())
    zh_tags = {e["location"]: e.get("tags", []) for e in zh["docs"] if "#" not in e["location"]}
    assert "中心差分" in zh_tags["lesson4/central-difference/"]


def nav_order(site, prefix):
    """The URLs of a language's pages in the order of the navigation."""
    text = (site / prefix / "index.html").read_text(encoding="utf-8")
    primary = text[text.index("md-nav--primary"):text.index("md-sidebar--secondary")]
    hrefs = re.findall(r'<a href="([^"]*)" class="md-nav__link', primary)
    urls = []
    for href in hrefs:
        if href.startswith(("#", "http")):
            continue  # the home page's sections, shown inside the navigation
        url = (prefix + href.lstrip("./")).rstrip("/") + "/" if href not in (".", "./") else prefix
        url = url.replace("//", "/")
        if url not in urls:
            urls.append(url)
    return urls


GLOSSARY_ROW = re.compile(r"^\| ([^|]+) \| ([^|]+) \| \[[^\]]*\]\(([^)#]+)(?:#[^)]*)?\) \|$",
                          re.MULTILINE)


def glossary_rows(language):
    """(terms, page URL) of each row of a glossary; the terms of the language's own column."""
    source = sitecheck.DOCS / ("glossary.md" if language == "en" else "glossary.zh.md")
    rows = []
    for first, _, link in GLOSSARY_ROW.findall(source.read_text(encoding="utf-8")):
        terms = [t.strip() for t in search_by_language.TERM_SPLIT.split(first)
                 if t.strip() not in search_by_language.NOT_TERMS]
        rows.append((terms, sitecheck.page_url(sitecheck.DOCS / link)))
    return rows


class _Text(html.parser.HTMLParser):
    """The words of a page's article, code, scripts and figures left out."""

    SKIP = {"pre", "code", "script", "style", "svg"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open, self.words = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in {"br", "img", "input", "hr", "meta", "link", "wbr", "source"}:
            self.open.append((tag, "md-content__inner" in (dict(attrs).get("class") or "")))

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                return

    def handle_data(self, data):
        if any(inner for _, inner in self.open) and not any(
                tag in self.SKIP for tag, _ in self.open):
            self.words.append(data)


def page_text(path):
    parser = _Text()
    parser.feed(Path(path).read_text(encoding="utf-8"))
    return " ".join(parser.words)


@pytest.mark.parametrize("prefix", ["", "zh/"])
def test_the_glossary_links_the_page_that_first_uses_a_term(site, prefix):
    """For each glossary row, the linked page is the first page in the navigation
    whose text (prose, headings, tables; not code) uses every term of the row.
    The home page, the notation page (a table of every symbol, to look up) and
    the glossary itself are not where a term is taught, and are left out."""
    language = sitecheck.LANGUAGES[prefix]
    aside = {prefix, prefix + "notation/", prefix + "glossary/"}
    order = [u for u in nav_order(site, prefix) if u not in aside]
    prose = {url: page_text(site / url / "index.html") for url in order}

    def uses(url, term):
        if language == "en":
            return re.search(rf"\b{re.escape(term)}", prose[url], re.IGNORECASE)
        return term in prose[url]

    wrong = []
    for terms, linked in glossary_rows(language):
        first = next((u for u in order if all(uses(u, t) for t in terms)), None)
        if prefix + linked.removeprefix(prefix) != first:
            wrong.append(f"{' / '.join(terms)}: links {linked}, first used on {first}")
    assert wrong == []


def test_english_words_are_found():
    code = 'report = check(network, "copy-slip", loss="mse")\nprint(report, "worst")'
    assert english_words("<pre>权重  结果\n w31  通过  worst</pre>", code) == ["worst"]
    assert english_words('<svg><style>.a{font-family: sans-serif}</style><metadata>'
                         'Matplotlib</metadata><text>步长 h</text></svg>', code) == []
    assert english_words("report: 9 个权重, nan, \\(x^2\\), copy-slip, mse", code) == []
    assert english_words("[练习 6](../exercises/hidden-layer.md) passes", code) == ["passes"]
    assert english_words(">>> derivative_at_2()  ex1_derivative.py  Linux-6.1-x86_64", code) == []
    assert english_words("--seed SEED  {central,complex-step}  E(w+ih)  numpy.isclose", code) == []


def test_chinese_pages_print_chinese(site, built_site):
    """What the code of a Chinese page prints shows no English word: the same
    code as the English page, run in the page's language (fclesson.lesson.language)."""
    records = [json.loads(line) for line in
               built_site.fence_log.read_text(encoding="utf-8").splitlines()]
    pages = [r for r in records if r["page"].endswith(".zh.md")]
    assert len(pages) > 100  # the Chinese pages' fences were read
    english = {}
    for record in pages:
        words = english_words(record["output"] or "", python_code(record["page"]))
        if words:
            page = Path(record["page"]).relative_to(sitecheck.DOCS).as_posix()
            english.setdefault(page, set()).update(words)
    assert english == {}
