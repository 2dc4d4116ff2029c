r"""Exercise 6: check the hidden layer (docs/lesson4/hidden-layer.md).

Write the body of `check_hidden_layer` below, then check it with

    make exercise N=6

The page docs/exercises/hidden-layer.md states the task. fclesson's
``check_hidden_layer`` is the answer and has the same signature.
"""

from fclesson import losses  # noqa: F401 (for your solution)
from fclesson.report import Report, Row  # noqa: F401 (for your solution)


# --8<-- [start:check_hidden_layer]
def check_hidden_layer(net, x, h=1e-4, tol=1e-4):
    r"""Check every weight of the layers below the output layer, on one sample x.

    Backpropagation reaches a hidden neuron j through the output layer:

        delta_j = (sum_k delta_k w_kj) f'(net_j),  delta_k = dE/dy_k f'(net_k).

    Choose the loss and the output activation so that every delta_k is 1:
    with ``E = sum_k y_k`` (``losses.output_sum``, which needs no target, so
    pass ``target=None``) dE/dy_k = 1, and with a linear output activation
    f'(net_k) = 1. The hidden activations stay as they are.

    1. Work on a copy with a linear output layer, never on ``net`` itself:
       ``probe = net.copy(activations=net.activation_names[:-1] + ["linear"])``.
    2. Backpropagation: ``probe.gradients(x, None, loss=losses.output_sum)``.
    3. For every weight of ``probe.weights[layer]``, ``layer = 0 .. net.depth - 2``
       (code counts layers from 0; ``weights[0] = [[w31, w32, b3], [w41, w42, b4]]``
       in the gender network), row by row and column by column:
       the central difference ``(E(w + h) - E(w - h)) / (2 h)`` with
       ``E = probe.loss(x, None, loss=losses.output_sum)``, restoring the weight
       afterwards, and ``Row.compare(layer, row, column, backprop, numerical, tol)``.

    Parameters
    ----------
    net : fclesson.Network
        At least two layers; raise ``ValueError`` if ``net.depth < 2``
        (a single layer has no hidden layer).
    x : ndarray of shape (n_in,)
    h, tol : float
        Step of the central difference and tolerance, as in exercise 4.

    Returns
    -------
    fclesson.report.Report
        ``Report(rows=rows, h=h, tol=tol)``, the rows layer by layer, row by
        row, column by column.

    Hints
    -----
    Steps 2-3 of exercise 4 work for any layer: ``fclesson.numerical_gradient(
    probe, x, None, layer, row, column, losses.output_sum, h)`` does them for you.
    """
    raise NotImplementedError("Exercise 6: check the hidden layer (see the docstring)")
# --8<-- [end:check_hidden_layer]
