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
   hooks/exec_sessions.py starts every page with fresh sessions. Here too a
   session's fences share one namespace, and each runs once, in page order
   (SessionNamespaces).

3. The site's strict build (tests/site/sitebuild.py) runs every exec fence
   already. When a run of pytest builds the site (``make test``), an exec
   fence is reported from what it gave in that build (BuildRunner) instead of
   running a second time; a run without the site tests (``pytest docs/``)
   runs it here.

tests/site/test_fences.py checks the result on every page.
"""

import contextlib
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdformat_mkdocs.mdit_plugins import (
    material_admon_plugin,
    material_content_tabs_plugin,
)

# The site's build (tests/site/sitebuild.py, with sitecheck.py beside it) is
# shared by the site tests and the page fences; tests/site/test_fences.py runs
# pytest on a deliberately broken page (pytester).
sys.path.insert(0, str(Path(__file__).resolve().parent / "tests" / "site"))
pytest_plugins = ["pytester", "sitebuild"]

from fence_runs import (  # noqa: E402
    EXEC,
    SESSION,
    BuildRunner,
    FencesOfTheBuild,
    SessionNamespaces,
    SessionRunner,
    fence_openers,
    use_runner,
)

SESSIONS = SessionNamespaces()  # of this pytest session's pages
BUILD_FENCES = FencesOfTheBuild()

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




def _is_fence(item):
    return "CodeFence" in item.nodeid and getattr(item, "path", None) is not None


def _needs_the_build(item):
    return "built_site" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(items):
    """Run each fence once, as the site runs it.

    - A session fence runs in its session's namespace, after the earlier ones
      (SESSIONS, which knows every fence of a page, also when only some are
      selected). The fences of one page stay in one worker of pytest-xdist
      (``--dist loadgroup``).
    - When the site is built in this run, an exec fence is reported from the
      build (BuildRunner).
    - The build starts first, then the tests that do not need it run while
      it is under way, then the ones that do (with pytest-xdist, one worker
      builds while the others go on).
    """
    consume = any(_needs_the_build(item) for item in items if not _is_fence(item))
    pages = {}
    for item in items:
        if _is_fence(item) and item.path.suffix == ".md":
            pages.setdefault(item.parent, []).append(item)
    for page, selected in pages.items():
        openers = fence_openers(page.path)
        every_fence = [fence.test_definition for fence in page.collect()]
        for fence in every_fence:
            SESSIONS.add_if_session(fence, openers.get(fence.start_line, ""))
        BUILD_FENCES.add_page(Path(page.path).resolve(), [
            f for f in every_fence if EXEC.search(openers.get(f.start_line, ""))])
        for item in selected:
            info = openers.get(item.start_line, "")
            if consume and EXEC.search(info):
                use_runner(item, BuildRunner(BUILD_FENCES))
                item.fixturenames = (*item.fixturenames, "built_site")
            elif SESSION.search(info):
                use_runner(item, SessionRunner(SESSIONS))
                item.add_marker(pytest.mark.xdist_group(str(page.path)))
    if consume:
        def order(item):
            if item.nodeid.endswith("test_strict_build_passes"):
                return 0
            return 2 if _needs_the_build(item) else 1

        items.sort(key=order)  # stable: each group keeps its order


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
    from fclesson.lesson import language

    # A Chinese page's code prints Chinese, as on the site (hooks/exec_sessions.py).
    language.set_language("zh" if ".zh." in Path(item.path).name else "en")
    capman.global_and_fixture_disabled = contextlib.nullcontext
    try:
        return (yield)
    finally:
        del capman.global_and_fixture_disabled  # back to the class's method
        language.set_language("en")
