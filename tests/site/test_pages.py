"""Every page in the navigation is a finished page of the course.

A stub left behind by a refactor, or a page added to docs/ but not to the
navigation, fails here instead of reaching readers.
"""

import re

import pytest
import yaml

from sitecheck import DOCS, MKDOCS_YML
from twins import CJK

PLACEHOLDERS = re.compile(
    r"being written|\bTODO\b|\bTBD\b|lorem ipsum|coming soon|待补充|待完成|正在编写|敬请期待",
    re.I,
)


class _Loader(yaml.SafeLoader):
    """mkdocs.yml uses tags such as !ENV and !relative; their values do not matter here."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def nav_pages(entries):
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            yield from nav_pages(value)
        else:
            yield value


NAV = list(nav_pages(yaml.load(MKDOCS_YML.read_text(), Loader=_Loader)["nav"]))
MARKDOWN_PAGES = [page for page in NAV if page.endswith(".md")]
# The Chinese twins (PAGE.zh.md) are not in the nav: the i18n plugin puts them
# in the Chinese site's own (tests/site/test_twins.py pairs them).
TWINS = [page[: -len(".md")] + ".zh.md" for page in MARKDOWN_PAGES]


@pytest.mark.parametrize("page", MARKDOWN_PAGES + TWINS)
def test_page_is_written(page):
    text = (DOCS / page).read_text(encoding="utf-8")
    words = len(re.findall(r"[A-Za-z]{2,}", text))
    words += len(CJK.findall(text)) // 2  # about 2 characters a word
    # an API page is generated: each ::: directive stands for a module's docstrings
    words += 100 * len(re.findall(r"^::: fclesson\.\w+", text, re.M))
    assert words >= 150, f"docs/{page} has only {words} words: is it a stub?"
    found = PLACEHOLDERS.search(text)
    assert found is None, f"docs/{page} still says {found.group(0)!r}"


def test_every_page_is_in_the_navigation():
    on_disk = {
        path.relative_to(DOCS).as_posix()
        for pattern in ("*.md", "notebooks/*.py", "notebooks/*.ipynb")
        for path in DOCS.rglob(pattern)
        if ".zh." not in path.name
    }
    assert on_disk - set(NAV) == set(), "pages missing from mkdocs.yml's nav"
    assert set(NAV) - on_disk == set(), "nav entries without a page"


def test_stub_detection_works(tmp_path):
    """The check above fails on a stub: shown on a stub the way a page would be read."""
    stub = "# Checking the hidden layer\n\nThis page is being written.\n"
    assert PLACEHOLDERS.search(stub)
    assert len(re.findall(r"[A-Za-z]{2,}", stub)) < 150
