"""``python -m fclesson check --method ... --loop``: the new options, the old default."""

import inspect
import json

import pytest

from fclesson import cli, gradient_check

from .test_cli import run


def test_complex_step_option():
    done = run("check", "--method", "complex-step", "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["h"] == 1e-20 and data["passed"]
    assert max(row["rel_error"] for row in data["rows"]) <= 1e-13


@pytest.mark.parametrize("seed", ["0", "1"])
def test_loop_option_gives_the_default_report(seed):
    """The same report to rounding (seed 1: the batches differ by 4e-13)."""
    loop, default = (run("check", "--json", "--seed", seed, *extra)
                     for extra in (["--loop"], []))
    assert loop.returncode == default.returncode == 0
    loop, default = json.loads(loop.stdout), json.loads(default.stdout)
    assert loop.keys() == default.keys()
    assert len(loop["rows"]) == len(default["rows"]) == 9
    for a, b in zip(loop["rows"], default["rows"]):
        assert (a["layer"], a["row"], a["column"], a["backprop"], a["passed"]) == (
            b["layer"], b["row"], b["column"], b["backprop"], b["passed"])
        assert abs(a["numerical"] - b["numerical"]) < 1e-11


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


class Refused(Exception):
    """Raised by a function a test has forbidden to run."""


def refuse(*args, **kwargs):
    raise Refused("the batched check ran")


@pytest.mark.parametrize("method", ["central", "complex-step"])
def test_loop_never_calls_the_batched_check(monkeypatch, capsys, method):
    # as looked up by check_gradients, i.e. fclesson.vectorized.check_vectorized
    monkeypatch.setattr(gradient_check._vectorized, "check_vectorized", refuse)
    assert cli.main(["check", "--method", method, "--loop"]) == 0
    assert "PASSED: 9 of 9 weights" in capsys.readouterr().out
    with pytest.raises(Refused, match="the batched check ran"):
        cli.main(["check", "--method", method])


@pytest.mark.parametrize("method", ["central", "complex-step"])
def test_only_loop_runs_the_lessons_loop(monkeypatch, capsys, method):
    calls = []
    real = gradient_check._check_layers

    def spy(*args, **kwargs):
        calls.append(inspect.signature(real).bind(*args, **kwargs).arguments["layers"])
        return real(*args, **kwargs)

    monkeypatch.setattr(gradient_check, "_check_layers", spy)
    assert cli.main(["check", "--method", method]) == 0
    assert calls == []
    assert cli.main(["check", "--method", method, "--loop"]) == 0
    assert [list(layers) for layers in calls] == [[0, 1]]  # once, over both layers
