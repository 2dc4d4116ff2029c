"""Exercise 3: the central difference (f(x + h) - f(x - h)) / 2h."""

import math

import numpy as np
import pytest

from fclesson import lesson

from exercise_cases import Exercise

EXERCISE = Exercise(3, "exercises/ex3_central_difference.py", lesson, ("central_difference",))


def f(x):
    return x**2 + 3 * x


def test_the_lesson_number(solution):
    """f(x) = x^2 + 3x at x = 2 with h = 1e-4: the lesson prints 7.000000000019213."""
    assert abs(solution.central_difference(f, 2.0) - 7.000000000019213) < 1e-12


def test_returns_a_float(solution):
    assert isinstance(solution.central_difference(f, 2.0), float)


def test_is_more_accurate_than_the_forward_difference(solution):
    forward_error = abs(lesson.forward_difference(f, 2.0) - 7.0)
    central_error = abs(solution.central_difference(f, 2.0) - 7.0)
    assert central_error < forward_error / 1000


@pytest.mark.parametrize("h", [1e-1, 1e-2, 1e-6])
def test_uses_the_step_it_is_given(solution, h):
    def g(x):
        return x**3

    expected = (g(1.0 + h) - g(1.0 - h)) / (2 * h)  # 3 + h^2
    assert abs(solution.central_difference(g, 1.0, h) - expected) < 1e-12 * (1 + 1 / h)


def test_divides_by_the_width_2h(solution):
    """For x^3 at 1 with h = 0.1 the central difference is 3.01 (not 6.02, not 1.505)."""
    assert abs(solution.central_difference(lambda x: x**3, 1.0, 0.1) - 3.01) < 1e-12


@pytest.mark.parametrize("x", [2, np.int64(2)])
def test_integer_x_gives_the_same_result(solution, x):
    assert abs(solution.central_difference(f, x) - 7.000000000019213) < 1e-12


@pytest.mark.parametrize(
    ("function", "x", "slope"),
    [(math.sin, 1.0, math.cos(1.0)), (math.exp, 0.0, 1.0), (lambda x: 3 * x + 1, -5.0, 3.0)],
    ids=["sin", "exp", "line"],
)
def test_other_functions(solution, function, x, slope):
    assert abs(solution.central_difference(function, x) - slope) < 1e-8
