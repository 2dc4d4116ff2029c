r"""Exercise 7: check the whole network (docs/lesson4/whole-network.md).

Write the body of `check_gradients` below, then check it with

    make exercise N=7

The page docs/exercises/whole-network.md states the task. fclesson's
``check_gradients`` is the answer and has the same signature.
"""

from fclesson import losses
from fclesson.report import Report, Row  # noqa: F401 (for your solution)


# --8<-- [start:check_gradients]
def check_gradients(net, x, target, loss=losses.mse, h=1e-4, tol=1e-4):
    r"""Check every weight of every layer of ``net``, for any depth and any loss.

    For each weight w = ``net.weights[layer][row, column]``, with
    ``layer = 0 .. net.depth - 1`` (0 is the first hidden layer, the last one
    the output layer), compare

        backprop  = net.gradients(x, target, loss=loss)[layer][row, column]
        numerical = (E(w + h) - E(w - h)) / (2 h),  E = net.loss(x, target, loss=loss)

    with ``Row.compare(layer, row, column, backprop, numerical, tol)``.

    Exercises 5 and 6 checked the output layer with the real loss, and the
    hidden layers with a special loss. Here every layer is checked with the
    real loss: backpropagation must be right all the way down.

    Parameters
    ----------
    net : fclesson.Network
        Any number of layers (``net.depth``), any activations.
    x : ndarray of shape (n_in,)
    target : ndarray of shape (n_out,), or None for a loss that ignores it
    loss : fclesson.losses.Loss
    h, tol : float

    Returns
    -------
    fclesson.report.Report
        ``Report(rows=rows, h=h, tol=tol)``, one row per weight, layer by
        layer, row by row, column by column. The caller's network must be
        unchanged afterwards.

    Hints
    -----
    Compute the backprop gradients once, before the loops. Restore every
    weight you perturb (``try`` / ``finally``), or use
    ``fclesson.numerical_gradient(net, x, target, layer, row, column, loss, h)``.
    """
    raise NotImplementedError("Exercise 7: check every weight of the network (see the docstring)")
# --8<-- [end:check_gradients]
