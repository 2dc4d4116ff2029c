r"""The whole gradient check in batches: the loop's central differences, no loop.

The lesson's loop moves one weight, runs a forward pass, moves it back: two
forward passes per weight, each a round of Python calls. This module computes
the same numbers with a few array operations per batch, from three facts:

1. Moving $w_{ji}$ of layer $l$ by $s$ changes only $net_l$, and only its row
   $j$: $net_{l,j} \to net_{l,j} + s\,a_i$ with $a = [y_l; 1]$ (the loop's
   $W [y_l; 1]$ with one entry of $W$ moved).
2. So only $y_{l+1,j} = f(net_{l,j})$ changes, and the next layer's net moves
   by one column of its matrix, shared by the weights of row $j$:
   $net_{l+1} \to net_{l+1} + W_{l+1}[:, j]\,\Delta y_{l+1,j}$. If $y_{l+1,j}$
   does not move ($a_i = 0$), $E$ does not: the estimate is 0, and not computed.
3. From there on any unit may change: the plain forward pass, run on a batch
   with one row per moved network (matrix-matrix products), and the loss of
   each row, ``loss.value_batch``.

For ``n`` samples (``X`` of shape ``(n, n_in)``) a row is a (moved network,
sample) pair, and a moved network's ``E`` is the loss of its ``n`` rows, as
the loop's ``loss.value(net.forward(X), T)``: the MSE's mean, or the sum.

The clean forward pass is computed once. The step is the loop's: it stores
``w + h`` in the matrix, so the step taken is ``(w + h) - w`` (equal to ``h``
up to rounding), and the numerical gradient is ``(E(w + h) - E(w - h)) / 2h``
as in `numerical_gradient`. The sums are taken in another order than the
loop's, so the two results agree to rounding, not bit for bit: within a
relative 1e-9 plus the absolute floor `fclesson.report.rounding_floor`,
``8 eps max(|E|, 1) / h`` (about 2e-11 for ``h = 1e-4``), the rounding noise that both
central differences carry anyway (``tests/package/test_vectorized.py``).

A batch array holds at most ``chunk`` numbers (2**16, 512 KiB, by default), to
stay in the processor's cache; beyond that, a few arrays of a layer's size
(``n`` samples: a layer's rows ``n`` times fewer at a time).
"""

import dataclasses

import numpy as np

from . import losses
from .complex_check import check_complex_safe, complex_activation
from .moved_networks import _moved_outputs, _moved_units
from .network import Network
from .report import Report, rounding_floor
from .validation import check_rtol, check_step, check_tol

__all__ = ["METHODS", "CHUNK", "applies", "numerical_gradients", "check_vectorized",
           "mark_kinks"]

METHODS = ("central", "complex-step")
CHUNK = 2**16


# --8<-- [start:applies]
def applies(net, loss):
    """True when a batch computes what the loop computes: ``Network``'s own
    forward pass (not a subclass's) and a loss with a batch form.

    Anything else (a loss that reads the network, say) is left to the loop.
    """
    return (type(net).forward is Network.forward
            and type(net).propagate is Network.propagate
            and isinstance(loss, losses.Loss) and loss.batch is not None)
# --8<-- [end:applies]


# --8<-- [start:numerical_gradients]
def numerical_gradients(net, x, target, loss=losses.mse, h=1e-4, method="central",
                        chunk=CHUNK):
    r"""Every weight's numerical gradient, a layer's weights a batch at a time.

    Parameters
    ----------
    net : Network
    x : ndarray of shape (n_in,) or (n, n_in)
        One sample, or ``n`` samples as rows (``E`` is the loss of all of them).
    target : ndarray of shape (n_out,) or (n, n_out), or None for a loss that
        ignores it
    loss : Loss
    h : float
        Step, > 0.
    method : {"central", "complex-step"}
        $\frac{E(w + h) - E(w - h)}{2h}$, or $\operatorname{Im} E(w + ih) / h$.
    chunk : int
        At most about this many numbers in one batch array.

    Returns
    -------
    grads : list of ndarray
        The estimates, shaped like ``net.weights``.
    kinks : list of ndarray of bool
        Where the perturbation crossed a ReLU kink (for some sample), shaped
        like ``net.weights``.
    """
    h = check_step(h)
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    complex_step = method == "complex-step"
    if complex_step:
        check_complex_safe(net, loss)
    x, target = net._check_data(x, target)
    # net and y of the clean forward pass, a row per sample: (n, sizes[l])
    clean = [[np.atleast_2d(v) for v in part] for part in net.propagate(x)]
    y0, n = clean[1], len(clean[1][0])
    f = [complex_activation(a) if complex_step else a.f for a in net.activations]
    if isinstance(loss, losses.Loss):
        values = loss._value_rows  # loss.value_batch, without its checks
    else:  # any object with value(y, t), one network at a time
        values = lambda Y, t: np.array([loss.value(y, t) for y in Y])  # noqa: E731
    signs, grads, kinks = 1 if complex_step else 2, [], []
    for layer, W in enumerate(net.weights):
        g, crossed = np.zeros(W.size), np.zeros(W.size, dtype=bool)
        widest = max(net.sizes[layer + 2:] or net.sizes[-1:])
        size = max(1, min(chunk // (signs * n * widest), W.size))  # weights per batch
        work = [(np.empty((signs * n * size, len(W_k)), complex if complex_step else
                          float), W_k[:, :-1].T.copy(), W_k[:, -1].copy())
                for W_k in net.weights[layer + 1:]]
        block = max(1, len(W) // n)  # rows of W at a time: arrays of about W.size
        for top in range(0, len(W), block):
            rows = np.arange(top, min(top + block, len(W)))
            j, y_j, crossed_j = _moved_units(net, layer, rows, clean, f, h,
                                             complex_step)
            at = top * W.shape[1] + np.arange(len(j))  # these weights' flat indices
            crossed[at] = crossed_j
            # a move that leaves y_{l+1,j} as it was (a_i = 0) leaves E as it was: g = 0
            still = y0[layer + 1][:, j].T[:, np.newaxis]  # (m, 1, n)
            moved = (y_j.reshape(len(j), signs, n) != still).any(axis=(1, 2))
            j, y_j, at = j[moved], y_j[moved], at[moved]
            with np.errstate(over="ignore"):  # sigmoid: e^{-net} = inf for net << 0
                for start in range(0, len(at), size):
                    b = slice(start, start + size)
                    Y, crossed_b = _moved_outputs(net, layer, j[b], y_j[b].ravel(),
                                                  clean, f, work)
                    if x.ndim == 2:  # n rows a network: the loss of all n samples
                        Y = Y.reshape(-1, n, Y.shape[1])
                    E = values(Y, target).reshape(-1, signs).T  # E(w + h), E(w - h)
                    g[at[b]] = (E[0].imag / h if complex_step
                                else (E[0] - E[1]) / (2 * h))
                    crossed[at[b]] |= crossed_b
        grads.append(g.reshape(W.shape))
        kinks.append(crossed.reshape(W.shape))
    return grads, kinks
# --8<-- [end:numerical_gradients]


# --8<-- [start:check_vectorized]
def check_vectorized(net, x, target, loss=losses.mse, h=1e-4, tol=1e-4,
                     method="central", chunk=CHUNK, rtol=0.0):
    """The whole check in batches: a `Report` of the loop's rows, in order.

    Same parameters as `numerical_gradients`, plus ``tol`` and ``rtol`` (a row
    passes when ``|backprop - numerical| < tol``, or with ``rtol > 0`` when it
    is ``<= tol + rtol |numerical|``).
    """
    h, tol, rtol = check_step(h), check_tol(tol), check_rtol(rtol)
    backprop = net.gradients(x, target, loss=loss)
    numerical, kinks = numerical_gradients(net, x, target, loss, h, method, chunk)
    # the complex step subtracts nothing: no rounding floor
    floor = 0.0 if method == "complex-step" else rounding_floor(
        net.loss(x, target, loss), h)
    return Report.from_arrays(
        [(f"weights[{l}]", W.shape) for l, W in enumerate(backprop)],
        backprop=np.concatenate([W.ravel() for W in backprop]),
        numerical=np.concatenate([W.ravel() for W in numerical]),
        kink=np.concatenate([K.ravel() for K in kinks]),
        h=h, tol=tol, rtol=rtol, floor=floor, names=net.weight_names, layers=True)
# --8<-- [end:check_vectorized]


# --8<-- [start:mark_kinks]
def mark_kinks(report, net, x, method="central"):
    """``report`` with ``kink`` set on the rows whose step crossed a ReLU kink.

    For the loop's reports: the numbers are left as they are; the kinks are
    found with a batch forward pass. A network without ReLU, or with a forward
    pass of its own, gets ``report`` back unchanged.
    """
    has_relu = any(a.name == "relu" for a in net.activations)
    if not has_relu or not applies(net, losses.output_sum):
        return report
    _, kinks = numerical_gradients(net, x, None, losses.output_sum, report.h, method)
    rows = [dataclasses.replace(row, kink=bool(kinks[row.layer][row.row, row.column]))
            for row in report.rows]
    return Report(rows, report.h, report.tol, report.names, report.rtol, report.floor)
# --8<-- [end:mark_kinks]
