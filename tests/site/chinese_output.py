"""What a Chinese page prints: its words in Latin letters that are not code.

A Chinese page runs the same code as its English twin, in the page's language
(fclesson.lesson.language), so what it prints is Chinese but for numbers,
units and the names of its code. test_build.py reads every fence's output
from the build; test_browser.py reads what the reader sees of each page's
outputs and figures, the notebook's included.
"""

import html
import re
from pathlib import Path

import sitecheck

# Words a Chinese page's output may show in Latin letters: numbers' words,
# units, and the names of formats and methods a Chinese text writes in Latin
# letters too. The code names of the page (its Python names, and its string
# literals that are one name, such as "mse" or "copy-slip") are allowed too.
LATIN = {"nan", "inf", "true", "false", "none", "float32", "float64", "kg", "cm",
         "numpy", "mse", "relu", "sigmoid", "tanh", "eta", "tol", "rtol", "ulp",
         "eps", "pytorch", "torch", "cpu", "ms", "µs", "python", "jupyter", "epoch",
         "re", "im", "richardson", "epyc", "intel", "linux", "utc", "mib", "gib", "atol"}
TAGS = re.compile(r"<(style|script|metadata|title)\b.*?</\1>|<[^>]*>", re.DOTALL)
MATH = re.compile(r"\\\(.*?\\\)|\\\[.*?\\\]|\$\$.*?\$\$|\$[^$\n]+\$", re.DOTALL)
LINK_TARGET = re.compile(r"\]\([^)\s]*\)")  # a Markdown link's address
KEY = re.compile(r"""(?<![\w\\])["']([A-Za-z][\w-]*(?:, n = \d+)?)["']""")


def code_names(code):
    """The names a reader meets in ``code``: identifiers, and string literals
    that are one name (a key such as "copy-slip")."""
    without_strings = re.sub(r"(?s)\"\"\".*?\"\"\"|'[^'\n]*'|\"[^\"\n]*\"", " ", code)
    names = set(re.findall(r"[A-Za-z_]\w*", without_strings))
    keys = {key for key in KEY.findall(code) if re.search(r"[-_,]", key) or key in PACKAGE_KEYS}
    return names | keys | {part for key in keys for part in re.split(r"[-_]", key)}


# The package's keys: a one-word string literal before a colon ("mse": ...).
PACKAGE_KEYS = {key for path in (sitecheck.ROOT / "fclesson").rglob("*.py")
                for key in re.findall(r"""["'](\w+)["']\s*:""", path.read_text(encoding="utf-8"))}


def english_words(output, code):
    """The words in Latin letters that a reader sees in ``output`` (HTML tags,
    styles, metadata, link addresses and formulas left out), but for the code
    names of ``code`` and `LATIN`."""
    text = html.unescape(TAGS.sub(" ", LINK_TARGET.sub("]", output)))
    text = re.sub(r"(?m)^\$ .*$", " ", text)  # a command typed at the shell's prompt
    text = CODE_LIKE.sub(" ", MATH.sub(" ", text))
    names = code_names(code)
    return sorted({w for w in re.findall(r"[A-Za-z][A-Za-z'-]*[A-Za-z]", text)
                   if w not in names and w.lower() not in LATIN})


# Code by its form: snake_case names, names with digits (w31, x86_64, 2.13.0+cpu),
# file names and paths, calls (">>> f()").
CODE_LIKE = re.compile(r"[\w.+/-]*(?:\d|_|/|\.py\b|\.json\b)[\w.+/-]*(?:\(\))?"
                       r"|\w+(?:\.\w+)+"  # dotted names: numpy.isclose
                       r"|--[\w-]+|\{[\w,-]+\}"  # options and choices: --seed, {a,b}
                       r"|\b[A-Za-z]\([^()\s]*\)"  # E(w+h), f(x)
                       r"|\b[A-Z]{2,}\b"  # acronyms and metavariables: JSON, SEED
                       r"|python -m [\w.]+(?: \w+)?")  # a command: python -m fclesson check


FENCE = re.compile(r"^```+[^\n]*python[^\n]*\n(.*?)^```", re.DOTALL | re.MULTILINE)


def python_code(page):
    """The Python fences of a page, its snippets included (the code a reader sees)."""
    text = Path(page).read_text(encoding="utf-8")
    code = "\n".join(FENCE.findall(text))
    for path in re.findall(r'--8<-- "([^":]+)', code):
        code += (sitecheck.ROOT / path).read_text(encoding="utf-8")
    return code


def page_code(source):
    """The code a reader meets on a page: its Python fences and their
    snippets, or a notebook's whole source."""
    source = Path(source)
    return source.read_text(encoding="utf-8") if source.suffix == ".py" else python_code(source)


def chinese_source(url):
    """The Simplified Chinese file a page of zh/ or zh-Hant/ is built from."""
    twin = "zh/" + url.split("/", 1)[1]
    for source in sitecheck.DOCS.rglob("*.zh.*"):
        if sitecheck.page_url(source) == twin:
            return source
    raise LookupError(f"no Chinese source for {url}")


# What the reader sees of a page's outputs: printed text (markdown-exec's
# results, with or without their source, the notebook's outputs) and the
# words of its figures; a hidden explorer is not shown. A text fence written
# in the page is not an output (`static_text`).
OUTPUT_TEXT_JS = r"""
() => Array.from(document.querySelectorAll(
    "article .result pre, article .language-text pre, article .language-console pre, "
    + "article .jp-OutputArea-output pre, article svg text"))
  .filter((el) => !el.closest("[hidden]") && !el.closest(".md-code__nav"))
  .map((el) => el.textContent).join("\n")
"""


STATIC = re.compile(r"^([ \t]*)```+[ \t]*(?:text|console)[ \t]*\n(.*?)^\1```",
                    re.DOTALL | re.MULTILINE)


def static_text(source):
    """The text fences written in a page (not printed by its code), unindented."""
    source = Path(source)
    if source.suffix == ".py":
        return []
    return ["\n".join(line[len(indent):] for line in body.splitlines())
            for indent, body in STATIC.findall(source.read_text(encoding="utf-8"))]


def shown_english(shown, source):
    """The English words of what a Chinese page shows as output (`OUTPUT_TEXT_JS`)."""
    for text in static_text(source):
        shown = shown.replace(text.rstrip("\n"), " ")
    return english_words(shown, page_code(source))
