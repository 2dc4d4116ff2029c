"""Network: forward and backprop against the per-neuron reference, and input checks."""

import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings

from fclesson import Network, PrecisionWarning, activations, losses

from . import scalar_reference as ref
from .cases import LOSSES, T, X, far_from_kinks, gender_net, random_cases

SETTINGS = settings(max_examples=50, deadline=None, derandomize=True)


def test_shapes_follow_sizes_and_bias_is_the_last_column():
    net = Network([3, 4, 2], activations=["tanh", "linear"], seed=1)
    assert [W.shape for W in net.weights] == [(4, 4), (2, 5)]
    assert all(W.dtype == np.float64 for W in net.weights)
    # the bias column alone decides net when y_prev = 0
    nets, _ = net.propagate(np.zeros(3))
    np.testing.assert_array_equal(nets[0], net.weights[0][:, -1])


def test_lesson_formulas_of_the_2_2_1_network():
    w31, w32, b3, w41, w42, b4, w53, w54, b5 = 0.1, -0.2, 0.3, 0.4, 0.5, -0.6, 0.7, -0.8, 0.9
    net = Network([2, 2, 1], ["sigmoid", "sigmoid"],
                  weights=[[[w31, w32, b3], [w41, w42, b4]], [[w53, w54, b5]]])
    x1, x2 = -2.0, -1.0
    f = activations.sigmoid
    y3, y4 = f(x1 * w31 + x2 * w32 + b3), f(x1 * w41 + x2 * w42 + b4)
    y5 = f(y3 * w53 + y4 * w54 + b5)
    assert net.forward([x1, x2])[0] == pytest.approx(y5, rel=1e-15)


def test_same_seed_same_weights_other_seed_other_weights():
    a, b, c = gender_net(3), gender_net(3), gender_net(4)
    for Wa, Wb, Wc in zip(a.weights, b.weights, c.weights):
        np.testing.assert_array_equal(Wa, Wb)
        assert not np.array_equal(Wa, Wc)


@SETTINGS
@given(random_cases())
def test_forward_matches_per_neuron_reference(case):
    net, x, _, _ = case
    nets, ys = ref.forward(net.weights, net.activation_names, x)
    our_nets, our_ys = net.propagate(x)
    for ours, theirs in zip(our_nets, nets):
        np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-12)
    for ours, theirs in zip(our_ys, ys):
        np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(net.forward(x), ys[-1], rtol=1e-12, atol=1e-12)


@SETTINGS
@given(random_cases())
def test_gradients_match_per_neuron_reference(case):
    net, x, target, loss_name = case
    assume(far_from_kinks(net, x, margin=1e-9))
    expected = ref.gradients(net.weights, net.activation_names, x, target, loss_name)
    grads = net.gradients(x, target, loss=LOSSES[loss_name])
    assert [g.shape for g in grads] == [W.shape for W in net.weights]
    for ours, theirs in zip(grads, expected):
        np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-12)


@SETTINGS
@given(random_cases())
def test_loss_matches_reference(case):
    net, x, target, loss_name = case
    _, ys = ref.forward(net.weights, net.activation_names, x)
    expected = ref.loss_value(loss_name, ys[-1], target)
    assert net.loss(x, target, loss=LOSSES[loss_name]) == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_backward_gives_lesson_3_deltas():
    net = gender_net()
    nets, ys = net.propagate(X)
    dE_dy = losses.mse.derivative(ys[-1], T)
    delta = net.backward(nets, dE_dy)
    s = activations.sigmoid_derivative
    delta5 = -2.0 * (T - ys[-1]) * s(nets[1])  # -(2/n)(t - y5) f'(net5), n = 1
    W_out = net.weights[1]
    delta_hidden = np.array([delta5[0] * W_out[0, 0] * s(nets[0][0]),
                             delta5[0] * W_out[0, 1] * s(nets[0][1])])
    np.testing.assert_allclose(delta[1], delta5, rtol=1e-14)
    np.testing.assert_allclose(delta[0], delta_hidden, rtol=1e-14)


def test_backward_never_writes_into_its_arguments():
    net = Network([3, 4, 2], ["tanh", "sigmoid"], seed=2)
    nets, ys = net.propagate(np.array([0.5, -1.0, 2.0]))
    dE_dy = losses.mse.derivative(ys[-1], np.array([0.2, 0.8]))
    saved = [n.copy() for n in nets], dE_dy.copy()
    for array in [*nets, dE_dy]:
        array.flags.writeable = False  # any write would raise
    net.backward(nets, dE_dy)
    for before, after in zip(saved[0], nets):
        np.testing.assert_array_equal(before, after)
    np.testing.assert_array_equal(saved[1], dE_dy)


def test_weights_are_copied_on_assignment():
    W0 = np.ones((2, 3))
    net = Network([2, 2, 1], ["sigmoid", "sigmoid"], weights=[W0, np.ones((1, 3))])
    W0[0, 0] = 5.0
    assert net.weights[0][0, 0] == 1.0


def test_integer_weights_and_inputs_are_converted_not_truncated():
    net = Network([2, 1], ["linear"], weights=[np.array([[2, 3, 1]])])
    assert net.weights[0].dtype == np.float64
    net.weights[0][0, 0] += 1e-4  # would round back to 2 in an integer array
    assert net.weights[0][0, 0] == 2.0001
    assert net.forward(np.array([1, 1]))[0] == pytest.approx(6.0001, rel=1e-15)


@pytest.mark.parametrize("where", ["x", "target", "weights"])
def test_float32_warns_but_computes_in_float64(where):
    net = gender_net()
    x, target = X, T
    with pytest.warns(PrecisionWarning, match="1.19e-7"):
        if where == "weights":
            net.weights = [W.astype(np.float32) for W in net.weights]
        elif where == "x":
            x = X.astype(np.float32)
        else:
            target = T.astype(np.float32)
        grads = net.gradients(x, target)
    assert all(g.dtype == np.float64 for g in grads)
    assert all(W.dtype == np.float64 for W in net.weights)


def test_float64_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        gender_net().gradients(X, T)


@pytest.mark.parametrize(
    "x, target, message",
    [
        ([1.0, 2.0, 3.0], [1.0], "x must have shape"),
        ([[[1.0, 2.0]]], [1.0], "x must have shape"),
        ([[1.0, 2.0]], [1.0], r"target must have shape \(1, 1\), one row per sample of x"),
        ([1.0], [1.0], "x must have shape"),
        ([1.0, 2.0], [1.0, 0.0], "target must have shape"),
        ([1.0, 2.0], 1.0, "target must have shape"),
        ([np.nan, 2.0], [1.0], "x contains NaN"),
        ([np.inf, 2.0], [1.0], "x contains NaN or infinity"),
        ([1.0, 2.0], [-np.inf], "target contains NaN"),
    ],
)
def test_bad_x_or_target_is_a_value_error(x, target, message):
    with pytest.raises(ValueError, match=message):
        gender_net().gradients(x, target)


@pytest.mark.parametrize("x", [["a", "b"], [None, 1.0], [1 + 2j, 0], [True, False]])
def test_non_numeric_x_is_a_type_error(x):
    with pytest.raises(TypeError, match="x must"):
        gender_net().forward(x)


@pytest.mark.parametrize(
    "weights, message",
    [
        ([np.zeros((2, 3))], "2 layer.*need 2 weight matrices"),
        ([np.zeros((2, 2)), np.zeros((1, 3))], r"weights\[0\] \(layer 0\) must have shape \(2, 3\)"),
        ([np.zeros((2, 3)), np.zeros((3, 1))], r"weights\[1\] \(layer 1\) must have shape \(1, 3\)"),
        ([np.zeros((2, 3)), np.array([[0.0, np.nan, 0.0]])], r"weights\[1\].*NaN"),
        ([np.full((2, 3), np.inf), np.zeros((1, 3))], r"weights\[0\].*infinity"),
    ],
)
def test_bad_weights_are_refused(weights, message):
    net = gender_net()
    with pytest.raises(ValueError, match=message):
        net.weights = weights
    with pytest.raises(ValueError, match=message):
        Network([2, 2, 1], ["sigmoid", "sigmoid"], weights=weights)


def test_nan_written_into_a_weight_in_place_is_caught():
    net = gender_net()
    net.weights[1][0, 0] = np.nan
    with pytest.raises(ValueError, match=r"weights\[1\].*NaN"):
        net.forward(X)


@pytest.mark.parametrize(
    "sizes, names, error, message",
    [
        ([2], [], ValueError, "at least 2"),
        ([2, 0, 1], ["relu", "relu"], ValueError, r"sizes\[1\] must be >= 1, got 0"),
        ([2, 1.5], ["relu"], TypeError, r"sizes\[1\] must be an integer, got 1.5"),
        ([2, 2, 1], ["sigmoid"], ValueError, "2 layer.*need 2 activation"),
        ([2, 2, 1], ["sigmoid", "sigmoid", "sigmoid"], ValueError, "need 2 activation"),
        ([2, 2, 1], ["sigmoid", "softmax"], ValueError, "unknown activation 'softmax'.*relu"),
        ([2, 1], "sigmoid", TypeError, "list of names"),
    ],
)
def test_bad_architecture_is_refused(sizes, names, error, message):
    with pytest.raises(error, match=message):
        Network(sizes, names)


def test_copy_is_independent_and_keeps_the_class():
    class Marked(Network):
        pass

    net = Marked([2, 2, 1], ["sigmoid", "sigmoid"], seed=0)
    twin = net.copy(activations=["sigmoid", "linear"])
    twin.weights[0][0, 0] += 1.0
    assert type(twin) is Marked
    assert net.activation_names == ["sigmoid", "sigmoid"]
    assert twin.activation_names == ["sigmoid", "linear"]
    assert net.weights[0][0, 0] != twin.weights[0][0, 0]


def test_repr_names_sizes_and_activations():
    assert repr(gender_net()) == "Network([2, 2, 1], activations=['sigmoid', 'sigmoid'])"
