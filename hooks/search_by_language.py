"""Search that finds the page that teaches a term, in the reader's language.

1. One index per language. mkdocs-static-i18n builds one search index for
   all languages, which every page loads: an English query listed Chinese
   pages and the other way round. After the last build this hook writes the
   English entries to ``search/search_index.json`` and each other language's
   to ``<language>/search/search_index.json`` (locations relative to that
   language's root), and a page of that language loads its own: the "base"
   of Material's page configuration is the language's root.
2. The page that teaches a term ranks first. The glossary of each language
   (``docs/glossary.md``, ``docs/glossary.zh.md``) pairs every term with the
   page where it first appears; that page, and every page that sets the term
   in bold (where a textbook defines it), carries the term as a search tag,
   which Material's search weighs above titles and text.
3. Formulas read as text. A result's snippet shows the indexed text: a
   formula ``\\(\\delta_{out}\\)`` is indexed as ``δ_out``.

tests/site/test_build.py checks the indexes, tests/site/test_browser.py the
queries a reader types.
"""

import json
import logging
import posixpath
import re
from pathlib import Path

from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.search_by_language")

DEFAULT = "en"
GLOSSARY = {"en": "glossary.md", "zh": "glossary.zh.md"}
LINK = re.compile(r"\]\(([^)#]+)(?:#[^)]*)?\)")
TERM_SPLIT = re.compile(r"[，,（）()“”：]|\s*\$[^$]*\$\s*")
NOT_TERMS = {"", "Demo", "原课程", "原课程的"}  # words of a row that name no term


def _language(config):
    return config.theme.get("language", DEFAULT)


def glossary_terms(docs_dir, language):
    """{page (English file name): [terms it introduces]} from a glossary table."""
    path = Path(docs_dir) / GLOSSARY[language]
    terms = {}
    if not path.exists():  # a course without a glossary: no tags
        return terms
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not LINK.search(cells[-1]):
            continue
        page = LINK.search(cells[-1])[1]
        words = [w.strip() for w in TERM_SPLIT.split(cells[0])]
        terms.setdefault(page, []).extend(w for w in words if w not in NOT_TERMS)
    return terms


def _english_name(src_uri):
    """``lesson4/idea.zh.md`` -> ``lesson4/idea.md`` (the name a link uses)."""
    return re.sub(r"\.[a-z]{2}(-[A-Za-z]+)?(\.(md|py|ipynb))$", r"\2", src_uri)


def _bold(term, markdown):
    return re.search(rf"\*\*{re.escape(term)}\*\*", markdown, re.IGNORECASE)


_defined = {}


def defined_terms(docs_dir, language):
    """The glossary's terms that some page of ``language`` sets in bold."""
    if (docs_dir, language) not in _defined:
        glossary = glossary_terms(docs_dir, language)
        suffix = ".md" if language == DEFAULT else f".{language}.md"
        pages = [p.read_text(encoding="utf-8") for p in Path(docs_dir).rglob("*.md")
                 if p.name.endswith(suffix) and (language != DEFAULT or p.suffixes == [".md"])
                 and not p.name.startswith("glossary")]
        _defined[(docs_dir, language)] = {
            term for words in glossary.values() for term in words
            if any(_bold(term, text) for text in pages)}
    return _defined[(docs_dir, language)]


def on_pre_build(config):
    _defined.clear()  # make serve: a page edited since the last build


def on_page_markdown(markdown, page, config, files):
    """The page's search tags: the terms it sets in bold, and the terms whose
    glossary row links it that no page sets in bold."""
    language = _language(config)
    glossary = glossary_terms(config.docs_dir, language)
    defined = defined_terms(config.docs_dir, language)
    terms = [] if page.file.src_uri.startswith("glossary") else [
        term for words in glossary.values() for term in words if _bold(term, markdown)]
    terms += [term for term in glossary.get(_english_name(page.file.src_uri), [])
              if term not in defined and term not in terms]
    if terms:
        page.meta["tags"] = [*page.meta.get("tags", []), *terms]
    return markdown


# -- formulas as text ---------------------------------------------------------------

SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "Delta": "Δ",
    "epsilon": "ε", "varepsilon": "ε", "eta": "η", "theta": "θ", "lambda": "λ",
    "mu": "μ", "pi": "π", "sigma": "σ", "Sigma": "Σ", "sum": "Σ", "prod": "Π",
    "partial": "∂", "nabla": "∇", "infty": "∞", "cdot": "·", "times": "×",
    "approx": "≈", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠",
    "neq": "≠", "pm": "±", "to": "→", "rightarrow": "→", "in": "∈", "ldots": "…",
    "dots": "…", "cdots": "⋯", "lvert": "|", "rvert": "|", "vert": "|", "mid": "|",
    "quad": " ", "qquad": " ", "left": "", "right": "", "lim": "lim", "max": "max",
    "min": "min", "log": "log", "exp": "exp", "Im": "Im", "Re": "Re",
}
SUPERSCRIPT = str.maketrans("0123456789+-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻")
MATH = re.compile(r"\\\((.*?)\\\)|\\\[(.*?)\\\]|\$\$(.*?)\$\$", re.DOTALL)
NOTEBOOK_MATH = re.compile(r"\$([^$\n]+)\$")  # a notebook's markdown writes $...$


def _argument(tex, i):
    """The argument of a command at ``tex[i:]``: a {group}, a \\command or a
    character; and the index after it."""
    while i < len(tex) and tex[i] == " ":
        i += 1
    if i >= len(tex):
        return "", i
    if tex[i] == "{":
        depth = 0
        for j in range(i, len(tex)):
            depth += {"{": 1, "}": -1}.get(tex[j], 0)
            if depth == 0:
                return tex[i + 1:j], j + 1
        return tex[i + 1:], len(tex)
    if tex[i] == "\\":
        match = re.match(r"\\([A-Za-z]+|.)", tex[i:])
        return match[0], i + len(match[0])
    return tex[i], i + 1


def _wrap(text):
    return text if re.fullmatch(r"[\w.\u0302]+", text) else f"({text})"


def readable(tex):
    """A formula as plain text a reader can read in a search result."""
    out, i = [], 0
    while i < len(tex):
        c = tex[i]
        if c == "\\":
            match = re.match(r"\\([A-Za-z]+|.)", tex[i:])
            name, i = match[1], i + len(match[0])
            if name in ("frac", "dfrac", "tfrac"):
                top, i = _argument(tex, i)
                bottom, i = _argument(tex, i)
                out.append(f"{_wrap(readable(top))}/{_wrap(readable(bottom))}")
            elif name == "hat":
                base, i = _argument(tex, i)
                out.append(readable(base) + "\u0302")
            elif name == "sqrt":
                base, i = _argument(tex, i)
                out.append("√" + _wrap(readable(base)))
            elif name in ("vec", "overrightarrow", "text", "mathrm", "operatorname",
                          "mathit", "mathbf", "boldsymbol"):
                base, i = _argument(tex, i)
                out.append(readable(base))
            elif name == "begin":
                environment, i = _argument(tex, i)
                end = tex.find(f"\\end{{{environment}}}", i)
                end = len(tex) if end < 0 else end
                body = readable(tex[i:end])
                out.append(f"[{body}]" if "matrix" in environment else body)
                i = end + len(f"\\end{{{environment}}}")
            elif name == "\\":
                out.append("; ")
            else:
                out.append(SYMBOLS.get(name, " " if name in ",;:! " else name))
        elif c in "^_":
            argument, i = _argument(tex, i + 1)
            argument = readable(argument)
            if c == "^" and argument and set(argument) <= set("0123456789+-"):
                out.append(argument.translate(SUPERSCRIPT))
            else:
                out.append(c + (argument if len(argument) == 1 else _wrap(argument)))
        elif c == "&":
            out.append(" ")
            i += 1
        elif c in "{}":
            i += 1
        else:
            out.append(c)
            i += 1
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _as_text(text, notebook=False):
    text = MATH.sub(lambda m: readable(next(g for g in m.groups() if g is not None)), text)
    return NOTEBOOK_MATH.sub(lambda m: readable(m[1]), text) if notebook else text


# -- one index per language -----------------------------------------------------------


def _languages(config):
    """The languages mkdocs-static-i18n builds."""
    i18n = config.plugins.get("i18n")
    return [lang.locale for lang in i18n.config.languages if lang.build] if i18n else [DEFAULT]


@event_priority(-200)  # after mkdocs-static-i18n has built every language
def on_post_build(config):
    i18n = config.plugins.get("i18n")
    if i18n and i18n.building:  # inside the build of another language: later
        return
    site = Path(config.site_dir)
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    others = [lang for lang in _languages(config) if lang != DEFAULT]
    by_language = {lang: [] for lang in [DEFAULT, *others]}
    for entry in data["docs"]:
        notebook = "notebooks/" in entry["location"]
        entry["title"] = _as_text(entry["title"], notebook)
        entry["text"] = _as_text(entry["text"], notebook)
        lang = next((lang for lang in others if entry["location"].startswith(lang + "/")),
                    DEFAULT)
        if lang != DEFAULT:
            entry["location"] = entry["location"][len(lang) + 1:]
        by_language[lang].append(entry)
    for lang, entries in by_language.items():
        target = site / ("" if lang == DEFAULT else lang) / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({**data, "docs": entries}, ensure_ascii=False,
                                     separators=(",", ":")), encoding="utf-8")


CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">[^<]*?"base": ")'
                         r'([^"]*)(")')


@event_priority(-200)
def on_post_page(output, page, config):
    """A page of another language than the default searches its language's index."""
    language = _language(config)
    if language == DEFAULT:
        return output

    def to_language_root(match):
        base = posixpath.join(match[2], language) + "/"
        return match[1] + base + match[3]

    output, found = CONFIG_BASE.subn(to_language_root, output, count=1)
    if found != 1:
        log.warning("%s: Material's page configuration (__config) was not found; "
                    "its search uses every language's pages", page.file.src_uri)
    return output
