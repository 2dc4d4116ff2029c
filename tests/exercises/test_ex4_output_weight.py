"""Exercise 4: check one weight of the output layer (lesson 4, steps 1-4)."""

import numpy as np
import pytest

import fclesson
from fclesson import Network, losses
from fclesson.report import Row

from exercise_cases import (
    DEEP_T,
    DEEP_X,
    T,
    X,
    Exercise,
    OffsetOutputBias,
    SwappedHiddenOutputs,
    broken,
    central,
    deep_net,
    lesson_net,
    raising_loss,
    same_weights,
    snapshot,
)

EXERCISE = Exercise(4, "exercises/ex4_output_weight.py", fclesson, ("check_output_weight",))

COLUMNS = [0, 1, 2]  # w53, w54, b5


def test_returns_a_row_of_the_output_layer(solution):
    row = solution.check_output_weight(lesson_net(), X, T, 0, 1)
    assert isinstance(row, Row)
    assert (row.layer, row.row, row.column) == (1, 0, 1)  # weights[1][0, 1] is w54


@pytest.mark.parametrize("column", COLUMNS, ids=["w53", "w54", "b5"])
def test_the_lesson_network_passes(solution, column):
    net = lesson_net()
    backprop, numerical = net.gradients(X, T)[1][0, column], central(net, X, T, 1, 0, column)
    row = solution.check_output_weight(net, X, T, 0, column)
    assert abs(row.backprop - backprop) < 1e-12, "backprop must come from net.gradients"
    assert abs(row.numerical - numerical) < 1e-10
    assert row.abs_error == abs(row.backprop - row.numerical)
    assert row.abs_error < 1e-4 and row.passed


@pytest.mark.parametrize("column", COLUMNS, ids=["w53", "w54", "b5"])
def test_broken_backprop_fails(solution, column):
    """Backprop that swaps y3 and y4 fails on w53 and w54; b5 is still right."""
    net = broken(SwappedHiddenOutputs)
    backprop = net.gradients(X, T)[1][0, column]
    row = solution.check_output_weight(net, X, T, 0, column)
    assert abs(row.backprop - backprop) < 1e-12, "backprop must come from net.gradients"
    assert row.passed == ((1, 0, column) not in SwappedHiddenOutputs.wrong)


@pytest.mark.parametrize(("tol", "passed"), [(0.02, True), (0.005, False)])
def test_tol_decides(solution, tol, passed):
    """Backprop of b5 off by exactly 0.01: the verdict follows tol."""
    row = solution.check_output_weight(broken(OffsetOutputBias), X, T, 0, 2, tol=tol)
    assert abs(row.abs_error - 0.01) < 1e-9
    assert row.passed is passed


def test_uses_the_step_h(solution):
    net = lesson_net()
    coarse, fine = central(net, X, T, 1, 0, 0, h=0.5), central(net, X, T, 1, 0, 0)
    assert abs(coarse - fine) > 1e-5  # h = 0.5 and h = 1e-4 give different estimates
    row = solution.check_output_weight(net, X, T, 0, 0, h=0.5)
    assert abs(row.numerical - coarse) < 1e-12


@pytest.mark.parametrize("column", COLUMNS)
def test_leaves_the_network_unchanged(solution, column):
    net = lesson_net()
    weights, x, t = snapshot(net), X.copy(), T.copy()
    solution.check_output_weight(net, x, t, 0, column)
    assert same_weights(net, weights), "put the weight back after the check"
    assert np.array_equal(x, X) and np.array_equal(t, T)


def test_restores_the_weight_when_the_loss_raises(solution):
    """The weight goes back even when computing E(w + h) raises (try/finally)."""
    net = lesson_net()
    weights = snapshot(net)
    with pytest.raises(RuntimeError, match="E cannot be computed here"):
        solution.check_output_weight(net, X, T, 0, 0, loss=raising_loss(net, 1, 0, 0))
    assert same_weights(net, weights), "restore the weight in a finally: clause"


def test_uses_the_loss_it_is_given(solution):
    """E = sum of the outputs, no target: on a linear output, dE/db5 = 1."""
    net = Network([2, 2, 1], activations=["sigmoid", "linear"], seed=0)
    row = solution.check_output_weight(net, X, None, 0, 2, loss=losses.output_sum)
    assert abs(row.backprop - 1.0) < 1e-12
    assert abs(row.numerical - 1.0) < 1e-9 and row.passed


@pytest.mark.parametrize(("row", "column"), [(0, 0), (1, 2), (1, 3)])
def test_a_deeper_network_with_two_outputs(solution, row, column):
    """In a 3-4-3-2 network the output layer is weights[2], of shape (2, 4)."""
    net = deep_net()
    backprop = net.gradients(DEEP_X, DEEP_T)[2][row, column]
    numerical = central(net, DEEP_X, DEEP_T, 2, row, column)
    result = solution.check_output_weight(net, DEEP_X, DEEP_T, row, column)
    assert (result.layer, result.row, result.column) == (2, row, column)
    assert abs(result.backprop - backprop) < 1e-12
    assert abs(result.numerical - numerical) < 1e-10
    assert result.passed

