r"""Why a gradient check needs float64: the same check computed in float32.

float32 keeps about 7 significant digits (machine epsilon
$\varepsilon = 2^{-23} \approx 1.19 \times 10^{-7}$). Each $E$ then carries a
rounding error of about $\varepsilon |E|$, and the central difference divides
the difference of two of them by $2h$:

$$
\text{error} \approx \frac{\varepsilon |E|}{h} \approx
\frac{1.19 \times 10^{-7}}{10^{-4}} |E| \approx 10^{-3} |E|,
$$

ten times the lesson's tolerance $10^{-4}$. A correct backprop fails. (The
weight ``w + h`` is rounded to float32 too, so the step taken is not exactly
``h``.) In float64, $\varepsilon = 2.2 \times 10^{-16}$ and the same
estimate is $10^{-12}$. The package itself always computes in float64; this
module exists to show the failure.
"""

import warnings

import numpy as np

from . import losses
from .report import Report, Row
from .lesson.language import say
from .validation import PrecisionWarning, check_step, check_tol, float32_error

__all__ = ["FLOAT32_EPS", "loss_float32", "check_float32"]

FLOAT32_EPS = float(np.finfo(np.float32).eps)  # 1.19e-7

_F32 = {
    "sigmoid": lambda net: 1 / (1 + np.exp(-net)),
    "tanh": np.tanh,
    "linear": lambda net: net,
    "relu": lambda net: np.maximum(net, np.float32(0)),
}


# --8<-- [start:loss_float32]
def loss_float32(net, weights, x, target, loss=losses.mse):
    """``E`` computed in float32: weights, ``x``, ``target`` and every operation.

    Parameters
    ----------
    net : Network
        Gives the activations (the package's own).
    weights : list of ndarray of float32
        Shaped like ``net.weights``.
    x : ndarray of float32, shape (n_in,)
    target : ndarray of float32, shape (n_out,), or None
    loss : Loss
        ``mse`` or ``output_sum``.

    Returns
    -------
    numpy.float32
    """
    y = x
    for W, activation in zip(weights, net.activations):
        y = _F32[activation.name](W @ np.append(y, np.float32(1)))  # float32 throughout
    return np.float32(loss._value(y, target))
# --8<-- [end:loss_float32]


# --8<-- [start:check_float32]
def check_float32(net, x, target, loss=losses.mse, h=1e-4, tol=1e-4):
    """The lesson's check with ``E`` in float32; backprop is float64 and correct.

    Same parameters and report as `check_gradients`. Warns `PrecisionWarning`
    with the explanation, then shows it: rows fail by about ``eps |E| / h``.
    """
    h, tol = check_step(h), check_tol(tol)
    message = say({"en": "E is computed in float32 here (machine epsilon 1.19e-7): ",
                   "zh": "这里的 E 用 float32 计算（机器精度 1.19e-7）："})
    warnings.warn(message + float32_error(h, tol), PrecisionWarning, stacklevel=2)
    grads = net.gradients(x, target, loss=loss)  # float64 backprop: right
    weights = [W.astype(np.float32) for W in net.weights]
    x32 = net._check_x(x).astype(np.float32)
    t = net._check_target(target)
    t32 = None if t is None else t.astype(np.float32)
    rows = []
    for layer, W in enumerate(weights):
        for (row, column), w in np.ndenumerate(W.copy()):
            W[row, column] = w + np.float32(h)  # rounded to float32
            E_plus = loss_float32(net, weights, x32, t32, loss)
            W[row, column] = w - np.float32(h)
            E_minus = loss_float32(net, weights, x32, t32, loss)
            W[row, column] = w
            numerical = (float(E_plus) - float(E_minus)) / (2 * h)
            backprop = grads[layer][row, column]
            rows.append(Row.compare(layer, row, column, backprop, numerical, tol))
    return Report(rows=rows, h=h, tol=tol, names=net.weight_names)
# --8<-- [end:check_float32]
