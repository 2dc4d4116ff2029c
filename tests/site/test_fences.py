"""Every python fence of the pages runs under pytest, or is a snippet include.

The convention (see README, "How pages are tested"):

- ```` ```python ````: run by pytest-markdown-docs, at any nesting level;
  ```` ```{.python continuation} ```` continues the fence before it.
- ```` ```python exec="on" ````: also run by markdown-exec while the site is
  built; its printed output becomes part of the page.
- ```` ```{.python notest title="fclesson/<file>.py"} ```` holding only
  ``--8<-- "fclesson/<file>.py:<section>"`` lines: a listing cut from the
  package, not run here (the package's own tests cover it). Exercise pages
  include their starting code the same way from ``exercises/<file>.py``; the
  exercise tests import every skeleton and check it against its answer.

This module finds fences with its own line scanner, independent of the
markdown-it parser that pytest-markdown-docs uses, and compares the two.
"""

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import sitecheck

PAGES = sorted(sitecheck.DOCS.rglob("*.md"))
PYTHON_LANGS = {"python", "py", "python3", "pycon"}
SNIPPET_LINE = re.compile(r'^\s*--8<--\s+"(?P<target>[^"]+)"\s*$')
KEY_VALUE = re.compile(r'^[\w-]+=(?:"[^"]*"|\S+)$')
FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`]*)$")


@dataclass
class Fence:
    path: Path
    line: int  # 1-based line of the opening fence, as pytest-markdown-docs counts
    lang: str
    options: set
    body: list
    braced: bool

    @property
    def bare_words(self):
        """Options Material cannot render outside braces (``python notest``)."""
        return set() if self.braced else {o for o in self.options if not KEY_VALUE.match(o)}

    @property
    def where(self):
        return f"{self.path.relative_to(sitecheck.ROOT)}:{self.line}"

    @property
    def snippet_targets(self):
        return [m["target"] for m in map(SNIPPET_LINE.match, self.body) if m]

    @property
    def is_snippet_include(self):
        lines = [line for line in self.body if line.strip()]
        return "notest" in self.options and bool(lines) and all(map(SNIPPET_LINE.match, lines))


def parse_info(info):
    """Language and options of a fence's info string, plain or ``{.lang ...}``."""
    info = info.strip()
    if info.startswith("{") and info.endswith("}"):
        words = info[1:-1].split()
        lang = next((w[1:] for w in words if w.startswith(".")), "")
        options = {w for w in words if w != "." + lang}
    else:
        words = info.split()
        lang, options = (words[0] if words else ""), set(words[1:])
    return lang.lower(), options


def scan_fences(path):
    """Every fenced block of a Markdown file, at any indentation."""
    fences, open_fence = [], None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if open_fence is None:
            match = FENCE_OPEN.match(line)
            if match:
                lang, options = parse_info(match["info"])
                braced = match["info"].strip().startswith("{")
                open_fence = (match["fence"], Fence(path, number, lang, options, [], braced))
        else:
            marker, fence = open_fence
            stripped = line.strip()
            if stripped.startswith(marker[0] * len(marker)) and set(stripped) == {marker[0]}:
                fences.append(fence)
                open_fence = None
            else:
                fence.body.append(line)
    if open_fence is not None:
        raise AssertionError(f"{open_fence[1].where}: fence never closed")
    return fences


def python_fences(paths=PAGES):
    return [f for path in paths for f in scan_fences(path) if f.lang in PYTHON_LANGS]


# Collects docs/ in a fresh pytest process with the repository's own settings
# (pyproject.toml, conftest.py) and writes (file, line) of each fence test.
COLLECT = """
import json, sys, pytest

class Recorder:
    def pytest_collection_finish(self, session):
        self.fences = [
            [str(item.path), item.start_line]
            for item in session.items if hasattr(item, "start_line")
        ]

recorder = Recorder()
code = pytest.main(["--collect-only", "-q", "docs"], plugins=[recorder])
with open(sys.argv[1], "w") as out:
    json.dump(recorder.fences, out)
sys.exit(code)
"""


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """(page, line) of every fence pytest collects from docs/."""
    out = tmp_path_factory.mktemp("collect") / "fences.json"
    result = subprocess.run(
        [sys.executable, "-c", COLLECT, str(out)],
        cwd=sitecheck.ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {(Path(path), line) for path, line in json.loads(out.read_text())}


def test_pytest_reads_fences_the_way_material_renders_them(pytestconfig):
    """The superfences syntax is what makes ``{.python notest}`` a skipped fence."""
    assert pytestconfig.option.markdowndocs, "add --markdown-docs to addopts"
    assert pytestconfig.option.markdowndocs_syntax == "superfences"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(sitecheck.DOCS)))
def test_every_python_fence_runs_or_is_a_listing(page, collected):
    problems = []
    for fence in python_fences([page]):
        runs = (page, fence.line) in collected
        if fence.bare_words:
            words = " ".join(sorted(fence.bare_words))
            problems.append(f"{fence.where}: write {{.{fence.lang} {words} ...}}; Material shows bare words as text")
        if fence.is_snippet_include and runs:
            problems.append(f"{fence.where}: snippet include is run by pytest; mark it notest")
        elif not fence.is_snippet_include and not runs:
            if "notest" in fence.options:
                problems.append(f"{fence.where}: notest is only for snippet includes")
            else:
                problems.append(f"{fence.where}: python fence not collected by pytest")
        elif fence.snippet_targets and not fence.is_snippet_include:
            problems.append(f"{fence.where}: snippet include mixed with code")
    assert not problems, "\n".join(problems)


LESSON_PARTS = ("lesson4", "recap", "exercises", "own-code")


def fence_options(fence):
    """The ``key="value"`` options of a fence, unquoted."""
    pairs = (option.partition("=") for option in fence.options if "=" in option)
    return {key: value.strip('"') for key, _, value in pairs}


@pytest.mark.parametrize(
    "page",
    [p for p in PAGES if p.relative_to(sitecheck.DOCS).parts[0] in LESSON_PARTS],
    ids=lambda p: str(p.relative_to(sitecheck.DOCS)),
)
def test_lesson_code_shows_its_result(page):
    """On the lesson's pages the reader sees what each example does, as in a notebook.

    A fence that runs is an exec fence: it prints its result into the page,
    below its source (``source="block"``) or alone (a table, a figure).
    """
    problems = []
    for fence in python_fences([page]):
        if fence.is_snippet_include:
            continue
        options = fence_options(fence)
        if options.get("exec") != "on":
            problems.append(f'{fence.where}: add exec="on" source="block" so that the page '
                            "shows what the code prints")
        elif options.get("source", "block") != "block":
            problems.append(f'{fence.where}: show the source with source="block" (code, then '
                            "its result) or not at all")
    assert not problems, "\n".join(problems)


def snippet_targets():
    return sorted({(f.where, t) for f in python_fences() for t in f.snippet_targets})


@pytest.mark.parametrize(("where", "target"), snippet_targets())
def test_snippet_include_names_a_real_section(where, target):
    file_name, _, section = target.partition(":")
    source = sitecheck.ROOT / file_name
    assert file_name.startswith(("fclesson/", "exercises/")), (
        f"{where}: listings come from fclesson/ (or exercises/ for starting code)"
    )
    assert source.is_file(), f"{where}: {file_name} does not exist"
    if section:
        assert section == section.lower(), f"{where}: section names must be lowercase"
        text = source.read_text(encoding="utf-8")
        for marker in (f"--8<-- [start:{section}]", f"--8<-- [end:{section}]"):
            assert text.count(marker) == 1, f"{where}: {file_name} needs one '{marker}'"


def test_scanner_sees_every_nesting_level():
    """Guard for the scanner itself, on the deliberately broken page."""
    fences = python_fences([sitecheck.FIXTURES / "broken.md"])
    assert len(fences) == 11
    assert sum(f.is_snippet_include for f in fences) == 1


def _must_fail_lines():
    fences = python_fences([sitecheck.FIXTURES / "broken.md"])
    return {f.line for f in fences if any("must fail" in line for line in f.body)}


def _session_fence_lines():
    """Lines of the fences that need the code of an earlier fence of their session."""
    fences = python_fences([sitecheck.FIXTURES / "broken.md"])
    return {f.line for f in fences if any("after the session" in line for line in f.body)}


def _pytest_pages(pytester, *args):
    """pytest on the pages of a pytester folder, as the suite runs them."""
    return pytester.runpytest(
        "--markdown-docs", "--markdown-docs-syntax=superfences", "-p", "no:cacheprovider",
        "-rf", *args,
    )


def _run_broken_page(pytester, conftest_text):
    pytester.makeconftest(conftest_text)
    pytester.makefile(".md", broken=(sitecheck.FIXTURES / "broken.md").read_text(encoding="utf-8"))
    result = _pytest_pages(pytester)
    failed = {int(m) for m in re.findall(r"FAILED broken\.md::\[CodeFence#\d+\]\[line:(\d+)\]", result.stdout.str())}
    return result, failed


def test_failing_fences_fail_at_every_nesting_level(pytester):
    """Top level, admonition, collapsible (closed and open), content tab, hidden line."""
    root_conftest = (sitecheck.ROOT / "conftest.py").read_text(encoding="utf-8")
    result, failed = _run_broken_page(pytester, root_conftest)
    result.assert_outcomes(failed=6, passed=4)
    assert failed == _must_fail_lines()


def test_without_the_hooks_nested_fences_are_missed_and_sessions_break(pytester):
    """Why conftest.py needs its hooks.

    CommonMark alone sees top-level fences only, and without the session hook a
    fence that uses an earlier fence's variable fails.
    """
    result, failed = _run_broken_page(pytester, "")
    page = (sitecheck.FIXTURES / "broken.md").read_text(encoding="utf-8").splitlines()
    top_level_must_fail = {line for line in _must_fail_lines() if page[line - 1].startswith("`")}
    assert len(top_level_must_fail) == 2
    assert failed == top_level_must_fail | _session_fence_lines()
    result.assert_outcomes(failed=3, passed=2)


SESSION_PAGE = '''
```python exec="on" session="s"
import pathlib
runs = pathlib.Path("runs.txt")
runs.write_text(runs.read_text() + "first\\n" if runs.exists() else "first\\n")
```

```python exec="on" session="s"
assert runs.read_text() == "first\\n"  # the first fence ran once, not again
```

```python exec="on" session="s"
broken = 1 / 0
```

```python exec="on" session="s"
print(broken)
```
'''


def test_each_session_fence_runs_once_and_after_a_failure_says_so(pytester):
    """A session's fences share one namespace and each runs once (conftest.py's
    SessionNamespaces); a fence after a failed one names the first failure."""
    pytester.makeconftest((sitecheck.ROOT / "conftest.py").read_text(encoding="utf-8"))
    pytester.makefile(".md", session=SESSION_PAGE)
    result = _pytest_pages(pytester)
    result.assert_outcomes(passed=2, failed=2)
    failed = re.findall(r"FAILED session\.md::\[CodeFence#\d\]\[line:(\d+)\]", result.stdout.str())
    assert len(failed) == 2
    result.stdout.fnmatch_lines([
        "*ZeroDivisionError*",
        f"*the fence at line {failed[0]} of session 's' failed first; this one needs*",
    ])
    assert (pytester.path / "runs.txt").read_text() == "first\n"
    # the last fence alone: the earlier ones run first, once each
    (pytester.path / "runs.txt").unlink()
    _pytest_pages(pytester, "session.md::[CodeFence#2][line:7]").assert_outcomes(passed=1)
    assert (pytester.path / "runs.txt").read_text() == "first\n"


BUILT_PAGE = '''
```python exec="on"
open("ran.txt", "a").write("ok\\n")  # the build ran it and it passed
```

```python exec="on"
open("ran.txt", "a").write("failed\\n")  # the build ran it and it failed
```

```python exec="on"
open("ran.txt", "a").write("missing\\n")  # the build never ran it
```

```python
open("ran.txt", "a").write("plain\\n")  # not an exec fence: pytest runs it
```
'''

BUILT_CONFTEST = '''
import json
from pathlib import Path

import pytest
import sitebuild


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    page = Path("built.md").resolve()
    log = tmp_path_factory.mktemp("build") / "fences.jsonl"
    fences = Path("built.md").read_text().split("```python exec=\\"on\\"\\n")[1:]
    codes = [fence.split("```")[0] for fence in fences]
    log.write_text("".join(json.dumps(entry) + "\\n" for entry in [
        {"page": str(page), "session": None, "code": codes[0], "error": None},
        {"page": str(page), "session": None, "code": codes[1],
         "error": "Traceback: ZeroDivisionError planted in the build"},
    ]))
    return sitebuild.Build(Path("site"), 1, "the build's last words", log)
'''


def test_exec_fences_are_reported_from_the_build(pytester):
    """When the run builds the site, an exec fence is not run again: its outcome
    comes from the build's record (conftest.py's BuildRunner); one the build
    did not run fails."""
    conftest = (sitecheck.ROOT / "conftest.py").read_text(encoding="utf-8")
    pytester.makeconftest(conftest + BUILT_CONFTEST)
    pytester.makefile(".md", built=BUILT_PAGE)
    pytester.makepyfile(test_site="def test_needs_the_build(built_site):\n"
                                  "    assert built_site.returncode == 1\n")
    result = _pytest_pages(pytester)
    result.assert_outcomes(passed=3, failed=2)
    result.stdout.fnmatch_lines([
        "*ZeroDivisionError planted in the build*",
        "*the site's build did not run this fence*",
        "*the build's last words*",
    ])
    assert (pytester.path / "ran.txt").read_text() == "plain\n"
    # without a test that needs the build, pytest runs every fence itself
    (pytester.path / "ran.txt").unlink()
    _pytest_pages(pytester, "built.md").assert_outcomes(passed=4)
    assert (pytester.path / "ran.txt").read_text() == "ok\nfailed\nmissing\nplain\n"
