"""Activation functions y = f(net), each with its derivative f'(net) beside it."""

import numpy as np


# --8<-- [start:sigmoid]
def sigmoid(net):
    return 1 / (1 + np.exp(-net))


def sigmoid_derivative(net):
    y = sigmoid(net)
    return y * (1 - y)  # f'(net) = f(net) (1 - f(net))
# --8<-- [end:sigmoid]


# --8<-- [start:linear]
def linear(net):
    return net


def linear_derivative(net):
    return np.ones_like(net)  # f'(net) = 1
# --8<-- [end:linear]


# --8<-- [start:tanh]
def tanh(net):
    return np.tanh(net)


def tanh_derivative(net):
    return 1 - np.tanh(net) ** 2
# --8<-- [end:tanh]


# --8<-- [start:relu]
def relu(net):
    return np.maximum(net, 0)


def relu_derivative(net):
    return (net > 0).astype(float)  # 0 at net = 0
# --8<-- [end:relu]


# --8<-- [start:activations]
ACTIVATIONS = {  # name: (f, f')
    "sigmoid": (sigmoid, sigmoid_derivative),
    "linear": (linear, linear_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
}
# --8<-- [end:activations]
