"""Exercise 7: the lesson's integrated check, each layer with the loss chosen for it.

The hidden layers as in exercise 6 (E = sum of the outputs, a linear output, so
delta_out = 1), the output layer as in exercise 5 (the real loss on one sample),
in one list: the hidden Checks, then the output Checks.
"""

import numpy as np
import pytest

from fclesson import lesson
from fclesson.lesson import Network

from exercise_cases import (
    BUGS,
    DEEP_T,
    DEEP_X,
    HIDDEN,
    OUTPUT,
    RANDOM_SEEDS,
    T,
    X,
    Exercise,
    IgnoresDeltaOut,
    NoOutputDerivative,
    OffsetOutputBias,
    assert_same_checks,
    broken,
    deep_network,
    failing,
    lesson_network,
    linear_output,
    names,
    positions,
    random_case,
    random_id,
    raising_network,
    reference,
    same_weights,
    snapshot,
)

EXERCISE = Exercise(7, "exercises/ex7_layer_by_layer.py", lesson, ("check_layer_by_layer",))


def expected(network, x, t, h=1e-4, tol=1e-4):
    """The Checks, computed independently: the hidden layers with E = sum of the
    outputs on a linear output, then the output layer with the real loss."""
    output = len(network.weights) - 1
    probe = linear_output(network)
    hidden = [reference(probe, x, None, *p, "output_sum", h, tol)
              for p in positions(probe, range(output))]
    return hidden + [reference(network, x, t, *p, "mse", h, tol)
                     for p in positions(network, [output])]


def test_the_lesson_network_passes(solution):
    reference_network = lesson_network()  # the same network, never handed to the check
    checks = solution.check_layer_by_layer(lesson_network(), X, T)
    assert names(checks) == ["w31", "w32", "b3", "w41", "w42", "b4", "w53", "w54", "b5"], (
        "the hidden layers' Checks first, then the output layer's")
    assert_same_checks(checks, expected(reference_network, X, T))
    assert all(check.passed for check in checks)


def test_hidden_checks_use_delta_out_equal_to_one(solution):
    """w31 .. b4 hold the gradients of E = y5 with a linear output, not of the MSE."""
    checks = solution.check_layer_by_layer(lesson_network(), X, T)
    hidden = linear_output(lesson_network()).gradients(X, None, "output_sum")[0].ravel()
    mse = lesson_network().gradients(X, T)[0].ravel()
    for check, g, g_mse in zip(checks[:6], hidden, mse):
        assert abs(check.backprop - g) < 1e-12
        assert abs(check.backprop - g_mse) > 1e-3


def test_both_checks_use_the_step_h(solution):
    checks = solution.check_layer_by_layer(lesson_network(), X, T, h=0.5)
    assert_same_checks(checks, expected(lesson_network(), X, T, h=0.5))


@pytest.mark.parametrize(
    ("tol", "wrong"), [(0.02, set()), (0.005, {"b5"}), (1e-12, HIDDEN | OUTPUT)])
def test_both_checks_use_the_tolerance_tol(solution, tol, wrong):
    """Backprop of b5 off by exactly 0.01; every other error is 1e-11 or more."""
    checks = solution.check_layer_by_layer(broken(OffsetOutputBias), X, T, tol=tol)
    assert failing(checks) == wrong


def test_the_target_goes_to_the_output_layer(solution):
    """The output Checks use the real loss with t; the hidden ones never see t."""
    t = np.array([0.0])  # male, where the check's sample is female
    mine = solution.check_layer_by_layer(lesson_network(), X, t)
    assert_same_checks(mine, expected(lesson_network(), X, t))
    female = expected(lesson_network(), X, T)
    assert [c.backprop for c in mine[:6]] == [c.backprop for c in female[:6]]
    assert all(abs(a.backprop - b.backprop) > 1e-3 for a, b in zip(mine[6:], female[6:]))


def test_a_network_of_several_layers(solution):
    """3-4-3-2: two hidden layers (16 and 15 weights), then the output layer (8)."""
    checks = solution.check_layer_by_layer(deep_network(), DEEP_X, DEEP_T)
    assert len(checks) == 4 * 4 + 3 * 5 + 2 * 4
    assert_same_checks(checks, expected(deep_network(), DEEP_X, DEEP_T))
    assert all(check.passed for check in checks)


def test_a_single_layer_has_only_output_checks(solution):
    network = Network(lesson_network().weights[1:], ["sigmoid"])
    checks = solution.check_layer_by_layer(network, X, T)
    assert_same_checks(checks, expected(network, X, T))
    assert len(checks) == 3


@pytest.mark.parametrize("bug", BUGS, ids=lambda bug: bug.__name__)
def test_catches_and_localises_a_bug(solution, bug):
    assert failing(solution.check_layer_by_layer(broken(bug), X, T)) == bug.layer_by_layer


def test_a_wrong_output_delta_fails_only_the_output_checks(solution):
    """f'(net5) missing from delta_out: the output Checks fail, the hidden ones pass.

    The hidden check runs with a linear output, where f'(net5) = 1, so the bug
    shows in its own layer. One loop with the real loss (exercise 8) fails all nine.
    """
    assert failing(solution.check_layer_by_layer(broken(NoOutputDerivative), X, T)) == OUTPUT


def test_its_blind_spot_a_hidden_layer_that_ignores_delta_out(solution):
    """The method's blind spot, not a fault of your code: this bug passes.

    The hidden Checks are computed with delta_out = 1, so hidden code that uses a
    vector of ones in place of delta_out gives the right numbers there. Only a
    check with the real loss sees it: exercise 8 fails all six hidden weights.
    """
    assert failing(solution.check_layer_by_layer(broken(IgnoresDeltaOut), X, T)) == set()
    assert failing(lesson.check_every_weight(broken(IgnoresDeltaOut), X, T)) == HIDDEN


def test_leaves_the_network_unchanged(solution):
    network = lesson_network()
    weights = snapshot(network)
    x, t = X.copy(), T.copy()
    solution.check_layer_by_layer(network, x, t)
    assert same_weights(network, weights)
    assert network.activations == ["sigmoid", "sigmoid"]
    assert np.array_equal(x, X) and np.array_equal(t, T)


@pytest.mark.parametrize("position", [(0, 1, 0), (1, 0, 2)], ids=["w41", "b5"])
def test_restores_the_weight_when_the_loss_raises(solution, position):
    network = raising_network(position)
    weights = snapshot(network)
    with pytest.raises(RuntimeError, match="E cannot be computed here"):
        solution.check_layer_by_layer(network, X, T)
    assert same_weights(network, weights)


@pytest.mark.parametrize("seed", RANDOM_SEEDS, ids=random_id)
def test_random_networks_as_the_answer(solution, seed):
    network, x, t = random_case(seed)
    assert_same_checks(solution.check_layer_by_layer(network, x, t),
                       lesson.check_layer_by_layer(network, x, t))
