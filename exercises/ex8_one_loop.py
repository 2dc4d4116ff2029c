"""Exercise 8: one loop with the real loss (docs/exercises/one-loop.md).

Replace the ``raise`` line of `check_every_weight` with your code, then run

    make exercise N=8

The lesson's ``fclesson.lesson.check_every_weight`` is the answer, with the
same signature: try before you look.
"""

from fclesson.lesson import check_weight  # noqa: F401 (exercise 4, any layer)


# --8<-- [start:check_every_weight]
def check_every_weight(network, x, t, h=1e-4, tol=1e-4):
    """Check every weight of every layer with the real loss, in one loop.

    For each weight ``network.weights[layer][row, column]``, layer by layer
    from 0 (the first hidden layer) to the output layer, then row by row and
    column by column, compare backpropagation's g with the central
    difference ĝ of the real loss E = sum_k (t_k - y_k)^2 on the one
    sample (x, t):

        check_weight(network, x, t, layer, row, column, "mse", h, tol)

    does steps 1-4 of exercise 4 for a weight of any layer.

    Exercise 7 checked the hidden layers with a loss of their own
    (delta_out = 1). Here every layer gets the real loss, so the hidden
    Checks also depend on delta_out and on the output layer's f'.

    Return the list of the Checks, in that order.
    """
    raise NotImplementedError("Exercise 8: write check_every_weight")
# --8<-- [end:check_every_weight]
