"""Exercise 6: check the hidden layer (docs/exercises/hidden-layer.md).

Replace the ``raise`` line of `check_hidden_layer` with your code, then run

    make exercise N=6

The lesson's ``fclesson.lesson.check_hidden_layer`` is the answer, with the
same signature: try before you look.
"""

from fclesson.lesson import check_weight  # noqa: F401 (exercise 4, any layer)


# --8<-- [start:check_hidden_layer]
def check_hidden_layer(network, x, h=1e-4, tol=1e-4):
    """Check every weight below the output layer, with delta_out = 1.

    Backpropagation reaches a hidden neuron j through the output layer:

        delta_j = (sum_k delta_k w_kj) f'(net_j),
        delta_k = dE/dy_k f'(net_k).

    Make every delta_k equal to 1: the loss E = sum_k y_k ("output_sum")
    has dE/dy_k = 1 and needs no target (pass None for t); a linear output
    layer has f'(net_k) = 1. The hidden activations stay as they are.

    1. Work on a copy with a linear output layer, never on ``network``:
       ``probe = network.copy(activations=network.activations[:-1]
       + ["linear"])``.
    2. For every layer below the output layer (``range(len(probe.weights)
       - 1)``), row by row, column by column, check the weight with
       ``check_weight(probe, x, None, layer, row, column, "output_sum",
       h, tol)``: steps 1-4 of exercise 4, for any layer and loss.

    Return the list of the Checks, in that order.
    """
    raise NotImplementedError("Exercise 6: write check_hidden_layer")
# --8<-- [end:check_hidden_layer]
