r"""Gradient checking of a fully-connected network, built the way lesson 4 builds it.

A gradient $\partial E / \partial w_{ji}$ is a derivative, so the central
difference $(E(w_{ji} + h) - E(w_{ji} - h)) / 2h$ estimates it without
backpropagation. The lesson's steps: `check_output_weight` (one output weight),
`check_output_layer` (all of them), `check_hidden_layer` (the layers below, with
``E = sum_k y_k`` and a linear output, so that ``delta_out`` is a vector of
ones) and `check_layer_by_layer` (the two together). `check_gradients` checks
every weight, in batches (`fclesson.vectorized`) or with the lesson's loop or the
complex step. ``x`` is one sample, ``(n_in,)``, or ``n`` samples as rows.

No function here leaves the caller's network changed, even when ``E`` raises.
"""

from . import losses
from . import vectorized as _vectorized
from .complex_check import check_complex_safe, complex_step_gradient
from .report import Report, Row, rounding_floor
from .validation import check_rtol, check_step, check_tol

__all__ = ["numerical_gradient", "check_output_weight", "check_output_layer",
           "check_hidden_layer", "check_layer_by_layer", "check_gradients"]


# --8<-- [start:numerical_gradient]
def numerical_gradient(net, x, target, layer, row, column, loss=losses.mse, h=1e-4):
    r"""Estimate $\partial E / \partial w$ for ``w = net.weights[layer][row, column]``.

    Returns ``(E(w + h) - E(w - h)) / 2h``, each ``E`` from ``net.forward`` on
    ``x``, one sample or ``n`` as rows. The weight is restored bit for bit
    afterwards, even if the forward pass or the loss raises.
    """
    h, loss = check_step(h), losses.check_loss(loss, derivative=False)
    layer, row, column = net._check_position(layer, row, column)
    x, target = net._check_data(x, target)  # once, not at each forward pass
    W = net.weights[layer]
    w = W[row, column]
    try:
        W[row, column] = w + h
        E_plus = loss.value(net.forward(x), target)  # E(w + h)
        W[row, column] = w - h
        E_minus = loss.value(net.forward(x), target)  # E(w - h)
    finally:
        W[row, column] = w
    return (E_plus - E_minus) / (2 * h)
# --8<-- [end:numerical_gradient]


# --8<-- [start:check_layers]
def _check_layers(net, x, target, loss, layers, h, tol, estimate=numerical_gradient,
                  rtol=0.0):
    """Compare backprop and central differences for every weight of ``layers``.

    ``estimate`` computes one weight's numerical gradient: the central
    difference of the lesson, or `fclesson.complex_check.complex_step_gradient`.
    """
    h, tol, rtol = check_step(h), check_tol(tol), check_rtol(rtol)
    x, target = net._check_data(x, target)  # checked once
    grads = net.gradients(x, target, loss=loss)  # backprop, once for all weights
    rows = []
    for layer in layers:
        n_rows, n_columns = net.shapes[layer]
        for row in range(n_rows):
            for column in range(n_columns):
                numerical = estimate(net, x, target, layer, row, column, loss, h)
                backprop = grads[layer][row, column]
                rows.append(Row.compare(layer, row, column, backprop, numerical, tol,
                                        rtol=rtol))
    floor = 0.0 if estimate is complex_step_gradient else rounding_floor(
        net.loss(x, target, loss), h)  # the complex step subtracts nothing
    return Report(rows=rows, h=h, tol=tol, names=net.weight_names, rtol=rtol,
                  floor=floor)
# --8<-- [end:check_layers]


# --8<-- [start:check_output_weight]
def check_output_weight(net, x, target, row, column, loss=losses.mse, h=1e-4, tol=1e-4):
    """Check one weight ``W_out[row, column]`` of the output layer (steps 1-4).

    Parameters
    ----------
    net : Network
    x : ndarray of shape (n_in,) or (n, n_in)
        The one sample d (so ``n = 1`` in the loss), or ``n`` samples as rows.
    target : ndarray of shape (n_out,) or (n, n_out)
    row, column : int
        Output neuron k and input j of ``w_kj``; ``column = sizes[-2]`` is the bias.
    loss : Loss
    h, tol : float
        Step of the central difference, and the tolerance on
        ``|backprop - numerical|``; both > 0.

    Returns
    -------
    Row
    """
    h, tol = check_step(h), check_tol(tol)
    layer, row, column = net._check_position(net.depth - 1, row, column)
    # 1. forward and backward on the sample: the gradient from backpropagation
    backprop = net.gradients(x, target, loss=loss)[layer][row, column]
    # 2-3. E(w + h) and E(w - h), then the central difference
    numerical = numerical_gradient(net, x, target, layer, row, column, loss, h)
    # 4. compare: the error must be below tol
    return Row.compare(layer, row, column, backprop, numerical, tol)
# --8<-- [end:check_output_weight]


# --8<-- [start:check_output_layer]
def check_output_layer(net, x, target, loss=losses.mse, h=1e-4, tol=1e-4):
    """Check every weight of every output neuron (lesson 4, step 5).

    Same parameters as `check_output_weight`; returns a `Report`
    with ``sizes[-1] * (sizes[-2] + 1)`` rows.
    """
    return _check_layers(net, x, target, loss, [net.depth - 1], h, tol)
# --8<-- [end:check_output_layer]


# --8<-- [start:check_hidden_layer]
def check_hidden_layer(net, x, h=1e-4, tol=1e-4):
    r"""Check the weights of every layer below the output layer.

    The lesson's trick: with $E = \sum_k y_k$ and a linear output
    activation, $\delta_k = \frac{\partial E}{\partial y_k} f'(net_k) = 1 \cdot 1$,
    so the hidden layers' backprop is checked without depending on the output
    layer's derivative. The hidden activations stay as they are. The check runs
    on a copy of ``net`` whose output activation is linear; ``net`` itself is
    not changed.

    Parameters
    ----------
    net : Network
        At least two layers.
    x : ndarray of shape (n_in,) or (n, n_in)
        For ``n`` samples, ``E`` sums the outputs of all of them (no ``1/n``).
    h, tol : float

    Returns
    -------
    Report
        Rows for ``weights[0]`` .. ``weights[L - 2]``.
    """
    if net.depth < 2:
        raise ValueError("the network has no hidden layer (it has a single layer)")
    # a copy with a linear output; the hidden activations stay as they are
    probe = net.copy(activations=[*net.activations[:-1], "linear"])
    hidden = range(net.depth - 1)
    return _check_layers(probe, x, None, losses.output_sum, hidden, h, tol)
# --8<-- [end:check_hidden_layer]


# --8<-- [start:check_layer_by_layer]
def check_layer_by_layer(net, x, target, loss=losses.mse, h=1e-4, tol=1e-4):
    """The lesson's integrated check: each layer with the loss chosen for it.

    The output layer with the real ``loss`` on the one sample
    (`check_output_layer`), the layers below with ``E = sum_k y_k`` and a
    linear output (`check_hidden_layer`), so that a failing row points at its
    own layer. Its blind spot: with ``delta_out = 1``, hidden code that uses
    ``delta_out`` wrongly (or not at all) passes; `check_gradients` sees it.

    Parameters
    ----------
    net : Network
    x : ndarray of shape (n_in,) or (n, n_in)
    target : ndarray of shape (n_out,) or (n, n_out), or None (loss without one)
    loss : Loss
        The loss of the output layer's check.
    h, tol : float

    Returns
    -------
    Report
        One row per weight: the hidden layers' rows, then the output layer's.
    """
    x = net._check_x(x)  # once for both checks
    output = check_output_layer(net, x, target, loss, h, tol)
    if net.depth == 1:  # no hidden layer
        return output
    hidden = check_hidden_layer(net, x, h, tol)
    return Report(rows=hidden.rows + output.rows, h=output.h, tol=output.tol,
                  names=net.weight_names, floor=max(hidden.floor, output.floor))
# --8<-- [end:check_layer_by_layer]


# --8<-- [start:check_gradients]
STEPS = {"central": 1e-4, "complex-step": 1e-20}  # the default h of each method


def check_gradients(net, x, target, loss=losses.mse, h=None, tol=1e-4, method="central",
                    vectorized=True, rtol=0.0):
    r"""Check every weight of every layer, for any depth and any loss.

    Backpropagation is ``net.gradients(x, target, loss)``; the numerical
    gradient of each weight perturbs it by ``+h`` and ``-h`` and computes
    ``E`` with the forward pass. A row passes when its absolute error is below
    ``tol`` (the lesson's rule) or, with ``rtol > 0``, when
    ``|backprop - numerical| <= tol + rtol |numerical|``; the report passes
    when every row does.

    The lesson computes the numerical gradients with a loop, one weight at a
    time (`_check_layers`, run by ``vectorized=False``). By default
    `fclesson.vectorized` computes the same numbers in batches, equal to
    rounding and hundreds of times faster on a large network, when the
    network keeps ``Network``'s forward pass and the loss has a batch form
    (``mse``, ``output_sum``); otherwise the loop runs.

    Parameters
    ----------
    net : Network
    x : ndarray of shape (n_in,) or (n, n_in)
    target : ndarray of shape (n_out,) or (n, n_out), or None (loss without one)
    loss : Loss
    h : float, optional
        Step, finite and > 0. By default ``1e-4`` for ``"central"`` (the
        lesson's) and ``1e-20`` for ``"complex-step"``.
    tol : float
        Tolerance on the absolute error, > 0 (the lesson uses 1e-4).
    rtol : float
        Relative tolerance, >= 0. For real code, ``tol = 1e-5, rtol = 1e-3``
        (torch.autograd.gradcheck's defaults): a fixed ``tol`` alone passes a
        1% error on a gradient of 5e-3.
    method : {"central", "complex-step"}
        $\frac{E(w + h) - E(w - h)}{2h}$, or $\operatorname{Im} E(w + ih) / h$
        (exact to rounding; needs the package's activations and an analytic loss).
    vectorized : bool
        True: in batches when `fclesson.vectorized.applies`.
        False: the lesson's per-weight loop (for the complex step, with
        `fclesson.complex_check.complex_step_gradient`).

    Returns
    -------
    Report
        One row per weight, layer by layer, row by row, column by column;
        rows whose step crossed a ReLU kink (for some sample) have
        ``kink = True`` (`Report.kinks`); passing rows with a relative error
        above 1e-3 are `Report.suspects`.
    """
    if method not in STEPS:
        raise ValueError(f"method must be one of {sorted(STEPS)}, got {method!r}")
    h = STEPS[method] if h is None else h
    loss = losses.check_loss(loss)
    x, target = net._check_data(x, target)  # checked once
    if vectorized and (method == "complex-step" or _vectorized.applies(net, loss)):
        return _vectorized.check_vectorized(net, x, target, loss, h, tol, method,
                                            rtol=rtol)
    if method == "complex-step":
        check_complex_safe(net, loss)
    estimate = complex_step_gradient if method == "complex-step" else numerical_gradient
    # the lesson's loop, one weight at a time
    report = _check_layers(net, x, target, loss, range(net.depth), h, tol, estimate,
                           rtol)
    return _vectorized.mark_kinks(report, net, x, method)
# --8<-- [end:check_gradients]
