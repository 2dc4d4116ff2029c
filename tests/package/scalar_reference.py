"""An independent reference for the tests: lesson 2's per-neuron loops, no matrix code.

Weights are plain nested lists, ``W[j][i]`` the weight from input i to neuron j
and ``W[j][-1]`` the bias b_j, exactly the layout of ``Network.weights``. Every
sum is written out neuron by neuron, so nothing here shares code with the
package's vectorised forward and backward passes.
"""

import math


def _sigmoid(v):
    return 1.0 / (1.0 + math.exp(-v))


# name -> (f, f') as scalar functions of net
SCALAR = {
    "sigmoid": (_sigmoid, lambda v: _sigmoid(v) * (1.0 - _sigmoid(v))),
    "linear": (lambda v: v, lambda v: 1.0),
    "tanh": (math.tanh, lambda v: 1.0 - math.tanh(v) ** 2),
    "relu": (lambda v: v if v > 0 else 0.0, lambda v: 1.0 if v > 0 else 0.0),
}


def forward(weights, activations, x):
    """Per-layer lists ``nets[l][j]`` and ``ys[l][i]`` (``ys[0]`` is x)."""
    ys = [[float(v) for v in x]]
    nets = []
    for W, name in zip(weights, activations):
        f = SCALAR[name][0]
        layer_net = []
        for j in range(len(W)):
            s = float(W[j][-1])  # b_j
            for i in range(len(ys[-1])):
                s += float(W[j][i]) * ys[-1][i]  # w_ji * y_i
            layer_net.append(s)
        nets.append(layer_net)
        ys.append([f(s) for s in layer_net])
    return nets, ys


def loss_value(loss_name, y, t):
    """E for one sample (n = 1)."""
    if loss_name == "mse":
        return sum((t[k] - y[k]) ** 2 for k in range(len(y)))
    return sum(y)


def loss_derivative(loss_name, y, t):
    """dE/dy_k for one sample."""
    if loss_name == "mse":
        return [-2.0 * (t[k] - y[k]) for k in range(len(y))]
    return [1.0 for _ in y]


def gradients(weights, activations, x, t, loss_name):
    """dE/dw_ji for every weight, as nested lists shaped like the weights."""
    nets, ys = forward(weights, activations, x)
    depth = len(weights)
    dE_dy = loss_derivative(loss_name, ys[-1], t)
    deltas = [None] * depth
    f_prime = SCALAR[activations[-1]][1]
    deltas[-1] = [dE_dy[k] * f_prime(nets[-1][k]) for k in range(len(nets[-1]))]
    for l in range(depth - 2, -1, -1):
        f_prime = SCALAR[activations[l]][1]
        W_next = weights[l + 1]
        layer_delta = []
        for j in range(len(nets[l])):
            s = 0.0
            for k in range(len(W_next)):
                s += deltas[l + 1][k] * float(W_next[k][j])  # delta_k w_kj
            layer_delta.append(s * f_prime(nets[l][j]))
        deltas[l] = layer_delta
    grads = []
    for l in range(depth):
        layer_grad = []
        for j in range(len(deltas[l])):
            row = [deltas[l][j] * ys[l][i] for i in range(len(ys[l]))]
            row.append(deltas[l][j])  # the bias sees the constant input 1
            layer_grad.append(row)
        grads.append(layer_grad)
    return grads
