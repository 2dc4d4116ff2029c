r"""Exercise 3: the central difference (docs/exercises/central-difference.md).

Replace the ``raise`` line of `central_difference` with your code, then run

    make exercise N=3

fclesson's own ``central_difference`` is the answer: try before you look.
"""


# --8<-- [start:central_difference]
def central_difference(f, x, h=1e-4):
    r"""Estimate f'(x) by the slope of the secant from x - h to x + h.

    The forward difference (exercise 1) takes the slope of the secant
    from x to x + h. The secant through the two points on either side of
    x is much closer to the tangent:

        f'(x) ~ (f(x + h) - f(x - h)) / (2 h)

    Mind the width of the step: from x - h to x + h is 2h.

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
    One line again, after ``x = float(x)``. Put brackets around ``2 * h``.
    """
    raise NotImplementedError("Exercise 3: write central_difference")
# --8<-- [end:central_difference]
