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

The clean forward pass is computed once. The step is the loop's: it stores
``w + h`` in the matrix, so the step taken is ``(w + h) - w`` (equal to ``h``
up to rounding), and the numerical gradient is ``(E(w + h) - E(w - h)) / 2h``
as in `numerical_gradient`. The sums are taken in another order than the
loop's, so the two results agree to rounding, not bit for bit: within a
relative 1e-9 plus the absolute floor `fclesson.report.rounding_floor`,
``8 eps max(|E|, 1) / h`` (about 2e-11 for ``h = 1e-4``), the rounding noise that both
central differences carry anyway (``tests/package/test_vectorized.py``).

A batch array holds at most ``chunk`` numbers (2**16, 512 KiB, by default), to
stay in the processor's cache; beyond that, a few arrays of a layer's size.
"""

import dataclasses

import numpy as np

from . import activations, losses
from .complex_check import check_complex_safe, complex_activation
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


def _sigmoid_in_place(N):
    """``activations.sigmoid(N)``, $1 / (1 + e^{-N})$, computed in ``N`` itself."""
    np.exp(np.negative(N, out=N), out=N)
    return np.divide(1.0, np.add(N, 1.0, out=N), out=N)


# y = f(net) as the package's activations compute it, with no new array per batch
_IN_PLACE = {activations.sigmoid: _sigmoid_in_place,
             activations.tanh: lambda N: np.tanh(N, out=N)}


# --8<-- [start:moved_outputs]
def _moved_outputs(net, layer, j, y_j, clean, f, work):
    r"""Forward pass of a batch of networks that differ from the clean one in one $y$.

    Every network of the batch has its own value of $y_{l+1,j}$, the rest is clean.

    Parameters
    ----------
    net : Network
    layer : int
        ``l``, the layer of the moved weights.
    j : ndarray of int, shape (m,)
        The row (neuron) of layer ``l`` of each moved weight, in increasing order.
    y_j : ndarray of shape (s m,)
        Its new $y_{l+1,j}$, ``s`` per weight: at $w + h$, $w - h$, or at $w + ih$.
    clean : (list, list)
        ``net`` and ``y`` of the clean forward pass, as `Network.propagate` gives them.
    f : list of callable
        The activation of each layer (complex-safe ones for the complex step).
    work : list of (ndarray, ndarray, ndarray)
        For each layer ``k > l``: room for the batch's $net_k$, then its $y$
        (at least ``s m`` rows), ``W_k[:, :-1].T`` (contiguous) and ``W_k[:, -1]``.

    Returns
    -------
    Y : ndarray of shape (s m, n_out)
        The output of each network (in ``work``'s last array).
    crossed : ndarray of bool, shape (m,)
        Where a moved weight pushes a ReLU unit of a layer above ``l`` across its kink.
    """
    net0, y0 = clean
    rows, crossed = len(y_j), np.zeros(len(j), dtype=bool)
    jj = np.repeat(j, rows // len(j))  # the row j of each network
    if layer == net.depth - 1:  # the output itself
        Y = np.repeat(y0[-1][np.newaxis, :].astype(y_j.dtype), rows, axis=0)
        Y[np.arange(rows), jj] = y_j
        return Y, crossed
    for k, (N, W_T, b) in enumerate(work, start=layer + 1):
        N = N[:rows]
        if k > layer + 1:  # net = W [y; 1] = W[:, :-1] y + b, a row each
            np.add(np.matmul(Y, W_T, out=N), b, out=N)
        elif j[0] == j[-1]:  # one row j: [y'_j - y_j, 1] [W_{l+1}[:, j]; net_{l+1}]
            A = np.ones((rows, 2), y_j.dtype)
            np.subtract(y_j, y0[k][j[0]], out=A[:, 0])
            np.matmul(A, np.array([W_T[j[0]], net0[k]]), out=N)
        else:  # net_{l+1} + W_{l+1}[:, j] (y'_j - y_j), a row each
            np.multiply((y_j - y0[k][jj])[:, np.newaxis], W_T[jj], out=N)
            np.add(N, net0[k], out=N)
        if net.activations[k].name == "relu":
            crossed |= _crossed_kinks(N.reshape(len(j), -1, N.shape[1]))
        Y = _IN_PLACE[f[k]](N) if f[k] in _IN_PLACE else f[k](N)  # y = f(net)
    return Y, crossed
# --8<-- [end:moved_outputs]


# --8<-- [start:kinks]
def _crossed_kinks(N):
    r"""Which moved weights push a ReLU unit across its kink ``net = 0``.

    ``N``, shape ``(m, 2, n)``: a ReLU layer's net at ``w + h`` and ``w - h``
    (``(m, 1, n)`` for the complex step). Central: the sign of some unit's net
    (-1, 0 or 1) is not the same at ``w - h`` and ``w + h``; that includes a
    unit at exactly 0 that the step moves. Complex step: a unit that the step
    reaches ($\operatorname{Im} net \ne 0$) sits exactly at $\operatorname{Re} net = 0$.
    """
    if np.iscomplexobj(N):
        return ((N[:, 0].imag != 0) & (N[:, 0].real == 0)).any(axis=1)
    return (np.sign(N[:, 0]) != np.sign(N[:, 1])).any(axis=1)
# --8<-- [end:kinks]


# --8<-- [start:numerical_gradients]
def numerical_gradients(net, x, target, loss=losses.mse, h=1e-4, method="central",
                        chunk=CHUNK):
    r"""Every weight's numerical gradient, a layer's weights a batch at a time.

    Parameters
    ----------
    net : Network
    x : ndarray of shape (n_in,)
    target : ndarray of shape (n_out,), or None for a loss that ignores it
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
        Where the perturbation crossed a ReLU kink, shaped like ``net.weights``.
    """
    h = check_step(h)
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    complex_step = method == "complex-step"
    if complex_step:
        check_complex_safe(net, loss)
    net0, y0 = clean = net.propagate(x)  # checks x and the weights
    target = net._check_target(target)
    f = [complex_activation(a) if complex_step else a.f for a in net.activations]
    if isinstance(loss, losses.Loss):
        values = loss._value_rows  # loss.value_batch, without its checks
    else:  # any object with value(y, t), one row at a time
        values = lambda Y, t: np.array([loss.value(y, t) for y in Y])  # noqa: E731
    signs, grads, kinks = 1 if complex_step else 2, [], []
    for layer, W in enumerate(net.weights):
        a = np.append(y0[layer], 1.0)  # [y_l; 1]
        if complex_step:  # net_{l,j} + i h a_i
            v = net0[layer][:, np.newaxis] + 1j * h * a
        else:  # net_{l,j} + s a_i for s = (w + h) - w, and s = (w - h) - w
            v = net0[layer][:, np.newaxis, np.newaxis] + np.stack(
                [(W + h) - W, (W - h) - W], axis=-1) * a[:, np.newaxis]
        v = v.reshape(W.size, signs)  # a row per weight, a column per sign
        y_j, j = f[layer](v), np.repeat(np.arange(len(W)), W.shape[1])
        crossed = np.zeros(W.size, dtype=bool)
        if net.activations[layer].name == "relu":
            crossed = _crossed_kinks(v[:, :, np.newaxis])
        # a move that leaves y_{l+1,j} as it was (a_i = 0) leaves E as it was: g = 0
        moved = np.flatnonzero((y_j != y0[layer + 1][j, np.newaxis]).any(axis=1))
        j, y_j, g = j[moved], y_j[moved], np.zeros(W.size)
        size = max(1, min(chunk // (signs * max(net.sizes[layer + 2:] or
                                                net.sizes[-1:])), len(moved)))
        work = [(np.empty((signs * size, len(W_k)), y_j.dtype), W_k[:, :-1].T.copy(),
                 W_k[:, -1].copy()) for W_k in net.weights[layer + 1:]]
        with np.errstate(over="ignore"):  # sigmoid: e^{-net} = inf for net << 0
            for start in range(0, len(moved), size):
                k = slice(start, start + size)
                Y, crossed_k = _moved_outputs(net, layer, j[k], y_j[k].ravel(), clean,
                                              f, work)
                E = values(Y, target).reshape(-1, signs).T  # E(w + h), E(w - h)
                g[moved[k]] = E[0].imag / h if complex_step else (E[0] - E[1]) / (2 * h)
                crossed[moved[k]] |= crossed_k
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
