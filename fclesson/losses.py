r"""Loss functions ``E(y, t)`` with their derivatives ``dE/dy``.

``y`` is the output layer's ``y``: shape ``(n_out,)`` for one sample (then
``n = 1``) or ``(n, n_out)`` for ``n`` samples. ``t`` is the target, the same
shape. Two losses are defined:

* ``mse``, the course's mean squared error, used for training;
* ``output_sum``, $E = \sum_k y_k$, the lesson's trick for checking a
  hidden layer: its ``dE/dy`` is a vector of ones.

Both also have a batch form, ``value_batch(Y, t)``: one ``E`` per row of ``Y``,
each row a sample of its own, or one ``E`` per ``(n, n_out)`` block of a 3-D
``Y``, each block ``n`` samples. The batched gradient check uses it to compute
the losses of thousands of perturbed networks at once; both are analytic (a
square and a sum, no ``abs``), so the complex step may pass complex ``Y``.
"""

import numpy as np

from .validation import as_float_array

__all__ = ["Loss", "mse", "output_sum", "check_loss"]


# --8<-- [start:loss]
class Loss:
    """A loss: its value ``E`` and its derivative ``dE/dy``, side by side.

    Parameters
    ----------
    name : str
        Short name, used in messages.
    value : callable
        ``value(y, t) -> float``, called with checked float64 arrays.
    derivative : callable
        ``derivative(y, t) -> ndarray`` of the shape of ``y``.
    needs_target : bool
        If False, the target is ignored and may be None.

    Notes
    -----
    Calling the loss, ``loss(y, t)``, is the same as ``loss.value(y, t)``.
    """

    def __init__(self, name, value, derivative, needs_target=True):
        self.name = name
        self.needs_target = needs_target
        self._value = value
        self._derivative = derivative

    def __repr__(self):
        return f"Loss({self.name!r})"

    def _check(self, y, t):
        y = as_float_array(y, "y")
        if y.ndim not in (1, 2):
            raise ValueError(
                f"y must have shape (n_out,) or (n, n_out), got {y.shape}"
            )
        if not self.needs_target:
            return y, None
        if t is None:
            raise ValueError(f"the {self.name} loss needs a target t")
        t = as_float_array(t, "t")
        if t.shape != y.shape:
            raise ValueError(
                f"target t has shape {t.shape} but output y has shape {y.shape}"
            )
        return y, t

    def value(self, y, t=None):
        """The loss ``E`` (a float)."""
        y, t = self._check(y, t)
        return float(self._value(y, t))

    def derivative(self, y, t=None):
        """``dE/dy``, a new array of the shape of ``y``."""
        y, t = self._check(y, t)
        return np.asarray(self._derivative(y, t), dtype=np.float64)

    def __call__(self, y, t=None):
        return self.value(y, t)
# --8<-- [end:loss]

    # --8<-- [start:loss_batch]
    batch = None  # a loss with a batch form sets batch(Y, t) -> one E per Y[r]
    analytic = False  # True when value(y, t) also works on complex y (the complex step)

    def value_batch(self, Y, t=None):
        r"""``E`` of each ``Y[r]``: one sample (a row), or ``n`` samples (a block).

        Parameters
        ----------
        Y : ndarray of shape (m, n_out) or (m, n, n_out)
            ``m`` outputs, e.g. of ``m`` perturbed networks, each for one
            sample or for the same ``n`` samples.
        t : ndarray of shape ``Y.shape[1:]``, or None for a loss that ignores it
            The one target every ``Y[r]`` is compared with.

        Returns
        -------
        ndarray of shape (m,)
            Entry ``r`` is ``value(Y[r], t)``, up to rounding.
        """
        Y = as_float_array(Y, "Y")
        if Y.ndim not in (2, 3):
            raise ValueError(f"Y must have shape (m, n_out) or (m, n, n_out), "
                             f"got {Y.shape}")
        if not self.needs_target:
            t = None
        elif t is None:
            raise ValueError(f"the {self.name} loss needs a target t")
        else:
            t = as_float_array(t, "t", Y.shape[1:])
        return self._value_rows(Y, t)

    def _value_rows(self, Y, t):
        """`value_batch` without the checks: ``Y`` may be complex when `analytic`."""
        if self.batch is not None:
            return self.batch(Y, t)
        return np.array([self._value(y, t) for y in Y])
    # --8<-- [end:loss_batch]


# --8<-- [start:check_loss]
def check_loss(loss, derivative=True):
    """Return ``loss`` if it has ``value(y, t)`` (and ``derivative(y, t)``).

    A name such as ``"mse"``, or None, is refused with a `TypeError` that says
    what to pass instead: ``fclesson.losses.mse``. ``derivative=False`` asks
    only for ``value``, all a numerical gradient needs.
    """
    methods = ("value", "derivative") if derivative else ("value",)
    if not all(callable(getattr(loss, method, None)) for method in methods):
        raise TypeError("loss must be a Loss, such as fclesson.losses.mse or "
                        f"fclesson.losses.output_sum, got {loss!r}")
    return loss
# --8<-- [end:check_loss]


def _samples(y):
    """``n``: 1 for ``y`` of shape ``(n_out,)``, ``n`` for ``(n, n_out)``."""
    return 1 if y.ndim == 1 else y.shape[0]


# --8<-- [start:mse]
def _mse_value(y, t):
    r"""$E = \frac{1}{n} \sum_i \sum_k (t_{ik} - y_{ik})^2$."""
    return np.sum((t - y) ** 2) / _samples(y)


def _mse_derivative(y, t):
    r"""$\frac{\partial E}{\partial y} = -\frac{2}{n} (t - y)$."""
    return -2.0 / _samples(y) * (t - y)


mse = Loss("mse", _mse_value, _mse_derivative)
# --8<-- [end:mse]


# --8<-- [start:mse_batch]
def _mse_value_batch(Y, t):
    r"""One $E_r = \sum_k (t_k - Y_{rk})^2$ per row (``n = 1``), or per block
    $E_r = \frac{1}{n} \sum_i \sum_k (t_{ik} - Y_{rik})^2$ of a 3-D ``Y``.

    A square, so a complex ``Y`` is fine.
    """
    if Y.ndim == 2:
        return np.sum((t - Y) ** 2, axis=1)
    return np.sum((t - Y) ** 2, axis=(1, 2)) / Y.shape[1]


mse.batch, mse.analytic = _mse_value_batch, True
# --8<-- [end:mse_batch]


# --8<-- [start:output_sum]
def _output_sum_value(y, t):
    r"""$E = \sum_k y_k$ (summed over samples too); the target is ignored."""
    return np.sum(y)


def _output_sum_derivative(y, t):
    r"""$\frac{\partial E}{\partial y_k} = 1$."""
    return np.ones_like(y)


output_sum = Loss("output_sum", _output_sum_value, _output_sum_derivative,
                  needs_target=False)
# --8<-- [end:output_sum]


# --8<-- [start:output_sum_batch]
def _output_sum_value_batch(Y, t):
    r"""One $E_r = \sum_k Y_{rk}$ per row, or $\sum_i \sum_k Y_{rik}$ per block
    of a 3-D ``Y`` (no ``1/n``); the target is ignored."""
    return np.sum(Y, axis=tuple(range(1, Y.ndim)))


output_sum.batch, output_sum.analytic = _output_sum_value_batch, True
# --8<-- [end:output_sum_batch]
