"""Exercise 2: compute a derivative and its error (docs/exercises/compute.md).

Replace the ``raise`` lines of `f` and `derivative_at_2` with your code,
then run

    make exercise N=2
"""

from fclesson.lesson import forward_difference


# --8<-- [start:compute]
def f(x):
    """The lesson's function f(x) = x**2 + 3*x (a number in, a number out)."""
    raise NotImplementedError("Exercise 2: write f(x) = x^2 + 3x")


def derivative_at_2(difference=forward_difference, h=1e-4):
    """Estimate f'(2) and say how far it is from the exact value 7.

    By hand, f'(x) = 2x + 3, so f'(2) = 7 exactly.

    ``difference`` is a numerical derivative called as ``difference(f, x, h)``:
    by default the lesson's forward difference (the answer to exercise 1);
    pass your own, or the central difference. ``h`` is the step.

    Return the pair ``(estimate, error)``: the estimate of f'(2) and
    ``error = |estimate - 7|``. With the defaults: (7.000100000027487,
    1.00000027...e-4). Pass the function `f` above itself, without calling it.
    """
    raise NotImplementedError("Exercise 2: write derivative_at_2")
# --8<-- [end:compute]
