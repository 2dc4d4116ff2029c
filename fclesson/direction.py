r"""A random-direction gradient check: one directional derivative, not every weight.

Put all weights in one vector $w$ and draw a random unit vector $u$ of the
same length. Along $u$, the derivative of $E$ is the dot product of the
gradient with $u$, and a central difference estimates it from two losses:

$$
\frac{E(w + h u) - E(w - h u)}{2h} \approx \nabla E \cdot u .
$$

That is 2 loss evaluations for any number of weights, against $2P$ for the
full check. The price: one number summarises $P$ errors. An error vector $e$
of backprop shows only as its projection $e \cdot u$, so an error
orthogonal to $u$ is invisible, and an error on one weight among many is
shrunk by its share $|u_k| \approx 1 / \sqrt{P}$.
"""

from dataclasses import dataclass

import numpy as np

from . import losses
from .report import relative_error
from .validation import as_float_array, check_seed, check_step, check_tol

__all__ = ["DirectionResult", "random_direction", "unit_direction", "check_direction",
           "compare_along"]


# --8<-- [start:direction_result]
@dataclass(frozen=True)
class DirectionResult:
    r"""The outcome of `check_direction`.

    Attributes
    ----------
    numerical : float
        $\frac{E(w + hu) - E(w - hu)}{2h}$.
    backprop : float
        $\nabla E \cdot u$, with the gradient from ``net.gradients``.
    abs_error, rel_error : float
        ``|backprop - numerical|`` and its relative version.
    passed : bool
        ``rel_error < tol``, or ``abs_error`` within the rounding noise of the
        two losses, ``8 eps max(|E(w + hu)|, |E(w - hu)|) / h`` (when
        $\nabla E \cdot u$ is near 0 the relative error is meaningless).
    u : tuple of ndarray
        The unit direction, one array per layer, shaped like ``net.weights``.
    h, tol : float
    """

    numerical: float
    backprop: float
    abs_error: float
    rel_error: float
    passed: bool
    u: tuple
    h: float
    tol: float
# --8<-- [end:direction_result]


# --8<-- [start:random_direction]
def random_direction(net, seed=None):
    r"""A random unit vector over all weights, as arrays shaped like ``net.weights``.

    Standard normal entries divided by their norm: uniform on the unit sphere
    of $\mathbb{R}^P$, so $\sum_l \sum_{j,i} u_{l,ji}^2 = 1$.
    """
    return unit_direction(net.shapes, seed)


def unit_direction(shapes, seed=None):
    """A random unit vector as arrays of the given ``shapes``."""
    rng = np.random.default_rng(check_seed(seed))
    u = [rng.standard_normal(shape) for shape in shapes]
    norm = np.sqrt(sum(np.sum(v**2) for v in u))
    return tuple(v / norm for v in u)
# --8<-- [end:random_direction]


def _check_u(net, u):
    """``u`` as float64 arrays: one per layer, shaped like ``net.weights``, not 0."""
    if isinstance(u, np.ndarray) or not hasattr(u, "__len__"):
        raise TypeError("u must be a list of arrays, one per layer, shaped like "
                        "net.weights")
    if len(u) != net.depth:
        raise ValueError(f"u must have one array per layer: {net.depth} for this "
                         f"network, got {len(u)}")
    u = tuple(as_float_array(v, f"u[{l}]", shape)
              for l, (v, shape) in enumerate(zip(u, net.shapes)))
    if not any(np.any(v) for v in u):
        raise ValueError("u is zero everywhere: a direction needs a non-zero norm")
    return u


# --8<-- [start:check_direction]
def check_direction(net, x, target, loss=losses.mse, h=1e-4, seed=None, tol=1e-6,
                    u=None):
    r"""Compare $\nabla E \cdot u$ from backprop with a central difference along ``u``.

    Parameters
    ----------
    net : Network
    x : ndarray of shape (n_in,) or (n, n_in)
        One sample, or ``n`` samples as rows.
    target : ndarray of shape (n_out,) or (n, n_out), or None for a loss that
        ignores it
    loss : Loss
    h : float
        Step along ``u``, > 0.
    seed : int, optional
        Seed of the random direction.
    tol : float
        Passes when the *relative* error is below ``tol``: $\nabla E \cdot u$
        has no natural scale (it shrinks like $1/\sqrt{P}$), so an absolute
        rule would pass a wrong sign on a large network. A difference within
        the rounding noise of the two losses passes too.
    u : sequence of ndarray, optional
        A direction of your own instead of a random one: one finite array per
        layer, shaped like ``net.weights``, not all zero.

    Returns
    -------
    DirectionResult

    Every weight is put back bit for bit, even if ``E`` raises.
    """
    h, tol = check_step(h), check_tol(tol)
    u = random_direction(net, seed) if u is None else _check_u(net, u)
    x, target = net._check_data(x, target)  # once, before any weight moves
    grads = net.gradients(x, target, loss=loss)  # backprop

    def E():
        return loss.value(net.forward(x), target)

    return compare_along(net.weights, grads, u, E, h, tol)


def compare_along(arrays, grads, u, E, h, tol):
    r"""The central difference of ``E()`` along ``u`` against $\nabla E \cdot u$.

    ``arrays`` (the parameters, moved in place) and ``grads`` are lists of
    arrays shaped like ``u``; every array is put back bit for bit, even if
    ``E`` raises.
    """
    saved = [W.copy() for W in arrays]
    try:
        for W, w, v in zip(arrays, saved, u):
            W[...] = w + h * v
        E_plus = E()  # E(w + h u)
        for W, w, v in zip(arrays, saved, u):
            W[...] = w - h * v
        E_minus = E()  # E(w - h u)
    finally:
        for W, w in zip(arrays, saved):
            W[...] = w
    numerical = float((E_plus - E_minus) / (2 * h))
    backprop = float(sum(np.sum(g * v) for g, v in zip(grads, u)))  # grad . u
    rel_error = relative_error(backprop, numerical)
    abs_error = abs(backprop - numerical)
    # rounding in E(w + hu) - E(w - hu) alone: a difference below it says nothing,
    # which matters when grad . u happens to be near 0 and the relative error is noise
    noise = 8 * np.finfo(float).eps * max(abs(E_plus), abs(E_minus)) / h
    return DirectionResult(numerical=numerical, backprop=backprop,
                           abs_error=abs_error, rel_error=rel_error,
                           passed=bool(rel_error < tol or abs_error <= noise),
                           u=u, h=h, tol=tol)
# --8<-- [end:check_direction]
