r"""Numerical derivatives of a scalar function of one variable (lesson 4, steps 2-4).

The derivative is a limit,

$$
f'(x) = \lim_{h \to 0} \frac{f(x + h) - f(x)}{h},
$$

and a computer can only stop the limit at a small, finite step ``h``. The lesson
uses ``h = 1e-4``; much smaller steps (say ``1e-15``) make the result worse,
because ``f(x + h) - f(x)`` then loses most of its digits to rounding.
"""

from .validation import check_step

__all__ = ["forward_difference", "central_difference"]


# --8<-- [start:forward_difference]
def forward_difference(f, x, h=1e-4):
    r"""Estimate $f'(x)$ with the forward difference ``(f(x + h) - f(x)) / h``.

    The secant from ``x`` to ``x + h`` has an error of about
    $\frac{h}{2} |f''(x)|$, so it shrinks only linearly with ``h``.

    Parameters
    ----------
    f : callable
        Scalar function of one float.
    x : float
        Point of the derivative; an integer is converted to float first, so that
        ``x + h`` is never rounded back to ``x``.
    h : float
        Step, finite and > 0.

    Returns
    -------
    float
        The estimate; for ``f(x) = x**2 + 3*x`` at ``x = 2`` it is 7.000100000027487.
    """
    x = float(x)
    h = check_step(h)
    return (f(x + h) - f(x)) / h
# --8<-- [end:forward_difference]


# --8<-- [start:central_difference]
def central_difference(f, x, h=1e-4):
    r"""Estimate $f'(x)$ with the central difference ``(f(x + h) - f(x - h)) / 2h``.

    The secant through ``x - h`` and ``x + h`` is symmetric around ``x``: the
    $f''$ terms of the two Taylor series cancel and the error is about
    $\frac{h^2}{6} |f'''(x)|$.

    Parameters
    ----------
    f : callable
        Scalar function of one float.
    x : float
        Point of the derivative; an integer is converted to float first.
    h : float
        Step, finite and > 0.

    Returns
    -------
    float
        The estimate; for ``f(x) = x**2 + 3*x`` at ``x = 2`` it is 7.000000000019213.
    """
    x = float(x)
    h = check_step(h)
    return (f(x + h) - f(x - h)) / (2 * h)
# --8<-- [end:central_difference]
