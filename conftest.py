"""pytest configuration shared by the whole repository.

pytest-markdown-docs (``--markdown-docs``) turns every python fence of the pages
under docs/ into a test. Its default parser is plain CommonMark, which does not
know Material's admonitions (``!!!``), collapsible blocks (``???``, ``???+``)
or content tabs (``===``): it reads their indented bodies as indented code, and
the fences inside are silently never run. The hook below parses those blocks
with mdformat-mkdocs' markdown-it plugins, so nested fences are collected too.
tests/site/test_fences.py checks the result on every page.
"""

import contextlib

import pytest
from markdown_it import MarkdownIt
from mdformat_mkdocs.mdit_plugins import (
    material_admon_plugin,
    material_content_tabs_plugin,
)

# tests/site/test_fences.py runs pytest on a deliberately broken page.
pytest_plugins = ["pytester"]

# Notebooks (jupytext .py files) are executed by the site build, not imported
# by pytest-markdown-docs' docstring collector.
collect_ignore_glob = ["docs/*.py"]


@pytest.hookimpl
def pytest_markdown_docs_markdown_it():
    return (
        MarkdownIt("commonmark")
        .use(material_admon_plugin)
        .use(material_content_tabs_plugin)
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Capture what page fences print, as pytest does for any test.

    pytest-markdown-docs switches pytest's capture off while a fence runs, so
    an exec fence that prints a table or an SVG figure for the page would flood
    the test log. With capture left on, the output is shown only when the
    fence fails ("Captured stdout call").
    """
    capman = item.config.pluginmanager.getplugin("capturemanager")
    if capman is None or "CodeFence" not in item.nodeid:
        return (yield)
    capman.global_and_fixture_disabled = contextlib.nullcontext
    try:
        return (yield)
    finally:
        del capman.global_and_fixture_disabled  # back to the class's method
