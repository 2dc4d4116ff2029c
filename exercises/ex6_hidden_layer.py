r"""Exercise 6: check the hidden layer (docs/exercises/hidden-layer.md).

Replace the ``raise`` line of `check_hidden_layer` with your code, then run

    make exercise N=6

fclesson's ``check_hidden_layer`` is the answer, with the same signature.
"""

from fclesson import losses  # noqa: F401 (for your solution)
from fclesson.report import Report, Row  # noqa: F401 (for your solution)


# --8<-- [start:check_hidden_layer]
def check_hidden_layer(net, x, h=1e-4, tol=1e-4):
    r"""Check every weight below the output layer, on one sample x.

    Backpropagation reaches a hidden neuron j through the output layer:

        delta_j = (sum_k delta_k w_kj) f'(net_j),
        delta_k = dE/dy_k f'(net_k).

    Make every delta_k equal to 1: the loss E = sum_k y_k
    (``losses.output_sum``, which needs no target: pass None) has
    dE/dy_k = 1, and a linear output activation has f'(net_k) = 1.
    The hidden activations stay as they are.

    1. Work on a copy with a linear output layer, never on ``net``:
       ``probe = net.copy(activations=net.activation_names[:-1]
       + ["linear"])``.
    2. Backpropagation: ``probe.gradients(x, None, loss=losses.output_sum)``.
    3. For every weight of ``probe.weights[layer]``, for
       ``layer = 0 .. net.depth - 2``, row by row, column by column:
       the central difference (E(w + h) - E(w - h)) / (2 h) with
       ``E = probe.loss(x, None, loss=losses.output_sum)``, the weight
       put back afterwards, and
       ``Row.compare(layer, row, column, backprop, numerical, tol)``.
       (The code counts layers from 0; in the gender network
       ``weights[0] = [[w31, w32, b3], [w41, w42, b4]]``.)

    Parameters
    ----------
    net : fclesson.Network
        At least two layers: raise ``ValueError`` if ``net.depth < 2``.
    x : ndarray of shape (n_in,)
    h, tol : float
        Step of the central difference and tolerance, as in exercise 4.

    Returns
    -------
    fclesson.report.Report
        ``Report(rows=rows, h=h, tol=tol)``, the rows layer by layer,
        row by row, column by column.

    Hints
    -----
    ``fclesson.numerical_gradient(probe, x, None, layer, row, column,
    losses.output_sum, h)`` does steps 2-3 of exercise 4 for any layer.
    """
    raise NotImplementedError("Exercise 6: write check_hidden_layer")
# --8<-- [end:check_hidden_layer]
