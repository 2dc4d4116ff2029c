"""Run each exercise's tests against the answer and against the reader's file.

Every test module here names its exercise in a module-level ``EXERCISE`` (an
``exercise_cases.Exercise``) and takes the fixture ``solution``: an object
holding the exercise's functions.

* Normal run (``make test``): each test runs twice, ``[answer]`` (the lesson's
  function in fclesson.lesson, which must pass) and ``[yours]`` (the file in
  exercises/). A function of that file that still raises ``NotImplementedError``
  makes the test *skip*: "exercise 1 not attempted: edit exercises/ex1_derivative.py".
* Exercise mode (``make exercise N=1``, i.e. ``pytest tests/exercises/test_ex1_*.py
  --exercise-mode``): only ``[yours]`` runs, and ``NotImplementedError`` is a
  *failure*.
* ``--exercise-file=PATH`` (``make exercise N=1 FILE=PATH``) tests another file
  instead of the one in exercises/, in either mode.
"""

import importlib.util
import sys
import traceback
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[2]


def pytest_addoption(parser):
    group = parser.getgroup("exercises", "the exercises of docs/exercises/")
    group.addoption(
        "--exercise-mode",
        action="store_true",
        default=False,
        help="test only your solution; an exercise not attempted fails (make exercise N=...)",
    )
    group.addoption(
        "--exercise-file",
        default=None,
        metavar="PATH",
        help="test this file instead of the exercise's skeleton in exercises/",
    )


def _mode(config):
    return bool(config.getoption("exercise_mode", default=False))


def _file_option(config):
    path = config.getoption("exercise_file", default=None)
    return Path(path).resolve() if path else None


def _shown(path):
    """A path as the reader typed it: relative to the repository when inside it."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def pytest_generate_tests(metafunc):
    if "solution" in metafunc.fixturenames:
        params = ["yours"] if _mode(metafunc.config) else ["answer", "yours"]
        metafunc.parametrize("solution", params, indirect=True)


def pytest_collection_modifyitems(config, items):
    path = _file_option(config)
    if path is None:
        return
    if not path.is_file():
        raise pytest.UsageError(f"--exercise-file: {path} is not a file")
    numbers = {
        item.module.EXERCISE.number
        for item in items
        if "solution" in getattr(item, "fixturenames", ()) and hasattr(item.module, "EXERCISE")
    }
    if len(numbers) > 1:
        raise pytest.UsageError(
            "--exercise-file names one file, but the tests of exercises "
            f"{sorted(numbers)} were selected: run the tests of one exercise "
            "(make exercise N=... FILE=...)"
        )


_loaded = {}


def _load(path, exercise):
    """Import the reader's file (once per run); a broken file fails the test."""
    if path in _loaded:
        return _loaded[path]
    if not path.is_file():
        pytest.fail(f"exercise {exercise.number}: {_shown(path)} does not exist", pytrace=False)
    name = f"_exercise{exercise.number}_solution_{len(_loaded)}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    sys.path.insert(0, str(path.parent))  # so the file may import its neighbours
    try:
        spec.loader.exec_module(module)
    except Exception:
        del sys.modules[name]
        pytest.fail(
            f"exercise {exercise.number}: {_shown(path)} cannot be imported:\n"
            + traceback.format_exc(limit=-3),
            pytrace=False,
        )
    finally:
        sys.path.remove(str(path.parent))
    _loaded[path] = module
    return module


def _guard(function, name, exercise, path, exercise_mode):
    """``function``, with NotImplementedError turned into a skip or a failure."""

    def guarded(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except NotImplementedError as error:
            message = str(error)
        # outside the except clause, so that no traceback of the skeleton is chained
        if exercise_mode:
            pytest.fail(
                f"exercise {exercise.number} not done yet: {name}() in {_shown(path)} "
                f"raises NotImplementedError({message!r}). Replace that raise line "
                "with your code.",
                pytrace=False,
            )
        pytest.skip(f"exercise {exercise.number} not attempted: edit {_shown(path)}")

    guarded.__name__ = name
    guarded.__wrapped__ = function
    return guarded


@pytest.fixture
def solution(request):
    """The exercise's functions: the lesson's answer, or the reader's ``[yours]``."""
    exercise = request.module.EXERCISE
    if request.param == "answer":
        return SimpleNamespace(**{name: getattr(exercise.answer, name) for name in exercise.names})
    path = _file_option(request.config) or ROOT / exercise.skeleton
    module = _load(path, exercise)
    functions = {}
    for name in exercise.names:
        function = getattr(module, name, None)
        if not callable(function):
            pytest.fail(
                f"exercise {exercise.number}: {_shown(path)} has no function {name}(); "
                "keep the name and signature of the skeleton",
                pytrace=False,
            )
        functions[name] = _guard(function, name, exercise, path, _mode(request.config))
    return SimpleNamespace(**functions)


def pytest_unconfigure(config):
    """In exercise mode, a closing line a reader can act on, after pytest's own summary."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if not _mode(config) or reporter is None:
        return
    failed = len(reporter.stats.get("failed", [])) + len(reporter.stats.get("error", []))
    passed = len(reporter.stats.get("passed", []))
    if failed:
        reporter.write_line(
            f"Not yet: {failed} of {failed + passed} tests fail. Read the first failure "
            "above, change your code and run the same command again."
        )
    elif passed:
        reporter.write_line(f"Well done: all {passed} tests pass.")
