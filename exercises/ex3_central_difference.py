"""Exercise 3: the central difference (docs/exercises/central-difference.md).

Replace the ``raise`` line of `central_difference` with your code, then run

    make exercise N=3

The lesson's ``fclesson.lesson.central_difference`` is the answer: try before
you look.
"""


# --8<-- [start:central_difference]
def central_difference(f, x, h=1e-4):
    """Estimate f'(x) by the slope of the secant from x - h to x + h.

    The forward difference (exercise 1) takes the secant from x to x + h.
    The secant through the points on either side of x is much closer to
    the tangent:

        f'(x) ~ (f(x + h) - f(x - h)) / (2 h)

    Mind the width of the step: from x - h to x + h is 2h, so put brackets
    around ``2 * h``. For f(x) = x**2 + 3*x at x = 2 the answer is
    7.000000000019213.
    """
    raise NotImplementedError("Exercise 3: write central_difference")
# --8<-- [end:central_difference]
