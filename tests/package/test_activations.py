"""Each activation's derivative against a central difference, and the registry."""

import numpy as np
import pytest

from fclesson import activations, central_difference

# points away from ReLU's kink at 0
POINTS = [-30.0, -3.0, -0.7, -0.01, 0.01, 0.4, 2.5, 30.0]


@pytest.mark.parametrize("name", activations.names())
@pytest.mark.parametrize("net", POINTS)
def test_derivative_matches_central_difference(name, net):
    activation = activations.get(name)
    numerical = central_difference(lambda v: float(activation.f(v)), net, h=1e-6)
    assert float(activation.derivative(net)) == pytest.approx(numerical, rel=1e-6, abs=1e-9)


@pytest.mark.parametrize("name", activations.names())
def test_elementwise_and_shape_preserving(name):
    activation = activations.get(name)
    net = np.array([[-1.0, 0.5], [2.0, -3.0]])
    y = activation(net)
    assert y.shape == net.shape and activation.derivative(net).shape == net.shape
    np.testing.assert_array_equal(y[1], activation.f(net[1]))


def test_known_values():
    assert activations.sigmoid(0.0) == 0.5
    assert activations.sigmoid_derivative(0.0) == 0.25
    assert activations.tanh_derivative(0.0) == 1.0
    np.testing.assert_array_equal(activations.relu(np.array([-2.0, 3.0])), [0.0, 3.0])


def test_sigmoid_saturates_without_overflow_warnings():
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        np.testing.assert_array_equal(activations.sigmoid(np.array([-1000.0, 1000.0])), [0.0, 1.0])


def test_relu_derivative_at_the_kink_is_zero_but_central_slope_is_half():
    assert activations.relu_derivative(0.0) == 0.0
    assert central_difference(lambda v: float(activations.relu(v)), 0.0) == 0.5


def test_functions_do_not_write_into_their_input():
    net = np.array([-1.0, 2.0])
    for name in activations.names():
        activation = activations.get(name)
        activation.f(net)[0] = 99.0
        activation.derivative(net)[0] = 99.0
    np.testing.assert_array_equal(net, [-1.0, 2.0])


def test_unknown_name_lists_the_known_ones():
    with pytest.raises(ValueError, match="unknown activation 'softmax'; known activations: linear, relu, sigmoid, tanh"):
        activations.get("softmax")


def test_get_accepts_an_activation():
    sigmoid = activations.get("sigmoid")
    assert activations.get(sigmoid) is sigmoid and sigmoid.name == "sigmoid"
