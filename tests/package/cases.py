"""Shared test data: the course's 2-2-1 case and random networks for hypothesis."""

import numpy as np
from hypothesis import strategies as st

from fclesson import Network, losses

ACTIVATIONS = ["sigmoid", "linear", "tanh", "relu"]
LOSSES = {"mse": losses.mse, "output_sum": losses.output_sum}

# the course's gradient-check sample
X = np.array([-2.0, -1.0])
T = np.array([1.0])


def gender_net(seed=0):
    return Network([2, 2, 1], activations=["sigmoid", "sigmoid"], seed=seed)


@st.composite
def random_cases(draw, min_depth=1, max_depth=4):
    """(net, x, target, loss name): depth 1-4, widths 1-6, any activation, any loss."""
    depth = draw(st.integers(min_depth, max_depth))
    sizes = draw(st.lists(st.integers(1, 6), min_size=depth + 1, max_size=depth + 1))
    activations = draw(st.lists(st.sampled_from(ACTIVATIONS), min_size=depth, max_size=depth))
    loss_name = draw(st.sampled_from(sorted(LOSSES)))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    net = Network(sizes, activations, seed=seed)
    x = rng.normal(size=sizes[0])
    target = rng.uniform(size=sizes[-1])
    return net, x, target, loss_name


def far_from_kinks(net, x, margin=1e-2):
    """True when no ReLU neuron has |net| < margin (a kink has no derivative)."""
    nets, _ = net.propagate(x)
    return all(
        np.all(np.abs(layer_net) > margin)
        for layer_net, name in zip(nets, net.activation_names)
        if name == "relu"
    )


def flaky_mse(fail_on_call):
    """The MSE (with its 1/n for a batch), raising on call ``fail_on_call`` of E."""
    calls = {"n": 0}

    def value(y, t):
        calls["n"] += 1
        if calls["n"] == fail_on_call:
            raise RuntimeError(f"loss failed on call {fail_on_call}")
        return losses.mse._value(y, t)

    return losses.Loss("flaky_mse", value, losses.mse._derivative)


class Fragile(Network):
    """A network whose forward pass raises on its third call (E(w + h), weight 2)."""

    calls = 0  # each network counts its own calls, from 0

    def forward(self, x):
        self.calls += 1
        if self.calls == 3:  # during E(w + h) of the second weight
            raise FloatingPointError("forward failed")
        return super().forward(x)
