"""fclesson: gradient checking of fully-connected networks (lesson 4 of the course).

    from fclesson import Network, check_gradients, losses
    net = Network([2, 2, 1], activations=["sigmoid", "sigmoid"], seed=0)
    report = check_gradients(net, x, target, loss=losses.mse, h=1e-4, tol=1e-4)
    report.passed
"""

# --8<-- [start:exports]
from . import activations, gender, losses, testing
from .derivative import central_difference, complex_step, forward_difference, richardson
from .direction import check_direction
from .function_check import check_function, check_function_direction
from .gradient_check import (
    check_gradients,
    check_hidden_layer,
    check_layer_by_layer,
    check_output_layer,
    check_output_weight,
    numerical_gradient,
)
from .network import Network
from .progress import CheckInterrupted
from .report import Report, Row
from .validation import PrecisionWarning

__all__ = [
    "Network",
    "check_gradients",
    "check_direction",
    "check_function",
    "check_function_direction",
    "check_output_weight",
    "check_output_layer",
    "check_hidden_layer",
    "check_layer_by_layer",
    "numerical_gradient",
    "losses",
    "activations",
    "forward_difference",
    "central_difference",
    "richardson",
    "complex_step",
    "Report",
    "Row",
    "CheckInterrupted",
    "PrecisionWarning",
    "gender",
    "testing",
]
# --8<-- [end:exports]
