"""hooks/listings.py: a listing on a page shows code, with docstrings cut to one line."""

import importlib.util
import re

import markdown
import pytest

import sitecheck

spec = importlib.util.spec_from_file_location("listings", sitecheck.ROOT / "hooks/listings.py")
listings = importlib.util.module_from_spec(spec)
spec.loader.exec_module(listings)

SECTION = re.compile(r"# --8<-- \[start:(\w+)\]\n(.*?)# --8<-- \[end:\1\]", re.DOTALL)
SOURCES = sorted((sitecheck.ROOT / "fclesson").glob("*.py"))
SOURCES += sorted((sitecheck.ROOT / "exercises").glob("*.py"))


def test_a_docstring_keeps_its_summary_line():
    code = '''def f(x):
    """Return x.

    Parameters
    ----------
    x : float
    """
    return x
'''
    assert listings.shorten_docstrings(code) == 'def f(x):\n    """Return x."""\n    return x\n'


def test_a_summary_that_wraps_is_kept_whole():
    code = '''def f(x):
    """Every weight below the output layer, with a linear
    output layer: the whole sentence.

    More.
    """
    return x
'''
    assert listings.shorten_docstrings(code) == (
        'def f(x):\n    """Every weight below the output layer, with a linear\n'
        '    output layer: the whole sentence."""\n    return x\n')


def test_a_docstring_with_tex_is_left_out():
    code = 'def f(x):\n    r"""$f\'(x) = \\frac{1}{2}$."""\n    return x\n'
    assert listings.shorten_docstrings(code) == "def f(x):\n    return x\n"


def test_only_listings_of_the_package_and_the_exercises_are_cut():
    page = '''```{.python notest title="fclesson/x.py"}
def f():
    """One.

    More.
    """
```

```python
def g():
    """One.

    More.
    """
```
'''
    html = markdown.markdown(page, extensions=["pymdownx.superfences", listings.ListingExtension()])
    assert html.count("More.") == 1  # only in the fence that is not a listing


def sections():
    return list(_sections())


def _sections():
    for path in SOURCES:
        for match in SECTION.finditer(path.read_text(encoding="utf-8")):
            yield pytest.param(match.group(2), id=f"{path.name}:{match.group(1)}")


@pytest.mark.parametrize("code", sections())
def test_every_section_reads_well_as_a_listing(code):
    """What a page shows of any section: no raw TeX, no line over 88 characters."""
    import textwrap

    shown = listings.shorten_docstrings(textwrap.dedent(code))
    assert not [line for line in shown.splitlines() if listings.TEX.search(line) and '"""' in line]
    assert not [line for line in shown.splitlines() if len(line) > 88]
    assert not re.search(r"\\frac|\\partial|\\sum|\$\\", shown)
