"""Input checks shared by the package: arrays, steps and tolerances.

A gradient check compares numbers that agree to many digits, so every array is
turned into float64 here: integers are converted (never truncated), single
precision is accepted but warned about, and NaN or infinity is refused.
"""

import math
import numbers
import warnings

import numpy as np

from .lesson.language import language, say

__all__ = ["PrecisionWarning", "float32_message", "float32_error", "as_float_array",
           "check_positive", "check_step", "check_tol", "check_rtol", "check_point",
           "check_integer", "check_count", "check_seed"]


# --8<-- [start:precision_warning]
class PrecisionWarning(UserWarning):
    """Warned when an array arrives in less than double precision.

    float32 has a machine epsilon of 1.19e-7: computed in float32,
    ``E(w + h) - E(w - h)`` keeps only a few correct digits and a gradient
    check gives false alarms. The package converts the values to float64 and
    computes in float64, so its own check is not affected; the values keep
    their float32 rounding.
    """


def _short(value):
    """1e-4 as ``1e-4``, not ``0.0001`` (one significant digit)."""
    return f"{value:.0e}".replace("e-0", "e-").replace("e+0", "e")


def float32_message(name, dtype="float32", h=1e-4, tol=1e-4):
    """What `PrecisionWarning` says when ``name`` arrives in single precision.

    The package converts the values to float64 and computes in float64, so its
    check stays reliable; a check computed in float32 would not be. ``h`` and
    ``tol`` are the check's (the lesson's by default).
    """
    return say({
        "en": f"{name} is {dtype} (single precision, machine epsilon 1.19e-7 for "
              "float32). fclesson converts it to float64 and computes in float64, so "
              "this check stays reliable; the values keep their float32 rounding, "
              "which only moves the point where the gradient is checked. A check "
              "computed in float32 would not be: ",
        "zh": f"{name}{'' if name.endswith('）') else ' '}是 {dtype}（单精度，float32 的"
              "机器精度为 1.19e-7）。fclesson 把它"
              "转换成 float64，并用 float64 计算，所以这次检查仍然可靠；这些值保留了 "
              "float32 的舍入，这只是移动了检查梯度的位置。用 float32 计算的检查就不可靠了：",
    }) + float32_error(h, tol, would=True)


def float32_error(h=1e-4, tol=1e-4, would=False):
    """Why a central difference computed in float32 fails: eps / h against tol.

    ``would``: phrase the failure as what a float32 computation would do.
    """
    ratio, H, T = 1.19e-7 / h, _short(h), _short(tol)
    if language() == "en":
        fails, may = ("would fail", "might") if would else ("fails", "may")
        return (
            "each E is rounded by about eps |E|, and (E(w + h) - E(w - h)) / 2h "
            f"divides that by the step h = {H}, an error of about 1.19e-7 / {H} "
            f"~ {_short(ratio)} times |E|"
            + (f", above tol = {T}, so a correct backprop {fails}" if ratio > tol
               else f", close to tol = {T}, so a correct backprop {may} fail")
            + f"; in float64 (eps 2.2e-16) the same error is ~{_short(2.2e-16 / h)}.")
    fails, may = ("会", "可能会") if would else ("", "可能")
    return (
        "每个 E 的舍入误差约为 eps |E|，而 (E(w + h) - E(w - h)) / 2h 又把它除以步长 "
        f"h = {H}，误差约为 1.19e-7 / {H} ~ {_short(ratio)} 倍的 |E|"
        + (f"，大于 tol = {T}，所以正确的反向传播{fails}通不过" if ratio > tol
           else f"，接近 tol = {T}，所以正确的反向传播{may}通不过")
        + f"；在 float64 下（eps 2.2e-16），同样的误差约为 {_short(2.2e-16 / h)}。")
# --8<-- [end:precision_warning]


# --8<-- [start:as_float_array]
def as_float_array(value, name, shape=None):
    """Return ``value`` as a new float64 array, after checking it.

    Parameters
    ----------
    value : array_like
        Numbers (bool, complex, strings and objects are refused).
    name : str
        How error messages call the value, e.g. ``"x"`` or ``"weights[1]"``.
    shape : tuple of int, optional
        The shape the array must have.

    Raises
    ------
    TypeError
        If the values are not real numbers.
    ValueError
        If the shape is wrong or a value is NaN or infinite.
    """
    try:
        array = np.asarray(value)
    except ValueError as error:  # e.g. rows of different lengths
        raise ValueError(f"{name} is not a rectangular array ({error})") from None
    except TypeError as error:
        raise TypeError(f"{name} must be an array of numbers ({error})") from None
    if array.dtype.kind not in "iuf":
        raise TypeError(f"{name} must hold real numbers, got dtype {array.dtype}")
    if array.dtype.kind == "f" and array.dtype.itemsize < 8:
        warnings.warn(float32_message(name, array.dtype), PrecisionWarning,
                      stacklevel=3)
    if shape is not None and array.shape != tuple(shape):
        raise ValueError(f"{name} must have shape {tuple(shape)}, got {array.shape}")
    array = np.array(array, dtype=np.float64)  # always a copy
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinity")
    return array
# --8<-- [end:as_float_array]


# --8<-- [start:check_positive]
def check_positive(value, name):
    """Return ``value`` as a float; refuse non-numbers, NaN, infinity and <= 0."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {value!r}")
    value = float(value)
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be finite and > 0, got {value!r}")
    return value


def check_step(h):
    """Return the step ``h`` as a float; refuse ``h <= 0``, NaN and infinity."""
    return check_positive(h, "h")


def check_tol(tol):
    """Return the tolerance ``tol`` as a float; refuse ``tol <= 0``, NaN, infinity."""
    return check_positive(tol, "tol")


def check_rtol(rtol):
    """Return the relative tolerance ``rtol`` as a float; refuse < 0, NaN, infinity."""
    if isinstance(rtol, bool) or not isinstance(rtol, numbers.Real):
        raise TypeError(f"rtol must be a real number, got {rtol!r}")
    rtol = float(rtol)
    if not math.isfinite(rtol) or rtol < 0:
        raise ValueError(f"rtol must be finite and >= 0, got {rtol!r}")
    return rtol
# --8<-- [end:check_positive]


# --8<-- [start:check_point]
def check_point(x, name="x"):
    """Return the point ``x`` of a derivative as a float: a finite real number.

    A string, a list or a bool is refused (``float("2")`` would quietly turn
    ``"2"`` into 2.0), and so are NaN and infinity.
    """
    if isinstance(x, np.ndarray) and x.ndim == 0 and x.dtype.kind in "iuf":
        x = x[()]  # a 0-d array, e.g. from np.float64 arithmetic
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, numbers.Real):
        raise TypeError(f"{name} must be one real number, got {x!r}")
    x = float(x)
    if not math.isfinite(x):
        raise ValueError(f"{name} must be finite, got {x!r}")
    return x
# --8<-- [end:check_point]


# --8<-- [start:check_integer]
def check_integer(value, name, low=0, high=None):
    """Return ``value`` as an int in ``low .. high - 1`` (``high`` None: no bound).

    Integers of any kind are accepted (``int``, ``np.int64``); a bool, a float
    such as ``1.0`` or ``0.5``, and a string such as ``"0"`` are refused with a
    `TypeError` naming the argument, a number out of range with a `ValueError`.
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    value = int(value)
    if value < low or (high is not None and value >= high):
        allowed = f">= {low}" if high is None else f"{low} .. {high - 1}"
        raise ValueError(f"{name} must be {allowed}, got {value}")
    return value


def check_count(value, name):
    """Return ``value`` as a positive int (sizes, epochs): an integer >= 1."""
    return check_integer(value, name, low=1)


def check_seed(seed, name="seed"):
    """Return ``seed`` unchanged if it is None or an integer >= 0, else refuse it."""
    return None if seed is None else check_integer(seed, name)
# --8<-- [end:check_integer]
