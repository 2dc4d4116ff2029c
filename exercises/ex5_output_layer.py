"""Exercise 5: check the whole output layer (docs/exercises/output-layer.md).

Replace the ``raise`` line of `check_output_layer` with your code, then run

    make exercise N=5

The lesson's ``fclesson.lesson.check_output_layer`` is the answer, with the
same signature: try before you look.
"""

from fclesson.lesson import check_output_weight  # noqa: F401 (exercise 4's answer)


# --8<-- [start:check_output_layer]
def check_output_layer(network, x, t, h=1e-4, tol=1e-4):
    """Step 5: check every weight of every output neuron on one sample.

    Repeat steps 1-4 (exercise 4) for each weight ``W[row, column]`` of the
    output layer ``W = network.weights[-1]``: row by row (neuron by neuron),
    and within a row column by column, the bias last. ``W.shape`` gives the
    number of rows and columns.

    ``check_output_weight``, imported above, is the lesson's answer to
    exercise 4: it checks one weight. Call it with the same h and tol.

    Return the list of the Checks, in that order.
    """
    raise NotImplementedError("Exercise 5: write check_output_layer")
# --8<-- [end:check_output_layer]
