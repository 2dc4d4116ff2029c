r"""Exercise 5: check the whole output layer (docs/exercises/output-layer.md).

Replace the ``raise`` line of `check_output_layer` with your code, then run

    make exercise N=5

fclesson's ``check_output_layer`` is the answer, with the same signature.
"""

from fclesson import check_output_weight, losses  # noqa: F401 (for you)
from fclesson.report import Report  # noqa: F401 (your solution returns one)


# --8<-- [start:check_output_layer]
def check_output_layer(net, x, target, loss=losses.mse, h=1e-4, tol=1e-4):
    r"""Check every weight of every output neuron on one sample.

    Step 5 of the lesson: repeat steps 1-4 (exercise 4) for each weight
    ``W[row, column]`` of the output layer ``W = net.weights[-1]``, row by
    row (neuron by neuron), and within a row column by column (the bias
    last). The output layer has ``net.sizes[-1]`` rows and
    ``net.sizes[-2] + 1`` columns.

    Parameters
    ----------
    net, x, target, loss, h, tol
        As in exercise 4.

    Returns
    -------
    fclesson.report.Report
        ``Report(rows=rows, h=h, tol=tol)``, ``rows`` being the list of
        the `Row` of each weight, in that order.

    Hints
    -----
    ``check_output_weight``, imported above from fclesson, is the answer
    to exercise 4 and checks one weight. Two nested loops do the rest.
    """
    raise NotImplementedError("Exercise 5: write check_output_layer")
# --8<-- [end:check_output_layer]
