"""Exercise 2: f(x) = x^2 + 3x, and the estimate of f'(2) with its error against 7."""

from types import SimpleNamespace

import pytest

from fclesson.lesson import central_difference, forward_difference

from exercise_cases import Exercise


def _f(x):
    return x**2 + 3 * x


def _derivative_at_2(difference=forward_difference, h=1e-4):
    estimate = difference(_f, 2.0, h)
    return estimate, abs(estimate - 7.0)


# the lesson has no function for this computation: the answer is written here
# (docs/exercises/compute.md shows and runs the same code).
ANSWER = SimpleNamespace(f=_f, derivative_at_2=_derivative_at_2)
EXERCISE = Exercise(2, "exercises/ex2_compute.py", ANSWER, ("f", "derivative_at_2"))


@pytest.mark.parametrize(("x", "value"), [(2.0, 10.0), (0.0, 0.0), (-3.0, 0.0), (0.5, 1.75)])
def test_f(solution, x, value):
    assert solution.f(x) == value


def test_the_lesson_numbers(solution):
    """The lesson prints 7.000100000027487: the error is 1.00000027e-4, about h."""
    estimate, error = solution.derivative_at_2()
    assert abs(estimate - 7.000100000027487) < 1e-12
    assert abs(error - 1.00000027487e-4) < 1e-12


def test_the_error_is_never_negative(solution):
    """A difference that underestimates 7 still has a positive error."""
    estimate, error = solution.derivative_at_2(lambda f, x, h: 6.5)
    assert (estimate, error) == (6.5, 0.5)


def test_uses_the_difference_and_the_step_it_is_given(solution):
    calls = []

    def spy(function, x, h=1e-4):
        calls.append((function(x), float(x), h))
        return 42.0

    assert solution.derivative_at_2(spy, h=0.5) == (42.0, 35.0)
    assert calls == [(10.0, 2.0, 0.5)]  # called once, on f, at x = 2, with h = 0.5


def test_with_the_central_difference(solution):
    """The lesson's improved derivative gives 7.000000000019213: the error shrinks to 2e-11."""
    estimate, error = solution.derivative_at_2(central_difference)
    assert abs(estimate - 7.000000000019213) < 1e-12
    assert error < 1e-10


def test_too_small_a_step_makes_the_error_grow(solution):
    _, good = solution.derivative_at_2(h=1e-4)
    _, bad = solution.derivative_at_2(h=1e-15)
    assert bad > 0.1 > good
