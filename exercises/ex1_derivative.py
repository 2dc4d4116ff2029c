r"""Exercise 1: implement the derivative (docs/exercises/derivative.md).

Replace the ``raise`` line of `forward_difference` with your code, then run

    make exercise N=1

fclesson's own ``forward_difference`` is the answer: try before you look.
"""


# --8<-- [start:forward_difference]
def forward_difference(f, x, h=1e-4):
    r"""Estimate f'(x) by the slope of the secant from x to x + h.

    The derivative is the limit

        f'(x) = lim_{h -> 0} (f(x + h) - f(x)) / h,

    and a computer cannot take a limit: compute the fraction for the
    given h instead.

    Parameters
    ----------
    f : callable
        Scalar function of one float, e.g. ``lambda x: x**2 + 3*x``.
    x : float
        Point of the derivative.
    h : float
        Step, > 0; the lesson uses 1e-4.

    Returns
    -------
    float
        The estimate; for ``f(x) = x**2 + 3*x`` at ``x = 2`` it is
        7.000100000027487.

    Hints
    -----
    One line of Python is enough. Call ``float(x)`` first, so that an
    integer x (also a NumPy integer) gives the same result.
    """
    raise NotImplementedError("Exercise 1: write forward_difference")
# --8<-- [end:forward_difference]
