r"""Check the gradients of any NumPy loss: the student's own backprop, after the course.

The lesson checks its own `Network`; this module checks code of your own. Give it

* ``params``: the parameters, a dict of float64 arrays of any shape
  (``{"W1": W1, "b1": b1, ...}``), or a list of them (named ``p0``, ``p1``, ...);
* ``loss(params)``: your loss, a scalar, computed from those very arrays;
* ``grads``: your gradients, with the same keys and shapes.

`check_function` moves each entry $w$ of each array in place to $w + h_w$
and $w - h_w$, with the step scaled to the weight, $h_w = h \max(1, |w|)$
(at $w = 10^{12}$ a step of $10^{-4}$ would be below the spacing of the
numbers), calls ``loss(params)``, and puts the entry back bit for bit, even
when the loss raises or Ctrl-C stops the check: the lesson's central
difference, for any function. Its `Report` names every row by its array and
index, ``W1[3, 7]``.

**The rule.** A row passes when
$|a - n| \le \mathrm{tol} + \mathrm{rtol}\,|n|$, with ``tol = 1e-5`` and
``rtol = 1e-3`` by default (``numpy.isclose``'s rule, torch's gradcheck's
values): an error of 0.1% of the gradient, and never less than 1e-5, far
above the central difference's own error at $h = 10^{-4}$ on a smooth loss
of order 1 (about $10^{-9}$), far below any bug worth the name.

**What the check refuses to be fooled by.** Before the first step, a few
evaluations (`fclesson.loss_probe`): the loss is called twice with the same
params (a random loss, or one that writes into its params, is refused with
an error that says so); its noise is measured, and each row's rounding
floor, $8 \max(\varepsilon \max(|E|, 1), \sigma) / h_w$, is raised to it
(a row that fails by less is ``unclear``, not FAIL); for the complex step,
one random direction must give the central differences' answer. After the
check, the params must be as they were and the loss the same. Rows that
fail, and suspects, get a second look at $h_w / 2$ (`fclesson.non_smooth`).

`check_function_direction` compares one random directional derivative, two
loss evaluations in all, for models too large to check entry by entry.
"""

import time
import warnings

import numpy as np

from .direction import compare_along, unit_direction
from .gradient_check import STEPS  # the default h of each method
from .loss_calls import Loss, scalar
from .loss_probe import EPS, check_complex_step, low_precision, noise
from .non_smooth import second_look
from .params import Guard, checked_arrays, index_text
from .progress import CheckInterrupted, check_progress, progress_bar
from .report import Report
from .validation import PrecisionWarning, check_rtol, check_step, check_tol

__all__ = ["check_function", "check_function_direction"]


# --8<-- [start:central]
def _central(calls, arrays, h, out, bar):
    r"""Append to ``out``, entry by entry: $(E(w + h_w) - E(w - h_w)) / 2h_w$."""
    numerical, steps = out["numerical"], out["steps"]
    E_plus, E_minus = out["E_plus"], out["E_minus"]
    for p in arrays:
        for index in np.ndindex(p.array.shape):
            w = float(p.array[index])
            s = h * max(1.0, abs(w))  # h_w: a step the weight's spacing can take
            plus, minus = calls.pair(p, index, w, s)
            E_plus.append(plus), E_minus.append(minus), steps.append(s)
            numerical.append((plus - minus) / ((w + s) - (w - s)))  # the steps taken
            if bar is not None:
                bar.update()
# --8<-- [end:central]


# --8<-- [start:complex]
def _complex(calls, arrays, h, out, bar):
    r"""Fill ``out`` entry by entry: $\operatorname{Im} E(w + ih) / h$.

    One complex copy per array goes into ``params`` in turn; the caller's
    array goes back in, untouched, whatever happens.
    """
    params = calls.guard.params
    for p in arrays:
        moved = p.array.astype(complex)
        try:
            params[p.key] = moved
            for index in np.ndindex(p.array.shape):
                w = moved[index]
                moved[index] = w + 1j * h
                calls.calls += 1
                E = calls.loss(params)
                where = f"with params[{p.key!r}]{index_text(index)} at w + ih"
                if moved[index] != w + 1j * h:
                    raise ValueError(f"loss changed params[{p.key!r}] in place "
                                     f"{where}: a loss must only read its params")
                moved[index] = w
                if not np.iscomplexobj(E) or np.ndim(E) != 0 or not np.isfinite(E):
                    raise ValueError(f"loss returned {E!r} {where}, not a finite "
                                     "complex scalar (is it complex-safe?)")
                out["numerical"].append(np.imag(E) / h)
                if bar is not None:
                    bar.update()
            if not (np.array_equal(moved.real, p.array) and not moved.imag.any()):
                raise ValueError(f"loss changed params[{p.key!r}] in place: a loss "
                                 "must only read its params")
        finally:
            params[p.key] = p.array
# --8<-- [end:complex]


# --8<-- [start:check_function]
def check_function(loss, params, grads, *, h=None, tol=1e-5, rtol=1e-3,
                   method="central", progress=None):
    r"""Check ``grads`` against numerical derivatives of ``loss(params)``.

    Parameters
    ----------
    loss : callable
        ``loss(params) -> float``, computed from the arrays in ``params``; the
        same params must give the same value, and the loss must not write
        into them.
    params : dict of str to ndarray, or list of ndarray
        float64 arrays, any shapes; moved in place and restored bit for bit.
    grads : same structure as ``params``
        Your gradients of ``loss`` with respect to each array.
    h : float, optional
        Step: ``1e-4`` for ``"central"`` (scaled to ``h max(1, |w|)`` for
        each entry ``w``), ``1e-20`` for ``"complex-step"``.
    tol, rtol : float
        A row passes when ``|grad - numerical| <= tol + rtol |numerical|``
        (``rtol = 0``: when ``|grad - numerical| < tol``, the lesson's rule).
    method : {"central", "complex-step"}
        The complex step needs a complex-safe loss (checked along a random
        direction first); it puts a complex copy of one array in ``params`` at
        a time, so ``loss`` must read its arrays from ``params``.
    progress : bool or None
        Show a progress bar on stderr; None: when stderr is a terminal and the
        check will take more than 10 s.

    Returns
    -------
    Report
        One row per entry, array after array, each in C order; ``row.name``
        and ``row.index`` say which (printed ``W1[3, 7]``). Rows that fail by
        less than their rounding floor are ``report.unclear``; rows whose
        estimate moves with the step and so explains the error have
        ``kink = True``, with a note (``report.notes``).

    Raises
    ------
    ValueError
        The loss is random, writes into its params, is not complex-safe (for
        the complex step), or returns NaN or infinity (the message says at
        which entry and side). Every array is back as it was.
    CheckInterrupted
        On Ctrl-C during the pass over the entries; its ``report`` holds the
        rows checked so far (Ctrl-C before or after it raises the usual
        `KeyboardInterrupt`). Every array is back as it was, either way.
    """
    if method not in STEPS:
        raise ValueError(f"method must be one of {sorted(STEPS)}, got {method!r}")
    h = check_step(STEPS[method] if h is None else h)
    tol, rtol, progress = check_tol(tol), check_rtol(rtol), check_progress(progress)
    if not callable(loss):
        raise TypeError(f"loss must be a function loss(params), got {loss!r}")
    arrays = checked_arrays(params, grads)
    guard = Guard(params, arrays)
    calls, size = Loss(loss, guard), sum(p.array.size for p in arrays)
    try:
        E = calls.at()  # it must work before anything moves
        calls.check(E, "at the next call")
        start = time.perf_counter()
        sigma = noise(calls, arrays, E, STEPS["central"] if method != "central" else h)
        per_entry = (time.perf_counter() - start) / 6  # 12 evaluations, 2 an entry
        sigma, why = low_precision(E, sigma, calls.values, calls.returned)
        if method == "complex-step":
            check_complex_step(calls, arrays, E, h, sigma)
        out = {key: [] for key in ("numerical", "steps", "E_plus", "E_minus")}
        bar = progress_bar(progress, size, per_entry)
        try:
            (_central if method == "central" else _complex)(calls, arrays, h, out, bar)
        except KeyboardInterrupt:
            guard.restore()
            raise CheckInterrupted(_report(arrays, out, h, tol, rtol, E, sigma,
                                           method)) from None
        finally:
            if bar is not None:
                bar.close()
        report = _report(arrays, out, h, tol, rtol, E, sigma, method)
        if method == "central":
            kink, notes = second_look(report, calls, arrays, out["steps"], E,
                                      out["E_plus"], out["E_minus"])
            report = _report(arrays, out, h, tol, rtol, E, sigma, method, kink)
            report._notes = notes
        calls.check(E, "after the check")
    finally:
        guard.restore()
    if why:
        warnings.warn(why + "; the rows are judged against that noise",
                      PrecisionWarning, stacklevel=2)
    report.noise, report.low_precision, report.evaluations = sigma, why, calls.calls
    return report


def _report(arrays, out, h, tol, rtol, E, sigma, method, kink=None):
    """The report of the entries estimated so far (all, unless interrupted)."""
    done = len(out["numerical"])
    backprop = np.concatenate([p.grad.ravel() for p in arrays])[:done]
    floor = (8 * max(EPS * max(abs(E), 1.0), sigma) / np.array(out["steps"][:done])
             if method == "central" else 0.0)  # the complex step subtracts nothing
    size = sum(p.array.size for p in arrays)
    return Report.from_arrays([(p.name, p.array.shape) for p in arrays], backprop,
                              out["numerical"], kink, h=h, tol=tol, rtol=rtol,
                              floor=floor, partial=done < size)
# --8<-- [end:check_function]


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
    arrays = checked_arrays(params, grads)
    u = unit_direction([p.array.shape for p in arrays], seed)
    return compare_along([p.array for p in arrays], [p.grad for p in arrays], u,
                         lambda: scalar(loss(params)), h, tol)
# --8<-- [end:check_function_direction]
