r"""Exercise 8: one loop with the real loss (docs/exercises/one-loop.md).

Replace the ``raise`` line of `check_gradients` with your code, then run

    make exercise N=8

fclesson's ``check_gradients`` is the answer, with the same signature.
"""

from fclesson import losses
from fclesson.report import Report, Row  # noqa: F401 (for your solution)


# --8<-- [start:check_gradients]
def check_gradients(net, x, target, loss=losses.mse, h=1e-4, tol=1e-4):
    r"""Check every weight of every layer, for any depth and any loss.

    For each weight w = ``net.weights[layer][row, column]``, with
    ``layer = 0 .. net.depth - 1`` (0 is the first hidden layer, the
    last one the output layer), compare

        backprop  = net.gradients(x, target, loss=loss)[layer][row, column]
        numerical = (E(w + h) - E(w - h)) / (2 h)

    where ``E = net.loss(x, target, loss=loss)``, with
    ``Row.compare(layer, row, column, backprop, numerical, tol)``.

    Exercise 7 checked the hidden layers with a loss of their own
    (delta_out = 1). Here every layer is checked with the real loss, so
    the hidden rows also depend on delta_out and the output layer's
    derivative.

    Parameters
    ----------
    net : fclesson.Network
        Any number of layers (``net.depth``), any activations.
    x : ndarray of shape (n_in,)
    target : ndarray of shape (n_out,), or None if the loss ignores it
    loss : fclesson.losses.Loss
    h, tol : float

    Returns
    -------
    fclesson.report.Report
        ``Report(rows=rows, h=h, tol=tol)``, one row per weight: layer
        by layer, row by row, column by column. The caller's network
        must be unchanged afterwards.

    Hints
    -----
    Compute the backprop gradients once, before the loops. Restore every
    weight you move (``try`` / ``finally``), or call
    ``fclesson.numerical_gradient(net, x, target, layer, row, column,
    loss, h)``, which does.
    """
    raise NotImplementedError("Exercise 8: write check_gradients")
# --8<-- [end:check_gradients]
