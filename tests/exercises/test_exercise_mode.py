"""The command a reader checks a solution with, shown able to pass and to fail.

``make exercise N=1 FILE=...`` runs ``pytest tests/exercises/test_ex1_*.py
--exercise-mode --exercise-file=...``. Here that pytest command runs in a fresh
process on solutions written to temporary files: a correct one passes, a wrong
one fails, one not attempted fails in exercise mode and is skipped in a normal
run. The files in exercises/ are not used, so a reader's edits change nothing.
"""

import re
import shutil
import subprocess
import sys
import textwrap

import pytest

from exercise_cases import ROOT

NOT_ATTEMPTED = {
    1: """
        def forward_difference(f, x, h=1e-4):
            raise NotImplementedError("Exercise 1: write the forward difference")
    """,
    4: """
        def check_output_weight(network, x, t, row, column, h=1e-4, tol=1e-4):
            raise NotImplementedError("Exercise 4: check one output weight")
    """,
}
CORRECT = {
    1: """
        def forward_difference(f, x, h=1e-4):
            x = float(x)
            return (f(x + h) - f(x)) / h
    """,
    4: """
        from fclesson.lesson import Check

        def check_output_weight(network, x, t, row, column, h=1e-4, tol=1e-4):
            layer = len(network.weights) - 1
            backprop = network.gradients(x, t)[layer][row, column]
            W = network.weights[layer]
            w = W[row, column]
            try:
                W[row, column] = w + h
                E_plus = network.loss(x, t)
                W[row, column] = w - h
                E_minus = network.loss(x, t)
            finally:
                W[row, column] = w
            numerical = (E_plus - E_minus) / (2 * h)
            error = abs(backprop - numerical)
            return Check(network.name(layer, row, column), backprop, numerical, error,
                         error < tol)
    """,
}
# plausible mistakes: the central secant for exercise 1; for exercise 4, a
# check that forgets to put the weight back
WRONG = {
    1: CORRECT[1].replace("(f(x + h) - f(x)) / h", "(f(x + h) - f(x - h)) / (2 * h)"),
    4: CORRECT[4].replace("W[row, column] = w\n", "pass\n"),
}
TESTS = {
    1: "tests/exercises/test_ex1_derivative.py",
    4: "tests/exercises/test_ex4_output_weight.py",
}


def run(tmp_path, number, code, *options):
    """Run the tests of exercise ``number`` on ``code``: (exit code, outcome counts, output)."""
    solution = tmp_path / f"solution{number}.py"
    solution.write_text(textwrap.dedent(code), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", TESTS[number], f"--exercise-file={solution}",
         "-rfs", "-p", "no:cacheprovider", *options],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    last_lines = "\n".join(result.stdout.strip().splitlines()[-3:])
    outcomes = re.findall(r"(\d+) (passed|failed|skipped|errors?)", last_lines)
    counts = {noun: int(n) for n, noun in outcomes}
    return result.returncode, counts, result.stdout + result.stderr


@pytest.mark.parametrize("number", sorted(CORRECT))
def test_a_correct_solution_passes(tmp_path, number):
    code, counts, output = run(tmp_path, number, CORRECT[number], "--exercise-mode")
    assert code == 0, output
    assert counts.get("passed", 0) > 5 and set(counts) == {"passed"}, output
    assert "Well done" in output


@pytest.mark.parametrize("number", sorted(WRONG))
def test_a_wrong_solution_fails(tmp_path, number):
    assert WRONG[number] != CORRECT[number]
    code, counts, output = run(tmp_path, number, WRONG[number], "--exercise-mode")
    assert code == 1, output
    assert counts.get("failed", 0) >= 1, output
    assert "Not yet" in output
    if number == 4:  # the tests that fail are the ones about the network left unchanged
        failed = set(re.findall(r"FAILED \S+::(\w+)\[", output))
        assert failed == {
            "test_leaves_the_network_unchanged",
            "test_restores_the_weight_when_the_loss_raises",
        }


@pytest.mark.parametrize("number", [1])
def test_not_attempted_fails_in_exercise_mode(tmp_path, number):
    code, counts, output = run(tmp_path, number, NOT_ATTEMPTED[number], "--exercise-mode")
    assert code == 1, output
    assert set(counts) == {"failed"}, output
    assert f"exercise {number} not done yet" in output
    assert "NotImplementedError" in output


@pytest.mark.parametrize("number", [4])
def test_not_attempted_is_skipped_in_a_normal_run(tmp_path, number):
    code, counts, output = run(tmp_path, number, NOT_ATTEMPTED[number])
    assert code == 0, output
    assert counts["passed"] == counts["skipped"] > 5, output  # the answer passes, yours skips
    assert f"exercise {number} not attempted: edit " in output


def test_one_file_cannot_serve_two_exercises(tmp_path):
    solution = tmp_path / "solution.py"
    solution.write_text(textwrap.dedent(CORRECT[1]), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", TESTS[1], TESTS[4], "--exercise-mode",
         f"--exercise-file={solution}", "-p", "no:cacheprovider"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 4, result.stdout + result.stderr  # usage error
    assert "names one file" in result.stderr


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_exercise_runs_that_command():
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "exercise", "N=4", "FILE=my solution.py"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert (
        "-m pytest tests/exercises/test_ex4_output_weight.py --exercise-mode "
        '--exercise-file="my solution.py"'
    ) in result.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize(
    ("arguments", "message"), [([], "usage: make exercise N="), (["N=9"], "no exercise N=9")]
)
def test_make_exercise_explains_a_wrong_n(arguments, message):
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "exercise", *arguments],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode != 0 and message in result.stderr
