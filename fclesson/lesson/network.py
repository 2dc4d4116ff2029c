"""A fully-connected network in lesson 3's matrix form, for one sample.

Layer ``l`` has a matrix ``W = weights[l]`` with one row per neuron and one
column per input, the last column holding the biases; for the gender network

    weights[0] = [[w31, w32, b3],        weights[1] = [[w53, w54, b5]]
                  [w41, w42, b4]]

The code counts layers from 0 at the first hidden layer: ``net[l]``,
``delta[l]`` and ``weights[l]`` belong to layer ``l``, and ``y[l]`` is its
input (``y[0] = x``; ``y[-1]`` is the network's output).
"""

import numpy as np

from .activations import ACTIVATIONS
from .losses import LOSSES


# --8<-- [start:network]
class Network:
    """``weights``: one matrix per layer; ``activations``: one name per layer
    (a key of ``ACTIVATIONS``); ``names``: the course's name of each weight,
    ``{(layer, row, column): "w31", ...}``, or None."""

    def __init__(self, weights, activations, names=None):
        self.weights = [np.array(W, dtype=float) for W in weights]
        self.activations = list(activations)
        self.names = names
    # --8<-- [end:network]

    # --8<-- [start:forward]
    def propagate(self, x):
        """net and y of every layer, from y[0] = x."""
        net, y = [], [np.asarray(x, dtype=float)]
        for W, name in zip(self.weights, self.activations):
            f = ACTIVATIONS[name][0]
            net.append(W @ np.append(y[-1], 1))  # net = W [y; 1]
            y.append(f(net[-1]))  # y = f(net)
        return net, y

    def forward(self, x):
        """The output y of the network."""
        return self.propagate(x)[1][-1]
    # --8<-- [end:forward]

    # --8<-- [start:backward]
    def backward(self, net, dE_dy):
        """The error terms delta = dE/dnet of every layer."""
        f_prime = [ACTIVATIONS[name][1] for name in self.activations]
        delta = [None] * len(self.weights)
        delta[-1] = dE_dy * f_prime[-1](net[-1])  # output layer
        for l in reversed(range(len(self.weights) - 1)):
            W_next = self.weights[l + 1][:, :-1]  # without the bias column
            delta[l] = (W_next.T @ delta[l + 1]) * f_prime[l](net[l])  # hidden layer
        return delta
    # --8<-- [end:backward]

    # --8<-- [start:gradients]
    def gradients(self, x, t, loss="mse"):
        """dE/dW of every layer, by backpropagation: dE/dw_ji = delta_j y_i."""
        dE_dy = LOSSES[loss][1]
        net, y = self.propagate(x)
        delta = self.backward(net, dE_dy(y[-1], t))
        return [np.outer(d, np.append(y_l, 1)) for d, y_l in zip(delta, y)]
    # --8<-- [end:gradients]

    # --8<-- [start:loss]
    def loss(self, x, t, loss="mse"):
        """E on the sample (x, t)."""
        E = LOSSES[loss][0]
        return E(self.forward(x), t)
    # --8<-- [end:loss]

    # --8<-- [start:copy]
    def copy(self, activations=None):
        """A network with copies of the weights (and other activations, if given)."""
        return type(self)(self.weights, activations or self.activations, self.names)

    def name(self, layer, row, column):
        """The course's name of a weight, or its place in ``weights``."""
        if self.names and (layer, row, column) in self.names:
            return self.names[layer, row, column]
        return f"weights[{layer}][{row}, {column}]"
    # --8<-- [end:copy]
