"""Exercise 6: check the hidden layer with E = sum of the outputs and a linear output."""

import pytest

from fclesson import lesson
from fclesson.lesson import Network

from exercise_cases import (
    BUGS,
    DEEP_X,
    HIDDEN,
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
    reference,
    same_weights,
    snapshot,
)

EXERCISE = Exercise(6, "exercises/ex6_hidden_layer.py", lesson, ("check_hidden_layer",))


def expected(network, x, h=1e-4, tol=1e-4):
    """The Check of every hidden weight with E = sum_k y_k on a linear output."""
    probe = linear_output(network)
    hidden = range(len(network.weights) - 1)
    return [reference(probe, x, None, *p, "output_sum", h, tol) for p in positions(probe, hidden)]


def test_the_lesson_network_passes(solution):
    checks = solution.check_hidden_layer(lesson_network(), X)
    assert names(checks) == ["w31", "w32", "b3", "w41", "w42", "b4"]
    assert all(check.passed for check in checks)


def test_backprop_runs_with_delta_out_equal_to_one(solution):
    """The Checks hold the gradients of E = y5 with a linear output neuron, not of the MSE."""
    checks = solution.check_hidden_layer(lesson_network(), X)
    assert_same_checks(checks, expected(lesson_network(), X))
    mse = lesson_network().gradients(X, T)[0].ravel()
    assert all(abs(check.backprop - g) > 1e-3 for check, g in zip(checks, mse)), (
        'use E = sum of the outputs ("output_sum") and a linear output activation')


def test_uses_the_step_h(solution):
    checks = solution.check_hidden_layer(lesson_network(), X, h=0.5)
    assert_same_checks(checks, expected(lesson_network(), X, h=0.5))


@pytest.mark.parametrize(("tol", "wrong"), [(1e-4, set()), (1e-12, HIDDEN)])
def test_uses_the_tolerance_tol(solution, tol, wrong):
    """Every error is about 1e-10 or more: below 1e-4, above 1e-12."""
    assert failing(solution.check_hidden_layer(lesson_network(), X, tol=tol)) == wrong


@pytest.mark.parametrize("bug", [*BUGS, OffsetOutputBias], ids=lambda bug: bug.__name__)
def test_flags_the_hidden_weights_a_bug_breaks(solution, bug):
    checks = solution.check_hidden_layer(broken(bug), X)
    assert names(checks) == ["w31", "w32", "b3", "w41", "w42", "b4"]
    assert failing(checks) == bug.layer_by_layer & HIDDEN


def test_a_bug_in_f_prime_of_the_output_cannot_reach_it(solution):
    """With a linear output f'(net5) = 1, so forgetting it changes nothing."""
    assert failing(solution.check_hidden_layer(broken(NoOutputDerivative), X)) == set()


def test_its_blind_spot_a_hidden_layer_that_ignores_delta_out(solution):
    """The trick's blind spot: a property of the method, not of your code.

    With delta_out = 1, hidden code that uses a vector of ones in place of delta_out
    computes the same numbers and passes; the real loss (exercise 8) catches it.
    """
    assert failing(solution.check_hidden_layer(broken(IgnoresDeltaOut), X)) == set()
    assert failing(lesson.check_every_weight(broken(IgnoresDeltaOut), X, T)) == HIDDEN


def test_a_deeper_network_checks_every_layer_below_the_output(solution):
    checks = solution.check_hidden_layer(deep_network(), DEEP_X)
    assert len(checks) == 4 * 4 + 3 * 5
    assert_same_checks(checks, expected(deep_network(), DEEP_X))
    assert all(check.passed for check in checks)


def test_leaves_the_network_unchanged(solution):
    network = lesson_network()
    weights = snapshot(network)
    solution.check_hidden_layer(network, X)
    assert same_weights(network, weights)
    assert network.activations == ["sigmoid", "sigmoid"], "change a copy, never the network"
    assert network.loss(X, T) == lesson_network().loss(X, T)


def test_a_single_layer_has_no_hidden_layer(solution):
    network = Network(lesson_network().weights[1:], ["sigmoid"])
    assert solution.check_hidden_layer(network, X) == []


@pytest.mark.parametrize("seed", RANDOM_SEEDS, ids=random_id)
def test_random_networks_as_the_answer(solution, seed):
    network, x, _ = random_case(seed)
    assert_same_checks(solution.check_hidden_layer(network, x),
                       lesson.check_hidden_layer(network, x))
