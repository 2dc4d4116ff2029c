"""Listings show code: a docstring shrinks to its summary on the pages.

A listing is a fence whose title names a file of the package or of the
exercises (``{.python notest title="fclesson/derivative.py"}``), filled by
pymdownx.snippets. The package's NumPy docstrings are written for the API
reference (mkdocstrings renders them there, in full). On a page, a listing
is the signature and the body: every docstring is cut to its summary (its
first paragraph, whole sentences), and left out when that holds TeX, which
would show raw in code.

The cut runs as a Markdown preprocessor after snippets has filled the fences
(priority 32) and before superfences reads them (25).
"""

import ast
import inspect
import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

LISTING = re.compile(
    r'^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*\{[^}]*\.python\b[^}]*'
    r'title="(?:fclesson|exercises)/[^"]+"[^}]*\}[ \t]*$'
)
TEX = re.compile(r"\$|\\")


def summary(docstring):
    """The lines of a docstring's first paragraph (its summary, which may wrap),
    or None when it holds TeX."""
    first = inspect.cleandoc(docstring).split("\n\n", 1)[0].strip().split("\n")
    return None if any(TEX.search(line) for line in first) else first


def shorten_docstrings(code):
    """``code`` with every docstring cut to its summary line (or removed)."""
    tree = ast.parse(code)
    lines = code.split("\n")
    cuts = []  # (first line, last line, replacement lines), 1-based
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        first = node.body[0]
        if not (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)):
            continue
        indent = " " * first.col_offset
        lines_ = summary(first.value.value)
        if lines_ is not None:
            replacement = [f"{indent}{line}" for line in lines_]
            replacement[0] = f'{indent}"""{lines_[0]}'
            replacement[-1] += '"""'

        elif len(node.body) > 1:
            replacement = []
        else:
            replacement = [f"{indent}..."]  # a body that was only a docstring
        cuts.append((first.lineno, first.end_lineno, replacement))
    for start, end, replacement in sorted(cuts, reverse=True):
        lines[start - 1:end] = replacement
    return "\n".join(lines)


class ListingPreprocessor(Preprocessor):
    def run(self, lines):
        out, i = [], 0
        while i < len(lines):
            match = LISTING.match(lines[i])
            out.append(lines[i])
            i += 1
            if not match:
                continue
            indent, fence = match["indent"], match["fence"]
            body = []
            while i < len(lines) and lines[i].strip() != fence:
                body.append(lines[i])
                i += 1
            width = len(indent)
            code = "\n".join(line[width:] for line in body)
            shortened = shorten_docstrings(code)
            out.extend(indent + line if line else line for line in shortened.split("\n"))
        return out


class ListingExtension(Extension):
    def extendMarkdown(self, md):
        md.preprocessors.register(ListingPreprocessor(md), "fclesson_listings", 31)


def on_config(config):
    config.markdown_extensions.append(ListingExtension())
    return config
