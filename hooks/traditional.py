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
    ("丟擲異常", "拋出例外"),  # raise an exception, as Taiwan's Python texts say
    ("丟擲", "拋出"),
)
TEXT = {".html", ".json", ".ipynb", ".xml", ".txt", ".svg", ".js", ".css"}

# Rows and columns: in Taiwan a matrix's row is 列 and its column 行, the other
# way round from the Simplified pages (行 row, 列 column); a table's column is 欄.
# OpenCC keeps the characters. Swapped where the course speaks of a matrix or a
# table: an entry's position (第 j 行 -> 第 j 列), the report's header, and these
# phrases (行 of a line of code or of print stays 行).
COORDINATE = re.compile(
    r'(第\s*(?:<span class="arithmatex">[^<]*</span>|<code>[^<]*</code>|[0-9A-Za-z一二三四五六七八九十]{1,3})\s*)'
    r"([行列])")
HEADER = re.compile(r"層(\s+)行(\s+)列")
ROWS_AND_COLUMNS = (
    ("每層內先逐行、再逐列", "每層內先逐列、再逐行"),
    ("再迴圈行，最後迴圈列", "再迴圈列，最後迴圈行"),
    ("佔一行，這一層的每個輸入", "佔一列，這一層的每個輸入"),
    ("佔一列，最後再加一列偏置", "佔一行，最後再加一行偏置"),
    ("一行一行地檢查，每一行內一列一列地檢查", "一列一列地檢查，每一列內一行一行地檢查"),
    ("每個神經元佔一行，每個輸入佔一列，偏置放在最後一列",
     "每個神經元佔一列，每個輸入佔一行，偏置放在最後一行"),
    ("每個神經元一行，每個輸入一列，偏置放在最後一列",
     "每個神經元一列，每個輸入一行，偏置放在最後一行"),
    ("每個神經元一行，偏置在最後一列", "每個神經元一列，偏置在最後一行"),
    ("“反向傳播”一列", "“反向傳播”一欄"),
    ("兩列打印出的", "兩欄打印出的"),
    ("共用這一列", "共用這一行"),
    ("每個網路佔一行", "每個網路佔一列"),
    ("各佔一行", "各佔一列"),
    ("它那 4 行的損失", "它那 4 列的損失"),
    ("去掉偏置那一列", "去掉偏置那一行"),
    ("輸出層的矩陣只有一行", "輸出層的矩陣只有一列"),
    ("每一層的最後一列", "每一層的最後一行"),
    ("相同的幾列", "相同的幾行"),
    ("這幾列所乘的輸入", "這幾行所乘的輸入"),
    ("偏置列", "偏置行"),
    ("只涉及一列", "只涉及一行"),
    ("每一行、每一列", "每一列、每一行"),
)
SWAP = {"行": "列", "列": "行"}
QUOTES = str.maketrans("“”‘’", "「」『』")  # Taiwan's quotation marks


def rows_and_columns(text):
    """Taiwan's 列 (row) and 行 (column) where the text speaks of a matrix."""
    text = COORDINATE.sub(lambda m: m[1] + SWAP[m[2]], text)
    text = HEADER.sub(lambda m: f"層{m[1]}列{m[2]}行", text)
    for simplified_order, taiwan in ROWS_AND_COLUMNS:
        text = text.replace(simplified_order, taiwan)
    return text


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
    return rows_and_columns(text).translate(QUOTES)


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
