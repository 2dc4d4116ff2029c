"""The complex step through the whole network: exact gradients, and validation kept intact."""

import numpy as np
import pytest
from hypothesis import given, settings

from fclesson import Network, activations, check_gradients, gender, losses
from fclesson.complex_check import complex_activation, complex_step_gradient
from fclesson.losses import Loss
from fclesson.validation import as_float_array

from .cases import LOSSES, T, X, gender_net, random_cases

SETTINGS = settings(max_examples=40, deadline=None, derandomize=True)


@pytest.mark.parametrize("vectorized", [True, False], ids=["batched", "loop"])
def test_gender_network_matches_backprop_to_1e_13(vectorized):
    net = gender.network()
    report = check_gradients(net, gender.CHECK_X, gender.CHECK_TARGET, loss=losses.mse,
                           method="complex-step", vectorized=vectorized)
    assert report.h == 1e-20 and report.passed
    assert max(row.rel_error for row in report.rows) <= 1e-13
    central = check_gradients(net, gender.CHECK_X, gender.CHECK_TARGET)
    assert max(row.rel_error for row in central.rows) > 1e-11  # the central difference is not


@SETTINGS
@given(random_cases())
def test_complex_step_equals_backprop_on_random_networks(case):
    net, x, target, loss_name = case
    report = check_gradients(net, x, target, LOSSES[loss_name], method="complex-step")
    scale = max(1.0, max(abs(row.backprop) for row in report.rows))
    assert all(row.abs_error <= 1e-12 * scale for row in report.rows), str(report)
    loop = check_gradients(net, x, target, LOSSES[loss_name], method="complex-step",
                         vectorized=False)
    for a, b in zip(report.rows, loop.rows):
        assert abs(a.numerical - b.numerical) <= 1e-12 * scale


@pytest.mark.parametrize("name", activations.names())
def test_complex_activations_agree_with_the_real_ones(name):
    net = np.linspace(-40, 40, 161)
    f = complex_activation(name)
    assert np.allclose(f(net + 0j).real, activations.get(name).f(net), rtol=1e-15, atol=1e-300)
    # and their complex step is the derivative (ReLU: decided on the real part), up to
    # the rounding of 1 - tanh^2 and y (1 - y) near 1, which the complex step avoids
    slope = f(net + 1e-20j).imag / 1e-20
    assert np.allclose(slope, activations.get(name).derivative(net), rtol=1e-14, atol=4e-16)
    if name == "tanh":  # tanh'(40) = 4 e^-80 ~ 7e-35: the formula says 0, the complex step not
        assert slope[-1] == pytest.approx(4 * np.exp(-80), rel=1e-12)


def test_complex_sigmoid_does_not_overflow():
    y = complex_activation("sigmoid")(np.array([-800 + 1e-20j, 800 + 1e-20j]))
    assert np.all(np.isfinite(y)) and y.real.tolist() == [0.0, 1.0]


def test_mse_is_complex_safe():
    y, t = np.array([0.3 + 1e-20j]), np.array([1.0])
    E = losses.mse._value_rows(y[np.newaxis, :], t)[0]
    # d/dy (t - y)^2 = -2 (t - y) = -1.4; an abs() would have lost the imaginary part
    assert E.imag / 1e-20 == pytest.approx(-1.4, rel=1e-15)


def test_one_weight_matches_backprop():
    net = gender_net()
    grads = net.gradients(X, T)
    for layer, row, column in [(0, 0, 1), (1, 0, 2)]:
        value = complex_step_gradient(net, X, T, layer, row, column)
        assert value == pytest.approx(grads[layer][row, column], rel=1e-14)


def test_network_and_inputs_unchanged():
    net = gender_net()
    before = [W.copy() for W in net.weights]
    x = X.copy()
    check_gradients(net, x, T, method="complex-step")
    check_gradients(net, x, T, method="complex-step", vectorized=False)
    assert all(W.dtype == np.float64 and np.array_equal(W, b) for W, b in zip(net.weights, before))
    assert np.array_equal(x, X)


def test_callers_still_cannot_pass_complex_values():
    with pytest.raises(TypeError, match="real numbers"):
        as_float_array(np.array([1 + 1j]), "x")
    with pytest.raises(TypeError, match="real numbers"):
        gender_net().forward(np.array([-2 + 1e-20j, -1]))
    with pytest.raises(TypeError, match="x must hold real numbers"):
        check_gradients(gender_net(), np.array([-2 + 0j, -1]), T, method="complex-step")


class OwnForward(Network):
    def forward(self, x):
        return super().forward(np.asarray(x)[::-1])


def test_what_the_complex_step_cannot_differentiate_is_refused():
    with pytest.raises(ValueError, match="overrides"):
        check_gradients(OwnForward([2, 2, 1], ["sigmoid"] * 2, seed=0), X, T, method="complex-step")
    custom = Loss("custom", lambda y, t: np.sum(np.abs(t - y)), lambda y, t: np.sign(y - t))
    with pytest.raises(ValueError, match="analytic"):
        check_gradients(gender_net(), X, T, custom, method="complex-step")
    own = activations.Activation("sigmoid", np.tanh, lambda n: 1 - np.tanh(n) ** 2)
    with pytest.raises(ValueError, match="knows only"):
        check_gradients(Network([2, 1], [own], seed=0), X, T, method="complex-step")


def test_unknown_method_is_refused():
    with pytest.raises(ValueError, match="method"):
        check_gradients(gender_net(), X, T, method="forward")
