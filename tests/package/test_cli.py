"""``python -m fclesson``, run as a user would run it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "fclesson", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


def test_check_prints_a_passing_table():
    done = run("check")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(line.split()[:4] == ["weight", "result", "backprop", "numerical"]
               for line in lines)
    rows = [line.split() for line in lines if line.split()[1:2] == ["pass"]]
    assert [cells[0] for cells in rows] == ["w31", "w32", "b3", "w41", "w42", "b4", "w53", "w54", "b5"]
    assert lines[-1].startswith("PASSED")


def test_check_json():
    done = run("check", "--json", "--seed", "3")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert {"passed", "rows"} <= set(report) and report["passed"] is True
    assert len(report["rows"]) == 9
    assert {(r["layer"], r["row"], r["column"]) for r in report["rows"]} == {
        (0, j, i) for j in range(2) for i in range(3)} | {(1, 0, i) for i in range(3)}


def test_failing_check_exits_1():
    done = run("check", "--tol", "1e-20", "--json")
    assert done.returncode == 1
    assert json.loads(done.stdout)["passed"] is False


def usage_error(done, option=None):
    """Status 2, argparse's usage line and error, nothing on stdout, no traceback."""
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("usage: python -m fclesson")
    assert "Traceback" not in done.stderr and done.stdout == ""
    if option is not None:
        assert f"error: argument {option}: " in done.stderr
    return True


@pytest.mark.parametrize("args", [
    ("check", "--h", "0"), ("check", "--h", "-1e-4"), ("check", "--tol", "nan"),
    ("check", "--rtol", "-1"), ("check", "--rtol", "nan"), ("check", "--rtol", "inf"),
    ("train", "--epochs", "0"), ("train", "--eta", "x")])
def test_bad_option_is_an_argparse_error(args):
    assert usage_error(run(*args), option=args[1])


@pytest.mark.parametrize("args", [
    ("check", "--seed", "-1"), ("train", "--seed", "-3"), ("check", "--seed", "abc"),
    ("train", "--seed", "abc"), ("check", "--seed", "1.5")])
def test_bad_seed_is_a_usage_error_not_a_traceback(args):
    assert usage_error(run(*args), option="--seed")


@pytest.mark.parametrize("args", [(), ("fit",), ("check", "--verbose")])
def test_bad_command_is_a_usage_error(args):
    assert usage_error(run(*args))


@pytest.mark.parametrize("args", [("--help",), ("check", "--help")])
def test_help_gives_the_exit_codes(args):
    done = run(*args)
    assert done.returncode == 0 and done.stderr == ""
    codes = done.stdout[done.stdout.index("exit status:"):].splitlines()[1:4]
    assert [line.split()[0] for line in codes] == ["0", "1", "2"]
    assert "passed" in codes[0] and "failed" in codes[1] and "usage error" in codes[2]


def test_train_help_gives_the_exit_codes():
    done = run("train", "--help")
    assert done.returncode == 0 and "exit status: 0" in done.stdout


def test_rtol_passes_what_tol_alone_fails():
    """The gradients agree to about 9 digits: 1e-12 alone fails, with rtol it passes."""
    assert run("check", "--tol", "1e-12").returncode == 1
    assert run("check", "--tol", "1e-12", "--rtol", "1e-3").returncode == 0


def test_gradcheck_tolerances_pass_the_gender_network():
    done = run("check", "--tol", "1e-5", "--rtol", "1e-3", "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["passed"] is True and (report["tol"], report["rtol"]) == (1e-5, 1e-3)
    assert "suspects" in report


def test_json_has_rtol_and_suspects():
    report = json.loads(run("check", "--json").stdout)
    assert report["rtol"] == 0.0 and "suspects" in report


def test_train_prints_losses_and_predictions():
    done = run("train")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert sum(line.startswith("epoch") for line in lines) == 100
    assert lines[0].split()[:2] == ["epoch", "10"] and lines[99].split()[:2] == ["epoch", "1000"]
    assert "89 kg, height 190 cm" in lines[-2] and lines[-2].endswith("male")
    assert not lines[-2].endswith("female")
    assert "60 kg, height 155 cm" in lines[-1] and lines[-1].endswith("female")
    assert done.stderr == ""  # the course's settings do not diverge


def test_diverging_training_warns_once_and_exits_0():
    done = run("train", "--eta", "1e6", "--epochs", "50")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()  # no file:line prefix, no source line
    assert line.startswith("warning: ") and len(line) > len("warning: ")
    assert sum(text.startswith("epoch") for text in done.stdout.splitlines()) == 5
