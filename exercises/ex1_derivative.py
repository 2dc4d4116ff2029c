r"""Exercise 1: implement the derivative (lesson 4, docs/lesson4/derivative.md).

Write the body of `forward_difference` below, then check it with

    make exercise N=1

The page docs/exercises/derivative.md states the task; fclesson's own
``forward_difference`` is the answer, so try before you look at it.
"""


# --8<-- [start:forward_difference]
def forward_difference(f, x, h=1e-4):
    r"""Estimate $f'(x)$ by stopping the limit of the derivative at a small step h.

    The derivative is the limit

        f'(x) = lim_{h -> 0} (f(x + h) - f(x)) / h,

    and a computer cannot take a limit: compute the fraction for the given h.

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
    One line of Python is enough. Call ``float(x)`` first: an integer or a
    NumPy integer x must not change the result.
    """
    raise NotImplementedError("Exercise 1: write the forward difference (see the docstring)")
# --8<-- [end:forward_difference]
