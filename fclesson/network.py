r"""A fully-connected network in the matrix form of lesson 3.

Layer ``l`` (``l = 0`` is the first hidden layer, ``l = L - 1`` the output layer)
has a weight matrix ``W = weights[l]`` of shape ``(sizes[l + 1], sizes[l] + 1)``:
one row per neuron of the layer, one column per neuron of the layer below, and
a last column holding the biases. For the 2-2-1 gender network,

    weights[0] = [[w31, w32, b3],        weights[1] = [[w53, w54, b5]]
                  [w41, w42, b4]]

Forward:   net[l] = W [y[l]; 1],  y[l + 1] = f(net[l]),  y[0] = x.
Backward:  delta_out = dE/dy * f'(net_out),
           delta[l] = (W_next[:, :-1]^T delta[l + 1]) * f'(net[l]),
           dE/dW = delta[l] @ [y[l]; 1]^T, summed over the samples.

One sample ``x`` has shape ``(n_in,)``; ``n`` samples come as the rows of an
``X`` of shape ``(n, n_in)``, with a target ``T`` of shape ``(n, n_out)``, and
the loss averages over them (the MSE's ``1/n``). Inside, a batch is held as
columns, ``(n_in, n)``, so that the very lines ``W @ [y; 1]`` and
``W_next.T @ delta`` serve one sample (one column) and ``n`` of them; results
come back in the caller's layout: 1-D for one sample, rows for ``n``.

Index convention: the course numbers neurons 1..5 and layers from the input; in
this code ``net[l]``, ``delta[l]`` and ``weights[l]`` belong to layer ``l``
counted from 0 at the first hidden layer, while ``y[l]`` is the *input* of
layer ``l`` (so ``y[0] = x`` and ``y[L]`` is the network's output).
"""

import copy as _copy

import numpy as np

from . import activations as _activations
from . import losses
from .lesson.language import say
from .validation import as_float_array, check_count, check_integer, check_seed

__all__ = ["Network"]


def _weights_name(l):
    """How a message names layer ``l``'s matrix, in the page's language."""
    return say({"en": f"weights[{l}] (layer {l})", "zh": f"weights[{l}]（第 {l} 层）"})


def _check_sizes(sizes):
    try:
        sizes = tuple(sizes)
    except TypeError:
        raise TypeError(f"sizes must be a list of layer sizes, got {sizes!r}") from None
    if len(sizes) < 2:
        raise ValueError(
            f"sizes needs at least 2 entries (inputs and one layer), got {list(sizes)}"
        )
    return tuple(check_count(size, f"sizes[{k}]") for k, size in enumerate(sizes))


def _check_activations(names, layers):
    if isinstance(names, str):
        raise TypeError(
            f"activations must be a list of names, one per layer, got {names!r}")
    names = list(names)
    if len(names) != layers:
        raise ValueError(
            f"{layers} layer(s) need {layers} activation(s), got {len(names)}: {names}"
        )
    return tuple(_activations.get(name) for name in names)


def _check_weight_names(names, shapes):
    if names is None:
        return None
    if not isinstance(names, dict):
        raise TypeError(f"weight_names must be a dict {{(layer, row, column): name}}, "
                        f"got {type(names).__name__}")
    positions = {(l, j, i) for l, (rows, columns) in enumerate(shapes)
                 for j in range(rows) for i in range(columns)}
    if set(names) != positions:
        raise ValueError("weight_names must name every weight, with keys "
                         "(layer, row, column) of net.weights, and nothing else")
    if not all(isinstance(name, str) and name for name in names.values()):
        raise TypeError("every name in weight_names must be a non-empty string")
    return dict(names)


def _check_samples(array, name, size, like=None, like_name="x"):
    """``array`` if it is one sample ``(size,)`` or ``n >= 1`` samples ``(n, size)``.

    With ``like`` (an array already checked), ``array`` must hold as many
    samples as ``like``: ``(size,)`` if ``like`` is one sample, else ``(n, size)``.
    """
    if like is not None:
        if like.ndim == 1:
            shape, what = (size,), f"one sample like {like_name}"
        else:
            n = len(like)
            shape, what = (n, size), f"one row per sample of {like_name} (n = {n})"
        if array.shape != shape:
            raise ValueError(f"{name} must have shape {shape}, {what}, "
                             f"got {array.shape}")
    elif array.ndim == 1 and array.shape != (size,):
        raise ValueError(f"{name} must have shape {(size,)}, got {array.shape}")
    elif array.ndim == 2 and array.shape[1] != size:
        raise ValueError(f"{name} must have shape (n, {size}), one sample per row, "
                         f"got {array.shape}")
    elif array.ndim not in (1, 2):
        raise ValueError(f"{name} must have shape {(size,)} for one sample or "
                         f"(n, {size}) for n samples, got {array.shape}")
    elif len(array) == 0:
        raise ValueError(f"{name} must hold at least one sample (n >= 1), "
                         f"got shape {array.shape}")
    return array


def _columns(a):
    """Samples as columns: one ``(k,)`` -> ``(k, 1)``; rows ``(n, k)`` -> ``(k, n)``."""
    return np.atleast_2d(a).T


def _as_given(columns, one):
    """Columns back to the caller's layout: ``(k,)`` for ``one`` sample, else rows."""
    return [c[:, 0] if one else c.T for c in columns]


def _with_bias(y):
    """``[y; 1]``: a row of ones, the bias input, under the columns of ``y``."""
    return np.vstack([y, np.ones((1, y.shape[1]))])


class _Weights(list):
    """``net.weights``: a list of the network's own matrices, that writes through.

    ``net.weights[l][j, i] = v`` changes the network (the list holds its arrays),
    and ``net.weights[l] = W`` replaces layer ``l``'s matrix after the checks of
    ``net.weights = [...]``. Adding or removing a layer is refused.
    """

    def __init__(self, net):
        super().__init__(net._weights)
        self._net = net

    def __setitem__(self, l, W):
        if isinstance(l, slice):
            raise TypeError("replace one layer at a time, net.weights[l] = W, "
                            "or all of them, net.weights = [...]")
        l = check_integer(l, "the layer of net.weights[l]", -len(self), len(self))
        l %= len(self)
        self._net._set_weights(l, W)
        super().__setitem__(l, self._net._weights[l])

    def _refuse(self, *args, **kwargs):
        raise TypeError("net.weights has one matrix per layer; replace one with "
                        "net.weights[l] = W, or all with net.weights = [...]")

    append = extend = insert = pop = remove = clear = sort = reverse = _refuse
    __delitem__ = __iadd__ = __imul__ = _refuse


# --8<-- [start:network]
class Network:
    """A fully-connected network trained with backpropagation.

    Parameters
    ----------
    sizes : list of int
        Neurons per layer, inputs first: ``[2, 2, 1]`` is 2 inputs, a hidden
        layer of 2 and one output neuron. At least 2 entries, all positive.
    activations : list of str
        One activation name per layer (``len(sizes) - 1`` of them), from
        ``"sigmoid"``, ``"linear"``, ``"tanh"``, ``"relu"``.
    seed : int, optional
        Seed of ``np.random.default_rng`` for the initial weights.
    weights : list of ndarray, optional
        Initial weights instead of random ones (see `weights`).
    weight_names : dict, optional
        ``{(layer, row, column): name}`` for every weight, e.g.
        `fclesson.gender.WEIGHT_NAMES` (``"w31"`` .. ``"b5"``). Gradient-check
        reports of this network then print these names.

    Notes
    -----
    Random initial weights are standard normal draws divided by
    ``sqrt(sizes[l] + 1)`` (the number of entries of a row), which keeps
    ``net`` of order 1 for inputs of order 1.
    """

    def __init__(self, sizes, activations, seed=None, weights=None, weight_names=None):
        self.sizes = _check_sizes(sizes)
        self.activations = _check_activations(activations, len(self.sizes) - 1)
        self.weight_names = _check_weight_names(weight_names, self.shapes)
        if weights is None:
            rng = np.random.default_rng(check_seed(seed))
            weights = [
                rng.standard_normal(shape) / np.sqrt(shape[1]) for shape in self.shapes
            ]
        self.weights = weights

    @property
    def depth(self):
        """``L``, the number of layers with weights (``len(sizes) - 1``)."""
        return len(self.sizes) - 1

    @property
    def shapes(self):
        """Shapes of the weight matrices: ``(sizes[l + 1], sizes[l] + 1)``."""
        sizes = self.sizes
        return [(n_out, n_in + 1) for n_in, n_out in zip(sizes[:-1], sizes[1:])]

    @property
    def weights(self):
        """list of ndarray, ``weights[l]`` of shape ``(sizes[l + 1], sizes[l] + 1)``.

        The list holds the network's own arrays: ``net.weights[l][j, i] = value``
        changes the network (that is how a gradient check perturbs one
        weight). ``net.weights[l] = W`` replaces one matrix and
        ``net.weights = [...]`` all of them, after checking count, shapes and
        values.
        """
        return _Weights(self)

    @weights.setter
    def weights(self, weights):
        if isinstance(weights, np.ndarray) or not hasattr(weights, "__len__"):
            raise TypeError("weights must be a list with one matrix per layer")
        if len(weights) != self.depth:
            raise ValueError(
                f"{self.depth} layer(s) need {self.depth} weight matrices, "
                f"got {len(weights)}"
            )
        self._weights = [
            as_float_array(W, _weights_name(l), shape)
            for l, (W, shape) in enumerate(zip(weights, self.shapes))
        ]

    def _set_weights(self, l, W):
        """Replace layer ``l``'s matrix, checked as the setter checks it."""
        self._weights[l] = as_float_array(W, _weights_name(l),
                                          self.shapes[l])

    @property
    def activation_names(self):
        """The activations' names, one per layer."""
        return [activation.name for activation in self.activations]

    def __repr__(self):
        name, sizes = type(self).__name__, list(self.sizes)
        return f"{name}({sizes}, activations={self.activation_names})"

    def copy(self, activations=None):
        """An independent copy (same class, copied weights).

        Parameters
        ----------
        activations : list of str, optional
            Activations of the copy, if they should differ from this network's.
        """
        new = _copy.copy(self)
        new._weights = [W.copy() for W in self._weights]
        if activations is not None:
            new.activations = _check_activations(activations, self.depth)
        return new

    def _check_x(self, x):
        """``x`` as float64: one sample ``(n_in,)`` or ``n >= 1`` rows ``(n, n_in)``."""
        return _check_samples(as_float_array(x, "x"), "x", self.sizes[0])

    def _check_target(self, target, x=None):
        """``target`` as float64, one row per sample of the checked ``x`` if given."""
        if target is None:  # allowed for losses that ignore the target
            return None
        target = as_float_array(target, "target")
        return _check_samples(target, "target", self.sizes[-1], like=x)

    def _check_data(self, x, target):
        """``x`` and ``target`` checked together: the same number of samples."""
        x = self._check_x(x)
        return x, self._check_target(target, x)

    def _check_backward(self, net, dE_dy):
        """``net`` and ``dE_dy`` as float64, both for one sample or the same ``n``."""
        dE_dy = _check_samples(as_float_array(dE_dy, "dE_dy"), "dE_dy", self.sizes[-1])
        net = [_check_samples(as_float_array(v, f"net[{l}]"), f"net[{l}]",
                              self.sizes[l + 1], like=dE_dy, like_name="dE_dy")
               for l, v in enumerate(net)]
        if len(net) != self.depth:
            raise ValueError(f"net must have {self.depth} entries, got {len(net)}")
        return net, dE_dy

    def _check_position(self, layer, row, column):
        """``(layer, row, column)`` as ints, after checking they name a weight."""
        layer = check_integer(layer, f"layer (net.weights has {self.depth} layers)", 0,
                              self.depth)
        shape = self.shapes[layer]
        where = f"(weights[{layer}] has shape {shape})"
        return (layer, check_integer(row, f"row {where}", 0, shape[0]),
                check_integer(column, f"column {where}", 0, shape[1]))
    # --8<-- [end:network]

    # --8<-- [start:forward]
    def propagate(self, x):
        """Forward pass keeping every layer's ``net`` and ``y`` for `backward`.

        Parameters
        ----------
        x : ndarray of shape (n_in,) or (n, n_in)
            One sample, or ``n`` samples as rows.

        Returns
        -------
        net : list of ndarray
            ``net[l]`` of shape ``(sizes[l + 1],)``, or ``(n, sizes[l + 1])`` for
            ``n`` samples, for ``l = 0 .. L - 1``.
        y : list of ndarray
            ``y[0] = x`` and ``y[l + 1] = f(net[l])``, ``L + 1`` arrays, shaped
            like ``x``: ``(sizes[l],)`` or ``(n, sizes[l])``.
        """
        x = self._check_x(x)
        for l, W in enumerate(self._weights):  # an entry may have been edited in place
            if not np.all(np.isfinite(W)):
                raise ValueError(f"weights[{l}] (layer {l}) contains NaN or infinity")
        net, y = [], [_columns(x)]  # the samples as columns: y[0] is (n_in, n)
        for W, activation in zip(self._weights, self.activations):
            net.append(W @ _with_bias(y[-1]))  # net = W [y_prev; 1]
            y.append(activation.f(net[-1]))  # y = f(net)
        one = x.ndim == 1  # back to the layout of x: (k,), or rows (n, k)
        return _as_given(net, one), _as_given(y, one)

    def forward(self, x):
        """The output layer's ``y`` for one sample, or for ``n`` samples as rows.

        x : ndarray of shape (n_in,) or (n, n_in)  ->  (n_out,) or (n, n_out)
        """
        return self.propagate(x)[1][-1]
    # --8<-- [end:forward]

    # --8<-- [start:backward]
    def backward(self, net, dE_dy):
        r"""Error terms $\delta = \partial E / \partial net$ of every layer.

        Parameters
        ----------
        net : list of ndarray
            ``net[l]`` of shape ``(sizes[l + 1],)``, or ``(n, sizes[l + 1])``
            for ``n`` samples, as returned by `propagate`.
        dE_dy : ndarray of shape (n_out,) or (n, n_out)
            Derivative of the loss with respect to the output ``y``.

        Returns
        -------
        delta : list of ndarray
            ``delta[l]`` shaped like ``net[l]``. Neither argument is changed.
        """
        net, dE_dy = self._check_backward(net, dE_dy)  # new float64 arrays
        one = dE_dy.ndim == 1
        dE_dy, net = _columns(dE_dy), [_columns(v) for v in net]  # samples as columns
        delta = [None] * self.depth
        f = self.activations
        delta[-1] = dE_dy * f[-1].derivative(net[-1])  # dE/dy * f'(net_out)
        for l in range(self.depth - 2, -1, -1):
            W_next = self._weights[l + 1][:, :-1]  # the bias column is not layer l's
            # delta_j = (W_next^T delta_next)_j f'(net_j)
            delta[l] = (W_next.T @ delta[l + 1]) * f[l].derivative(net[l])
        return _as_given(delta, one)
    # --8<-- [end:backward]

    # --8<-- [start:gradients]
    def gradients(self, x, target, loss=losses.mse):
        """Backpropagation: ``dE/dW`` of every layer, for one sample or ``n``.

        This is the code a gradient check puts under test.

        Parameters
        ----------
        x : ndarray of shape (n_in,) or (n, n_in)
            One sample, or ``n`` samples as rows.
        target : ndarray of shape (n_out,) or (n, n_out), or None for a loss
            that ignores it
        loss : Loss
            Its ``dE/dy`` carries the ``1/n`` of a mean over the samples.

        Returns
        -------
        list of ndarray
            ``dE/dW[l] = delta[l] [y[l]; 1]^T``, summed over the samples, the
            shapes of `weights`.
        """
        loss = losses.check_loss(loss)
        x, target = self._check_data(x, target)
        net, y = self.propagate(x)
        delta = self.backward(net, loss.derivative(y[-1], target))
        if x.ndim == 1:  # one sample: dE/dW = outer(delta, [y; 1])
            return [np.outer(d, np.append(a, 1.0)) for d, a in zip(delta, y)]
        # n samples: the outer products summed, delta [y; 1]^T with samples as columns
        return [_columns(d) @ _with_bias(_columns(a)).T for d, a in zip(delta, y)]
    # --8<-- [end:gradients]

    # --8<-- [start:network_loss]
    def loss(self, x, target, loss=losses.mse):
        """``E`` of one sample, or of ``n`` samples as rows, from a forward pass."""
        loss = losses.check_loss(loss)
        x, target = self._check_data(x, target)
        return loss.value(self.forward(x), target)
    # --8<-- [end:network_loss]
