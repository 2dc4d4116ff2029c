"""Exercise 5: check every weight of the output layer (lesson 4, step 5)."""

import pytest

from fclesson import lesson
from fclesson.lesson import Network

from exercise_cases import (
    BUGS,
    DEEP_T,
    DEEP_X,
    OUTPUT,
    RANDOM_SEEDS,
    T,
    X,
    Exercise,
    OffsetOutputBias,
    assert_same_checks,
    broken,
    deep_network,
    failing,
    lesson_network,
    names,
    positions,
    random_case,
    random_id,
    reference,
    same_weights,
    snapshot,
)

EXERCISE = Exercise(5, "exercises/ex5_output_layer.py", lesson, ("check_output_layer",))


def expected(network, x, t, h=1e-4, tol=1e-4):
    """The Check of every output weight, computed without the answer."""
    output = len(network.weights) - 1
    return [reference(network, x, t, *p, h=h, tol=tol) for p in positions(network, [output])]


def test_the_lesson_network_passes(solution):
    reference_network = lesson_network()  # the same network, never handed to the check
    checks = solution.check_output_layer(lesson_network(), X, T)
    assert names(checks) == ["w53", "w54", "b5"]
    assert_same_checks(checks, expected(reference_network, X, T))
    assert all(check.passed for check in checks)


def test_uses_the_step_h(solution):
    checks = solution.check_output_layer(lesson_network(), X, T, h=0.5)
    assert_same_checks(checks, expected(lesson_network(), X, T, h=0.5))


@pytest.mark.parametrize(("tol", "wrong"), [(0.02, set()), (0.005, {"b5"})])
def test_tol_decides(solution, tol, wrong):
    """Backprop of b5 off by exactly 0.01: the verdict follows tol."""
    assert failing(solution.check_output_layer(broken(OffsetOutputBias), X, T, tol=tol)) == wrong


@pytest.mark.parametrize("bug", BUGS, ids=lambda bug: bug.__name__)
def test_flags_the_output_weights_a_bug_breaks(solution, bug):
    """Only output weights are checked: a bug in the hidden layer alone goes unseen."""
    checks = solution.check_output_layer(broken(bug), X, T)
    assert names(checks) == ["w53", "w54", "b5"]
    assert failing(checks) == bug.wrong & OUTPUT


def test_a_deeper_network_with_two_outputs(solution):
    network = deep_network()
    checks = solution.check_output_layer(network, DEEP_X, DEEP_T)
    assert len(checks) == 2 * (3 + 1)
    assert_same_checks(checks, expected(deep_network(), DEEP_X, DEEP_T))
    assert all(check.passed for check in checks)


def test_the_real_loss(solution):
    """On a linear output, dE/dw_kj = -2 (t - y) y_j: E = sum_k (t_k - y_k)^2, n = 1."""
    network = Network(lesson_network().weights, ["tanh", "linear"])
    y = network.propagate(X)[1]
    dE_dy = -2 * (T[0] - y[-1][0])
    checks = solution.check_output_layer(network, X, T)
    assert [c.backprop for c in checks] == pytest.approx(
        [dE_dy * y[1][0], dE_dy * y[1][1], dE_dy], abs=1e-12)
    assert all(check.passed for check in checks)


@pytest.mark.parametrize("seed", RANDOM_SEEDS, ids=random_id)
def test_random_networks_as_the_answer(solution, seed):
    network, x, t = random_case(seed)
    assert_same_checks(solution.check_output_layer(network, x, t),
                       lesson.check_output_layer(network, x, t))


def test_leaves_the_network_unchanged(solution):
    network = lesson_network()
    weights = snapshot(network)
    solution.check_output_layer(network, X, T)
    assert same_weights(network, weights)
