r"""Exercise 5: check every weight of the output layer, step 5 (docs/lesson4/output-layer.md).

Write the body of `check_output_layer` below, then check it with

    make exercise N=5

The page docs/exercises/output-layer.md states the task. fclesson's
``check_output_layer`` is the answer and has the same signature.
"""

from fclesson import check_output_weight, losses  # noqa: F401 (for your solution)
from fclesson.report import Report  # noqa: F401 (your solution returns a Report)


# --8<-- [start:check_output_layer]
def check_output_layer(net, x, target, loss=losses.mse, h=1e-4, tol=1e-4):
    r"""Check every weight of every output neuron on one sample.

    Step 5 of the lesson: repeat steps 1-4 (exercise 4) for each weight
    ``W[row, column]`` of the output layer ``W = net.weights[-1]``, row by row
    (neuron by neuron), and within a row column by column (the bias last).
    The output layer has ``net.sizes[-1]`` rows and ``net.sizes[-2] + 1``
    columns, so the report has ``net.sizes[-1] * (net.sizes[-2] + 1)`` rows.

    Parameters
    ----------
    Same as exercise 4, without ``row`` and ``column``.

    Returns
    -------
    fclesson.report.Report
        ``Report(rows=rows, h=h, tol=tol)``, ``rows`` being the list of the
        `Row` of each weight in that order.

    Hints
    -----
    ``check_output_weight`` (imported above from fclesson: the answer to
    exercise 4, with the same signature as yours) checks one weight. Two
    nested loops over ``range(rows)`` and ``range(columns)`` do the rest.
    """
    raise NotImplementedError("Exercise 5: check the whole output layer (see the docstring)")
# --8<-- [end:check_output_layer]
