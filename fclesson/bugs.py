r"""A gallery of realistic backpropagation bugs, for a gradient check to catch.

Each bug is a `Network` subclass that overrides ``gradients`` or ``backward``
the way a real slip would; the forward pass, and so $E$, stays right. A
`Bug` in ``GALLERY`` carries

* ``description``: the slip, in one line;
* ``make(net)``: a broken copy of ``net`` (same sizes, activations, weights);
* ``expected(net)``: the set of ``(layer, row, column)`` whose gradient the bug
  corrupts, the rows a gradient check must flag, no more, no fewer.

The expected sets assume a network like the course's 2-2-1 (a hidden layer of
at least two neurons, at least two inputs, generic weights and input, a
non-linear output activation). Layers are 0-based as in ``net.weights``: for
the 2-2-1 network ``(0, 0, 1)`` is w32 and ``(1, 0, 0)`` is w53.
"""

import re
from dataclasses import dataclass
from typing import Callable

import numpy as np

from . import losses
from .network import Network

__all__ = ["Bug", "GALLERY"]


def _with_bias(y):
    return np.append(y, 1.0)  # [y; 1]


def _swapped(n):
    """The columns ``i < n`` that reversing ``n`` values moves (all but the middle)."""
    return [i for i in range(n) if i != n - 1 - i]


# --8<-- [start:swapped_inputs]
class SwappedInputs(Network):
    """Forward uses w31 x1 + w32 x2; backward takes x1 and x2 the other way round."""

    def gradients(self, x, target, loss=losses.mse):
        net, y = self.propagate(x)
        delta = self.backward(net, loss.derivative(y[-1], self._check_target(target)))
        a = [_with_bias(v) for v in y[:-1]]
        a[0] = _with_bias(y[0][::-1])  # BUG: x reversed
        return [np.outer(d, a_l) for d, a_l in zip(delta, a)]
# --8<-- [end:swapped_inputs]


# --8<-- [start:no_output_derivative]
class NoOutputDerivative(Network):
    """delta_out = dE/dy: the factor f'(net_out) forgotten; every layer inherits it."""

    def backward(self, net, dE_dy):
        f = self.activations
        delta = [None] * self.depth
        delta[-1] = np.array(dE_dy, dtype=float)  # BUG: should be dE_dy * f'(net_out)
        for l in range(self.depth - 2, -1, -1):
            W_next = self.weights[l + 1][:, :-1]
            delta[l] = (W_next.T @ delta[l + 1]) * f[l].derivative(net[l])
        return delta
# --8<-- [end:no_output_derivative]


# --8<-- [start:no_hidden_derivative]
class NoHiddenDerivative(Network):
    """delta_hidden = W^T delta_next: the factor f'(net_hidden) forgotten."""

    def backward(self, net, dE_dy):
        delta = [None] * self.depth
        delta[-1] = dE_dy * self.activations[-1].derivative(net[-1])
        for l in range(self.depth - 2, -1, -1):
            delta[l] = self.weights[l + 1][:, :-1].T @ delta[l + 1]  # BUG: no f'(net_l)
        return delta
# --8<-- [end:no_hidden_derivative]


# --8<-- [start:ignores_delta_out]
class IgnoresDeltaOut(Network):
    """delta_hidden = (W_out^T 1) f'(net): the output layer's delta replaced by ones."""

    def backward(self, net, dE_dy):
        f = self.activations
        delta = super().backward(net, dE_dy)
        l = self.depth - 2  # the last hidden layer
        ones = np.ones_like(delta[l + 1])  # BUG: should be delta[l + 1]
        delta[l] = (self.weights[l + 1][:, :-1].T @ ones) * f[l].derivative(net[l])
        for k in range(l - 1, -1, -1):  # the layers below, from the wrong delta[l]
            W_next = self.weights[k + 1][:, :-1]
            delta[k] = (W_next.T @ delta[k + 1]) * f[k].derivative(net[k])
        return delta
# --8<-- [end:ignores_delta_out]


# --8<-- [start:wrong_sign]
class WrongSign(Network):
    """dE/dy = (2/n)(t - y): the minus sign of -(2/n)(t - y) dropped."""

    def gradients(self, x, target, loss=losses.mse):
        net, y = self.propagate(x)
        dE_dy = -loss.derivative(y[-1], self._check_target(target))  # BUG: sign
        delta = self.backward(net, dE_dy)
        return [np.outer(delta[l], _with_bias(y[l])) for l in range(self.depth)]
# --8<-- [end:wrong_sign]


# --8<-- [start:one_over_n]
class OneOverN(Network):
    """dE/dy = -(1/n)(t - y): 1/n where the derivative of the MSE has 2/n."""

    def gradients(self, x, target, loss=losses.mse):
        net, y = self.propagate(x)
        dE_dy = 0.5 * loss.derivative(y[-1], self._check_target(target))  # BUG: 1/n
        delta = self.backward(net, dE_dy)
        return [np.outer(delta[l], _with_bias(y[l])) for l in range(self.depth)]
# --8<-- [end:one_over_n]


# --8<-- [start:swapped_hidden_outputs]
class SwappedHiddenOutputs(Network):
    """Forward gives neuron 5 (y3, y4); backward pairs w53 with y4 and w54 with y3."""

    def gradients(self, x, target, loss=losses.mse):
        net, y = self.propagate(x)
        delta = self.backward(net, loss.derivative(y[-1], self._check_target(target)))
        a = [_with_bias(v) for v in y[:-1]]
        a[-1] = _with_bias(y[-2][::-1])  # BUG: y3 and y4 exchanged
        return [np.outer(d, a_l) for d, a_l in zip(delta, a)]
# --8<-- [end:swapped_hidden_outputs]


# --8<-- [start:dropped_bias]
class DroppedBias(Network):
    """dE/dW = outer(delta, y_prev) without the appended 1: every bias gradient is 0."""

    def gradients(self, x, target, loss=losses.mse):
        net, y = self.propagate(x)
        delta = self.backward(net, loss.derivative(y[-1], self._check_target(target)))
        a = [np.append(v, 0.0) for v in y[:-1]]  # BUG: should append 1
        return [np.outer(d, a_l) for d, a_l in zip(delta, a)]
# --8<-- [end:dropped_bias]


# --8<-- [start:copy_slip]
class CopySlip(Network):
    """The gradient of w32 is written from w41's: a copy-paste slip."""

    def gradients(self, x, target, loss=losses.mse):
        grads = super().gradients(x, target, loss)
        grads[0][0, 1] = grads[0][1, 0]  # BUG: should be grads[0][0, 1]
        return grads
# --8<-- [end:copy_slip]


# --8<-- [start:bug]
@dataclass(frozen=True)
class Bug:
    """One entry of the gallery.

    Attributes
    ----------
    name : str
    description : str
        The slip, in one line.
    cls : type
        The `Network` subclass that makes it.
    corrupts : callable
        ``corrupts(net) -> iterable of (layer, row, column)``.
    """

    name: str
    description: str
    cls: type
    corrupts: Callable

    def make(self, net):
        """A broken copy of ``net``: same sizes, activations and weights (copied)."""
        return self.cls(net.sizes, list(net.activations), weights=net.weights,
                        weight_names=net.weight_names)

    def expected(self, net):
        """The set of ``(layer, row, column)`` a gradient check must flag."""
        return set(self.corrupts(net))
# --8<-- [end:bug]


# --8<-- [start:gallery]
def _every_weight(net, layers=None):
    layers = range(net.depth) if layers is None else layers
    return {(l, j, i) for l in layers for j in range(net.shapes[l][0])
            for i in range(net.shapes[l][1])}


def _bug(cls, corrupts):
    # SwappedInputs -> swapped_inputs
    name = re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()
    return name, Bug(name, cls.__doc__, cls, corrupts)


GALLERY = dict([
    _bug(SwappedInputs,
         lambda net: {(0, j, i) for j in range(net.sizes[1])
                      for i in _swapped(net.sizes[0])}),
    _bug(NoOutputDerivative, _every_weight),
    _bug(NoHiddenDerivative, lambda net: _every_weight(net, range(net.depth - 1))),
    _bug(IgnoresDeltaOut, lambda net: _every_weight(net, range(net.depth - 1))),
    _bug(WrongSign, _every_weight),
    _bug(OneOverN, _every_weight),
    _bug(SwappedHiddenOutputs,
         lambda net: {(net.depth - 1, k, i) for k in range(net.sizes[-1])
                      for i in _swapped(net.sizes[-2])}),
    _bug(DroppedBias,
         lambda net: {(l, j, net.sizes[l]) for l in range(net.depth)
                      for j in range(net.sizes[l + 1])}),
    _bug(CopySlip, lambda net: {(0, 0, 1)}),
])
# --8<-- [end:gallery]
