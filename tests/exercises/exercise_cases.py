"""Test data of the exercises: the lesson's network and sample, broken networks, references.

Positions are ``(layer, row, column)`` with 0-based layers as in ``net.weights``.
For the 2-2-1 gender network: layer 0 is [[w31, w32, b3], [w41, w42, b4]],
layer 1 is [[w53, w54, b5]].
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from fclesson import Network, gender, losses
from fclesson.losses import Loss

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Exercise:
    """What a test module checks: exercise ``number``, its skeleton file and functions.

    tests/exercises/conftest.py runs the module's tests against ``answer`` and
    against the reader's file (``skeleton``, or ``--exercise-file``).
    """

    number: int
    skeleton: str  # relative to the repository root
    answer: object  # a module or namespace holding the answer's functions
    names: tuple  # the functions the reader writes


X = np.array(gender.CHECK_X)  # the course's check sample [-2, -1] ...
T = np.array(gender.CHECK_TARGET)  # ... labelled female (1)

HIDDEN = {(0, j, i) for j in range(2) for i in range(3)}
OUTPUT = {(1, 0, i) for i in range(3)}


def lesson_net():
    """The gender network, sigmoid on both layers, the weights of seed 0."""
    return gender.network(seed=0)


def deep_net(cls=Network):
    """A 3-4-3-2 network with three different activations."""
    return cls([3, 4, 3, 2], activations=["tanh", "sigmoid", "sigmoid"], seed=7)


DEEP_X = np.array([0.5, -1.0, 0.25])
DEEP_T = np.array([1.0, 0.0])


def positions(net, layers):
    """Every (layer, row, column) of ``layers``, in the order a report lists them."""
    return [
        (layer, row, column)
        for layer in layers
        for row in range(net.shapes[layer][0])
        for column in range(net.shapes[layer][1])
    ]


def failing(report):
    return {(row.layer, row.row, row.column) for row in report.rows if not row.passed}


def snapshot(net):
    """Copies of the weights, to see that a check left the network unchanged."""
    return [W.copy() for W in net.weights]


def same_weights(net, weights):
    return all(np.array_equal(W, V) for W, V in zip(net.weights, weights))


def central(net, x, target, layer, row, column, loss=losses.mse, h=1e-4):
    """An independent central difference, on copies of ``net``."""
    values = []
    for step in (h, -h):
        probe = net.copy()
        probe.weights[layer][row, column] += step
        values.append(loss.value(probe.forward(x), target))
    return (values[0] - values[1]) / (2 * h)


def raising_loss(net, layer, row, column):
    """The MSE, except that E raises RuntimeError while the weight is perturbed."""
    original = float(net.weights[layer][row, column])

    def value(y, t):
        if net.weights[layer][row, column] != original:
            raise RuntimeError("E cannot be computed here")
        return np.sum((t - y) ** 2)

    return Loss("raising_mse", value, lambda y, t: -2.0 * (t - y))


def with_bias(y):
    return np.append(y, 1.0)


# Broken backpropagation: each class overrides gradients or backward the way a
# real bug would. ``wrong``: the weights whose gradient the bug corrupts, which a
# check of every weight with the real loss (check_gradients) flags, no more, no
# fewer. ``layer_by_layer``: the rows the lesson's integrated check
# (check_layer_by_layer) flags, its hidden rows computed with delta_out = 1.


class SwappedHiddenOutputs(Network):
    """The output neuron's gradient takes (y4, y3): y3 lands on w54 and y4 on w53."""

    wrong = {(1, 0, 0), (1, 0, 1)}
    layer_by_layer = wrong

    def gradients(self, x, target, loss=losses.mse):
        grads = super().gradients(x, target, loss)
        grads[-1][:, [0, 1]] = grads[-1][:, [1, 0]]
        return grads


class SwappedInputs(Network):
    """Forward uses (x1, x2); backward takes them the other way round."""

    wrong = {(0, 0, 0), (0, 0, 1), (0, 1, 0), (0, 1, 1)}
    layer_by_layer = wrong

    def gradients(self, x, target, loss=losses.mse):
        net, y = self.propagate(x)
        delta = self.backward(net, loss.derivative(y[-1], target))
        inputs = [with_bias(y[0][::-1])] + [with_bias(v) for v in y[1:-1]]
        return [np.outer(d, a) for d, a in zip(delta, inputs)]


class CopySlip(Network):
    """The gradient of w32 is written from w41's value (a copy-paste slip)."""

    wrong = {(0, 0, 1)}
    layer_by_layer = wrong

    def gradients(self, x, target, loss=losses.mse):
        grads = super().gradients(x, target, loss)
        grads[0][0, 1] = grads[0][1, 0]
        return grads


class NoHiddenDerivative(Network):
    """delta_hidden = W_out^T delta_out: the factor f'(net_hidden) forgotten."""

    wrong = HIDDEN
    layer_by_layer = wrong

    def backward(self, net, dE_dy):
        delta = [None] * self.depth
        delta[-1] = dE_dy * self.activations[-1].derivative(net[-1])
        for l in range(self.depth - 2, -1, -1):
            delta[l] = self.weights[l + 1][:, :-1].T @ delta[l + 1]
        return delta


class NoOutputDerivative(Network):
    """delta_out = dE/dy: the factor f'(net_out) forgotten (every layer inherits it)."""

    wrong = HIDDEN | OUTPUT
    layer_by_layer = OUTPUT  # the hidden rows use a linear output: f'(net_out) = 1

    def backward(self, net, dE_dy):
        delta = [None] * self.depth
        delta[-1] = np.array(dE_dy, dtype=float)
        for l in range(self.depth - 2, -1, -1):
            W_next = self.weights[l + 1][:, :-1]
            delta[l] = (W_next.T @ delta[l + 1]) * self.activations[l].derivative(net[l])
        return delta


class IgnoresDeltaOut(Network):
    """delta_hidden = (W_out^T 1) f'(net_hidden): delta_out replaced by ones (2-2-1)."""

    wrong = HIDDEN
    layer_by_layer = set()  # with delta_out = 1 the slip changes nothing

    def backward(self, net, dE_dy):
        delta = super().backward(net, dE_dy)
        ones = np.ones_like(delta[-1])
        W_out = self.weights[-1][:, :-1]
        delta[-2] = (W_out.T @ ones) * self.activations[-2].derivative(net[-2])
        return delta


class OffsetOutputBias(Network):
    """The gradient of b5 is off by exactly ``offset``."""

    offset = 0.01

    def gradients(self, x, target, loss=losses.mse):
        grads = super().gradients(x, target, loss)
        grads[-1][0, -1] += self.offset
        return grads


BUGS = [
    SwappedHiddenOutputs,
    SwappedInputs,
    CopySlip,
    NoHiddenDerivative,
    NoOutputDerivative,
    IgnoresDeltaOut,
]


def broken(cls, seed=0):
    """The lesson's network with the bug of ``cls``."""
    return cls([2, 2, 1], activations=["sigmoid", "sigmoid"], seed=seed)
