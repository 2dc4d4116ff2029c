"""Issue 19, items 10-13: progress, Ctrl-C, large reports, pytest's traceback, names.

10. a long check shows its progress (tqdm), and Ctrl-C leaves the params as
    they were and the rows checked so far;
11. a report of a million rows prints in brief, the failures first, in well
    under a second, with a line per array;
12. in pytest, assert_gradients' own frames are hidden;
13. keys 1 and "1" print apart; a params dict with no entries is refused.
"""

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest

import fclesson
from fclesson import Report, check_function


def quadratic(p):
    return sum(np.sum(v**2) for v in p.values())


# 10. progress and Ctrl-C


def test_progress_shows_a_bar_with_the_entries_to_go(capsys):
    w = np.linspace(-1, 1, 40)
    check_function(quadratic, {"w": w}, {"w": 2 * w}, progress=True)
    err = capsys.readouterr().err
    assert "check_function: 100%" in err and "40/40 entries, 0 to go" in err


def test_progress_is_on_by_default_only_when_long_and_on_a_terminal(capsys, monkeypatch):
    from fclesson import progress

    w = np.linspace(-1, 1, 40)
    check_function(quadratic, {"w": w}, {"w": 2 * w})  # stderr is not a terminal
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    check_function(quadratic, {"w": w}, {"w": 2 * w})  # a terminal, but short
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(progress, "LONG", 0.0)  # any check is long now
    check_function(quadratic, {"w": w}, {"w": 2 * w})
    assert "40/40 entries" in capsys.readouterr().err


def test_progress_must_be_a_bool_or_none():
    with pytest.raises(TypeError, match=r"progress must be True, False or None, got 1"):
        check_function(quadratic, {"w": np.ones(2)}, {"w": 2 * np.ones(2)}, progress=1)


@pytest.mark.parametrize("method, probe, per_entry", [("central", 14, 2),
                                                       ("complex-step", 19, 1)])
def test_ctrl_c_restores_the_params_and_keeps_the_rows_checked(method, probe, per_entry):
    """Ctrl-C at the 25th call; the probe makes the first ``probe`` calls."""
    from fclesson import CheckInterrupted

    params = {"W": np.array([[2e-5, 2.4e-4, -0.3], [1.5, -2.0, 0.7]]), "b": np.ones(2)}
    before = {k: v.tobytes() for k, v in params.items()}
    calls = []

    def loss(p):
        calls.append(1)
        if len(calls) == 25:
            raise KeyboardInterrupt
        return quadratic(p)

    grads = {k: 2 * v for k, v in params.items()}
    done = (25 - probe - 1) // per_entry  # entries finished before the 25th call
    with pytest.raises(CheckInterrupted, match=rf"check interrupted after {done} of 8 "
                                               r"entries; every array is back") as stop:
        check_function(loss, params, grads, method=method)
    assert isinstance(stop.value, KeyboardInterrupt)  # it stops a script as Ctrl-C does
    report = stop.value.report
    assert len(report) == done and report.unchecked == 8 - done
    assert [(r.name, r.index) for r in report.rows] == [
        ("W", (i, j)) for i in range(2) for j in range(3)][:done]
    assert report.passed and f"interrupted: {8 - done} of 8 entries not checked" in str(
        report)
    assert {k: v.tobytes() for k, v in params.items()} == before


# 11. reports of many rows


def million_row_report():
    """W1: 195 of 197 entries off by 1, W1[59] by 2; U: one entry off by 0.5."""
    n = 1_000_000
    backprop = np.linspace(-1.0, 1.0, n)
    numerical = backprop.copy()
    numerical[:197] += 1.0
    numerical[[5, 9]] = backprop[[5, 9]]
    numerical[59] += 1.0
    numerical[202 + 1234] += 0.5
    return Report.from_arrays([("W1", (197,)), ("b1", (5,)), ("U", (n - 202,))],
                              backprop, numerical, h=1e-4, tol=1e-5, rtol=1e-3)


def test_a_million_rows_print_in_brief_failures_first():
    report = million_row_report()
    start = time.perf_counter()
    text = str(report)
    seconds = time.perf_counter() - start
    lines = text.splitlines()
    assert seconds < 1.0 and len(lines) == 1 + 20 + 1 + 4 + 1 + 2
    assert lines[1].split()[0] == "W1[59]"
    assert all(line.split()[1] == "FAIL" for line in lines[1:21])
    assert lines[21] == "... 999,980 more entries not shown (the failures come first)"
    assert lines[22:26] == ["by array:", "  W1: 195 of 197 fail, worst W1[59]",
                            "  b1: 0 of 5 fail", "  U: 1 of 999,798 fail, worst U[1234]"]
    assert lines[-2] == ("FAILED: 196 of 1000000 entries have abs error > tol + rtol "
                         "|numerical|")


def test_a_short_report_prints_every_row():
    w = np.linspace(-1, 1, 100)
    lines = str(check_function(quadratic, {"w": w}, {"w": 2 * w})).splitlines()
    assert len(lines) == 1 + 100 + 3 and "by array:" not in lines


# 12. pytest shows the student's test, not the package


def test_pytest_hides_assert_gradients_frames(tmp_path):
    test = tmp_path / "test_student.py"
    test.write_text(textwrap.dedent("""\
        import numpy as np
        from fclesson.testing import assert_gradients

        def test_my_backprop():
            w = np.array([1.0, 2.0])
            assert_gradients(lambda p: np.sum(p["w"] ** 2), {"w": w}, {"w": 3 * w})
        """))
    package = Path(fclesson.__file__).resolve().parents[1]  # this fclesson, not another
    run = subprocess.run([sys.executable, "-m", "pytest", str(test), "-p",
                          "no:cacheprovider", "-q"], capture_output=True, text=True,
                         cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(package)})
    out = run.stdout
    assert run.returncode == 1 and "Gradients not equal: 2 of 2 entries fail" in out
    assert 'assert_gradients(lambda p: np.sum(p["w"] ** 2)' in out  # the student's line
    assert "def assert_gradients" not in out and "report = check_function" not in out
    assert "params = " not in out and "grads = " not in out
    assert len(out.splitlines()) < 40


# 13. names that cannot be confused, and nothing to check


def test_keys_1_and_string_1_print_apart():
    params = {1: np.array([0.5]), "1": np.array([0.25])}
    report = check_function(quadratic, params, {1: np.array([1.0]), "1": np.array([1.5])})
    assert [report.label(row) for row in report.rows] == ["1[0]", "'1'[0]"]
    assert [report.label(row) for row in report.failures] == ["'1'[0]"]


def test_params_with_no_entries_are_refused():
    with pytest.raises(ValueError, match=r"params has no entries \(params\['w'\] has "
                                         r"shape \(0,\)\): there is nothing to check"):
        check_function(lambda p: 0.0, {"w": np.zeros(0)}, {"w": np.zeros(0)})
