"""Forward and central differences: the lesson's numbers and their error orders."""

import math

import numpy as np
import pytest

from fclesson import central_difference, forward_difference


def f(x):
    return x**2 + 3 * x  # f'(2) = 7


def test_lesson_forward_difference_number():
    assert abs(forward_difference(f, 2) - 7.000100000027487) < 1e-12


def test_lesson_central_difference_number():
    assert abs(central_difference(f, 2) - 7.000000000019213) < 1e-12


def test_central_is_closer_than_forward():
    assert abs(central_difference(f, 2) - 7) < abs(forward_difference(f, 2) - 7) / 1000


@pytest.mark.parametrize("h", [1e-2, 1e-3, 1e-4])
def test_error_orders(h):
    # forward: error = h exactly for this quadratic; central: the h terms cancel
    assert forward_difference(f, 2.0, h) - 7 == pytest.approx(h, rel=1e-6)
    # for sin, the central error is about h^2/6 |f'''| = h^2/6 cos(1)
    error = central_difference(math.sin, 1.0, h) - math.cos(1.0)
    assert error == pytest.approx(-(h**2) / 6 * math.cos(1.0), rel=1e-2)


def test_too_small_a_step_loses_to_rounding():
    good = abs(central_difference(f, 2, 1e-4) - 7)
    bad = abs(central_difference(f, 2, 1e-15) - 7)
    assert bad > 1000 * good


def test_integer_point_is_converted_not_truncated():
    value = forward_difference(lambda x: x * x, 2)
    assert value == pytest.approx(4.0001, rel=1e-9)
    assert isinstance(value, float)
    assert central_difference(lambda x: x * x, 2) == pytest.approx(4.0, rel=1e-9)


@pytest.mark.parametrize("difference", [forward_difference, central_difference])
@pytest.mark.parametrize("h", [0, 0.0, -1e-4, math.nan, math.inf, -math.inf])
def test_step_must_be_finite_and_positive(difference, h):
    with pytest.raises(ValueError, match="h must be finite and > 0"):
        difference(f, 2.0, h)


@pytest.mark.parametrize("difference", [forward_difference, central_difference])
def test_step_must_be_a_number(difference):
    with pytest.raises(TypeError, match="h must be a real number"):
        difference(f, 2.0, "1e-4")


@pytest.mark.parametrize("x", [np.float32(2.0), np.int64(2), np.array(2)], ids=["float32", "int64", "0-d int"])
def test_numpy_scalars_are_computed_in_double_precision(x):
    # without the conversion, float32 + 1e-4 would stay float32 (NEP 50) and lose digits
    assert abs(forward_difference(f, x) - 7.000100000027487) < 1e-12
    assert abs(central_difference(f, x) - 7.000000000019213) < 1e-12
