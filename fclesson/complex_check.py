r"""The complex-step gradient of a network's loss, weight by weight.

Moving one weight along the imaginary axis, $w \to w + ih$, and running the
forward pass in complex numbers gives

$$
\frac{\partial E}{\partial w} \approx \frac{\operatorname{Im} E(w + ih)}{h},
$$

with an error of order $h^2$ and no subtraction of close numbers: with
``h = 1e-20`` the result is exact to rounding (Squire & Trapp 1998; Martins,
Sturdza & Alonso 2003). It needs every step of ``E`` to be analytic and
complex-safe: sigmoid, tanh and linear are; ReLU is decided on the real part
(its slope at ``net = 0`` is then 0, the package's convention); the MSE is
$(t - y)^2$, a square, never ``abs``.

The package's checks (`fclesson.validation`) turn every array into float64 and
refuse complex ones, so a caller cannot pass complex values in. This module
checks ``x``, ``target`` and the weights as float64 first, exactly as the
real forward pass does, and only then builds complex copies of its own. The
caller's network is never modified: the imaginary step lives in the copies.
"""

import numpy as np

from . import activations as _activations
from . import losses
from .network import Network, _columns, _with_bias
from .validation import check_step

__all__ = ["complex_activation", "complex_step_gradient", "check_complex_safe"]


# --8<-- [start:complex_activations]
def _sigmoid(net):
    r"""$\frac{1}{1 + e^{-net}}$ for complex ``net``, without overflow.

    For $\operatorname{Re}\,net < 0$ it uses $\frac{e^{net}}{1 + e^{net}}$: the
    same function, but $e^{-net}$ would overflow to ``inf + inf j`` there.
    """
    net = np.asarray(net, dtype=complex)
    y = np.empty_like(net)
    right = net.real >= 0
    y[right] = 1.0 / (1.0 + np.exp(-net[right]))
    e = np.exp(net[~right])
    y[~right] = e / (1.0 + e)
    return y


def _tanh(net):
    r"""$\tanh(net)$, analytic; numpy's complex tanh does not overflow."""
    return np.tanh(np.asarray(net, dtype=complex))


def _linear(net):
    r"""$net$."""
    return np.array(net, dtype=complex)


def _relu(net):
    r"""$net$ where $\operatorname{Re}\,net > 0$, else 0.

    The kink is decided on the real part.
    """
    net = np.asarray(net, dtype=complex)
    return np.where(net.real > 0, net, 0)


_COMPLEX = {"sigmoid": _sigmoid, "tanh": _tanh, "linear": _linear, "relu": _relu}


def complex_activation(activation):
    """The complex-safe version of one of the package's activations.

    Raises
    ------
    ValueError
        For an activation the package does not define (its complex form is unknown).
    """
    name = getattr(activation, "name", activation)
    known = name in _COMPLEX
    if not known or _activations.get(name) is not _activations.get(activation):
        raise ValueError("the complex step knows only the activations "
                         f"{sorted(_COMPLEX)}, not {activation!r}")
    return _COMPLEX[name]
# --8<-- [end:complex_activations]


# --8<-- [start:complex_safe]
def check_complex_safe(net, loss):
    """Refuse what the complex step cannot differentiate: a custom forward or loss."""
    losses.check_loss(loss)
    cls = type(net)
    if cls.forward is not Network.forward or cls.propagate is not Network.propagate:
        raise ValueError(f"the complex step recomputes Network's forward pass, which "
                         f"{type(net).__name__} overrides")
    for activation in net.activations:
        complex_activation(activation)
    if not getattr(loss, "analytic", False):
        raise ValueError("the complex step needs an analytic loss "
                         f"(loss.analytic = True): {loss!r} may use abs or max "
                         "on complex values")
# --8<-- [end:complex_safe]


# --8<-- [start:complex_step_gradient]
def complex_step_gradient(net, x, target, layer, row, column, loss=losses.mse, h=1e-20):
    r"""$\operatorname{Im} E(w + ih) / h$ for ``w = net.weights[layer][row, column]``.

    Parameters
    ----------
    net : Network
        Activations from the package; the network is not changed.
    x : ndarray of shape (n_in,) or (n, n_in)
        One sample, or ``n`` samples as rows.
    target : ndarray of shape (n_out,) or (n, n_out), or None for a loss that
        ignores it
    layer, row, column : int
        Position of the weight, as in ``net.weights``.
    loss : Loss
        An analytic loss (``mse`` and ``output_sum`` are).
    h : float
        Imaginary step, > 0; 1e-20 gives the derivative to machine precision.

    Returns
    -------
    float
    """
    check_complex_safe(net, losses.check_loss(loss))
    h = check_step(h)
    layer, row, column = net._check_position(layer, row, column)
    x, target = net._check_data(x, target)
    net.propagate(x)  # checks the weights as float64
    weights = [W.astype(complex) for W in net.weights]  # copies: the network stays real
    weights[layer][row, column] += 1j * h  # w + ih
    y = _columns(x)  # the samples as columns, as in Network.propagate
    for W, activation in zip(weights, net.activations):
        y = complex_activation(activation)(W @ _with_bias(y))  # y = f(W [y; 1])
    if x.ndim == 1:  # one sample: its one row
        E = loss._value_rows(y.T, target)[0]
    else:  # n samples: the loss of the batch, its rows the samples
        E = loss._value(y.T, target)
    return float(np.imag(E) / h)
# --8<-- [end:complex_step_gradient]

