"""The language the package prints in: English, or Chinese on the Chinese pages.

A Chinese page runs the same code as its English twin, and what it prints
comes out in Chinese: the site's build sets the language of each page before
its code runs (hooks/exec_sessions.py), pytest does for each page it runs
(conftest.py). The environment variable ``FCLESSON_LANG=zh`` sets it for a
whole program (and for the commands it starts), and the command line takes
``--lang zh`` (its default: ``FCLESSON_LANG``, else the locale).
"""

import os
import re

# --8<-- [start:language]
LANGUAGES = ("en", "zh")
ENVIRONMENT = "FCLESSON_LANG"  # "zh" prints Chinese from the start; the site sets it


def _chinese(code):
    return str(code).lower().startswith("zh")


_language = "zh" if _chinese(os.environ.get(ENVIRONMENT, "")) else "en"


def set_language(code):
    """Print in ``code``, "en" or "zh" (a Chinese variant such as "zh-Hant" is "zh")."""
    global _language
    code = "zh" if _chinese(code) else code
    if code not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, got {code!r}")
    _language = code
    os.environ[ENVIRONMENT] = code  # a command the code runs prints the same


def language():
    return _language


def say(words):
    """The entry of ``words`` ({"en": ..., "zh": ...}) in the current language."""
    return words[_language]


def width(text):
    """Columns a text takes in a monospaced font: a Chinese character takes two."""
    return sum(2 if "\u2e80" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef" else 1
               for c in text)


def wrap(text, columns, first="", indent=""):
    """``text`` in lines of at most ``columns`` columns, the first starting with
    ``first``, the others with ``indent``: broken between Chinese characters
    or at spaces, never inside a number or a word in Latin letters."""
    cjk = "\u2e80-\u9fff\uff00-\uffef"  # the characters `width` counts as two
    pieces = re.findall(rf"[{cjk}]|[^\s{cjk}]+|\s+", text)
    lines, line = [], first
    for piece in pieces:
        if width(line + piece) > columns and line.strip() and not piece.isspace():
            lines.append(line.rstrip())
            line = indent
        if not (piece.isspace() and line == indent):
            line += piece
    return lines + [line.rstrip()]


def pad(text, columns, right=False):
    """``text`` padded with spaces to ``columns`` columns (on the left if ``right``)."""
    fill = " " * max(0, columns - width(text))
    return fill + text if right else text + fill


# The lesson's printed words in Chinese, padded to the display width of the
# English words they stand for, so the columns of a table stay aligned.
CHINESE = {
    "weight  result     backprop    numerical    error":
        "  权重  结果       反向传播     数值估计     误差",
    "pass  ": "通过  ",
    "FAIL  ": "失败  ",
}


def words(english):
    """``english`` in the page's language: itself, or its entry in CHINESE."""
    if _language == "en":
        return english
    if english not in CHINESE:
        raise KeyError(f"words: no Chinese for {english!r} in CHINESE")
    return CHINESE[english]
# --8<-- [end:language]
