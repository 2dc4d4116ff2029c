"""Exercise 4: check one weight of the output layer (lesson 4, steps 1-4)."""

import numpy as np
import pytest

from fclesson import lesson
from fclesson.lesson import Check, Network

from exercise_cases import (
    DEEP_T,
    DEEP_X,
    RANDOM_SEEDS,
    T,
    X,
    Exercise,
    OffsetOutputBias,
    SwappedHiddenOutputs,
    assert_same_checks,
    broken,
    central,
    deep_network,
    lesson_network,
    positions,
    random_case,
    random_id,
    raising_network,
    reference,
    same_weights,
    snapshot,
)

EXERCISE = Exercise(4, "exercises/ex4_output_weight.py", lesson, ("check_output_weight",))

COLUMNS = [0, 1, 2]  # w53, w54, b5


def test_returns_the_check_of_the_weight(solution):
    check = solution.check_output_weight(lesson_network(), X, T, 0, 1)
    assert isinstance(check, Check), "return a fclesson.lesson.Check"
    assert check.name == "w54", "the name is network.name(layer, row, column)"


@pytest.mark.parametrize("column", COLUMNS, ids=["w53", "w54", "b5"])
def test_the_lesson_network_passes(solution, column):
    network = lesson_network()
    backprop, numerical = network.gradients(X, T)[1][0, column], central(network, X, T, 1, 0, column)
    check = solution.check_output_weight(network, X, T, 0, column)
    assert abs(check.backprop - backprop) < 1e-12, "backprop must come from network.gradients"
    assert abs(check.numerical - numerical) < 1e-10
    assert check.error == abs(check.backprop - check.numerical)
    assert check.error < 1e-4 and check.passed


def test_takes_the_sample_as_the_lesson_writes_it(solution):
    """The pages pass gender.CHECK_X and CHECK_TARGET, tuples, as they are."""
    check = solution.check_output_weight(lesson_network(), lesson.gender.CHECK_X,
                                         lesson.gender.CHECK_TARGET, 0, 2)
    assert_same_checks([check], [reference(lesson_network(), X, T, 1, 0, 2)])


@pytest.mark.parametrize("column", COLUMNS, ids=["w53", "w54", "b5"])
def test_broken_backprop_fails(solution, column):
    """Backprop that swaps y3 and y4 fails on w53 and w54; b5 is still right."""
    network = broken(SwappedHiddenOutputs)
    backprop = network.gradients(X, T)[1][0, column]
    check = solution.check_output_weight(network, X, T, 0, column)
    assert abs(check.backprop - backprop) < 1e-12, "backprop must come from network.gradients"
    assert check.passed == (check.name not in SwappedHiddenOutputs.wrong)


@pytest.mark.parametrize(("tol", "passed"), [(0.02, True), (0.005, False)])
def test_tol_decides(solution, tol, passed):
    """Backprop of b5 off by exactly 0.01: the verdict follows tol."""
    check = solution.check_output_weight(broken(OffsetOutputBias), X, T, 0, 2, tol=tol)
    assert abs(check.error - 0.01) < 1e-9
    assert check.passed == passed


def test_uses_the_step_h(solution):
    network = lesson_network()
    coarse, fine = central(network, X, T, 1, 0, 0, h=0.5), central(network, X, T, 1, 0, 0)
    assert abs(coarse - fine) > 1e-5  # h = 0.5 and h = 1e-4 give different estimates
    check = solution.check_output_weight(network, X, T, 0, 0, h=0.5)
    assert abs(check.numerical - coarse) < 1e-12


@pytest.mark.parametrize("column", COLUMNS)
def test_leaves_the_network_unchanged(solution, column):
    network = lesson_network()
    weights, x, t = snapshot(network), X.copy(), T.copy()
    solution.check_output_weight(network, x, t, 0, column)
    assert same_weights(network, weights), "put the weight back after the check"
    assert np.array_equal(x, X) and np.array_equal(t, T)


def test_restores_the_weight_when_the_loss_raises(solution):
    """The weight goes back even when computing E(w + h) raises (try/finally)."""
    network = raising_network((1, 0, 0))
    weights = snapshot(network)
    with pytest.raises(RuntimeError, match="E cannot be computed here"):
        solution.check_output_weight(network, X, T, 0, 0)
    assert same_weights(network, weights), "restore the weight in a finally: clause"


def test_the_real_loss(solution):
    """E = sum_k (t_k - y_k)^2 on one sample: on a linear output, dE/db5 = -2 (t - y)."""
    network = Network(lesson_network().weights, ["sigmoid", "linear"])
    y = network.forward(X)
    check = solution.check_output_weight(network, X, T, 0, 2)
    assert abs(check.backprop - (-2 * (T[0] - y[0]))) < 1e-12
    assert abs(check.numerical - check.backprop) < 1e-9 and check.passed


@pytest.mark.parametrize(("row", "column"), [(0, 0), (1, 2), (1, 3)])
def test_a_deeper_network_with_two_outputs(solution, row, column):
    """In a 3-4-3-2 network the output layer is weights[2], of shape (2, 4)."""
    check = solution.check_output_weight(deep_network(), DEEP_X, DEEP_T, row, column)
    assert check.name == f"weights[2][{row}, {column}]"
    assert_same_checks([check], [reference(deep_network(), DEEP_X, DEEP_T, 2, row, column)])
    assert check.passed


@pytest.mark.parametrize("seed", RANDOM_SEEDS, ids=random_id)
def test_random_networks_as_the_answer(solution, seed):
    """Every output weight of a random network, against the lesson's answer."""
    network, x, t = random_case(seed)
    mine, answer = [], []
    for _, row, column in positions(network, [len(network.weights) - 1]):
        mine.append(solution.check_output_weight(random_case(seed)[0], x, t, row, column))
        answer.append(lesson.check_output_weight(network, x, t, row, column))
    assert_same_checks(mine, answer)
