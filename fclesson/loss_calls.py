"""Calling the student's ``loss(params)`` inside `fclesson.check_function`.

Every call goes through `Loss.at`: it moves the entries it is given, calls the
loss, checks that the loss left them where they were put, turns the value
into a float (a finite real scalar, else an error that says where the params
were), and puts the entries back bit for bit, even when the loss raises.
"""

import math

import numpy as np

from .params import index_text

__all__ = ["NotFinite", "scalar", "Loss", "describe"]


# --8<-- [start:scalar]
class NotFinite(ValueError):
    """The loss returned NaN or infinity."""


def scalar(value, what="loss(params)"):
    """``value`` as a float: a finite real scalar, else a clear error."""
    if type(value) in (float, np.float64) and math.isfinite(value):  # the usual case
        return float(value)
    if np.ndim(value) != 0:
        raise TypeError(f"{what} must return a scalar, got shape {np.shape(value)}")
    if np.iscomplexobj(value) or not np.isreal(value) or isinstance(value, bool):
        raise TypeError(f"{what} must return a real number, got {value!r}")
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise TypeError(f"{what} must return a real number, got {value!r}") from None
    if not np.isfinite(value):
        raise NotFinite(f"{what} returned {value}, not a finite number")
    return value
# --8<-- [end:scalar]


# --8<-- [start:loss]
def describe(moves):
    """Where the params were: ``with params['W'][0, 3] at w + 0.0001 (w = 1e-05)``."""
    if not moves:
        return "with the params as given, before anything moved"
    p, index, w, step = moves[0]
    sign = "+" if step > 0 else "-"
    where = (f"with params[{p.key!r}]{index_text(index)} at w {sign} {abs(step):.3g} "
             f"(w = {w!r})")
    return where + (f" and {len(moves) - 1} more entries moved" if len(moves) > 1
                    else "")


class Loss:
    """``loss(params)``, called with some entries moved, counted and checked.

    ``guard`` is the check's `fclesson.params.Guard`; ``calls`` counts the
    evaluations (the benchmark reports it).
    """

    def __init__(self, loss, guard):
        self.loss, self.guard, self.calls = loss, guard, 0
        self.returned = None  # the last value as loss returned it (its dtype)
        self.values = []  # the first values, as floats (are they all float32's?)

    def at(self, moves=()):
        """``E`` with every ``(param, index, w, step)`` of ``moves`` at ``w + step``.

        ``w`` is the entry's value as a Python float; it is written back bit for
        bit afterwards. The step taken is ``(w + step) - w``.
        """
        moved = []
        try:
            for p, index, w, step in moves:
                p.array[index] = value = w + step
                moved.append((p, index, value))
            self.calls += 1
            E = self.returned = self.loss(self.guard.params)
            for p, index, value in moved:
                self.guard.moved_entry(p, index, value)
        finally:
            for p, index, w, _ in reversed(moves):
                p.array[index] = w
        E = self._checked(E, moves)
        if len(self.values) < 32:
            self.values.append(E)
        return E

    def pair(self, p, index, w, s):
        """``(E(w + s), E(w - s))`` for one entry: the hot loop of the check."""
        array, params, values = p.array, self.guard.params, []
        try:
            for value in (w + s, w - s):
                array[index] = value
                self.calls += 1
                E = self.loss(params)
                if array[index] != value:
                    self.guard.moved_entry(p, index, value)
                if not (type(E) in (float, np.float64) and math.isfinite(E)):
                    E = self._checked(E, [(p, index, w, value - w)])
                values.append(E)
        finally:
            array[index] = w
        return float(values[0]), float(values[1])

    def _checked(self, E, moves):
        """``scalar(E)``, its error saying where the params were."""
        try:
            return scalar(E)
        except (TypeError, ValueError) as error:
            raise type(error)(f"{error}, {describe(moves)}") from None

    def along(self, u, t):
        """``E(w + t u)``: every array moved along ``u`` (arrays shaped like params)."""
        moved = [saved + t * v for saved, v in zip(self.guard.saved, u)]
        try:
            for p, m in zip(self.guard.arrays, moved):
                p.array[...] = m
            self.calls += 1
            E = self.loss(self.guard.params)
            for p, m in zip(self.guard.arrays, moved):
                if self.guard.params[p.key] is not p.array or not np.array_equal(
                        p.array, m):
                    raise ValueError(f"loss changed params[{p.key!r}] in place: a "
                                     "loss must only read its params. The check "
                                     "stopped and put every array back as it was "
                                     "before it started.")
        finally:
            self.guard.restore()
        try:
            return scalar(E)
        except (TypeError, ValueError) as error:
            raise type(error)(f"{error}, with every entry moved by t u (t = {t:g})"
                              ) from None

    def check(self, E, what):
        """After ``what``: the params unchanged, and the same ``E`` for them."""
        self.guard.verify()
        again = self.at()
        self.guard.verify()
        if again != E:
            raise ValueError(
                f"loss(params) is not a function of params: with the same params it "
                f"returned {E!r}, then {again!r} {what}. A random draw inside "
                "the loss (dropout with a fresh mask, a random batch, noise) or a "
                "state it keeps (running averages, a counter) makes every numerical "
                "derivative noise: fix the seed inside loss (the same mask at every "
                "call), or check in evaluation mode.")
# --8<-- [end:loss]
