"""Exercise 7: the lesson's integrated check, each layer with the loss chosen for it.

The hidden layers as in exercise 6 (E = sum of the outputs, a linear output, so
delta_out = 1), the output layer as in exercise 5 (the real loss on one sample),
in one report: the hidden rows, then the output rows.
"""

import numpy as np
import pytest

import fclesson
from fclesson import Network, losses
from fclesson.losses import Loss
from fclesson.report import Report

from exercise_cases import (
    BUGS,
    DEEP_T,
    DEEP_X,
    HIDDEN,
    OUTPUT,
    T,
    X,
    Exercise,
    IgnoresDeltaOut,
    NoOutputDerivative,
    OffsetOutputBias,
    broken,
    central,
    deep_net,
    failing,
    lesson_net,
    positions,
    raising_loss,
    same_weights,
    snapshot,
)

EXERCISE = Exercise(
    7, "exercises/ex7_layer_by_layer.py", fclesson, ("check_layer_by_layer",)
)


def linear_output(net):
    return net.copy(activations=net.activation_names[:-1] + ["linear"])


def half_squares():
    """A loss the package does not define: E = 1/2 sum (t - y)^2."""
    return Loss("half_squares", lambda y, t: 0.5 * np.sum((t - y) ** 2), lambda y, t: y - t)


def expected_rows(net, x, target, loss=losses.mse, h=1e-4):
    """(position, backprop, numerical) of every row, computed independently."""
    output = net.depth - 1
    probe = linear_output(net)
    hidden_grads = probe.gradients(x, None, loss=losses.output_sum)
    output_grads = net.gradients(x, target, loss=loss)
    rows = []
    for layer, row, column in positions(net, range(net.depth)):
        if layer < output:  # E = sum of the outputs, linear output: delta_out = 1
            backprop = hidden_grads[layer][row, column]
            numerical = central(probe, x, None, layer, row, column, losses.output_sum, h)
        else:  # the real loss
            backprop = output_grads[layer][row, column]
            numerical = central(net, x, target, layer, row, column, loss, h)
        rows.append(((layer, row, column), backprop, numerical))
    return rows


def assert_rows(report, expected):
    assert [(r.layer, r.row, r.column) for r in report.rows] == [p for p, _, _ in expected], (
        "the hidden layers' rows first, then the output layer's, each row by row, column by column"
    )
    for r, (position, backprop, numerical) in zip(report.rows, expected):
        assert abs(r.backprop - backprop) < 1e-12, f"backprop of {position}"
        assert abs(r.numerical - numerical) < 1e-10, f"numerical gradient of {position}"


def test_the_lesson_network_passes(solution):
    reference = lesson_net()  # the same network, never handed to the check
    report = solution.check_layer_by_layer(lesson_net(), X, T)
    assert isinstance(report, Report)
    assert len(report.rows) == 6 + 3
    assert_rows(report, expected_rows(reference, X, T))
    assert report.passed


def test_hidden_rows_use_delta_out_equal_to_one(solution):
    """w31 .. b4 hold the gradients of E = y5 with a linear output, not of the MSE."""
    report = solution.check_layer_by_layer(lesson_net(), X, T)
    probe = linear_output(lesson_net())
    hidden = probe.gradients(X, None, loss=losses.output_sum)[0]
    mse = lesson_net().gradients(X, T)[0]
    for r in report.rows[:6]:
        assert abs(r.backprop - hidden[r.row, r.column]) < 1e-12
        assert abs(r.backprop - mse[r.row, r.column]) > 1e-3


def test_report_keeps_h_and_tol(solution):
    report = solution.check_layer_by_layer(lesson_net(), X, T, h=1e-5, tol=1e-6)
    assert (report.h, report.tol) == (1e-5, 1e-6)


def test_both_checks_use_the_step_h(solution):
    report = solution.check_layer_by_layer(lesson_net(), X, T, h=0.5)
    assert_rows(report, expected_rows(lesson_net(), X, T, h=0.5))


@pytest.mark.parametrize(("tol", "passed"), [(0.02, True), (0.005, False)])
def test_tol_decides(solution, tol, passed):
    """Backprop of b5 off by exactly 0.01: the verdict follows tol."""
    report = solution.check_layer_by_layer(broken(OffsetOutputBias), X, T, tol=tol)
    assert failing(report) == (set() if passed else {(1, 0, 2)})


def test_the_loss_goes_to_the_output_layer(solution):
    """The output rows use the loss given; the hidden rows always use E = sum of outputs."""
    loss = half_squares()
    report = solution.check_layer_by_layer(lesson_net(), X, T, loss=loss)
    assert_rows(report, expected_rows(lesson_net(), X, T, loss=loss))
    assert report.passed


def test_a_network_of_several_layers(solution):
    """3-4-3-2: two hidden layers (16 and 15 weights), then the output layer (8)."""
    net = deep_net()
    report = solution.check_layer_by_layer(net, DEEP_X, DEEP_T)
    assert len(report.rows) == 4 * 4 + 3 * 5 + 2 * 4
    assert_rows(report, expected_rows(deep_net(), DEEP_X, DEEP_T))
    assert report.passed


def test_a_single_layer_has_only_output_rows(solution):
    net = Network([2, 1], activations=["sigmoid"], seed=0)
    report = solution.check_layer_by_layer(net, X, T)
    assert_rows(report, expected_rows(Network([2, 1], ["sigmoid"], seed=0), X, T))
    assert report.passed


@pytest.mark.parametrize("bug", BUGS, ids=lambda bug: bug.__name__)
def test_catches_and_localises_a_bug(solution, bug):
    assert failing(solution.check_layer_by_layer(broken(bug), X, T)) == bug.layer_by_layer


def test_a_wrong_output_delta_fails_only_the_output_rows(solution):
    """f'(net5) missing from delta_out: the output rows fail, the hidden rows pass.

    The hidden check runs with a linear output, where f'(net5) = 1, so the bug
    shows in its own layer. One loop with the real loss (exercise 8) fails all nine.
    """
    report = solution.check_layer_by_layer(broken(NoOutputDerivative), X, T)
    assert failing(report) == OUTPUT


def test_its_blind_spot_a_hidden_layer_that_ignores_delta_out(solution):
    """The method's blind spot, not a fault of your code: this bug passes.

    The hidden rows are computed with delta_out = 1, so hidden code that uses a
    vector of ones in place of delta_out gives the right numbers there. Only a
    check with the real loss sees it: exercise 8 fails all six hidden rows.
    """
    assert solution.check_layer_by_layer(broken(IgnoresDeltaOut), X, T).passed
    assert failing(fclesson.check_gradients(broken(IgnoresDeltaOut), X, T)) == HIDDEN


def test_leaves_the_network_unchanged(solution):
    net = lesson_net()
    weights, activations = snapshot(net), net.activation_names
    x, t = X.copy(), T.copy()
    solution.check_layer_by_layer(net, x, t)
    assert same_weights(net, weights)
    assert net.activation_names == activations == ["sigmoid", "sigmoid"]
    assert np.array_equal(x, X) and np.array_equal(t, T)


@pytest.mark.parametrize("position", [(1, 0, 2)], ids=["b5"])
def test_restores_the_weight_when_the_loss_raises(solution, position):
    net = lesson_net()
    weights = snapshot(net)
    with pytest.raises(RuntimeError, match="E cannot be computed here"):
        solution.check_layer_by_layer(net, X, T, loss=raising_loss(net, *position))
    assert same_weights(net, weights)
