r"""Loss functions ``E(y, t)`` with their derivatives ``dE/dy``.

``y`` is the output layer's ``y``: shape ``(n_out,)`` for one sample (then
``n = 1``) or ``(n, n_out)`` for ``n`` samples. ``t`` is the target, the same
shape. Two losses are defined:

* ``mse``, the course's mean squared error, used for training;
* ``output_sum``, $E = \sum_k y_k$, the lesson's trick for checking a
  hidden layer: its ``dE/dy`` is a vector of ones.
"""

import numpy as np

from .validation import as_float_array

__all__ = ["Loss", "mse", "output_sum"]


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


# --8<-- [start:output_sum]
def _output_sum_value(y, t):
    r"""$E = \sum_k y_k$ (summed over samples too); the target is ignored."""
    return np.sum(y)


def _output_sum_derivative(y, t):
    r"""$\frac{\partial E}{\partial y_k} = 1$."""
    return np.ones_like(y)


output_sum = Loss("output_sum", _output_sum_value, _output_sum_derivative, needs_target=False)
# --8<-- [end:output_sum]
