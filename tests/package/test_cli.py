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
    assert any(line.split()[:3] == ["weight", "backprop", "numerical"] for line in lines)
    rows = [line.split() for line in lines if line.rstrip().endswith("pass")]
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


@pytest.mark.parametrize("args", [("check", "--h", "0"), ("check", "--h", "-1e-4"),
                                  ("check", "--tol", "nan"), ("train", "--epochs", "0"),
                                  ("train", "--eta", "x")])
def test_bad_option_is_an_argparse_error(args):
    done = run(*args)
    assert done.returncode == 2
    assert f"argument {args[1]}" in done.stderr
    assert done.stdout == ""


def test_train_prints_losses_and_predictions():
    done = run("train")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert sum(line.startswith("epoch") for line in lines) == 100
    assert lines[0].split()[:2] == ["epoch", "10"] and lines[99].split()[:2] == ["epoch", "1000"]
    assert "89 kg, height 190 cm" in lines[-2] and lines[-2].endswith("male")
    assert not lines[-2].endswith("female")
    assert "60 kg, height 155 cm" in lines[-1] and lines[-1].endswith("female")
