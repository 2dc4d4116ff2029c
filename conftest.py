"""pytest configuration shared by the whole repository.

pytest-markdown-docs (``--markdown-docs``) turns every python fence of the pages
under docs/ into a test. Two hooks make it run the fences as the site does:

1. Its default parser is plain CommonMark, which does not know Material's
   admonitions (``!!!``), collapsible blocks (``???``, ``???+``) or content
   tabs (``===``): it reads their indented bodies as indented code, and the
   fences inside are silently never run. The parser hook below adds
   mdformat-mkdocs' markdown-it plugins, so nested fences are collected too.
2. markdown-exec runs the fences of one page that name the same
   ``session="..."`` in one namespace, like the cells of a notebook, and
   hooks/exec_sessions.py starts every page with fresh sessions. pytest runs
   each fence on its own, so a fence of a session is run here after the code
   of the session's earlier fences on the same page.

tests/site/test_fences.py checks the result on every page.
"""

import contextlib
import dataclasses
import re

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


SESSION = re.compile(r'^[ \t]*(`{3,}|~{3,}).*\bsession="([^"]+)"')


def fence_sessions(path):
    """{line of the opening fence: session name} of a Markdown file's fences."""
    sessions, closing = {}, None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if closing is None:
            if stripped.startswith(("```", "~~~")):
                closing = stripped[0] * (len(stripped) - len(stripped.lstrip(stripped[0])))
                match = SESSION.match(line)
                if match:
                    sessions[number] = match.group(2)
        elif stripped.startswith(closing) and set(stripped) == {closing[0]}:
            closing = None
    return sessions


def pytest_collection_modifyitems(items):
    """Prefix each session fence with the code of its session's earlier fences.

    A fence's code is padded with blank lines to its place in the page (so
    that tracebacks point at the page's lines); the code of the fences before
    it keeps its own lines, so the joined code still does.
    """
    by_page = {}
    for item in items:
        if "CodeFence" in item.nodeid and getattr(item, "path", None) is not None:
            by_page.setdefault(item.path, []).append(item)
    for path, fences in by_page.items():
        if path.suffix != ".md":
            continue
        sessions, code_so_far = fence_sessions(path), {}
        for item in sorted(fences, key=lambda item: item.start_line):
            name = sessions.get(item.start_line)
            if name is None:
                continue
            source = item.test_definition.source
            earlier = code_so_far.get(name, "")
            padding = earlier.count("\n")
            assert source[:padding] == "\n" * padding, f"{path}:{item.start_line}"
            joined = earlier + source[padding:]
            item.test_definition = dataclasses.replace(item.test_definition, source=joined)
            item.code = joined
            code_so_far[name] = joined


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
