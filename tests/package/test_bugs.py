"""Real backprop bugs, injected one at a time: the check must flag each at the right weight.

The broken networks are those of the bug gallery (fclesson/bugs.py); the
weights each must be flagged at are written out here, independently of the
gallery's own ``Bug.expected``.

Positions are (layer, row, column) with 0-based layers as in ``net.weights``.
For the 2-2-1 gender network: layer 0 is [[w31, w32, b3], [w41, w42, b4]],
layer 1 is [[w53, w54, b5]].
"""

import numpy as np
import pytest

from fclesson import (
    Network,
    check_gradients,
    check_hidden_layer,
    check_output_layer,
    losses,
)
from fclesson.bugs import (
    CopySlip,
    NoHiddenDerivative,
    NoOutputDerivative,
    SwappedHiddenOutputs,
    SwappedInputs,
    WrongSign,
)
from fclesson.losses import Loss
from fclesson.report import Row

from .cases import T, X

HIDDEN = {(0, j, i) for j in range(2) for i in range(3)}
OUTPUT = {(1, 0, i) for i in range(3)}
EVERY_WEIGHT = HIDDEN | OUTPUT


def failing(report):
    return {(row.layer, row.row, row.column) for row in report.failures}


class DroppedBias(Network):
    """One layer's gradient is computed from y_prev without the appended 1."""

    layer = 0

    def gradients(self, x, target, loss=losses.mse):
        grads = super().gradients(x, target, loss)
        grads[self.layer][:, -1] = 0.0
        return grads


def build(cls, **attributes):
    net = cls([2, 2, 1], activations=["sigmoid", "sigmoid"], seed=0)
    for name, value in attributes.items():
        setattr(net, name, value)
    return net


def test_the_correct_network_passes():
    assert check_gradients(build(Network), X, T).passed


@pytest.mark.parametrize(
    "cls, expected",
    [
        (SwappedInputs, {(0, 0, 0), (0, 0, 1), (0, 1, 0), (0, 1, 1)}),
        (SwappedHiddenOutputs, {(1, 0, 0), (1, 0, 1)}),
        (CopySlip, {(0, 0, 1)}),
        (NoOutputDerivative, EVERY_WEIGHT),
        (NoHiddenDerivative, HIDDEN),
        (WrongSign, EVERY_WEIGHT),
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else "",
)
def test_bug_is_flagged_exactly_where_it_is(cls, expected):
    report = check_gradients(build(cls), X, T)
    assert not report.passed
    assert failing(report) == expected


@pytest.mark.parametrize("layer, expected", [(0, {(0, 0, 2), (0, 1, 2)}), (1, {(1, 0, 2)})])
def test_dropped_bias_column_is_flagged_at_its_layer(layer, expected):
    assert failing(check_gradients(build(DroppedBias, layer=layer), X, T)) == expected


def test_hidden_check_isolates_the_hidden_layer():
    # a hidden-layer bug is seen by the hidden check at the right weights ...
    assert failing(check_hidden_layer(build(NoHiddenDerivative), X)) == HIDDEN
    assert failing(check_hidden_layer(build(CopySlip), X)) == {(0, 0, 1)}
    # ... while a forgotten f'(net_out) is invisible to it (linear output: f' = 1)
    assert check_hidden_layer(build(NoOutputDerivative), X).passed
    # and the output-layer check catches that one
    assert failing(check_output_layer(build(NoOutputDerivative), X, T)) == OUTPUT


def mse_with(derivative):
    """The MSE value with a hand-written (buggy) derivative."""
    return Loss("buggy_mse", lambda y, t: np.sum((t - y) ** 2) / (1 if y.ndim == 1 else len(y)),
                derivative)


@pytest.mark.parametrize(
    "derivative",
    [
        lambda y, t: 2.0 / (1 if y.ndim == 1 else len(y)) * (t - y),  # wrong sign
        lambda y, t: -1.0 / (1 if y.ndim == 1 else len(y)) * (t - y),  # 1/n instead of 2/n
    ],
    ids=["wrong_sign", "one_over_n"],
)
def test_wrong_loss_derivative_is_flagged_everywhere(derivative):
    report = check_gradients(build(Network), X, T, loss=mse_with(derivative))
    assert failing(report) == EVERY_WEIGHT


def test_opposite_signs_are_an_error_not_a_match():
    report = check_gradients(build(WrongSign), X, T)
    for row in report.rows:
        assert np.sign(row.backprop) == -np.sign(row.numerical)
        assert row.abs_error == pytest.approx(2 * abs(row.numerical), rel=1e-6)
        assert row.rel_error == pytest.approx(2.0, rel=1e-6)
    # and on a correct network both sides always agree in sign
    for row in check_gradients(build(Network), X, T).rows:
        assert np.sign(row.backprop) == np.sign(row.numerical)


def test_epsilon_written_10e_4_still_passes_but_is_less_accurate():
    assert 10e-4 == 1e-3  # the slip: ten times the intended step
    net = build(Network)
    intended = check_gradients(net, X, T, h=1e-4)
    slipped = check_gradients(net, X, T, h=10e-4)
    assert intended.passed and slipped.passed
    # central differences err by O(h^2): about 100 times more at h = 1e-3
    ratio = slipped.worst.abs_error / intended.worst.abs_error
    assert 20 < ratio < 500


def test_integer_weight_array_would_silently_truncate_the_step():
    W = np.array([[2, 3, 1]])
    W[0, 0] = W[0, 0] + 1e-4  # what a check on an integer array would do
    assert W[0, 0] == 2  # the step is gone: E(w + h) = E(w)
    net = Network([2, 1], ["linear"], weights=[np.array([[2, 3, 1]])])
    report = check_gradients(net, np.array([1, 1]), np.array([0]))
    assert report.passed and all(row.numerical != 0.0 for row in report.rows)


def test_relu_kink_is_a_false_alarm():
    # hidden net = 1*2 - 2*1 + 0 = 0 exactly: relu'(0) = 0 but the central slope is 1/2
    net = Network([2, 1, 1], ["relu", "linear"], weights=[[[1.0, -2.0, 0.0]], [[3.0, 0.5]]])
    x, target = np.array([2.0, 1.0]), np.array([1.0])
    report = check_gradients(net, x, target)
    assert failing(report) == {(0, 0, 0), (0, 0, 1), (0, 0, 2)}
    dE_dy = -2.0 * (target[0] - net.forward(x)[0])
    for row, input_value in zip(report.rows[:3], [2.0, 1.0, 1.0]):
        assert row.backprop == 0.0
        # half of the one-sided slope, up to the O(h) error of a one-sided difference
        assert row.numerical == pytest.approx(0.5 * dE_dy * 3.0 * input_value, abs=1e-2)
    # move away from the kink and the same network passes
    assert check_gradients(net, np.array([2.0, 0.9]), target).passed


def test_row_comparison_keeps_the_sign():
    row = Row.compare(0, 0, 0, backprop=0.3, numerical=-0.3, tol=1e-4)
    assert not row.passed and row.abs_error == pytest.approx(0.6)
