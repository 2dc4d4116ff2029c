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
           dE/dW = outer(delta[l], [y[l]; 1]).

Index convention: the course numbers neurons 1..5 and layers from the input; in
this code ``net[l]``, ``delta[l]`` and ``weights[l]`` belong to layer ``l``
counted from 0 at the first hidden layer, while ``y[l]`` is the *input* of
layer ``l`` (so ``y[0] = x`` and ``y[L]`` is the network's output).
"""

import copy as _copy

import numpy as np

from . import activations as _activations
from . import losses
from .validation import as_float_array, check_count, check_integer, check_seed

__all__ = ["Network"]


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
            as_float_array(W, f"weights[{l}] (layer {l})", shape)
            for l, (W, shape) in enumerate(zip(weights, self.shapes))
        ]

    def _set_weights(self, l, W):
        """Replace layer ``l``'s matrix, checked as the setter checks it."""
        self._weights[l] = as_float_array(W, f"weights[{l}] (layer {l})",
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
        return as_float_array(x, "x", (self.sizes[0],))

    def _check_target(self, target):
        if target is None:  # allowed for losses that ignore the target
            return None
        return as_float_array(target, "target", (self.sizes[-1],))

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
        x : ndarray of shape (n_in,)
            One sample.

        Returns
        -------
        net : list of ndarray
            ``net[l]`` of shape ``(sizes[l + 1],)``, for ``l = 0 .. L - 1``.
        y : list of ndarray
            ``y[0] = x`` and ``y[l + 1] = f(net[l])``, ``L + 1`` arrays.
        """
        x = self._check_x(x)
        for l, W in enumerate(self._weights):  # an entry may have been edited in place
            if not np.all(np.isfinite(W)):
                raise ValueError(f"weights[{l}] (layer {l}) contains NaN or infinity")
        net, y = [], [x]
        for W, activation in zip(self._weights, self.activations):
            net.append(W @ np.append(y[-1], 1.0))  # net = W [y_prev; 1]
            y.append(activation.f(net[-1]))  # y = f(net)
        return net, y

    def forward(self, x):
        """The output layer's ``y`` for one sample.

        x : ndarray of shape (n_in,)  ->  ndarray of shape (n_out,)
        """
        return self.propagate(x)[1][-1]
    # --8<-- [end:forward]

    # --8<-- [start:backward]
    def backward(self, net, dE_dy):
        r"""Error terms $\delta = \partial E / \partial net$ of every layer.

        Parameters
        ----------
        net : list of ndarray
            ``net[l]`` of shape ``(sizes[l + 1],)``, as returned by `propagate`.
        dE_dy : ndarray of shape (n_out,)
            Derivative of the loss with respect to the output ``y``.

        Returns
        -------
        delta : list of ndarray
            ``delta[l]`` of shape ``(sizes[l + 1],)``. Neither argument is changed.
        """
        dE_dy = as_float_array(dE_dy, "dE_dy", (self.sizes[-1],))
        net = [as_float_array(n, f"net[{l}]", (self.sizes[l + 1],))
               for l, n in enumerate(net)]
        if len(net) != self.depth:
            raise ValueError(f"net must have {self.depth} entries, got {len(net)}")
        delta = [None] * self.depth
        f = self.activations
        delta[-1] = dE_dy * f[-1].derivative(net[-1])  # dE/dy * f'(net_out)
        for l in range(self.depth - 2, -1, -1):
            W_next = self._weights[l + 1][:, :-1]  # the bias column is not layer l's
            # delta_j = (W_next^T delta_next)_j f'(net_j)
            delta[l] = (W_next.T @ delta[l + 1]) * f[l].derivative(net[l])
        return delta
    # --8<-- [end:backward]

    # --8<-- [start:gradients]
    def gradients(self, x, target, loss=losses.mse):
        """Backpropagation: ``dE/dW`` of every layer for one sample.

        This is the code a gradient check puts under test.

        Parameters
        ----------
        x : ndarray of shape (n_in,)
        target : ndarray of shape (n_out,), or None for a loss that ignores it
        loss : Loss

        Returns
        -------
        list of ndarray
            ``dE/dW[l] = outer(delta[l], [y[l]; 1])``, the shapes of `weights`.
        """
        loss = losses.check_loss(loss)
        target = self._check_target(target)
        net, y = self.propagate(x)
        delta = self.backward(net, loss.derivative(y[-1], target))
        return [np.outer(delta[l], np.append(y[l], 1.0)) for l in range(self.depth)]
    # --8<-- [end:gradients]

    # --8<-- [start:network_loss]
    def loss(self, x, target, loss=losses.mse):
        """``E`` of one sample, from a forward pass (a float)."""
        loss = losses.check_loss(loss)
        target = self._check_target(target)
        return loss.value(self.forward(x), target)
    # --8<-- [end:network_loss]
