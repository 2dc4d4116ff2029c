r"""Check the gradients of any NumPy loss: the student's own backprop, after the course.

The lesson checks its own `Network`; this module checks code of your own. Give it

* ``params``: the parameters, a dict of float64 arrays of any shape
  (``{"W1": W1, "b1": b1, ...}``), or a list of them (named ``p0``, ``p1``, ...);
* ``loss(params)``: your loss, a scalar, computed from those very arrays;
* ``grads``: your gradients, with the same keys and shapes.

`check_function` moves each entry of each array in place by ``+h`` and ``-h``,
calls ``loss(params)``, and puts the entry back bit for bit, even when the loss
raises: the lesson's central difference, for any function. Its `Report` names
every row by its array and index, ``W1[3, 7]``.

**Non-smooth points.** For a smooth loss, halving the step changes the
central difference by three quarters of its truncation error, $O(h^2)$; a
bug's error does not depend on $h$ at all. So every row that fails, or is a
suspect, is estimated again with ``h / 2``: when the two estimates differ by
more than a tenth of the row's error (and by more than rounding), the row is
marked ``kink``: the estimate moves with the step, because ``w`` sits near a
kink or a jump of the loss (a ReLU, ``abs``, ``max``), or because the step is too
large for its curvature. Either way the row is not evidence of a bug. This
needs no knowledge of the code, unlike the ReLU bookkeeping of the batched
check (the Kinks page); but a kink exactly at ``w`` gives both symmetric
estimates the same average slope, and goes unseen.

`check_function_direction` compares one random directional derivative, two
loss evaluations in all, for models too large to check entry by entry.
"""

import numpy as np

from .direction import compare_along, unit_direction
from .gradient_check import STEPS  # the default h of each method
from .report import Report, rounding_floor
from .validation import as_float_array, check_rtol, check_step, check_tol

__all__ = ["check_function", "check_function_direction"]



# --8<-- [start:arrays]
def _arrays(params, grads):
    """``[(name, key, array, gradient)]`` after checking keys, dtypes and shapes."""
    if isinstance(params, dict):
        keys = list(params)
        if not isinstance(grads, dict) or set(grads) != set(keys):
            theirs = sorted(grads) if isinstance(grads, dict) else type(grads).__name__
            raise ValueError(f"grads must have the keys of params, {sorted(keys)}; "
                             f"got {theirs}")
        names = [str(key) for key in keys]
    elif isinstance(params, list):
        keys, names = list(range(len(params))), [f"p{k}" for k in range(len(params))]
        if not isinstance(grads, (list, tuple)) or len(grads) != len(params):
            raise ValueError(f"grads must be a list of {len(params)} arrays, as params")
    else:
        raise TypeError("params must be a dict {name: array} or a list of arrays, "
                        f"got {type(params).__name__}")
    if not keys:
        raise ValueError("params is empty: there is nothing to check")
    checked = []
    for key, name in zip(keys, names):
        array = params[key]
        if not isinstance(array, np.ndarray) or array.dtype != np.float64:
            kind = getattr(array, "dtype", type(array).__name__)
            raise TypeError(
                f"params[{key!r}] must be a float64 NumPy array, got {kind}: the check "
                "moves its entries in place by h = 1e-4, which an integer array "
                "would round away; pass np.asarray(value, dtype=np.float64) and use "
                "that array in loss")
        if not array.flags.writeable:
            raise ValueError(f"params[{key!r}] is read-only: the check moves its "
                             "entries in place")
        as_float_array(array, f"params[{key!r}]")  # finite
        gradient = as_float_array(grads[key], f"grads[{key!r}]", array.shape)
        checked.append((name, key, array, gradient))
    for k, (_, key, array, _) in enumerate(checked):
        for _, other, second, _ in checked[k + 1:]:
            if np.shares_memory(array, second):
                raise ValueError(f"params[{key!r}] and params[{other!r}] share memory: "
                                 "moving one entry would move both")
    return checked
# --8<-- [end:arrays]


def _scalar(value, what="loss(params)"):
    """``value`` as a float: a finite real scalar, else a clear error."""
    if type(value) in (float, np.float64) and value - value == 0:  # the usual case
        return float(value)
    if np.ndim(value) != 0:
        raise TypeError(f"{what} must return a scalar, got shape {np.shape(value)}")
    if np.iscomplexobj(value) or not np.isreal(value) or isinstance(value, bool):
        raise TypeError(f"{what} must return a real number, got {value!r}")
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise TypeError(f"{what} must return a real number, got {value!r}") from None
    if not np.isfinite(value):
        raise ValueError(f"{what} returned {value}, not a finite number")
    return value


# --8<-- [start:central]
def _central(loss, array, index, h):
    """``(E(w + h) - E(w - h)) / 2h`` for ``w = array[index]``, restored bit for bit."""
    w = array[index]
    try:
        array[index] = w + h
        E_plus = _scalar(loss())
        array[index] = w - h
        E_minus = _scalar(loss())
    finally:
        array[index] = w
    return (E_plus - E_minus) / (2 * h)
# --8<-- [end:central]


# --8<-- [start:complex]
def _complex(loss, params, key, array, index, h):
    r"""$\operatorname{Im} E(w + ih) / h$, with a complex copy in ``params[key]``."""
    moved = array.astype(complex)
    moved[index] += 1j * h
    try:
        params[key] = moved
        try:
            E = loss()
        except TypeError as error:  # e.g. float() of a complex number
            raise TypeError(f"loss is not complex-safe: with params[{key!r}] complex "
                            f"it raised {error!r}") from error
    finally:
        params[key] = array  # the caller's own array, untouched
    if not np.iscomplexobj(E):
        raise ValueError(f"loss is not complex-safe: with params[{key!r}] complex it "
                         "returned a real value, so Im E(w + ih) / h would be 0 "
                         "(abs, float() or np.real drop the imaginary part)")
    if np.ndim(E) != 0 or not np.isfinite(E):
        raise ValueError(f"loss returned {E!r}, not a finite scalar")
    return float(np.imag(E)) / h
# --8<-- [end:complex]


# --8<-- [start:check_function]
def check_function(loss, params, grads, *, h=None, tol=1e-4, rtol=0.0,
                   method="central"):
    """Check ``grads`` against central differences of ``loss(params)``.

    Parameters
    ----------
    loss : callable
        ``loss(params) -> float``, computed from the arrays in ``params``.
    params : dict of str to ndarray, or list of ndarray
        float64 arrays, any shapes; moved in place and restored bit for bit.
    grads : same structure as ``params``
        Your gradients of ``loss`` with respect to each array.
    h : float, optional
        Step: ``1e-4`` for ``"central"``, ``1e-20`` for ``"complex-step"``.
    tol, rtol : float
        A row passes when ``|grad - numerical| < tol``, or with ``rtol > 0``
        when ``|grad - numerical| <= tol + rtol |numerical|``. For your own
        code, ``tol=1e-5, rtol=1e-3``.
    method : {"central", "complex-step"}
        The complex step needs ``loss`` to be complex-safe; it puts a complex
        copy of one array in ``params`` at a time, so ``loss`` must read its
        arrays from ``params``.

    Returns
    -------
    Report
        One row per entry, array after array, each in C order; ``row.name``
        and ``row.index`` say which (printed ``W1[3, 7]``). Rows whose
        estimate moves with the step are marked ``kink`` (module docstring).
    """
    if method not in STEPS:
        raise ValueError(f"method must be one of {sorted(STEPS)}, got {method!r}")
    h = check_step(STEPS[method] if h is None else h)
    tol, rtol = check_tol(tol), check_rtol(rtol)
    if not callable(loss):
        raise TypeError(f"loss must be a function loss(params), got {loss!r}")
    arrays = _arrays(params, grads)
    E = _scalar(loss(params))  # the clean loss: it must work before anything moves
    numerical = []
    for name, key, array, _ in arrays:
        for index in np.ndindex(array.shape):
            if method == "central":
                numerical.append(_central(lambda: loss(params), array, index, h))
            else:
                numerical.append(_complex(lambda: loss(params), params, key, array,
                                          index, h))
    report = Report.from_arrays(
        [(name, array.shape) for name, _, array, _ in arrays],
        backprop=np.concatenate([g.ravel() for *_, g in arrays]),
        numerical=np.array(numerical), h=h, tol=tol, rtol=rtol,
        floor=rounding_floor(E, h) if method == "central" else 0.0)
    if method == "central":
        report = _mark_non_smooth(report, loss, params, arrays, h)
    return report
# --8<-- [end:check_function]


# --8<-- [start:non_smooth]
def _mark_non_smooth(report, loss, params, arrays, h):
    """Estimate failing and suspect rows again with ``h / 2``; mark those that move."""
    t = report._t
    kink = t["kink"].copy()
    for k in np.flatnonzero(~t["passed"] | report._suspect_mask()):
        a, index = report._where(k)
        half = _central(lambda: loss(params), arrays[a][2], index, h / 2)
        moved = abs(t["numerical"][k] - half)  # |D(h) - D(h / 2)|
        kink[k] = moved > 0.1 * t["abs_error"][k] and moved > 2 * report.floor
    return Report.from_arrays(report._arrays, t["backprop"], t["numerical"], kink,
                              h=report.h, tol=report.tol, rtol=report.rtol,
                              floor=report.floor)
# --8<-- [end:non_smooth]


# --8<-- [start:check_function_direction]
def check_function_direction(loss, params, grads, *, h=1e-4, tol=1e-6, seed=None):
    r"""Compare $\nabla E \cdot u$ from ``grads`` with a central difference along ``u``.

    Two evaluations of ``loss`` for any number of parameters: a random unit
    direction ``u`` over all entries, every array moved by ``+h u`` and then
    ``-h u``, and restored bit for bit. Passes as `fclesson.check_direction`
    does: a relative error below ``tol``, or a difference within the rounding
    noise of the two losses. The result's ``u`` is shaped like ``params``' arrays.
    """
    h, tol = check_step(h), check_tol(tol)
    arrays = _arrays(params, grads)
    u = unit_direction([array.shape for _, _, array, _ in arrays], seed)
    return compare_along([array for _, _, array, _ in arrays],
                         [gradient for *_, gradient in arrays], u,
                         lambda: _scalar(loss(params)), h, tol)
# --8<-- [end:check_function_direction]
