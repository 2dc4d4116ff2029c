r"""Numerical derivatives of a scalar function of one variable (lesson 4, steps 2-4).

The derivative is a limit,

$$
f'(x) = \lim_{h \to 0} \frac{f(x + h) - f(x)}{h},
$$

and a computer can only stop the limit at a small, finite step ``h``. The lesson
uses ``h = 1e-4``; much smaller steps (say ``1e-15``) make the result worse,
because ``f(x + h) - f(x)`` then loses most of its digits to rounding.

Beyond the lesson, two estimates do better than the central difference:
Richardson extrapolation cancels its $h^2$ error term (error $O(h^4)$), and
the complex step $\operatorname{Im} f(x + ih) / h$ subtracts nothing, so its
step can be as small as ``1e-20`` and the result is exact to rounding.
"""

import numpy as np

from .lesson.language import say
from .validation import check_point, check_step

__all__ = ["forward_difference", "central_difference", "richardson", "complex_step"]


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
    x, h = check_point(x), check_step(h)
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
    x, h = check_point(x), check_step(h)
    return (f(x + h) - f(x - h)) / (2 * h)
# --8<-- [end:central_difference]


# --8<-- [start:richardson]
def richardson(f, x, h=1e-3):
    r"""Estimate $f'(x)$ by Richardson extrapolation of two central differences.

    With $D(h) = \frac{f(x + h) - f(x - h)}{2h} = f'(x) + c h^2 + O(h^4)$,
    the combination

    $$
    \frac{4 D(h/2) - D(h)}{3} = f'(x) + O(h^4)
    $$

    cancels the $h^2$ term. Four evaluations of ``f`` instead of two.

    Parameters
    ----------
    f : callable
        Scalar function of one float.
    x : float
        Point of the derivative; an integer is converted to float first.
    h : float
        The larger of the two steps, finite and > 0.

    Returns
    -------
    float
    """
    x, h = check_point(x), check_step(h)
    return (4 * central_difference(f, x, h / 2) - central_difference(f, x, h)) / 3
# --8<-- [end:richardson]


# --8<-- [start:complex_step]
def complex_step(f, x, h=1e-20):
    r"""Estimate $f'(x)$ with the complex step $\operatorname{Im} f(x + ih) / h$.

    For ``f`` analytic and real on the real axis, the Taylor series

    $$
    f(x + ih) = f(x) + ih f'(x) - \frac{h^2}{2} f''(x) + O(h^3)
    $$

    has imaginary part $h f'(x) + O(h^3)$: no two close numbers are
    subtracted, so ``h`` can be tiny and the result is $f'(x)$ to machine
    precision.

    Parameters
    ----------
    f : callable
        Scalar function that accepts a complex argument and is analytic:
        ``np.exp``, ``np.sin``, polynomials; not ``abs``, ``max`` or ``math.exp``.
    x : float
        Point of the derivative (real).
    h : float
        Step along the imaginary axis, finite and > 0.

    Raises
    ------
    ValueError, TypeError
        When ``f`` is not complex-safe: it returns a real value for a complex
        argument (``abs``), or refuses one (``float``, ``math.exp``).

    Returns
    -------
    float
        For ``f(x) = x**2 + 3*x`` at ``x = 2`` it is 6.999999999999999: 7 up to
        the last bit, which the division ``7e-20 / 1e-20`` rounds.
    """
    x, h = check_point(x), check_step(h)
    z = x + 1j * h
    try:
        value = f(z)
    except TypeError as error:  # e.g. float(z) or math.exp(z)
        raise TypeError(say({
            "en": f"f is not complex-safe: f(x + ih) raised {error!r}",
            "zh": f"f 不能接受复数：f(x + ih) 引发了 {error!r}"})) from error
    if not np.iscomplexobj(value):  # e.g. abs(z): the imaginary part is gone
        real = np.asarray(value).tolist()
        raise ValueError(say({
            "en": (f"f is not complex-safe: f(x + ih) = {real} is real, "
                   "and f'(x) is lost"),
            "zh": f"f 不能接受复数：f(x + ih) = {real} 是实数，f'(x) 丢失了"}))
    return float(np.imag(value) / h)
# --8<-- [end:complex_step]
