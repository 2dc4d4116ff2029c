"""Exercise 8: one loop over every weight of every layer with the real loss, any depth."""

import numpy as np
import pytest

import fclesson
from fclesson import Network, losses
from fclesson.losses import Loss
from fclesson.report import Report

from exercise_cases import (
    BUGS,
    HIDDEN,
    OUTPUT,
    T,
    X,
    Exercise,
    IgnoresDeltaOut,
    NoOutputDerivative,
    broken,
    central,
    failing,
    lesson_net,
    positions,
    raising_loss,
    same_weights,
    snapshot,
)

EXERCISE = Exercise(8, "exercises/ex8_one_loop.py", fclesson, ("check_gradients",))


def half_squares():
    """A loss the package does not define: E = 1/2 sum (t - y)^2."""
    return Loss("half_squares", lambda y, t: 0.5 * np.sum((t - y) ** 2), lambda y, t: y - t)


def test_the_lesson_network_passes(solution):
    reference = lesson_net()  # the same network, never handed to the check
    grads = reference.gradients(X, T)
    report = solution.check_gradients(lesson_net(), X, T)
    assert isinstance(report, Report)
    assert [(r.layer, r.row, r.column) for r in report.rows] == positions(reference, [0, 1])
    for r in report.rows:
        assert abs(r.backprop - grads[r.layer][r.row, r.column]) < 1e-12
        assert abs(r.numerical - central(reference, X, T, r.layer, r.row, r.column)) < 1e-10
    assert report.passed


def test_report_keeps_h_and_tol(solution):
    report = solution.check_gradients(lesson_net(), X, T, h=1e-5, tol=1e-6)
    assert (report.h, report.tol) == (1e-5, 1e-6)


@pytest.mark.parametrize("bug", BUGS, ids=lambda bug: bug.__name__)
def test_flags_exactly_the_weights_a_bug_breaks(solution, bug):
    assert failing(solution.check_gradients(broken(bug), X, T)) == bug.wrong


def test_catches_what_layer_by_layer_misses(solution):
    """What layer by layer misses: a hidden layer that uses ones in place of delta_out.

    Exercise 7 passes it; here all six hidden rows fail.
    """
    assert failing(solution.check_gradients(broken(IgnoresDeltaOut), X, T)) == HIDDEN
    assert fclesson.check_layer_by_layer(broken(IgnoresDeltaOut), X, T).passed


def test_a_wrong_output_delta_fails_every_row(solution):
    """What one loop cannot localise: delta_out without f'(net5) spoils all nine gradients.

    Exercise 7 fails only the three output rows for the same bug.
    """
    assert failing(solution.check_gradients(broken(NoOutputDerivative), X, T)) == HIDDEN | OUTPUT
    assert failing(fclesson.check_layer_by_layer(broken(NoOutputDerivative), X, T)) == OUTPUT


NETWORKS = [
    ([2, 1], ["sigmoid"], "mse"),
    ([3, 5, 2], ["tanh", "linear"], "mse"),
    ([2, 3, 3, 1], ["sigmoid", "tanh", "sigmoid"], "output_sum"),
    ([4, 3, 5, 2, 3], ["tanh", "sigmoid", "tanh", "linear"], "half_squares"),
]


@pytest.mark.parametrize(("sizes", "activations", "loss_name"), NETWORKS, ids=str)
def test_any_depth_and_any_loss(solution, sizes, activations, loss_name):
    loss = {"mse": losses.mse, "output_sum": losses.output_sum, "half_squares": half_squares()}[
        loss_name
    ]
    rng = np.random.default_rng(len(sizes))
    net = Network(sizes, activations, seed=len(sizes))
    x, t = rng.normal(size=sizes[0]), rng.uniform(size=sizes[-1])
    target = None if loss_name == "output_sum" else t
    grads = net.gradients(x, target, loss=loss)
    report = solution.check_gradients(net, x, target, loss=loss)
    assert [(r.layer, r.row, r.column) for r in report.rows] == positions(net, range(net.depth))
    for r in report.rows:
        assert abs(r.backprop - grads[r.layer][r.row, r.column]) < 1e-12
    assert report.passed


def test_leaves_the_network_unchanged(solution):
    net = lesson_net()
    weights = snapshot(net)
    solution.check_gradients(net, X, T)
    assert same_weights(net, weights)


@pytest.mark.parametrize("position", [(0, 1, 0), (1, 0, 2)], ids=["w41", "b5"])
def test_restores_the_weight_when_the_loss_raises(solution, position):
    net = lesson_net()
    weights = snapshot(net)
    with pytest.raises(RuntimeError, match="E cannot be computed here"):
        solution.check_gradients(net, X, T, loss=raising_loss(net, *position))
    assert same_weights(net, weights), "restore every weight in a finally: clause"
