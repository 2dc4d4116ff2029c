"""Exercise 6: check the hidden layer with E = sum of the outputs and a linear output."""

import pytest

import fclesson
from fclesson import Network, losses
from fclesson.report import Report

from exercise_cases import (
    BUGS,
    DEEP_X,
    HIDDEN,
    T,
    X,
    Exercise,
    IgnoresDeltaOut,
    NoOutputDerivative,
    broken,
    central,
    deep_net,
    failing,
    lesson_net,
    positions,
    same_weights,
    snapshot,
)

EXERCISE = Exercise(6, "exercises/ex6_hidden_layer.py", fclesson, ("check_hidden_layer",))


def linear_output(net):
    return net.copy(activations=net.activation_names[:-1] + ["linear"])


def test_the_lesson_network_passes(solution):
    net = lesson_net()
    report = solution.check_hidden_layer(net, X)
    assert isinstance(report, Report)
    assert [(r.layer, r.row, r.column) for r in report.rows] == positions(net, [0])
    assert report.passed


def test_backprop_runs_with_delta_out_equal_to_one(solution):
    """The rows hold the gradients of E = y5 with a linear output neuron."""
    net = lesson_net()
    probe = linear_output(net)
    grads = probe.gradients(X, None, loss=losses.output_sum)
    report = solution.check_hidden_layer(net, X)
    for r in report.rows:
        assert abs(r.backprop - grads[0][r.row, r.column]) < 1e-12, (
            "use E = sum of outputs (losses.output_sum) and a linear output activation"
        )
        expected = central(probe, X, None, 0, r.row, r.column, loss=losses.output_sum)
        assert abs(r.numerical - expected) < 1e-10


def test_report_keeps_h_and_tol(solution):
    report = solution.check_hidden_layer(lesson_net(), X, h=1e-5, tol=1e-6)
    assert (report.h, report.tol) == (1e-5, 1e-6)


@pytest.mark.parametrize("bug", BUGS, ids=lambda bug: bug.__name__)
def test_flags_the_hidden_weights_a_bug_breaks(solution, bug):
    report = solution.check_hidden_layer(broken(bug), X)
    assert failing(report) == bug.layer_by_layer & HIDDEN


def test_a_bug_in_f_prime_of_the_output_cannot_reach_it(solution):
    """With a linear output f'(net5) = 1, so forgetting it changes nothing."""
    assert solution.check_hidden_layer(broken(NoOutputDerivative), X).passed


def test_its_blind_spot_a_hidden_layer_that_ignores_delta_out(solution):
    """The trick's blind spot: a property of the method, not of your code.

    With delta_out = 1, hidden code that uses a vector of ones in place of delta_out
    computes the same numbers and passes; the real loss (exercise 8) catches it.
    """
    assert solution.check_hidden_layer(broken(IgnoresDeltaOut), X).passed
    assert failing(fclesson.check_gradients(broken(IgnoresDeltaOut), X, T)) == HIDDEN


def test_a_deeper_network_checks_every_layer_below_the_output(solution):
    net = deep_net()
    report = solution.check_hidden_layer(net, DEEP_X)
    assert [(r.layer, r.row, r.column) for r in report.rows] == positions(net, [0, 1])
    assert len(report.rows) == 4 * 4 + 3 * 5
    assert report.passed


def test_leaves_the_network_unchanged(solution):
    net = lesson_net()
    weights, activations = snapshot(net), net.activation_names
    solution.check_hidden_layer(net, X)
    assert same_weights(net, weights)
    assert net.activation_names == activations == ["sigmoid", "sigmoid"]
    assert net.loss(X, [1.0]) == lesson_net().loss(X, [1.0])


def test_a_single_layer_has_no_hidden_layer(solution):
    with pytest.raises(ValueError, match="hidden layer"):
        solution.check_hidden_layer(Network([2, 1], activations=["sigmoid"], seed=0), X)
