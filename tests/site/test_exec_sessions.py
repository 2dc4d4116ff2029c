"""hooks/exec_sessions.py: a fence's output holds what anything in it prints.

markdown-exec gives a fence its own ``print``; a function of the package that
prints (``fclesson.lesson.print_checks``) uses the built-in one, whose lines
would go to the build's terminal and leave the page's output box empty.
"""

import sys

import sitecheck

sys.path.insert(0, str(sitecheck.ROOT / "hooks"))
import exec_sessions  # noqa: E402,F401  (installs the runner)
from markdown_exec._internal.formatters import python  # noqa: E402

CODE = "import builtins\nprint('first')\nbuiltins.print('second')\nprint('third')"


def test_a_fence_shows_what_the_package_prints_in_order():
    assert python._run_python(CODE, session=None) == "first\nsecond\nthird\n"


def test_markdown_execs_own_runner_loses_it(monkeypatch):
    """Why the hook replaces it: markdown-exec's runner keeps only its own print."""
    monkeypatch.setattr(python, "_buffer_print", python._fclesson_unwrapped_print)
    assert python._fclesson_unwrapped_run(CODE, session=None) == "first\nthird\n"
