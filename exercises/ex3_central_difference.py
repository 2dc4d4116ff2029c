r"""Exercise 3: implement the improved (central) derivative (docs/lesson4/central-difference.md).

Write the body of `central_difference` below, then check it with

    make exercise N=3

The page docs/exercises/central-difference.md states the task.
"""


# --8<-- [start:central_difference]
def central_difference(f, x, h=1e-4):
    r"""Estimate $f'(x)$ from the secant through $x - h$ and $x + h$.

    The forward difference (exercise 1) takes the slope of the secant from x
    to x + h. The secant through the two points on either side of x is much
    closer to the tangent:

        f'(x) ~ (f(x + h) - f(x - h)) / (2 h)

    Note the width of the step: from x - h to x + h is 2h.

    Parameters
    ----------
    f : callable
        Scalar function of one float.
    x : float
        Point of the derivative.
    h : float
        Step, > 0; the lesson uses 1e-4.

    Returns
    -------
    float
        The estimate; for ``f(x) = x**2 + 3*x`` at ``x = 2`` it is
        7.000000000019213.

    Hints
    -----
    One line again, after ``x = float(x)``. Mind the brackets around ``2 * h``.
    """
    raise NotImplementedError("Exercise 3: write the central difference (see the docstring)")
# --8<-- [end:central_difference]
