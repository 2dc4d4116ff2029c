"""``python -m fclesson check --method ... --loop``: the new options, the old default."""

import json

import pytest

from fclesson import cli

from .test_cli import run


def test_complex_step_option():
    done = run("check", "--method", "complex-step", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["h"] == 1e-20 and data["passed"]
    assert max(row["rel_error"] for row in data["rows"]) <= 1e-13


def test_loop_option_gives_the_default_report():
    loop, default = run("check", "--loop", "--json"), run("check", "--json")
    assert loop.returncode == default.returncode == 0
    assert json.loads(loop.stdout) == json.loads(default.stdout)


def test_default_header_is_unchanged_and_options_are_named(capsys):
    assert cli.main(["check"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.endswith("x = [-2.0, -1.0], target = [1.0]")
    assert cli.main(["check", "--method", "complex-step", "--loop"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.endswith("target = [1.0], complex-step, weight by weight")


@pytest.mark.parametrize("args", [("--method", "forward"), ("--loop", "yes")])
def test_bad_options_are_argparse_errors(args):
    done = run("check", *args)
    assert done.returncode == 2 and done.stdout == ""
