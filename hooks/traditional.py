"""The Traditional Chinese edition (zh-Hant, Taiwan usage), generated from the Simplified one.

The original lesson is written in Traditional characters. This edition is not
translated by hand and runs no code of its own: after the last build, every
file the Simplified pages built under ``zh/`` is converted with OpenCC's
``s2twp`` configuration (characters and Taiwan's vocabulary: 程序 -> 程式) and
written under ``zh-Hant/``, then `TERMS` puts back the course's words where
OpenCC's general choice is wrong for this field (函式 -> 函數 for a
mathematical function, 復步長 -> 複步長: the complex step). A change to a
Simplified page is a change to its Traditional page; the code on both is the
same code.

What differs besides the text: the page's language (``lang="zh-Hant"``), the
language switch (each page leads to its twin in every language), the root its
search loads (``zh-Hant/search/search_index.json``, the Simplified index
converted: jieba split the Simplified words, which convert one for one), and
its canonical address.
"""

import logging
import re
import shutil
from pathlib import Path

from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.traditional")

SOURCE, TARGET = "zh", "zh-Hant"
NAME = "繁體中文"
CONVERSION = "s2twp"  # Simplified to Traditional, Taiwan's characters and vocabulary
# (OpenCC's choice, the course's word); applied in this order after the conversion
TERMS = (
    ("啟用函式", "激活函數"),  # activation function: 激活 is the course's word
    ("函式", "函數"),  # a function of mathematics (the original lesson: 損失函數)
    ("復步長", "複步長"),  # the complex step (複數), not a repeated one
    ("舍入", "捨入"),  # rounding (捨入誤差)
    ("部分里", "部分裡"),  # inside a part (里 of 公里 stays)
    ("數里", "數裡"),  # inside a function, a derivative (函數裡, 導數裡)
)
TEXT = {".html", ".json", ".ipynb", ".xml", ".txt", ".svg", ".js", ".css"}

_converter = None


def convert(text):
    """Simplified Chinese text in Traditional characters, with the course's terms."""
    global _converter
    if _converter is None:
        import opencc

        _converter = opencc.OpenCC(CONVERSION)
    text = _converter.convert(text)
    for wrong, right in TERMS:
        text = text.replace(wrong, right)
    return text


def _twin_url(page_url):
    """The address of a page's Traditional twin, from its English or Simplified one."""
    url = page_url[len(SOURCE) + 1:] if page_url.startswith(SOURCE + "/") else page_url
    return f"{TARGET}/{url}"


def on_page_context(context, page, config, nav):
    """The language switch lists the Traditional edition, and leads to the page's
    twin in it (mkdocs-static-i18n builds this language's pages: it knows none)."""
    alternates = [a for a in (getattr(config.extra, "alternate", None) or [])
                  if a.get("lang") != TARGET]
    alternates.append({"name": NAME, "link": _twin_url(page.url), "lang": TARGET})
    config.extra.alternate = alternates  # as mkdocs-static-i18n sets it
    return context


HTML_LANG = re.compile(r'<html lang="zh"')
SWITCH = re.compile(r'(<a href=")([^"]*)(" hreflang="(zh|zh-Hant)")')
CONFIG_BASE = re.compile(r'("base": "[^"]*/)zh/(")')
CANONICAL = re.compile(r'(<link rel="canonical" href="[^"]*?/)zh/')


def _page_html(html, relative):
    """A converted Simplified page (``relative``: its path below zh/) as its
    Traditional twin."""
    up = "../" * len(relative.parts)  # from the page's folder to the site's root
    folder = relative.parent.as_posix() + "/" if relative.parent.parts else ""
    html = HTML_LANG.sub(f'<html lang="{TARGET}"', html, count=1)

    def switch(match):  # this page is the zh-Hant one now; zh is its twin
        href = f"{up}{SOURCE}/{folder}" if match[4] == SOURCE else "./"
        return match[1] + href + match[3]

    html = SWITCH.sub(switch, html)
    html = CONFIG_BASE.sub(rf"\1{TARGET}/\2", html, count=1)
    return CANONICAL.sub(rf"\1{TARGET}/", html, count=1)


def _building_another_language(config):
    """True inside mkdocs-static-i18n's builds of the other languages."""
    i18n = config.plugins.get("i18n")
    return bool(i18n and i18n.building)


@event_priority(-300)  # after every build and after the search split (-200)
def on_post_build(config):
    if _building_another_language(config):
        return
    site = Path(config.site_dir)
    source, target = site / SOURCE, site / TARGET
    if not source.is_dir():
        return
    converted = 0
    for path in sorted(source.rglob("*")):
        if path.is_dir():
            continue
        relative = path.relative_to(source)
        out = target / relative
        if out.is_file() and out.stat().st_mtime >= path.stat().st_mtime:
            continue  # written by an earlier build of `mkdocs serve --dirty`
        out.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix not in TEXT:
            shutil.copy2(path, out)
            continue
        text = convert(path.read_text(encoding="utf-8"))
        if path.suffix == ".html":
            text = _page_html(text, relative)
        out.write_text(text, encoding="utf-8")
        converted += 1
    log.info("Converted %d files of %s/ into %s/", converted, SOURCE, TARGET)
