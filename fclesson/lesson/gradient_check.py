r"""Lesson 4's gradient check: backpropagation against the central difference.

$\partial E / \partial w_{ji}$ is a derivative, so it can be estimated
without backpropagation:

$$
\frac{\partial E}{\partial w_{ji}} \approx
\frac{E(w_{ji} + h) - E(w_{ji} - h)}{2h}
$$

A weight passes when the two differ by less than ``tol`` (1e-4). Every
function puts each weight it moves back as it was.
"""

from collections import namedtuple

from .language import words

# --8<-- [start:check]
# What the check of one weight found; error = |backprop - numerical|.
Check = namedtuple("Check", "name backprop numerical error passed")
# --8<-- [end:check]


# --8<-- [start:numerical_gradient]
def numerical_gradient(network, x, t, layer, row, column, loss="mse", h=1e-4):
    """dE/dw for w = weights[layer][row, column], from E(w + h) and E(w - h)."""
    W = network.weights[layer]
    w = W[row, column]
    try:
        W[row, column] = w + h
        E_plus = network.loss(x, t, loss)  # E(w + h)
        W[row, column] = w - h
        E_minus = network.loss(x, t, loss)  # E(w - h)
    finally:
        W[row, column] = w  # the weight as it was, even after an error
    return (E_plus - E_minus) / (2 * h)
# --8<-- [end:numerical_gradient]


# --8<-- [start:check_weight]
def check_weight(network, x, t, layer, row, column, loss="mse", h=1e-4, tol=1e-4):
    """Steps 1-4 for one weight w = weights[layer][row, column]."""
    # 1. forward and backward on the sample: backpropagation's dE/dw
    backprop = network.gradients(x, t, loss)[layer][row, column]
    # 2-3. E(w + h) and E(w - h): the central difference
    numerical = numerical_gradient(network, x, t, layer, row, column, loss, h)
    # 4. compare: the error must be below tol
    error = abs(backprop - numerical)
    name = network.name(layer, row, column)
    return Check(name, backprop, numerical, error, error < tol)
# --8<-- [end:check_weight]


# --8<-- [start:check_output_weight]
def check_output_weight(network, x, t, row, column, h=1e-4, tol=1e-4):
    """Steps 1-4 for the weight w_kj = W[row, column] of the output layer."""
    output = len(network.weights) - 1
    return check_weight(network, x, t, output, row, column, "mse", h, tol)
# --8<-- [end:check_output_weight]


# --8<-- [start:check_layer]
def check_layer(network, x, t, layer, loss="mse", h=1e-4, tol=1e-4):
    """Step 5: every weight of every neuron of one layer."""
    rows, columns = network.weights[layer].shape
    return [check_weight(network, x, t, layer, row, column, loss, h, tol)
            for row in range(rows) for column in range(columns)]
# --8<-- [end:check_layer]


# --8<-- [start:check_output_layer]
def check_output_layer(network, x, t, h=1e-4, tol=1e-4):
    """Every weight of the output layer, with the real loss."""
    return check_layer(network, x, t, len(network.weights) - 1, "mse", h, tol)
# --8<-- [end:check_output_layer]


# --8<-- [start:check_hidden_layer]
def check_hidden_layer(network, x, h=1e-4, tol=1e-4):
    """Every weight below the output layer, with E = sum_k y_k and a linear
    output layer: then delta_out = 1 * 1, whatever the output code does."""
    probe = network.copy(activations=network.activations[:-1] + ["linear"])
    checks = []
    for layer in range(len(network.weights) - 1):
        checks += check_layer(probe, x, None, layer, "output_sum", h, tol)
    return checks
# --8<-- [end:check_hidden_layer]


# --8<-- [start:check_layer_by_layer]
def check_layer_by_layer(network, x, t, h=1e-4, tol=1e-4):
    """The hidden layers as above, then the output layer with the real loss."""
    hidden = check_hidden_layer(network, x, h, tol)
    return hidden + check_output_layer(network, x, t, h, tol)
# --8<-- [end:check_layer_by_layer]


# --8<-- [start:check_every_weight]
def check_every_weight(network, x, t, h=1e-4, tol=1e-4):
    """Every weight of every layer, with the real loss: backpropagation as
    training uses it."""
    checks = []
    for layer in range(len(network.weights)):
        checks += check_layer(network, x, t, layer, "mse", h, tol)
    return checks
# --8<-- [end:check_every_weight]


# --8<-- [start:print_checks]
def print_checks(checks):
    """One line per weight: its name and the verdict first, then the numbers."""
    print(words("weight  result     backprop    numerical    error"))
    for check in checks:
        result = words("pass  ") if check.passed else words("FAIL  ")
        print(f"{check.name:>6}  {result}  {check.backprop:11.8f}  "
              f"{check.numerical:11.8f}  {check.error:7.1e}")
# --8<-- [end:print_checks]
