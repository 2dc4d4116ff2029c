"""Exercise 7: the whole network, layer by layer (docs/exercises/layer-by-layer.md).

Replace the ``raise`` line of `check_layer_by_layer` with your code, then run

    make exercise N=7

The lesson's ``fclesson.lesson.check_layer_by_layer`` is the answer, with the
same signature: try before you look.
"""

from fclesson.lesson import check_hidden_layer, check_output_layer  # noqa: F401


# --8<-- [start:check_layer_by_layer]
def check_layer_by_layer(network, x, t, h=1e-4, tol=1e-4):
    """Check every weight, each layer with the loss the lesson chose for it.

    The lesson's last task puts exercises 5 and 6 together:

    - the layers below the output layer with ``check_hidden_layer``:
      E = sum_k y_k and a linear output, so that delta_out = 1;
    - the output layer with ``check_output_layer``: the real loss on the
      one sample (x, t), n = 1.

    Both are imported above (the lesson's answers to exercises 6 and 5).
    Give both the same h and tol; only the output layer's check takes t.

    Return one list: the hidden layers' Checks, then the output layer's.
    """
    raise NotImplementedError("Exercise 7: write check_layer_by_layer")
# --8<-- [end:check_layer_by_layer]
