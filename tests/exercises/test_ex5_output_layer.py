"""Exercise 5: check every weight of the output layer (lesson 4, step 5)."""

import pytest

import fclesson
from fclesson import Network, losses
from fclesson.report import Report

from exercise_cases import (
    BUGS,
    DEEP_T,
    DEEP_X,
    OUTPUT,
    T,
    X,
    Exercise,
    broken,
    central,
    deep_net,
    failing,
    lesson_net,
    positions,
    same_weights,
    snapshot,
)

EXERCISE = Exercise(5, "exercises/ex5_output_layer.py", fclesson, ("check_output_layer",))


def test_the_lesson_network_passes(solution):
    reference = lesson_net()  # the same network, never handed to the check
    grads = reference.gradients(X, T)
    report = solution.check_output_layer(lesson_net(), X, T)
    assert isinstance(report, Report)
    assert [(r.layer, r.row, r.column) for r in report.rows] == positions(reference, [1])
    for r in report.rows:
        assert abs(r.backprop - grads[1][r.row, r.column]) < 1e-12
        assert abs(r.numerical - central(reference, X, T, 1, r.row, r.column)) < 1e-10
        assert r.passed
    assert report.passed


def test_report_keeps_h_and_tol(solution):
    report = solution.check_output_layer(lesson_net(), X, T, h=1e-5, tol=1e-6)
    assert (report.h, report.tol) == (1e-5, 1e-6)


@pytest.mark.parametrize("bug", BUGS, ids=lambda bug: bug.__name__)
def test_flags_the_output_weights_a_bug_breaks(solution, bug):
    """Only output weights are checked: a bug in the hidden layer alone goes unseen."""
    report = solution.check_output_layer(broken(bug), X, T)
    assert failing(report) == bug.wrong & OUTPUT
    assert report.passed == (not bug.wrong & OUTPUT)


def test_a_deeper_network_with_two_outputs(solution):
    net = deep_net()
    report = solution.check_output_layer(net, DEEP_X, DEEP_T)
    assert [(r.layer, r.row, r.column) for r in report.rows] == positions(net, [2])
    assert len(report.rows) == 2 * (3 + 1)
    assert report.passed


def test_uses_the_loss_it_is_given(solution):
    net = Network([2, 3, 1], activations=["tanh", "linear"], seed=3)
    y_hidden = net.propagate(X)[1][1]
    report = solution.check_output_layer(net, X, None, loss=losses.output_sum)
    assert [r.backprop for r in report.rows] == pytest.approx([*y_hidden, 1.0], abs=1e-12)
    assert report.passed


def test_leaves_the_network_unchanged(solution):
    net = lesson_net()
    weights = snapshot(net)
    solution.check_output_layer(net, X, T)
    assert same_weights(net, weights)
