"""The gender demo of lessons 2-3: female (1) or male (0) from weight and height.

A 2-2-1 network with sigmoid on both layers, the mean squared error, and
per-sample stochastic gradient descent on zero-mean inputs. With the course's
settings (``eta = 0.1``, 1000 epochs) and the initial weights of ``seed = 0``
the training loss falls to about 0.002 and both new people are classified
correctly.
"""

import warnings
from dataclasses import dataclass

import numpy as np

from . import losses
from .network import Network
from .validation import as_float_array, check_count, check_positive, check_seed
from .lesson.language import say

__all__ = [
    "TRAINING_PEOPLE",
    "TRAINING_LABELS",
    "NEW_PEOPLE",
    "CHECK_X",
    "CHECK_TARGET",
    "data",
    "zero_mean",
    "network",
    "train",
    "predict",
    "label",
    "TrainingResult",
    "WEIGHT_NAMES",
    "DivergenceWarning",
]

# --8<-- [start:data]
# The demo's data and the course's weight names are the lesson's (lesson/gender.py).
from .lesson.gender import (  # noqa: E402
    CHECK_TARGET,
    CHECK_X,
    NEW_PEOPLE,
    TRAINING_LABELS,
    TRAINING_PEOPLE,
)
from .lesson.gender import NAMES as WEIGHT_NAMES  # noqa: E402


def data():
    """The training set as arrays.

    Returns
    -------
    X : ndarray of shape (4, 2)
        One person per row: weight, height.
    t : ndarray of shape (4, 1)
        The labels, one target vector per person.
    """
    X = np.array(TRAINING_PEOPLE, dtype=np.float64)
    t = np.array(TRAINING_LABELS, dtype=np.float64).reshape(-1, 1)
    return X, t


def zero_mean(X, means=None):
    """Subtract each feature's mean (the training means; from ``X`` if not given).

    X : ndarray of shape (n, 2)  ->  (ndarray of shape (n, 2), means of shape (2,))
    """
    X = _people(X, "X")
    means = X.mean(axis=0) if means is None else as_float_array(means, "means", (2,))
    return X - means, means


def _people(X, name):
    """``X`` as float64 of shape (n, 2): weight in kg and height in cm, per row."""
    X = as_float_array(X, name)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"{name} must have shape (n, 2), one (weight in kg, height "
                         f"in cm) per person, got shape {X.shape}")
    return X
# --8<-- [end:data]


# --8<-- [start:network]
def network(seed=0):
    """The demo's 2-2-1 network: sigmoid on both layers, weights from ``seed``.

    Its reports name the weights as the course does, w31 .. b5 (`WEIGHT_NAMES`).
    """
    return Network([2, 2, 1], activations=["sigmoid", "sigmoid"], seed=check_seed(seed),
                   weight_names=WEIGHT_NAMES)
# --8<-- [end:network]


# --8<-- [start:training_result]
@dataclass
class TrainingResult:
    """What `train` returns.

    Attributes
    ----------
    net : Network
        The trained network.
    history : list of (int, float)
        ``(epoch, E)``, E being the MSE over the whole training set, every
        ``every`` epochs and after the last (epochs counted from 1).
    means : ndarray of shape (2,)
        The training means, to subtract from any person to predict.
    """

    net: Network
    history: list
    means: np.ndarray

    @property
    def final_loss(self):
        """E over the training set after the last recorded epoch."""
        return self.history[-1][1]

    def predict(self, people=NEW_PEOPLE):
        """Probabilities of being female, see `predict`."""
        return predict(self.net, people, self.means)
# --8<-- [end:training_result]


# --8<-- [start:divergence]
class DivergenceWarning(RuntimeWarning):
    """`train` ended with a loss far above its start, or not finite: eta too large."""


def _check_convergence(E_start, history, eta):
    """Warn `DivergenceWarning` when the loss diverged instead of falling."""
    E_end = history[-1][1] if history else E_start
    if not np.isfinite(E_end) or E_end > 1.5 * E_start:
        warnings.warn(say({
            "en": f"training diverged: the loss went from {E_start:.4f} to "
                  f"{E_end:.4f} with eta = {eta:g}; the predictions mean nothing. "
                  "Try a smaller eta (the course uses 0.1).",
            "zh": f"训练发散：损失从 {E_start:.4f} 变成 {E_end:.4f}（eta = {eta:g}），"
                  "预测没有意义。请用更小的 eta（本课用 0.1）。"}),
            DivergenceWarning, stacklevel=3)
# --8<-- [end:divergence]


# --8<-- [start:train]
def train(eta=0.1, epochs=1000, seed=0, every=10):
    """Train the demo network with per-sample SGD.

    For each person in turn (so ``n = 1`` in the loss),
    ``W -= eta * dE/dW`` with ``dE/dW = outer(delta, [y_prev; 1])``, for both layers.

    Parameters
    ----------
    eta : float
        Learning rate.
    epochs : int
        Passes over the training set.
    seed : int
        Seed of the initial weights.
    every : int
        Record the training loss every ``every`` epochs.

    Returns
    -------
    TrainingResult
    """
    eta = check_positive(eta, "eta")
    epochs, every = check_count(epochs, "epochs"), check_count(every, "every")
    X, t = data()
    X, means = zero_mean(X)
    net = network(seed)
    E_start = losses.mse.value(np.array([net.forward(x) for x in X]), t)
    history = []
    for epoch in range(1, epochs + 1):
        for x, target in zip(X, t):
            grads = net.gradients(x, target, loss=losses.mse)
            for W, dE_dW in zip(net.weights, grads):
                W -= eta * dE_dW  # in place: W is the network's own array
        if epoch % every == 0 or epoch == epochs:  # and always the last epoch
            y = np.array([net.forward(x) for x in X])
            history.append((epoch, losses.mse.value(y, t)))
    _check_convergence(E_start, history, eta)  # warns if the loss blew up
    return TrainingResult(net=net, history=history, means=means)
# --8<-- [end:train]


# --8<-- [start:predict]
def predict(net, people, means):
    """Probability of being female for each person.

    Parameters
    ----------
    net : Network
        A trained 2-2-1 network.
    people : array_like of shape (n, 2)
        Weight and height, in the original units.
    means : ndarray of shape (2,)
        The training means (the same shift as in training).

    Returns
    -------
    ndarray of shape (n,)
    """
    X, _ = zero_mean(_people(people, "people"), means)
    return np.array([net.forward(x)[0] for x in X])


def label(probability):
    """``"female"`` for a probability >= 0.5 (label 1), else ``"male"`` (in
    Chinese on the Chinese pages: 女 / 男)."""
    if probability >= 0.5:
        return say({"en": "female", "zh": "女"})
    return say({"en": "male", "zh": "男"})
# --8<-- [end:predict]
