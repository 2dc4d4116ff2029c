r"""The whole gradient check in batches: the loop's central differences, no loop.

The lesson's loop moves one weight, runs a forward pass, moves it back: two
forward passes per weight, each a round of Python calls. This module computes
the same numbers with a few array operations per layer, from three facts:

1. Moving $w_{ji}$ of layer $l$ by $s$ changes only $net_l$, and only its row
   $j$: $net_{l,j} \to net_{l,j} + s\,a_i$ with $a = [y_l; 1]$ (the loop's
   $W [y_l; 1]$ with one entry of $W$ moved).
2. So only $y_{l+1,j} = f(net_{l,j})$ changes, and the next layer's net moves
   by one column of its matrix:
   $net_{l+1} \to net_{l+1} + W_{l+1}[:, j]\,\Delta y_{l+1,j}$.
3. From there on any unit may change: the plain forward pass, run on a batch
   with one row per moved weight ($N = [Y, 1]\,W^T$, matrix-matrix products),
   and the loss of each row, ``loss.value_batch``.

The clean forward pass is computed once. The step is the loop's: it stores
``w + h`` in the matrix, so the step taken is ``(w + h) - w`` (equal to ``h``
up to rounding), and the numerical gradient is ``(E(w + h) - E(w - h)) / 2h``
as in `numerical_gradient`. The sums are taken in another order than the
loop's, so the two results agree to rounding, not bit for bit: within a
relative 1e-9 plus the absolute floor `fclesson.report.rounding_floor`,
``8 eps max(|E|, 1) / h`` (about 2e-11 for ``h = 1e-4``), the rounding noise that both
central differences carry anyway (``tests/package/test_vectorized.py``).

Memory stays bounded: the weights of a layer are taken ``chunk`` floats' worth
at a time (``chunk = 2**22``, 32 MiB per batch array, by default).
"""

import dataclasses

import numpy as np

from . import losses
from .complex_check import check_complex_safe, complex_activation
from .network import Network
from .report import Report, rounding_floor
from .validation import check_rtol, check_step, check_tol

__all__ = ["METHODS", "CHUNK", "applies", "numerical_gradients", "check_vectorized",
           "mark_kinks"]

METHODS = ("central", "complex-step")
CHUNK = 2**22


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


# --8<-- [start:moved_outputs]
def _moved_outputs(net, layer, j, v, clean, f):
    r"""Forward pass of a batch of networks that differ from the clean one in one net.

    Every network of the batch has its own value of $net_{l,j}$, the rest is clean.

    Parameters
    ----------
    net : Network
    layer : int
        ``l``, the layer of the moved weights.
    j : ndarray of int, shape (m,)
        The row (neuron) of layer ``l`` each network moved.
    v : ndarray of shape (m,)
        Its new $net_{l,j}$ (complex for the complex step).
    clean : (list, list)
        ``net`` and ``y`` of the clean forward pass, as `Network.propagate` gives them.
    f : list of callable
        The activation of each layer (complex-safe ones for the complex step).

    Returns
    -------
    nets : list of ndarray
        ``v``, then the batch's ``net`` of each later layer, of shape
        ``(m, sizes[k + 1])``.
    Y : ndarray of shape (m, n_out)
        The output of each network.
    """
    net0, y0 = clean
    m = len(v)
    y_j = f[layer](v)  # y_{l+1, j} = f(net_{l, j}); the other entries keep their values
    if layer == net.depth - 1:
        Y = np.repeat(y0[-1][np.newaxis, :].astype(y_j.dtype), m, axis=0)
        Y[np.arange(m), j] = y_j
        return [v], Y
    W_next = net.weights[layer + 1]
    # net_{l+1} + W_{l+1}[:, j] (y'_j - y_j): one column per network
    N = net0[layer + 1] + (y_j - y0[layer + 1][j])[:, np.newaxis] * W_next[:, j].T
    nets, Y = [v, N], f[layer + 1](N)
    for k in range(layer + 2, net.depth):
        # net = W [y; 1], a row each
        N = np.hstack([Y, np.ones((m, 1))]) @ net.weights[k].T
        nets.append(N)
        Y = f[k](N)
    return nets, Y
# --8<-- [end:moved_outputs]


# --8<-- [start:kinks]
def _crossed_kinks(net, layer, nets, complex_step):
    r"""Which moved weights push a ReLU unit across its kink ``net = 0``.

    Central: the sign of some ReLU unit's net (-1, 0 or 1) is not the same at
    ``w - h`` and ``w + h`` (``nets`` holds the batch of ``w + h`` rows, then
    of ``w - h``); that includes a unit at exactly 0 that the step moves.
    Complex step: a ReLU unit that the step reaches
    ($\operatorname{Im} net \ne 0$) sits exactly at $\operatorname{Re} net = 0$.
    """
    m = len(nets[0]) if complex_step else len(nets[0]) // 2
    crossed = np.zeros(m, dtype=bool)
    for offset, N in enumerate(nets):
        if net.activations[layer + offset].name != "relu":
            continue
        if complex_step:
            moved = (N.imag != 0) & (N.real == 0)
        else:
            moved = np.sign(N[:m]) != np.sign(N[m:])
        crossed |= moved if offset == 0 else moved.any(axis=1)
    return crossed
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
        At most about this many floats in one batch array.

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
    clean = net.propagate(x)  # checks x and the weights
    target = net._check_target(target)
    f = [complex_activation(a) if complex_step else a.f for a in net.activations]
    if isinstance(loss, losses.Loss):
        values = loss._value_rows  # loss.value_batch, without its checks
    else:  # any object with value(y, t), one row at a time
        values = lambda Y, t: np.array([loss.value(y, t) for y in Y])  # noqa: E731
    grads, kinks = [], []
    for layer, W in enumerate(net.weights):
        a = np.append(clean[1][layer], 1.0)  # [y_l; 1]
        rows, columns = np.divmod(np.arange(W.size), W.shape[1])
        g, crossed = np.empty(W.size), np.zeros(W.size, dtype=bool)
        size = max(1, chunk // (2 * (max(net.sizes[layer + 1:]) + 1)))
        for start in range(0, W.size, size):
            k = slice(start, start + size)
            j, i, w = rows[k], columns[k], W.ravel()[k]
            if complex_step:  # net_{l,j} + i h a_i
                v = clean[0][layer][j] + 1j * h * a[i]
            else:  # net_{l,j} + s a_i for s = (w + h) - w, then s = (w - h) - w
                j, i = np.concatenate([j, j]), np.concatenate([i, i])
                steps = np.concatenate([(w + h) - w, (w - h) - w])
                v = clean[0][layer][j] + steps * a[i]
            nets, Y = _moved_outputs(net, layer, j, v, clean, f)
            E = values(Y, target)  # one E per row
            if complex_step:
                g[k] = np.imag(E) / h
            else:
                g[k] = (E[: len(j) // 2] - E[len(j) // 2:]) / (2 * h)
            if any(net.activations[l].name == "relu" for l in range(layer, net.depth)):
                crossed[k] = _crossed_kinks(net, layer, nets, complex_step)
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
