"""What a reader reads on a built page: words of prose, the code that is shown, figures.

Prose is the text of the article outside code, math, figures and tables.
Shown code is the text of every ``<pre>`` that is not hidden: listings, page
code, printed results, collapsed blocks included (a reader opens them).
Figures are pagefigure's ``<figure>`` and a notebook's image outputs.
Nothing here is a test; test_reading_path.py holds the targets.

As a script, a table per page of a built site:

    .venv/bin/python tests/site/reading.py SITE_DIR [PREFIX ...]
"""

import html.parser
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

# Elements whose text is not prose: code, math, figures, tables, page chrome.
NOT_PROSE = {"script", "style", "pre", "code", "svg", "table", "nav", "header", "footer",
             "mjx-container", "textarea", "button"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
FIGURE_OUTPUT = re.compile(r"\bjp-Rendered(SVG|Image)\b")  # a notebook's figure
RAW_TEX = re.compile(r"\$[^$]*\\[a-zA-Z]+|\\frac|\\partial|\\delta|\\sum")


def width(line):
    """Columns a line takes in a monospaced font: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


@dataclass
class Reading:
    words: int
    code_lines: list
    chinese: int = 0  # Chinese characters of prose (a Chinese page's length)
    figures: int = 0

    @property
    def asserts(self):
        return [line for line in self.code_lines if line.lstrip().startswith("assert")]

    def wide(self, limit=88):
        return [line for line in self.code_lines if width(line) > limit]

    @property
    def raw_tex(self):
        return [line for line in self.code_lines if RAW_TEX.search(line)]


class _Parser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []  # (tag, hidden, in article)
        self.prose, self.code = [], []
        self.figures = 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        classes = attrs.get("class") or ""
        style = (attrs.get("style") or "").replace(" ", "")
        hidden = ("hidden" in attrs or "display:none" in style
                  or "clipboard-copy-txt" in classes)  # the notebook's copy of its code
        self.open.append((tag, hidden, "md-content__inner" in classes))
        shown = any(article for *_, article in self.open) and not any(
            hidden for _, hidden, _ in self.open)
        if shown and (tag == "figure" or FIGURE_OUTPUT.search(classes)):
            self.figures += 1

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i][0] == tag:
                del self.open[i:]
                if tag == "pre":
                    self.code.append("\n")  # the next block starts a line of its own
                return

    def handle_data(self, data):
        if not any(article for *_, article in self.open):
            return
        if any(hidden for _, hidden, _ in self.open):
            return
        tags = {tag for tag, _, _ in self.open}
        if "pre" in tags:
            self.code.append(data)
        elif not tags & NOT_PROSE:
            self.prose.append(data)


def read(page):
    """The `Reading` of one built HTML page."""
    parser = _Parser()
    parser.feed(Path(page).read_text(encoding="utf-8", errors="replace"))
    prose = " ".join(parser.prose)
    words = len(re.findall(r"\w+", prose))
    lines = [line for line in "".join(parser.code).splitlines() if line.strip()]
    return Reading(words, lines, len(re.findall(r"[\u4e00-\u9fff]", prose)),
                   parser.figures)


def table(site, prefixes=("",)):
    """Lines of a table: per page, words, code lines, asserts, lines over 88,
    raw TeX and figures, and a line of totals."""
    site = Path(site)
    rows, total = [], [0] * 6
    for page in sorted(site.rglob("index.html")):
        url = page.parent.relative_to(site).as_posix() or "."
        if url.startswith(("assets", "search", "mathjax")) or not url.startswith(prefixes):
            continue
        r = read(page)
        numbers = [r.words or r.chinese, len(r.code_lines), len(r.asserts), len(r.wide()),
                   len(r.raw_tex), r.figures]
        total = [a + b for a, b in zip(total, numbers)]
        rows.append(f"{url:42} " + " ".join(f"{n:6}" for n in numbers))
    head = f"{'page':42} " + " ".join(f"{h:>6}" for h in
                                      ("words", "code", "assert", ">88", "TeX", "fig"))
    return [head, *rows, f"{'TOTAL':42} " + " ".join(f"{n:6}" for n in total)]


if __name__ == "__main__":
    import sys

    if len(sys.argv) < 2:
        sys.exit("usage: reading.py SITE_DIR [PREFIX ...]  (words: Chinese characters "
                 "on a Chinese page)")
    print("\n".join(table(sys.argv[1], tuple(sys.argv[2:]) or ("",))))
