r"""Exercise 7: the whole network, layer by layer (docs/exercises/layer-by-layer.md).

Replace the ``raise`` line of `check_layer_by_layer` with your code, then run

    make exercise N=7

fclesson's ``check_layer_by_layer`` is the answer, with the same signature.
"""

from fclesson import check_hidden_layer, check_output_layer, losses  # noqa: F401
from fclesson.report import Report  # noqa: F401 (your solution returns one)


# --8<-- [start:check_layer_by_layer]
def check_layer_by_layer(net, x, target, loss=losses.mse, h=1e-4, tol=1e-4):
    r"""Check every weight, each layer with the loss the lesson chose for it.

    The lesson's last step puts exercises 5 and 6 together:

    - the layers below the output layer with ``check_hidden_layer``:
      E = sum_k y_k and a linear output, so that delta_out = 1 and a
      failing row points at the hidden layer itself;
    - the output layer with ``check_output_layer``: the real ``loss`` on
      the one sample (x, target), n = 1.

    Both checks use the same ``h`` and ``tol``; only the output layer's
    check takes ``loss`` and ``target``.

    Parameters
    ----------
    net : fclesson.Network
        Any number of layers. With a single layer (``net.depth == 1``)
        there is no hidden layer: the report holds the output rows alone.
    x : ndarray of shape (n_in,)
    target : ndarray of shape (n_out,), or None if the loss ignores it
    loss : fclesson.losses.Loss
    h, tol : float
        Step of the central difference and tolerance, as in exercise 4.

    Returns
    -------
    fclesson.report.Report
        One report: the hidden layers' rows, then the output layer's,
        ``Report(rows=hidden_rows + output_rows, h=h, tol=tol)``.

    Hints
    -----
    ``check_hidden_layer`` and ``check_output_layer``, imported above from
    fclesson, are the answers to exercises 6 and 5. A report's rows are a
    tuple, ``report.rows``: two tuples join with ``+``.
    """
    raise NotImplementedError("Exercise 7: write check_layer_by_layer")
# --8<-- [end:check_layer_by_layer]
