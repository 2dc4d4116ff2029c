"""Exercise 1: implement the derivative (docs/exercises/derivative.md).

Replace the ``raise`` line of `forward_difference` with your code, then run

    make exercise N=1

The lesson's ``fclesson.lesson.forward_difference`` is the answer: try before
you look.
"""


# --8<-- [start:forward_difference]
def forward_difference(f, x, h=1e-4):
    """Estimate f'(x) by the slope of the secant from x to x + h.

    The derivative is the limit of (f(x + h) - f(x)) / h as h goes to 0.
    A computer cannot take the limit: compute the fraction for the step h
    it is given (the lesson's h is 1e-4).

    f is a function of one number, e.g. ``lambda x: x**2 + 3*x``. For that
    f at x = 2 the answer is 7.000100000027487 (the exact derivative is 7).
    One line of Python is enough.
    """
    raise NotImplementedError("Exercise 1: write forward_difference")
# --8<-- [end:forward_difference]
