"""Richardson extrapolation and the complex step: their orders, measured as slopes."""

import math

import numpy as np
import pytest

from fclesson import central_difference, complex_step, forward_difference, richardson

FUNCTIONS = {"exp": (np.exp, np.exp), "sin": (np.sin, np.cos)}
STEPS = 0.2 / 2.0 ** np.arange(4)  # 0.2 .. 0.025: truncation dominates rounding


def slope(method, f, df, x):
    """The slope of log(error) against log(h): the order of the method."""
    errors = [abs(method(f, x, h) - df(x)) for h in STEPS]
    return np.polyfit(np.log(STEPS), np.log(errors), 1)[0]


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
@pytest.mark.parametrize("method, order", [(forward_difference, 1), (central_difference, 2),
                                           (richardson, 4)],
                         ids=["forward", "central", "richardson"])
def test_error_order_is_the_slope(name, method, order):
    f, df = FUNCTIONS[name]
    assert slope(method, f, df, 1.0) == pytest.approx(order, abs=0.15)


def test_richardson_is_the_extrapolation_of_two_central_differences():
    f, x, h = np.exp, 0.3, 1e-2
    expected = (4 * central_difference(f, x, h / 2) - central_difference(f, x, h)) / 3
    assert richardson(f, x, h) == expected
    assert abs(richardson(f, x, h) - np.exp(x)) < 1e-10 < 1e-5 < abs(central_difference(f, x, h) - np.exp(x))


@pytest.mark.parametrize("f, df, x", [(np.exp, np.exp, 1.0), (np.sin, np.cos, 0.7),
                                      (np.exp, np.exp, -20.0), (np.sin, np.cos, 3.0)])
def test_complex_step_is_exact_to_machine_precision(f, df, x):
    assert complex_step(f, x) == pytest.approx(df(x), rel=4 * np.finfo(float).eps, abs=0)


def test_complex_step_on_the_lessons_function():
    value = complex_step(lambda x: x**2 + 3 * x, 2)
    assert value == 6.999999999999999 and abs(value - 7) <= 2 * np.finfo(float).eps * 7


def test_complex_step_does_not_degrade_with_tiny_steps():
    # no subtraction: h = 1e-200 is as good as 1e-20, where a central difference is noise
    for h in (1e-8, 1e-20, 1e-200):
        assert complex_step(np.exp, 1.0, h) == pytest.approx(math.e, rel=1e-15)
    assert abs(central_difference(np.exp, 1.0, 1e-13) - math.e) > 1e-4


@pytest.mark.parametrize("h", [0.0, -1e-3, float("nan")])
def test_bad_steps_are_refused(h):
    with pytest.raises(ValueError, match="h must be finite and > 0"):
        richardson(np.exp, 1.0, h)
    with pytest.raises(ValueError, match="h must be finite and > 0"):
        complex_step(np.exp, 1.0, h)
