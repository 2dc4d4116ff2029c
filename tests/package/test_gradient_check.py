"""The gradient check passes on correct backprop and never changes the caller's network."""

import numpy as np
import pytest
from hypothesis import assume, given, settings

from fclesson import (
    Network,
    check_gradients,
    check_hidden_layer,
    check_output_layer,
    check_output_weight,
    losses,
    numerical_gradient,
)

from .cases import (LOSSES, T, X, Fragile, far_from_kinks, flaky_mse, gender_net,
                    random_cases)

SETTINGS = settings(max_examples=50, deadline=None, derandomize=True)


def snapshot(net):
    return [W.copy() for W in net.weights]


def assert_bitwise_equal(net, saved):
    for W, before in zip(net.weights, saved):
        assert W.tobytes() == before.tobytes()


def test_public_api_of_the_brief():
    net = Network([2, 2, 1], activations=["sigmoid", "sigmoid"], seed=0)
    y = net.forward(X)
    grads = net.gradients(X, T, loss=losses.mse)
    report = check_gradients(net, X, T, loss=losses.mse, h=1e-4, tol=1e-4)
    assert y.shape == (1,) and [g.shape for g in grads] == [(2, 3), (1, 3)]
    assert report.passed is True and len(report.rows) == 9


def test_rows_in_weight_order_with_0_based_layers():
    report = check_gradients(gender_net(), X, T)
    positions = [(r.layer, r.row, r.column) for r in report.rows]
    assert positions == [(0, j, i) for j in range(2) for i in range(3)] + [(1, 0, i) for i in range(3)]


def test_rows_carry_backprop_and_central_difference():
    net = gender_net()
    grads = net.gradients(X, T)
    for row in check_gradients(net, X, T).rows:
        assert row.backprop == grads[row.layer][row.row, row.column]
        # the central difference, recomputed here by hand
        W = [w.copy() for w in net.weights]
        W[row.layer][row.row, row.column] += 1e-4
        E_plus = losses.mse(Network([2, 2, 1], ["sigmoid", "sigmoid"], weights=W).forward(X), T)
        W[row.layer][row.row, row.column] -= 2e-4
        E_minus = losses.mse(Network([2, 2, 1], ["sigmoid", "sigmoid"], weights=W).forward(X), T)
        assert row.numerical == pytest.approx((E_plus - E_minus) / 2e-4, rel=1e-6)
        assert row.abs_error == abs(row.backprop - row.numerical) and row.abs_error < 1e-8


@SETTINGS
@given(random_cases())
def test_check_passes_on_correct_backprop(case):
    net, x, target, loss_name = case
    assume(far_from_kinks(net, x))
    report = check_gradients(net, x, target, loss=LOSSES[loss_name], tol=1e-6)
    assert report.passed, str(report)
    assert len(report.rows) == sum(W.size for W in net.weights)


@SETTINGS
@given(random_cases(min_depth=2))
def test_hidden_layer_check_passes_at_any_depth(case):
    net, x, _, _ = case
    assume(far_from_kinks(net, x))
    report = check_hidden_layer(net, x, tol=1e-6)
    assert report.passed, str(report)
    assert {row.layer for row in report.rows} == set(range(net.depth - 1))


def test_output_weight_is_the_output_layers_row():
    net = gender_net()
    layer_report = check_output_layer(net, X, T)
    assert len(layer_report.rows) == 3 and layer_report.passed
    for column in range(3):
        assert check_output_weight(net, X, T, row=0, column=column) == layer_report.rows[column]


@pytest.mark.parametrize("layer, row, column, message",
                         [(2, 0, 0, r"layer \(net.weights has 2 layers\) must be 0 .. 1, got 2"),
                          (-1, 0, 0, r"layer .* must be 0 .. 1, got -1"),
                          (0, 2, 0, r"row \(weights\[0\] has shape \(2, 3\)\) .* got 2"),
                          (1, 0, -1, r"column \(weights\[1\] has shape \(1, 3\)\) .* got -1")])
def test_numerical_gradient_position_is_checked(layer, row, column, message):
    with pytest.raises(ValueError, match=message):
        numerical_gradient(gender_net(), X, T, layer, row, column)


def test_output_weight_position_is_checked():
    with pytest.raises(ValueError, match=r"row .* must be 0 .. 0, got 1"):
        check_output_weight(gender_net(), X, T, row=1, column=0)
    with pytest.raises(ValueError, match=r"column .* must be 0 .. 2, got 3"):
        check_output_weight(gender_net(), X, T, row=0, column=3)


def test_hidden_check_uses_delta_out_of_ones():
    net = gender_net()
    report = check_hidden_layer(net, X)
    assert len(report.rows) == 6 and report.passed
    # with E = y5 and a linear output, delta_out = 1, so delta_j = w5j f'(net_j)
    nets, _ = net.propagate(X)
    y = 1.0 / (1.0 + np.exp(-nets[0]))
    delta = net.weights[1][0, :2] * y * (1.0 - y)
    expected = np.outer(delta, [X[0], X[1], 1.0])
    np.testing.assert_allclose([r.backprop for r in report.rows], expected.ravel(), rtol=1e-14)


def test_hidden_check_leaves_the_callers_activations_and_weights():
    net = gender_net()
    saved = snapshot(net)
    check_hidden_layer(net, X)
    assert net.activation_names == ["sigmoid", "sigmoid"]
    assert_bitwise_equal(net, saved)


def test_hidden_check_needs_a_hidden_layer():
    with pytest.raises(ValueError, match="no hidden layer"):
        check_hidden_layer(Network([2, 1], ["sigmoid"], seed=0), X)


@pytest.mark.parametrize(
    "check",
    [
        lambda net: check_gradients(net, X, T),
        lambda net: check_output_layer(net, X, T),
        lambda net: check_output_weight(net, X, T, 0, 1),
        lambda net: check_hidden_layer(net, X),
        lambda net: numerical_gradient(net, X, T, 0, 1, 2),
    ],
    ids=["gradients", "output_layer", "output_weight", "hidden_layer", "numerical_gradient"],
)
def test_caller_network_unchanged_bit_for_bit(check):
    net = gender_net()
    saved = snapshot(net)
    check(net)
    assert_bitwise_equal(net, saved)


@pytest.mark.parametrize("fail_on_call", [1, 2, 3, 4, 18])
def test_weights_restored_when_the_loss_raises_mid_check(fail_on_call):
    net = gender_net()
    saved = snapshot(net)
    with pytest.raises(RuntimeError, match=f"call {fail_on_call}"):
        check_gradients(net, X, T, loss=flaky_mse(fail_on_call))
    assert_bitwise_equal(net, saved)


def test_weights_restored_when_forward_raises_mid_check():
    net = Fragile([2, 2, 1], ["sigmoid", "sigmoid"], seed=0)
    saved = snapshot(net)
    with pytest.raises(FloatingPointError, match="forward failed"):
        check_gradients(net, X, T)
    assert_bitwise_equal(net, saved)


@pytest.mark.parametrize("h", [0, -1e-4, np.nan, np.inf])
def test_bad_step_is_refused(h):
    with pytest.raises(ValueError, match="h must be finite and > 0"):
        check_gradients(gender_net(), X, T, h=h)
    with pytest.raises(ValueError, match="h must be finite and > 0"):
        check_output_weight(gender_net(), X, T, 0, 0, h=h)


@pytest.mark.parametrize("tol", [0, -1.0, np.nan])
def test_bad_tolerance_is_refused(tol):
    with pytest.raises(ValueError, match="tol must be finite and > 0"):
        check_gradients(gender_net(), X, T, tol=tol)


@pytest.mark.parametrize(
    "x, target, error, message",
    [([1.0, 2.0, 3.0], [1.0], ValueError, r"x must have shape \(2,\), got \(3,\)"),
     ([1.0, np.nan], [1.0], ValueError, "x contains NaN"),
     ([1.0, 2.0], [1.0, 2.0], ValueError, r"target must have shape \(1,\)"),
     (["a", "b"], [1.0], TypeError, "x must hold real numbers")],
)
def test_bad_sample_is_refused_before_any_weight_moves(x, target, error, message):
    net = gender_net()
    saved = snapshot(net)
    with pytest.raises(error, match=message):
        check_gradients(net, x, target)
    assert_bitwise_equal(net, saved)


def test_integer_weights_and_sample_are_checked_in_float64():
    net = Network([2, 2, 1], ["tanh", "sigmoid"], weights=[[[1, -1, 0], [0, 1, 2]], [[1, 1, -1]]])
    report = check_gradients(net, np.array([-2, -1]), np.array([1]))
    assert report.passed
    # an integer array would have rounded w + h back to w: numerical gradient 0
    assert all(row.numerical != 0.0 for row in report.rows)


def test_tiny_tolerance_fails_honestly():
    report = check_gradients(gender_net(), X, T, tol=1e-20)
    assert not report.passed
    assert all(row.abs_error >= 1e-20 for row in report.failures)


def test_hidden_check_keeps_the_hidden_activation_object():
    """The probe copy must use the network's own hidden activation, not a
    registered one of the same name: a broken derivative must be caught."""
    from fclesson.activations import Activation, sigmoid

    broken = Activation("sigmoid", sigmoid, lambda net: np.ones_like(net))  # wrong f'
    net = Network([2, 2, 1], activations=[broken, "sigmoid"], seed=0)
    report = check_hidden_layer(net, np.array([-2.0, -1.0]))
    assert not report.passed
    assert {(r.layer, r.row, r.column) for r in report.failures} == {
        (0, j, i) for j in range(2) for i in range(3)
    }
