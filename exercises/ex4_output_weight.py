r"""Exercise 4: check one output weight (docs/exercises/output-weight.md).

Replace the ``raise`` line of `check_output_weight` with your code, then run

    make exercise N=4

fclesson's ``check_output_weight`` is the answer, with the same signature.
"""

from fclesson import losses
from fclesson.report import Row  # noqa: F401 (your solution returns a Row)


# --8<-- [start:check_output_weight]
def check_output_weight(
    net, x, target, row, column, loss=losses.mse, h=1e-4, tol=1e-4
):
    r"""Compare backprop and a central difference for one output weight.

    The weight is ``w = W[row, column]`` of the output layer
    ``W = net.weights[layer]``, where ``layer = net.depth - 1`` (the code
    counts layers from 0: in the gender network the output layer is
    ``weights[1] = [[w53, w54, b5]]``). Use the one sample
    ``d = (x, target)``, so ``n = 1`` in the loss.

    1. Forward and backward pass on d:
       ``net.gradients(x, target, loss=loss)`` returns dE/dW for every
       layer; take ``[layer][row, column]``.
    2. Add h to the weight and compute E on d: ``W[row, column] = w + h``,
       then ``E_plus = net.loss(x, target, loss=loss)``. ``W`` is the
       network's own array, so writing into it changes the network.
    3. Set the weight to ``w - h`` and compute ``E_minus`` the same way.
    4. The numerical gradient is ``(E_plus - E_minus) / (2 * h)``.
       ``Row.compare(layer, row, column, backprop, numerical, tol)``
       compares it with backprop: ``abs_error = |backprop - numerical|``
       and ``passed = abs_error < tol``.

    Put ``w`` back when you are done, in a ``finally:`` clause, so that
    the caller's network is unchanged even when computing E raises.

    Parameters
    ----------
    net : fclesson.Network
    x : ndarray of shape (n_in,)
        The one sample d.
    target : ndarray of shape (n_out,), or None if the loss ignores it
    row, column : int
        Neuron k of the output layer and input j of the weight w_kj;
        the last column, ``column = net.sizes[-2]``, is the bias.
    loss : fclesson.losses.Loss
    h : float
        Step of the central difference, > 0.
    tol : float
        The weight passes when ``|backprop - numerical| < tol``.

    Returns
    -------
    fclesson.report.Row
        ``layer, row, column, backprop, numerical, abs_error,
        rel_error, passed``.
    """
    raise NotImplementedError("Exercise 4: write check_output_weight")
# --8<-- [end:check_output_weight]
