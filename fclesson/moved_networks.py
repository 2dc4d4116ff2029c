r"""The forward pass of many copies of a network, each with one weight moved.

`fclesson.vectorized` computes every weight's central difference from these
passes; its docstring gives the three facts they rest on. Layer ``l`` of the
moved weights first (`_moved_units`), then the layers above, a batch with a
row per (moved network, sign of the step, sample) (`_moved_outputs`), and
where a step pushes a ReLU unit across its kink (`_crossed_kinks`).
"""

import numpy as np

from . import activations


def _sigmoid_in_place(N):
    """``activations.sigmoid(N)``, $1 / (1 + e^{-N})$, computed in ``N`` itself."""
    np.exp(np.negative(N, out=N), out=N)
    return np.divide(1.0, np.add(N, 1.0, out=N), out=N)


# y = f(net) as the package's activations compute it, with no new array per batch
_IN_PLACE = {activations.sigmoid: _sigmoid_in_place,
             activations.tanh: lambda N: np.tanh(N, out=N)}


# --8<-- [start:moved_units]
def _moved_units(net, layer, rows, clean, f, h, complex_step):
    r"""$y_{l+1,j}$ with one weight of row $j$ of layer $l$ moved, for each sample.

    Parameters
    ----------
    net : Network
    layer : int
        ``l``, the layer of the moved weights.
    rows : ndarray of int
        The rows ``j`` of ``net.weights[layer]`` whose weights move, in order.
    clean : (list, list)
        ``net`` and ``y`` of the clean forward pass, a row per sample: ``(n, k)``.
    f : list of callable
        The activation of each layer (complex-safe ones for the complex step).
    h : float
    complex_step : bool
        Steps ``w + h`` and ``w - h``, or ``w + ih``.

    Returns
    -------
    j : ndarray of int, shape (m,)
        The row of each weight of ``rows``, the weights in C order.
    y_j : ndarray of shape (m, s n)
        Its $y_{l+1,j}$ moved: a column for each sign (``s`` of them), then sample.
    crossed : ndarray of bool, shape (m,)
        Where the step pushes $net_{l,j}$ (a ReLU's) across the kink.
    """
    net0, y0 = clean
    a = np.hstack([y0[layer], np.ones((len(y0[0]), 1))]).T[:, np.newaxis]  # [y_l; 1]
    net_j = net0[layer][:, rows].T[:, np.newaxis, np.newaxis]  # (j, 1, 1, sample)
    if complex_step:  # net_{l,j} + i h a_i
        v = net_j + 1j * h * a
    else:  # net_{l,j} + s a_i for s = (w + h) - w, and s = (w - h) - w
        W = net.weights[layer][rows]
        v = net_j + np.stack([(W + h) - W, (W - h) - W], axis=-1)[..., np.newaxis] * a
    j = np.repeat(rows, v.shape[1])
    crossed = np.zeros(len(j), dtype=bool)
    if net.activations[layer].name == "relu":
        crossed = _crossed_kinks(v.reshape(len(j), v.shape[2], -1))
    return j, f[layer](v.reshape(len(j), -1)), crossed
# --8<-- [end:moved_units]


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
    y_j : ndarray of shape (m s n,)
        Its new $y_{l+1,j}$ for ``s`` signs (at $w + h$, $w - h$, or at $w + ih$),
        then each of the ``n`` samples.
    clean, f :
        As for `_moved_units`.
    work : list of (ndarray, ndarray, ndarray)
        For each layer ``k > l``: room for the batch's $net_k$, then its $y$
        (at least ``m s n`` rows), ``W_k[:, :-1].T`` (contiguous) and ``W_k[:, -1]``.

    Returns
    -------
    Y : ndarray of shape (m s n, n_out)
        The output of each network for each sample (in ``work``'s last array).
    crossed : ndarray of bool, shape (m,)
        Where a moved weight pushes a ReLU unit of a layer above ``l`` across its
        kink, for some sample.
    """
    net0, y0 = clean
    n, rows, crossed = len(y0[0]), len(y_j), np.zeros(len(j), dtype=bool)
    jj = np.repeat(j, rows // len(j))  # the row j of each network
    if layer == net.depth - 1:  # the output itself
        Y = np.tile(y0[-1].astype(y_j.dtype), (rows // n, 1))
        Y[np.arange(rows), jj] = y_j
        return Y, crossed
    for k, (N, W_T, b) in enumerate(work, start=layer + 1):
        N = N[:rows]
        if k > layer + 1:  # net = W [y; 1] = W[:, :-1] y + b, a row each
            np.add(np.matmul(Y, W_T, out=N), b, out=N)
        elif n == 1 and j[0] == j[-1]:  # one row j: [y'_j - y_j, 1] [W[:, j]; net]
            A = np.ones((rows, 2), y_j.dtype)
            np.subtract(y_j, y0[k][0, j[0]], out=A[:, 0])
            np.matmul(A, np.array([W_T[j[0]], net0[k][0]]), out=N)
        else:  # net_{l+1} + W_{l+1}[:, j] (y'_j - y_j), a row each
            p = np.tile(np.arange(n), rows // n)  # the sample of each row
            np.multiply((y_j - y0[k][p, jj])[:, np.newaxis], W_T[jj], out=N)
            by_sample = N.reshape(-1, n, N.shape[1])
            np.add(by_sample, net0[k], out=by_sample)
        if net.activations[k].name == "relu":
            crossed |= _crossed_kinks(N.reshape(len(j), rows // (len(j) * n), -1))
        Y = _IN_PLACE[f[k]](N) if f[k] in _IN_PLACE else f[k](N)  # y = f(net)
    return Y, crossed
# --8<-- [end:moved_outputs]


# --8<-- [start:kinks]
def _crossed_kinks(N):
    r"""Which moved weights push a ReLU unit across its kink ``net = 0``.

    ``N``, shape ``(m, 2, k)``: a ReLU layer's net at ``w + h`` and ``w - h``,
    every unit of every sample (``(m, 1, k)`` for the complex step). Central: the
    sign of some unit's net (-1, 0 or 1) is not the same at ``w - h`` and
    ``w + h``; that includes a unit at exactly 0 that the step moves. Complex
    step: a unit that the step reaches ($\operatorname{Im} net \ne 0$) sits
    exactly at $\operatorname{Re} net = 0$.
    """
    if np.iscomplexobj(N):
        return ((N[:, 0].imag != 0) & (N[:, 0].real == 0)).any(axis=1)
    return (np.sign(N[:, 0]) != np.sign(N[:, 1])).any(axis=1)
# --8<-- [end:kinks]
