"""English pages and their Chinese twins run the same code.

Every page of docs/ has a Chinese twin beside it: PAGE.zh.md next to PAGE.md,
NOTEBOOK.zh.py next to NOTEBOOK.py (mkdocs-static-i18n, docs_structure:
suffix). A twin may translate prose, comments and string literals, and
nothing else:

- the same fences in the same order, with the same info strings;
- Python code with the same tokens once comments are dropped and each run of
  string literals counts as one literal (an f-string's fields still count);
  a line hidden with ``# markdown-exec: hide`` stays hidden, and a notebook's
  cells (``# %%`` lines) stay as they are;
- other fences (shell, text) the same, but for ``#`` comments in shell;
- the same API-reference directives (``::: fclesson.x``) and snippet
  includes outside fences;
- every heading with the English heading's id written out (``{#id}``), so that
  links and anchors are the same in both languages;
- prose in Chinese.

Run as a script, it prints what differs for the pages given (or all):
``python tests/site/twins.py docs/lesson4/idea.md``.
"""

import ast
import io
import re
import sys
import tokenize
from pathlib import Path

import markdown

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_fences import scan_fences  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
LANG = "zh"
PYTHON_LANGS = {"python", "py", "python3", "pycon"}
SHELL_LANGS = {"bash", "sh", "console", "shell"}
HIDE = "markdown-exec: hide"
DIRECTIVE = re.compile(r"^\s*(:::|--8<--)")
HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.*?)\s*(?:\{#(?P<id>[\w-]+)\})?\s*$")
CJK = re.compile(r"[\u4e00-\u9fff]")
# A twin's prose is Chinese when it has at least this many Chinese characters
# for each word of the English page's prose (a Chinese sentence takes about
# 1.5 characters per English word).
CJK_PER_ENGLISH_WORD = 0.6


def english_pages():
    """Every page of the English site: Markdown pages and notebooks."""
    pages = [*DOCS.rglob("*.md"), *DOCS.glob("notebooks/*.py")]
    return sorted(p for p in pages if not is_twin(p))


def is_twin(path):
    return Path(path).suffixes[-2:-1] == [f".{LANG}"]


def twin_of(path):
    path = Path(path)
    return path.with_name(f"{path.stem}.{LANG}{path.suffix}")


def _string_fields(literal):
    """The replacement fields of an f-string (their code), else nothing."""
    try:
        node = ast.parse(literal.strip(), mode="eval").body
    except SyntaxError:
        return ()
    if not isinstance(node, ast.JoinedStr):
        return ()
    return tuple(ast.dump(v) for v in node.values if isinstance(v, ast.FormattedValue))


def python_tokens(source):
    """Code tokens: comments dropped, each run of string literals one token."""
    tokens = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        kind, text = token.type, token.string
        if kind == tokenize.COMMENT:
            if text.rstrip().endswith(HIDE):
                tokens.append("<hidden line>")
            elif text.startswith("# %%"):  # a notebook cell and its tags
                tokens.append(text.strip())
            continue
        if kind == tokenize.NL:
            continue
        if kind == tokenize.STRING:
            fields = _string_fields(text)
            if tokens and isinstance(tokens[-1], tuple):  # "a" "b": one literal
                tokens[-1] = ("<string>", *tokens[-1][1:], *fields)
            else:
                tokens.append(("<string>", *fields))
            continue
        if kind in (tokenize.INDENT, tokenize.DEDENT):
            text = ""  # the depth counts, not the spaces
        tokens.append(f"{tokenize.tok_name[kind]} {text}")
    return tokens


def _shell_lines(body):
    lines = [re.sub(r"(^|\s)#.*$", "", line).rstrip() for line in body]
    return [line for line in lines if line]


def _fence_code(fence):
    if fence.lang in PYTHON_LANGS and not fence.is_snippet_include:
        return python_tokens("\n".join(fence.body) + "\n")
    if fence.lang in SHELL_LANGS:
        return _shell_lines(fence.body)
    return fence.body


def _first_difference(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"token {i}: {x!r} in English, {y!r} in Chinese"
    return f"{len(a)} tokens in English, {len(b)} in Chinese"


def outside_fences(path):
    """The page's lines outside fenced blocks (prose, headings, math, directives)."""
    inside = set()
    for fence in scan_fences(path):  # fence.line is 1-based; the closing line follows the body
        inside.update(range(fence.line - 1, fence.line + len(fence.body) + 1))
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line for number, line in enumerate(lines) if number not in inside]


def headings(lines):
    """(text, explicit id or None) of every heading among the lines."""
    return [(m["text"], m["id"]) for m in map(HEADING.match, lines) if m]


def heading_ids(lines):
    """The ids Python-Markdown gives the headings (the site's toc settings)."""
    md = markdown.Markdown(extensions=["toc", "attr_list"])
    md.convert("\n\n".join(line for line in lines if HEADING.match(line)))

    def walk(tokens):
        for token in tokens:
            yield token["id"]
            yield from walk(token["children"])

    return list(walk(md.toc_tokens))


def _code_problems(name, english, twin):
    if english.suffix == ".py":  # a jupytext notebook: the file is the code
        en_code = python_tokens(english.read_text(encoding="utf-8"))
        zh_code = python_tokens(twin.read_text(encoding="utf-8"))
        if en_code != zh_code:
            yield f"{name}: the code differs: {_first_difference(en_code, zh_code)}"
        return
    en_fences, zh_fences = scan_fences(english), scan_fences(twin)
    if len(en_fences) != len(zh_fences):
        yield f"{name}: {len(zh_fences)} fences, the English page has {len(en_fences)}"
    for en, zh in zip(en_fences, zh_fences):
        where = f"{name}:{zh.line} (English line {en.line})"
        if (en.lang, en.options) != (zh.lang, zh.options):
            yield (f"{where}: the fence opens differently: {en.lang} {sorted(en.options)} "
                   f"against {zh.lang} {sorted(zh.options)}")
        elif (en_code := _fence_code(en)) != (zh_code := _fence_code(zh)):
            yield f"{where}: the code differs: {_first_difference(en_code, zh_code)}"


def _page_problems(name, en_lines, zh_lines):
    """Directives and headings of a Markdown twin."""
    en_directives = [line.strip() for line in en_lines if DIRECTIVE.match(line)]
    zh_directives = [line.strip() for line in zh_lines if DIRECTIVE.match(line)]
    if en_directives != zh_directives:
        yield f"{name}: directives {zh_directives}, the English page's are {en_directives}"
    zh_headings = headings(zh_lines)
    missing = [text for text, id_ in zh_headings if id_ is None]
    if missing:
        yield f"{name}: headings without an explicit {{#id}}: {missing}"
    en_ids, zh_ids = heading_ids(en_lines), [id_ for _, id_ in zh_headings]
    if not missing and en_ids != zh_ids:
        yield f"{name}: heading ids {zh_ids}, the English page's are {en_ids}"
    untranslated = [text for text, _ in zh_headings if not CJK.search(text)]
    if untranslated:
        yield f"{name}: headings not in Chinese: {untranslated}"


def problems(english):
    """What keeps the twin of ``english`` from being a faithful twin."""
    english = Path(english)
    twin = twin_of(english)
    name = twin.relative_to(ROOT)
    if not twin.exists():
        return [f"{name} is missing: every page has a Chinese twin"]
    found = list(_code_problems(name, english, twin))
    if english.suffix == ".py":  # a notebook's prose is its comment lines
        en_lines, zh_lines = (
            [line for line in path.read_text(encoding="utf-8").splitlines()
             if line.startswith("#")]
            for path in (english, twin)
        )
    else:
        en_lines, zh_lines = outside_fences(english), outside_fences(twin)
        found += _page_problems(name, en_lines, zh_lines)
    words = len(re.findall(r"[A-Za-z]+", "\n".join(en_lines)))
    characters = len(CJK.findall("\n".join(zh_lines)))
    if characters < CJK_PER_ENGLISH_WORD * words:
        found.append(f"{name}: {characters} Chinese characters for {words} English "
                     f"words of prose: is it translated?")
    return found


def main(paths):
    pages = [Path(p).resolve() for p in paths] or english_pages()
    pages = [p.with_name(p.name.replace(f".{LANG}.", ".")) for p in pages]
    report = [problem for page in pages for problem in problems(page)]
    print("\n".join(report) or f"{len(pages)} twins, all faithful")
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
