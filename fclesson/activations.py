r"""Activation functions ``y = f(net)``, each with its derivative ``f'(net)`` beside it.

Every derivative takes ``net`` (not ``y``), as in lesson 3's
$\delta_k = \frac{\partial E}{\partial y_k} f'(net_k)$. All functions work
elementwise on arrays of any shape and return new arrays.

``get(name)`` looks an activation up by name; it is how `fclesson.Network`
turns ``activations=["sigmoid", "sigmoid"]`` into functions.
"""

from dataclasses import dataclass
from typing import Callable

import numpy as np

__all__ = [
    "Activation",
    "get",
    "names",
    "sigmoid",
    "sigmoid_derivative",
    "linear",
    "linear_derivative",
    "tanh",
    "tanh_derivative",
    "relu",
    "relu_derivative",
]


# --8<-- [start:sigmoid]
def sigmoid(net):
    r"""Logistic function $f(net) = \frac{1}{1 + e^{-net}}$, values in (0, 1)."""
    net = np.asarray(net, dtype=np.float64)
    # for net << 0, e^{-net} overflows to inf and f = 0, as it should
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-net))


def sigmoid_derivative(net):
    r"""$f'(net) = f(net) (1 - f(net))$; at most 1/4, near 0 when $|net|$ is large."""
    y = sigmoid(net)
    return y * (1.0 - y)
# --8<-- [end:sigmoid]


# --8<-- [start:linear]
def linear(net):
    r"""Identity $f(net) = net$."""
    return np.array(net, dtype=np.float64)


def linear_derivative(net):
    r"""$f'(net) = 1$."""
    return np.ones_like(np.asarray(net, dtype=np.float64))
# --8<-- [end:linear]


# --8<-- [start:tanh]
def tanh(net):
    r"""Hyperbolic tangent $f(net) = \tanh(net)$, values in (-1, 1)."""
    return np.tanh(np.asarray(net, dtype=np.float64))


def tanh_derivative(net):
    r"""$f'(net) = 1 - \tanh^2(net)$."""
    return 1.0 - np.tanh(np.asarray(net, dtype=np.float64)) ** 2
# --8<-- [end:tanh]


# --8<-- [start:relu]
def relu(net):
    r"""Rectifier $f(net) = \max(0, net)$."""
    return np.maximum(np.asarray(net, dtype=np.float64), 0.0)


def relu_derivative(net):
    r"""$f'(net) = 1$ for $net > 0$, else 0.

    ReLU has no derivative at the kink ``net = 0``; this package uses
    ``relu'(0) = 0`` everywhere. A central difference taken exactly at the kink
    gives the slope 0.5 instead, so a gradient check there is a false alarm.
    """
    return (np.asarray(net, dtype=np.float64) > 0.0).astype(np.float64)
# --8<-- [end:relu]


# --8<-- [start:registry]
@dataclass(frozen=True)
class Activation:
    """An activation function with its derivative.

    Attributes
    ----------
    name : str
        The name ``get`` knows it by.
    f : callable
        ``y = f(net)``, elementwise.
    derivative : callable
        ``f'(net)``, elementwise, a function of ``net``.
    """

    name: str
    f: Callable
    derivative: Callable

    def __call__(self, net):
        return self.f(net)


_REGISTRY = {
    activation.name: activation
    for activation in (
        Activation("sigmoid", sigmoid, sigmoid_derivative),
        Activation("linear", linear, linear_derivative),
        Activation("tanh", tanh, tanh_derivative),
        Activation("relu", relu, relu_derivative),
    )
}


def names():
    """Names of the known activations, sorted."""
    return sorted(_REGISTRY)


def get(name):
    """Return the `Activation` called ``name``.

    An `Activation` passed in is returned unchanged.

    Raises
    ------
    ValueError
        If no activation has that name; the message lists the known names.
    """
    if isinstance(name, Activation):
        return name
    try:
        return _REGISTRY[name]
    except (KeyError, TypeError):
        raise ValueError(
            f"unknown activation {name!r}; known activations: {', '.join(names())}"
        ) from None
# --8<-- [end:registry]
