"""The lesson's integrated check, and what it catches and misses against the full check."""

import numpy as np
import pytest

from fclesson import (
    Network,
    bugs,
    check_gradients,
    check_hidden_layer,
    check_layer_by_layer,
    check_output_layer,
    gender,
    losses,
)

X, T = np.array(gender.CHECK_X), np.array(gender.CHECK_TARGET)
HIDDEN = {(0, j, i) for j in range(2) for i in range(3)}
OUTPUT = {(1, 0, i) for i in range(3)}


def failing(report):
    return {(row.layer, row.row, row.column) for row in report.failures}


def test_rows_are_the_hidden_check_then_the_output_check():
    net = gender.network(seed=0)
    before = [W.copy() for W in net.weights]
    report = check_layer_by_layer(net, X, T)
    assert report.passed and len(report.rows) == 9
    assert report.rows[:6] == check_hidden_layer(net, X).rows
    assert report.rows[6:] == check_output_layer(net, X, T).rows
    assert (report.h, report.tol) == (1e-4, 1e-4)
    assert all(np.array_equal(W, W0) for W, W0 in zip(net.weights, before))


def test_hidden_rows_differ_from_the_full_check_by_delta_out():
    """With delta_out = 1 the hidden gradients are the full check's divided by delta_5."""
    net = gender.network(seed=0)
    layered, full = check_layer_by_layer(net, X, T), check_gradients(net, X, T)
    delta5 = full.rows[8].backprop  # dE/db5 = delta5 * 1
    for alone, whole in zip(layered.rows[:6], full.rows[:6]):
        assert abs(whole.backprop - delta5 * alone.backprop) < 1e-15


def test_options_reach_both_checks():
    net = Network([3, 4, 2], ["tanh", "sigmoid"], seed=2)
    x, t = np.array([0.3, -0.7, 1.1]), np.array([0.2, 0.9])
    report = check_layer_by_layer(net, x, t, loss=losses.mse, h=1e-5, tol=1e-6)
    assert report.passed and (report.h, report.tol) == (1e-5, 1e-6)
    assert len(report.rows) == 4 * 4 + 2 * 5


def test_a_single_layer_is_the_output_check():
    net = Network([3, 2], ["sigmoid"], seed=1)
    x, t = np.array([0.3, -0.7, 1.1]), np.array([0.2, 0.9])
    assert check_layer_by_layer(net, x, t) == check_output_layer(net, x, t)


def test_a_wrong_output_delta_stays_in_the_output_rows():
    """The full check fails every row; the layer-by-layer check points at the output layer."""
    broken = bugs.GALLERY["no_output_derivative"].make(gender.network(seed=0))
    assert failing(check_gradients(broken, X, T)) == HIDDEN | OUTPUT
    assert failing(check_layer_by_layer(broken, X, T)) == OUTPUT


def test_blind_spot_hidden_code_that_ignores_delta_out():
    """With delta_out = 1, W_out^T 1 equals W_out^T delta_out: only the real loss sees it."""
    broken = bugs.GALLERY["ignores_delta_out"].make(gender.network(seed=0))
    assert check_hidden_layer(broken, X).passed
    assert check_layer_by_layer(broken, X, T).passed
    assert failing(check_gradients(broken, X, T)) == HIDDEN


@pytest.mark.parametrize("name", ["swapped_inputs", "no_hidden_derivative", "copy_slip",
                                  "dropped_bias", "swapped_hidden_outputs"])
def test_layer_local_bugs_fail_the_same_rows_in_both_checks(name):
    broken = bugs.GALLERY[name].make(gender.network(seed=0))
    assert failing(check_layer_by_layer(broken, X, T)) == failing(check_gradients(broken, X, T))
    assert failing(check_gradients(broken, X, T))


def test_reports_of_the_gender_network_use_the_courses_names():
    report = check_layer_by_layer(gender.network(seed=0), X, T)
    assert report.names == gender.WEIGHT_NAMES
    names = [line.split()[0] for line in str(report).splitlines()[1:10]]
    assert names == ["w31", "w32", "b3", "w41", "w42", "b4", "w53", "w54", "b5"]
