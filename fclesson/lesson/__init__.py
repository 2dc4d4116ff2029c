"""The lesson's code: lessons 2-4 as the course's pages show them, small and plain.

One sample at a time, the formulas of the lessons as code, nothing else: no
checks of the arguments, no batches, no reports beyond one line per weight.
The exercises mirror these functions.

The rest of the package is the toolkit for real code (`fclesson.Network`,
`fclesson.check_gradients`, `fclesson.check_function`, the command line): it
checks its arguments, takes batches, and is fast. tests/package/test_two_layers.py
ties the two: on random networks they compute the same gradients and verdicts.

    from fclesson.lesson import gender, check_output_layer, print_checks
    network = gender.network(seed=0)
    print_checks(check_output_layer(network, gender.CHECK_X, gender.CHECK_TARGET))
"""

from . import gender, language
from .activations import ACTIVATIONS
from .derivative import central_difference, forward_difference
from .gradient_check import (
    Check,
    check_every_weight,
    check_hidden_layer,
    check_layer,
    check_layer_by_layer,
    check_output_layer,
    check_output_weight,
    check_weight,
    numerical_gradient,
    print_checks,
)
from .losses import LOSSES
from .network import Network

__all__ = [
    "ACTIVATIONS",
    "LOSSES",
    "Check",
    "Network",
    "central_difference",
    "check_every_weight",
    "check_hidden_layer",
    "check_layer",
    "check_layer_by_layer",
    "check_output_layer",
    "check_output_weight",
    "check_weight",
    "forward_difference",
    "gender",
    "language",
    "numerical_gradient",
    "print_checks",
]
