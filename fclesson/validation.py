"""Input checks shared by the package: arrays, steps and tolerances.

A gradient check compares numbers that agree to many digits, so every array is
turned into float64 here: integers are converted (never truncated), single
precision is accepted but warned about, and NaN or infinity is refused.
"""

import math
import numbers
import warnings

import numpy as np

__all__ = ["PrecisionWarning", "float32_message", "as_float_array", "check_positive",
           "check_step", "check_tol"]


# --8<-- [start:precision_warning]
class PrecisionWarning(UserWarning):
    """Warned when an array arrives in less than double precision.

    float32 has a machine epsilon of 1.19e-7: ``E(w + h) - E(w - h)`` then keeps
    only a few correct digits and a gradient check gives false alarms. The
    package still computes in float64, but the values were already rounded.
    """


def _short(value):
    """1e-4 as ``1e-4``, not ``0.0001`` (one significant digit)."""
    return f"{value:.0e}".replace("e-0", "e-").replace("e+0", "e")


def float32_message(name, dtype="float32", h=1e-4, tol=1e-4):
    """The explanation `PrecisionWarning` gives: float32's epsilon against h.

    ``h`` and ``tol`` are the check's (the lesson's by default).
    """
    ratio = 1.19e-7 / h
    return (
        f"{name} is {dtype} (single precision, machine epsilon 1.19e-7 for float32). "
        "A gradient check computed in float32 is unreliable: each E is rounded by "
        "about eps |E|, and (E(w + h) - E(w - h)) / 2h divides that by the step "
        f"h = {_short(h)}, an error of about 1.19e-7 / {_short(h)} ~ {_short(ratio)} "
        "times |E|"
        + (f", above tol = {_short(tol)}, so a correct backprop fails" if ratio > tol
           else f", close to tol = {_short(tol)}, so a correct backprop may still fail")
        + f"; in float64 (eps 2.2e-16) the same error is ~{_short(2.2e-16 / h)}. "
        "The values are converted to float64 here, but their float32 rounding stays."
    )
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
# --8<-- [end:check_positive]
