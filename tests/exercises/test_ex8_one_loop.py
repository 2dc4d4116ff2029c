"""Exercise 8: one loop over every weight of every layer with the real loss, any depth."""

import numpy as np
import pytest

from fclesson import lesson
from fclesson.lesson import Network

from exercise_cases import (
    BUGS,
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
    failing,
    lesson_network,
    names,
    positions,
    random_case,
    random_id,
    random_weights,
    raising_network,
    reference,
    same_weights,
    snapshot,
)

EXERCISE = Exercise(8, "exercises/ex8_one_loop.py", lesson, ("check_every_weight",))


def expected(network, x, t, h=1e-4, tol=1e-4):
    """The Check of every weight with the real loss, computed without the answer."""
    every = positions(network, range(len(network.weights)))
    return [reference(network, x, t, *p, "mse", h, tol) for p in every]


def test_the_lesson_network_passes(solution):
    reference_network = lesson_network()  # the same network, never handed to the check
    checks = solution.check_every_weight(lesson_network(), X, T)
    assert names(checks) == ["w31", "w32", "b3", "w41", "w42", "b4", "w53", "w54", "b5"]
    assert_same_checks(checks, expected(reference_network, X, T))
    assert all(check.passed for check in checks)


def test_uses_the_step_h(solution):
    checks = solution.check_every_weight(lesson_network(), X, T, h=0.5)
    assert_same_checks(checks, expected(lesson_network(), X, T, h=0.5))


@pytest.mark.parametrize(
    ("tol", "wrong"), [(0.02, set()), (0.005, {"b5"}), (1e-12, HIDDEN | OUTPUT)])
def test_uses_the_tolerance_tol(solution, tol, wrong):
    """Backprop of b5 off by exactly 0.01; every other error is 1e-11 or more."""
    checks = solution.check_every_weight(broken(OffsetOutputBias), X, T, tol=tol)
    assert failing(checks) == wrong


@pytest.mark.parametrize("bug", BUGS, ids=lambda bug: bug.__name__)
def test_flags_exactly_the_weights_a_bug_breaks(solution, bug):
    assert failing(solution.check_every_weight(broken(bug), X, T)) == bug.wrong


def test_catches_what_layer_by_layer_misses(solution):
    """What layer by layer misses: a hidden layer that uses ones in place of delta_out.

    Exercise 7 passes it; here all six hidden weights fail.
    """
    assert failing(solution.check_every_weight(broken(IgnoresDeltaOut), X, T)) == HIDDEN
    assert failing(lesson.check_layer_by_layer(broken(IgnoresDeltaOut), X, T)) == set()


def test_a_wrong_output_delta_fails_every_weight(solution):
    """What one loop cannot localise: delta_out without f'(net5) spoils all nine gradients.

    Exercise 7 fails only the three output weights for the same bug.
    """
    assert failing(solution.check_every_weight(broken(NoOutputDerivative), X, T)) == HIDDEN | OUTPUT
    assert failing(lesson.check_layer_by_layer(broken(NoOutputDerivative), X, T)) == OUTPUT


NETWORKS = [
    ([2, 1], ["sigmoid"]),
    ([3, 5, 2], ["tanh", "linear"]),
    ([2, 3, 3, 1], ["sigmoid", "tanh", "sigmoid"]),
    ([4, 3, 5, 2, 3], ["tanh", "sigmoid", "tanh", "linear"]),
]


@pytest.mark.parametrize(("sizes", "activations"), NETWORKS, ids=str)
def test_any_depth_and_any_activations(solution, sizes, activations):
    rng = np.random.default_rng(len(sizes))
    network = Network(random_weights(sizes, seed=len(sizes)), activations)
    x, t = rng.normal(size=sizes[0]), rng.uniform(size=sizes[-1])
    checks = solution.check_every_weight(network, x, t)
    assert len(checks) == sum(W.size for W in network.weights)
    assert_same_checks(checks, expected(network, x, t))
    assert all(check.passed for check in checks)


@pytest.mark.parametrize("seed", RANDOM_SEEDS, ids=random_id)
def test_random_networks_as_the_answer(solution, seed):
    network, x, t = random_case(seed)
    assert_same_checks(solution.check_every_weight(network, x, t),
                       lesson.check_every_weight(network, x, t))


def test_leaves_the_network_unchanged(solution):
    network = lesson_network()
    weights = snapshot(network)
    solution.check_every_weight(network, X, T)
    assert same_weights(network, weights)


@pytest.mark.parametrize("position", [(0, 1, 0), (1, 0, 2)], ids=["w41", "b5"])
def test_restores_the_weight_when_the_loss_raises(solution, position):
    network = raising_network(position)
    weights = snapshot(network)
    with pytest.raises(RuntimeError, match="E cannot be computed here"):
        solution.check_every_weight(network, X, T)
    assert same_weights(network, weights), "restore every weight in a finally: clause"
