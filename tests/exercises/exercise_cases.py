"""Test data of the exercises: the lesson's network and sample, broken networks, references.

The exercises mirror the lesson's code, fclesson.lesson: a student's function
is compared with the lesson's answer, and with references computed here
without it. Positions are ``(layer, row, column)`` with 0-based layers as in
``network.weights``. For the 2-2-1 gender network: layer 0 is
[[w31, w32, b3], [w41, w42, b4]], layer 1 is [[w53, w54, b5]].
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from fclesson.lesson import ACTIVATIONS, LOSSES, Check, Network, gender

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


X = np.array(gender.CHECK_X)  # the course's check sample (-2, -1) ...
T = np.array(gender.CHECK_TARGET)  # ... labelled female (1)

HIDDEN = {"w31", "w32", "b3", "w41", "w42", "b4"}
OUTPUT = {"w53", "w54", "b5"}


def lesson_network():
    """The gender network, sigmoid on both layers, the weights of seed 0."""
    return gender.network(seed=0)


def random_weights(sizes, seed):
    """One matrix per layer, (neurons, inputs + 1), as gender.network draws them."""
    rng = np.random.default_rng(seed)
    shapes = [(n_out, n_in + 1) for n_in, n_out in zip(sizes, sizes[1:])]
    return [rng.standard_normal(shape) / np.sqrt(shape[1]) for shape in shapes]


def deep_network(cls=Network):
    """A 3-4-3-2 network with two different activations (no course names)."""
    return cls(random_weights([3, 4, 3, 2], seed=7), ["tanh", "sigmoid", "sigmoid"])


DEEP_X = np.array([0.5, -1.0, 0.25])
DEEP_T = np.array([1.0, 0.0])

SMOOTH = ["sigmoid", "tanh", "linear"]
RANDOM_SEEDS = range(6)


def random_case(seed):
    """A network of 1 to 3 layers, random sizes and activations, and a sample (x, t)."""
    rng = np.random.default_rng(1000 + seed)
    sizes = [int(n) for n in rng.integers(1, 5, size=2 + seed % 3)]
    activations = [str(a) for a in rng.choice(SMOOTH, size=len(sizes) - 1)]
    x, t = rng.standard_normal(sizes[0]), rng.uniform(size=sizes[-1])
    return Network(random_weights(sizes, seed), activations), x, t


def random_id(seed):
    network, _, _ = random_case(seed)
    sizes = [W.shape[1] - 1 for W in network.weights] + [network.weights[-1].shape[0]]
    return "-".join(map(str, sizes)) + ":" + ",".join(network.activations)


def positions(network, layers):
    """Every (layer, row, column) of ``layers``, in the order a check lists them."""
    return [
        (layer, row, column)
        for layer in layers
        for row in range(network.weights[layer].shape[0])
        for column in range(network.weights[layer].shape[1])
    ]


def names(checks):
    return [check.name for check in checks]


def failing(checks):
    return {check.name for check in checks if not check.passed}


def snapshot(network):
    """Copies of the weights, to see that a check left the network unchanged."""
    return [W.copy() for W in network.weights]


def same_weights(network, weights):
    return all(np.array_equal(W, V) for W, V in zip(network.weights, weights))


def loss_value(network, x, t, loss="mse"):
    """E on (x, t), from the forward pass and the lesson's loss, by their formulas."""
    return LOSSES[loss][0](Network(network.weights, network.activations).forward(x), t)


def central(network, x, t, layer, row, column, loss="mse", h=1e-4):
    """An independent central difference, on copies of ``network``."""
    values = []
    for step in (h, -h):
        probe = Network(network.weights, network.activations)
        probe.weights[layer][row, column] += step
        values.append(LOSSES[loss][0](probe.forward(x), t))
    return (values[0] - values[1]) / (2 * h)


def linear_output(network):
    """The hidden-layer check's network: the same, with a linear output layer."""
    return Network(network.weights, network.activations[:-1] + ["linear"], network.names)


def reference(network, x, t, layer, row, column, loss="mse", h=1e-4, tol=1e-4):
    """The Check of one weight, from ``network.gradients`` and an independent
    central difference (``network`` may be broken: its gradients are the ones
    checked)."""
    backprop = network.gradients(x, t, loss)[layer][row, column]
    numerical = central(network, x, t, layer, row, column, loss, h)
    error = abs(backprop - numerical)
    return Check(network.name(layer, row, column), backprop, numerical, error, error < tol)


def assert_same_checks(mine, expected):
    """``mine`` holds the Checks ``expected`` holds, in the same order.

    backprop to 1e-12 (both come from ``network.gradients``), the central
    difference to 1e-10 (E may be summed in another order), and each verdict
    from its own error.
    """
    assert isinstance(mine, list), f"return a list of Checks, not {type(mine).__name__}"
    assert names(mine) == names(expected), "one Check per weight, layer by layer, row by row"
    for check, other in zip(mine, expected):
        assert isinstance(check, Check), f"{check.name}: return a fclesson.lesson.Check"
        assert abs(check.backprop - other.backprop) < 1e-12, f"{check.name}: backprop"
        assert abs(check.numerical - other.numerical) < 1e-10, f"{check.name}: numerical"
        assert check.error == abs(check.backprop - check.numerical), f"{check.name}: error"
        assert check.passed == other.passed, f"{check.name}: passed"


# Broken backpropagation: each class overrides gradients or backward the way a
# real bug would, and keeps its bug in the copy the hidden-layer check makes.
# ``wrong``: the weights whose gradient the bug corrupts, which a check of every
# weight with the real loss (check_every_weight) flags, no more, no fewer.
# ``layer_by_layer``: the weights the lesson's integrated check
# (check_layer_by_layer) flags, its hidden rows computed with delta_out = 1.


class Broken(Network):
    """The lesson's network with a bug; the checks' copies keep the bug."""

    wrong = set()
    layer_by_layer = set()

    def copy(self, activations=None):
        return type(self)(self.weights, activations or self.activations, self.names)


def f_prime(network, layer):
    return ACTIVATIONS[network.activations[layer]][1]


class SwappedHiddenOutputs(Broken):
    """The output neuron's gradient takes (y4, y3): y3 lands on w54 and y4 on w53."""

    wrong = {"w53", "w54"}
    layer_by_layer = wrong

    def gradients(self, x, t, loss="mse"):
        dE_dW = super().gradients(x, t, loss)
        dE_dW[-1][:, [0, 1]] = dE_dW[-1][:, [1, 0]]
        return dE_dW


class SwappedInputs(Broken):
    """Forward uses (x1, x2); backward takes them the other way round."""

    wrong = {"w31", "w32", "w41", "w42"}
    layer_by_layer = wrong

    def gradients(self, x, t, loss="mse"):
        net, y = self.propagate(x)
        delta = self.backward(net, LOSSES[loss][1](y[-1], t))
        inputs = [y[0][::-1]] + y[1:-1]
        return [np.outer(d, np.append(y_l, 1)) for d, y_l in zip(delta, inputs)]


class CopySlip(Broken):
    """The gradient of w32 is written from w41's value (a copy-paste slip)."""

    wrong = {"w32"}
    layer_by_layer = wrong

    def gradients(self, x, t, loss="mse"):
        dE_dW = super().gradients(x, t, loss)
        dE_dW[0][0, 1] = dE_dW[0][1, 0]
        return dE_dW


class NoHiddenDerivative(Broken):
    """delta_hidden = W_out^T delta_out: the factor f'(net_hidden) forgotten."""

    wrong = HIDDEN
    layer_by_layer = wrong

    def backward(self, net, dE_dy):
        delta = super().backward(net, dE_dy)
        delta[0] = self.weights[1][:, :-1].T @ delta[1]
        return delta


class NoOutputDerivative(Broken):
    """delta_out = dE/dy: the factor f'(net_out) forgotten (every layer inherits it)."""

    wrong = HIDDEN | OUTPUT
    layer_by_layer = OUTPUT  # the hidden rows use a linear output: f'(net_out) = 1

    def backward(self, net, dE_dy):
        # the lesson's backward multiplies by f'(net_out): divided here, it is gone
        return super().backward(net, dE_dy / f_prime(self, -1)(net[-1]))


class IgnoresDeltaOut(Broken):
    """delta_hidden = (W_out^T 1) f'(net_hidden): delta_out replaced by ones."""

    wrong = HIDDEN
    layer_by_layer = set()  # with delta_out = 1 the slip changes nothing

    def backward(self, net, dE_dy):
        delta = super().backward(net, dE_dy)
        ones = np.ones_like(delta[1])
        delta[0] = (self.weights[1][:, :-1].T @ ones) * f_prime(self, 0)(net[0])
        return delta


class OffsetOutputBias(Broken):
    """The gradient of b5 is off by exactly ``offset``."""

    offset = 0.01

    def gradients(self, x, t, loss="mse"):
        dE_dW = super().gradients(x, t, loss)
        dE_dW[-1][0, -1] += self.offset
        return dE_dW


BUGS = [
    SwappedHiddenOutputs,
    SwappedInputs,
    CopySlip,
    NoHiddenDerivative,
    NoOutputDerivative,
    IgnoresDeltaOut,
]


def broken(cls):
    """The lesson's network (seed 0) with the bug of ``cls``."""
    network = lesson_network()
    return cls(network.weights, network.activations, network.names)


def raising_network(position):
    """The lesson's network, except that E raises RuntimeError while the weight at
    ``position`` is moved: a check must still put it back."""
    layer, row, column = position
    original = float(lesson_network().weights[layer][row, column])

    class RaisesWhenMoved(Broken):
        def propagate(self, x):
            if self.weights[layer][row, column] != original:
                raise RuntimeError("E cannot be computed here")
            return super().propagate(x)

    return broken(RaisesWhenMoved)
