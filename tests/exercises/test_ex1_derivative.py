"""Exercise 1: the forward difference (f(x + h) - f(x)) / h."""

import math

import numpy as np
import pytest

from fclesson import lesson

from exercise_cases import Exercise

EXERCISE = Exercise(1, "exercises/ex1_derivative.py", lesson, ("forward_difference",))


def f(x):
    return x**2 + 3 * x


def test_the_lesson_number(solution):
    """f(x) = x^2 + 3x at x = 2 with h = 1e-4: the lesson prints 7.000100000027487."""
    assert abs(solution.forward_difference(f, 2.0) - 7.000100000027487) < 1e-12


def test_returns_a_float(solution):
    assert isinstance(solution.forward_difference(f, 2.0), float)


@pytest.mark.parametrize("h", [1e-1, 1e-2, 1e-6])
def test_uses_the_step_it_is_given(solution, h):
    expected = (f(2.0 + h) - f(2.0)) / h
    assert abs(solution.forward_difference(f, 2.0, h) - expected) < 1e-12 * (1 + 1 / h)


def test_is_the_forward_secant_not_the_central_one(solution):
    """For x^3 at 1 with h = 1e-3 the forward difference is 3.003001, the central 3.000001."""
    estimate = solution.forward_difference(lambda x: x**3, 1.0, 1e-3)
    assert abs(estimate - 3.003001) < 1e-9


@pytest.mark.parametrize("x", [2, np.int64(2)])
def test_integer_x_gives_the_same_result(solution, x):
    assert abs(solution.forward_difference(f, x) - 7.000100000027487) < 1e-12


@pytest.mark.parametrize(
    ("function", "x", "slope"),
    [(math.sin, 1.0, math.cos(1.0)), (math.exp, 0.0, 1.0), (lambda x: 3 * x + 1, -5.0, 3.0)],
    ids=["sin", "exp", "line"],
)
def test_other_functions(solution, function, x, slope):
    assert abs(solution.forward_difference(function, x) - slope) < 1e-4
