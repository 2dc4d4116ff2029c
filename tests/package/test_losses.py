"""MSE and the output-sum loss: values, derivatives and shape checks."""

import numpy as np
import pytest

from fclesson import central_difference, losses


def test_mse_one_sample_has_n_1():
    y, t = np.array([0.25, 0.5]), np.array([1.0, 0.0])
    assert losses.mse.value(y, t) == 0.75**2 + 0.5**2
    np.testing.assert_array_equal(losses.mse.derivative(y, t), [-1.5, 1.0])  # -2 (t - y)


def test_mse_n_samples_divides_by_n():
    y = np.array([[0.5], [0.0], [1.0], [0.25]])
    t = np.array([[1.0], [1.0], [0.0], [0.0]])
    assert losses.mse(y, t) == (0.25 + 1.0 + 1.0 + 0.0625) / 4
    np.testing.assert_array_equal(losses.mse.derivative(y, t), -(2 / 4) * (t - y))


@pytest.mark.parametrize("loss", [losses.mse, losses.output_sum], ids=lambda loss: loss.name)
def test_derivative_matches_central_difference(loss):
    rng = np.random.default_rng(7)
    y, t = rng.normal(size=(3, 2)), rng.normal(size=(3, 2))
    analytic = loss.derivative(y, t)
    assert analytic.shape == y.shape
    for index in np.ndindex(y.shape):
        def E(v, index=index):
            shifted = y.copy()
            shifted[index] = v
            return loss.value(shifted, t)
        assert analytic[index] == pytest.approx(central_difference(E, y[index]), rel=1e-7, abs=1e-10)


def test_output_sum_ignores_the_target():
    y = np.array([0.5, -2.0, 4.0])
    assert losses.output_sum.value(y, None) == 2.5
    assert losses.output_sum(y) == 2.5
    np.testing.assert_array_equal(losses.output_sum.derivative(y), np.ones(3))


def test_value_is_a_float():
    assert type(losses.mse.value(np.array([1.0]), np.array([0.0]))) is float


@pytest.mark.parametrize(
    "y, t, message",
    [
        (np.zeros(2), np.zeros(3), r"target t has shape \(3,\) but output y has shape \(2,\)"),
        (np.zeros((2, 1)), np.zeros(2), "target t has shape"),
        (np.zeros(2), None, "needs a target"),
        (np.zeros((2, 2, 2)), np.zeros((2, 2, 2)), "y must have shape"),
        (np.array([np.nan]), np.zeros(1), "y contains NaN"),
    ],
)
def test_mse_refuses_bad_shapes_and_values(y, t, message):
    with pytest.raises(ValueError, match=message):
        losses.mse.value(y, t)
    with pytest.raises(ValueError, match=message):
        losses.mse.derivative(y, t)


def test_loss_does_not_write_into_its_arguments():
    y, t = np.array([0.2, 0.4]), np.array([1.0, 0.0])
    losses.mse.derivative(y, t)[0] = 99.0
    np.testing.assert_array_equal(y, [0.2, 0.4])
    np.testing.assert_array_equal(t, [1.0, 0.0])
