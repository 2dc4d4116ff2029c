"""Exercise 4: check one output weight (docs/exercises/output-weight.md).

Replace the ``raise`` line of `check_output_weight` with your code, then run

    make exercise N=4

The lesson's ``fclesson.lesson.check_output_weight`` is the answer, with the
same signature: try before you look.
"""

from fclesson.lesson import Check  # noqa: F401 (your function returns one)


# --8<-- [start:check_output_weight]
def check_output_weight(network, x, t, row, column, h=1e-4, tol=1e-4):
    """Steps 1-4 for the weight w_kj = W[row, column] of the output layer.

    ``W = network.weights[layer]``, with ``layer = len(network.weights) - 1``:
    row k is an output neuron, column j one of its inputs (the last column
    is the bias). Use the one sample (x, t), so n = 1, and the lesson's loss
    E = sum_k (t_k - y_k)^2, which ``network.loss(x, t)`` computes.

    1. Forward and backward pass: ``backprop = network.gradients(x, t)``,
       taken at ``[layer][row, column]``. This is g.
    2. Keep ``w = W[row, column]``, set ``W[row, column] = w + h`` and
       compute ``E_plus = network.loss(x, t)``. W is the network's own
       array: writing into it changes the network.
    3. Set ``W[row, column] = w - h`` and compute ``E_minus`` the same way.
    4. ``numerical = (E_plus - E_minus) / (2 * h)`` is ĝ, and
       ``error = abs(backprop - numerical)``: the weight passes when
       ``error < tol``.

    Put w back in a ``finally:`` clause, so that the network is unchanged
    even when computing E raises. Return
    ``Check(network.name(layer, row, column), backprop, numerical, error,
    error < tol)``.
    """
    raise NotImplementedError("Exercise 4: write check_output_weight")
# --8<-- [end:check_output_weight]
