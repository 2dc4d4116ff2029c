"""How the page fences run under pytest (conftest.py wires them in).

- SessionRunner: a fence of a ``session="..."`` runs in its session's
  namespace, once, after the session's earlier fences (SessionNamespaces).
- BuildRunner: an exec fence is reported from what it gave in this run's site
  build (FencesOfTheBuild; hooks/exec_sessions.py writes the record).

Each pytest session has its own tables (conftest.py makes them), and its items
their own runners (``use_runner``): pytest-markdown-docs' registry of runners
is one per process, shared with the sessions pytester runs inside this one.
"""

import functools
import json
import re
import textwrap
import types
from pathlib import Path

from pytest_markdown_docs._runners import DefaultRunner

SESSION = re.compile(r'\bsession="([^"]+)"')
EXEC = re.compile(r'\bexec="(?:on|1|true|yes)"')


@functools.cache
def fence_openers(path):
    """{line of the opening fence: its info string} of a Markdown file's fences."""
    openers, closing = {}, None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if closing is None:
            if stripped.startswith(("```", "~~~")):
                closing = stripped[0] * (len(stripped) - len(stripped.lstrip(stripped[0])))
                openers[number] = stripped[len(closing):]
        elif stripped.startswith(closing) and set(stripped) == {closing[0]}:
            closing = None
    return openers



class SessionNamespaces:
    """The namespace of each session of each page, and what each fence gave.

    A fence runs once: in order, after the fences of its session above it.
    When one of those was not run in this process (deselected, or placed on
    another line by a selection), it runs first; a fence that follows a failed
    one fails with a message naming the first failure.
    """

    def __init__(self):
        self.session = {}  # (page, line): the session of the fence there
        self.fences = {}  # (page, session): its fences
        self.namespaces = {}  # (page, session): the globals of its fences
        self.outcomes = {}  # (page, line): None, or the exception it raised

    def add_if_session(self, fence, info):
        """Know the fence, when its opening line names a session."""
        match = SESSION.search(info)
        if match:
            self.session[fence.source_path, fence.start_line] = match[1]
            self.fences.setdefault((fence.source_path, match[1]), []).append(fence)

    def run(self, fence, run_code):
        session = self.session[fence.source_path, fence.start_line]
        key = (fence.source_path, session)
        namespace = self.namespaces.setdefault(key, vars(types.ModuleType("fence")))
        for earlier in sorted(self.fences[key], key=lambda f: f.start_line):
            if earlier.start_line >= fence.start_line:
                break
            if (earlier.source_path, earlier.start_line) not in self.outcomes:
                self._run(earlier, namespace, run_code)
            if self.outcomes[earlier.source_path, earlier.start_line] is not None:
                raise EarlierFenceFailed(
                    f"the fence at line {earlier.start_line} of session "
                    f"{session!r} failed first; this one needs what it defines"
                )
        outcome = self.outcomes.get((fence.source_path, fence.start_line), False)
        if outcome is False:
            self._run(fence, namespace, run_code)
        elif outcome is not None:
            raise outcome

    def _run(self, fence, namespace, run_code):
        try:
            run_code(fence, namespace)
        except BaseException as error:
            self.outcomes[fence.source_path, fence.start_line] = error
            raise
        self.outcomes[fence.source_path, fence.start_line] = None


class EarlierFenceFailed(Exception):
    """A fence of a session cannot run: an earlier fence of its session failed."""


class SessionRunner(DefaultRunner):
    """Runs a session's fence in its session's namespace."""

    def __init__(self, sessions):
        self.sessions = sessions

    def runtest(self, test, args, **options):
        self.sessions.run(test, lambda fence, namespace: super(SessionRunner, self).runtest(
            fence, namespace, **options))


def fence_code(code):
    """A fence's code without its indentation and surrounding blank lines."""
    return textwrap.dedent(code).strip("\n").rstrip()


class FencesOfTheBuild:
    """What the site's build wrote for each exec fence (hooks/exec_sessions.py).

    A fence is found by its page and code; where a page repeats a fence's code,
    by the order of the repeats.
    """

    def __init__(self):
        self.repeat = {}  # (page, line): how many fences above it have its code
        self._logs = {}  # path of a log: its records, by (page, code)

    def add_page(self, page, fences):
        seen = {}
        for fence in sorted(fences, key=lambda f: f.start_line):
            code = fence_code(fence.source)
            self.repeat[page, fence.start_line] = seen.get(code, 0)
            seen[code] = seen.get(code, 0) + 1

    def record(self, build, fence):
        if build.fence_log not in self._logs:
            records = {}
            if build.fence_log.is_file():
                for line in build.fence_log.read_text(encoding="utf-8").splitlines():
                    entry = json.loads(line)
                    key = (str(Path(entry["page"]).resolve()), fence_code(entry["code"]))
                    records.setdefault(key, []).append(entry)
            self._logs[build.fence_log] = records
        page = Path(fence.source_path).resolve()
        found = self._logs[build.fence_log].get((str(page), fence_code(fence.source)), [])
        repeat = self.repeat[page, fence.start_line]
        return found[repeat] if repeat < len(found) else None


class FailedInTheBuild(Exception):
    """An exec fence raised an error when the site's build ran it."""


class BuildRunner(DefaultRunner):
    """Reports an exec fence from what it gave in this run's site build."""

    def __init__(self, fences):
        self.fences = fences

    def runtest(self, test, args, **options):
        build = args["built_site"]
        record = self.fences.record(build, test)
        if record is None:
            raise FailedInTheBuild(
                "the site's build did not run this fence; the end of its output:\n"
                + build.output[-3000:])
        if record["error"] is not None:
            raise FailedInTheBuild(record["error"])

    def repr_failure(self, test, excinfo, style=None):
        code = fence_code(test.source)
        return (f"Error in code block (run by the site's build):\n"
                f"{textwrap.indent(code, '    ')}\n{excinfo.value}")


def use_runner(item, runner):
    """Make a fence item run with ``runner`` (its setup picks one by name)."""
    setup = item.setup

    def setup_with_runner():
        setup()
        item.runner = runner

    item.setup = setup_with_runner
