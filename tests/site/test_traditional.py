"""The Traditional Chinese edition is the Simplified one, converted (hooks/traditional.py).

Every Simplified page has a Traditional twin built from it: the same HTML tag
for tag and attribute for attribute (so what the browser tests check on the
Simplified page holds for it), its words in Traditional characters and
Taiwan's vocabulary with the course's terms, its language ``zh-Hant``.
"""

import html.parser
import re
import sys
from urllib.parse import urljoin

import pytest

import sitecheck
from sitebuild import SITE_URL

sys.path.insert(0, str(sitecheck.ROOT / "hooks"))
import traditional  # noqa: E402

CJK = re.compile(r"[\u2018\u2019\u201c\u201d\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")
SIMPLIFIED = [url for url in sitecheck.page_urls() if url.startswith("zh/")]


@pytest.mark.parametrize(("simplified", "traditional_"), [
    ("激活函数", "激活函數"),  # OpenCC: 啟用函式
    ("损失函数", "損失函數"),  # OpenCC: 損失函式
    ("复步长", "複步長"),  # OpenCC: 復步長
    ("舍入误差", "捨入誤差"),  # OpenCC: 舍入誤差
    ("梯度检查", "梯度檢查"),
    ("反向传播", "反向傳播"),
    ("判断性别", "判斷性別"),
    ("“判断性别”示例", "「判斷性別」示例"),  # Taiwan's quotation marks
    ("损失函数抛出异常时", "損失函數拋出例外時"),  # OpenCC: 丟擲異常
    ("隐藏层", "隱藏層"),
])
def test_the_course_terms(simplified, traditional_):
    assert traditional.convert(simplified) == traditional_


def test_the_term_list_is_needed():
    """Each entry of the term list mends a word OpenCC alone gets wrong here."""
    import opencc

    plain = opencc.OpenCC(traditional.CONVERSION)
    for wrong, right in traditional.TERMS:
        assert wrong != right
    assert plain.convert("激活函数") == "啟用函式"
    assert plain.convert("复步长") == "復步長"


class _Structure(html.parser.HTMLParser):
    """The tags of a page, each with its attributes, Chinese words blanked."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            attrs.pop("lang", None)
        if "hreflang" in attrs or attrs.get("rel") == "canonical":
            attrs.pop("href", None)
        self.tags.append((tag, tuple(sorted(
            (name, CJK.sub("…", value or "")) for name, value in attrs.items()))))


def structure(path):
    parser = _Structure()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


@pytest.mark.parametrize("url", SIMPLIFIED)
def test_each_page_is_its_simplified_twin_converted(site, url):
    simplified = site / url / "index.html"
    generated = site / ("zh-Hant/" + url[len("zh/"):]) / "index.html"
    assert structure(generated) == structure(simplified)
    text = generated.read_text(encoding="utf-8")
    assert '<html lang="zh-Hant"' in text
    # the language switch leads to the page's twin in each language
    rest, root = url[len("zh/"):], SITE_URL  # the test build's site_url
    switch = {lang: urljoin(f"{root}zh-Hant/{rest}", href) for href, lang in re.findall(
        r'<a href="([^"]*)" hreflang="([^"]*)" class="md-select__link"', text)}
    assert switch == {"en": root + rest, "zh": f"{root}zh/{rest}",
                      "zh-Hant": f"{root}zh-Hant/{rest}"}, switch
    assert not simplified_left(text)


def simplified_left(text):
    """The characters of ``text`` that OpenCC would still write in Traditional
    characters, one by one, each with a few characters around it. (Converting
    the whole page again is no test: s2twp's vocabulary is not idempotent,
    文件 -> 檔案 and 說明了 -> 說明瞭 on a page already converted.)"""
    import opencc

    one = opencc.OpenCC("s2tw")
    return sorted({text[max(0, m.start() - 4):m.end() + 4]
                   for m in re.finditer(r"[\u4e00-\u9fff]", text)
                   if one.convert(m[0]) != m[0]})


def test_simplified_characters_left_are_found():
    assert simplified_left("複步長檢查：損失函數里的 2") == ["損失函數里的 2"]
    assert simplified_left(traditional.convert("损失函数里的 2，说明了")) == []


def test_the_structure_check_sees_a_changed_tag(tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    a.write_text('<p title="简体">词</p><a href="x" hreflang="zh">中文</a>', encoding="utf-8")
    b.write_text('<p title="繁體">詞</p><a href="y" hreflang="zh">中文</a>', encoding="utf-8")
    assert structure(a) == structure(b)
    b.write_text('<div title="繁體">詞</div><a href="y" hreflang="zh">中文</a>', encoding="utf-8")
    assert structure(a) != structure(b)


@pytest.mark.parametrize(("simplified", "taiwan"), [
    ("第 0 层第 0 行第 0 列", "第 0 層第 0 列第 0 行"),  # the report's label of a weight
    ("  层  行  列  结果", "  層  列  行  結果"),  # the report's header
    ("每个神经元一行，每个输入一列，偏置放在最后一列。",
     "每個神經元一列，每個輸入一行，偏置放在最後一行。"),
    ("一行代码", "一行程式碼"),  # a line of code stays 行
    ("第一次运行时", "第一次執行時"),
])
def test_rows_and_columns_in_taiwan_usage(simplified, taiwan):
    assert traditional.convert(simplified) == taiwan


def test_each_row_and_column_phrase_is_on_a_page(site):
    """The phrases of the swap list are on the Traditional pages: the list is
    kept in step with the Simplified text it mends."""
    text = "".join((site / "zh-Hant" / url[len("zh/"):] / "index.html").read_text(
        encoding="utf-8") for url in SIMPLIFIED)
    missing = [taiwan for _, taiwan in traditional.ROWS_AND_COLUMNS
               if taiwan.translate(traditional.QUOTES) not in text]
    assert missing == []
    assert not re.search(r"第 \d+ 行第 \d+ 列", text)  # the Simplified order of a position
