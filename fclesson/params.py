"""The caller's parameters in `fclesson.check_function`: checked, named, and kept.

``params`` is a dict of float64 arrays (or a list of them) that the check
moves entry by entry, in place, because ``loss(params)`` reads those very
arrays. `checked_arrays` refuses what cannot be checked, with the name of the
argument at fault; a `Guard` keeps a copy of every array, notices a loss that
writes into its params or replaces one of them, and puts every array back,
bit for bit, however the check ends (an error, or Ctrl-C).
"""

from dataclasses import dataclass

import numpy as np

from .validation import as_float_array

__all__ = ["Param", "checked_arrays", "Guard", "index_text"]


# --8<-- [start:checked_arrays]
@dataclass(frozen=True)
class Param:
    """One array of ``params``: its printed ``name``, its ``key``, and both arrays."""

    name: str
    key: object
    array: np.ndarray
    grad: np.ndarray


def _key_list(keys):
    """``['W', 'b']``: the keys, sorted by how they print (1 and "1" apart)."""
    return "[" + ", ".join(sorted(map(repr, keys))) + "]"


def _keys(params, grads):
    """``(keys, names)``: ``params``' keys and how the report prints them."""
    if isinstance(params, dict):
        keys = list(params)
        if not isinstance(grads, dict) or set(grads) != set(keys):
            theirs = (_key_list(grads) if isinstance(grads, dict)
                      else type(grads).__name__)
            raise ValueError(f"grads must have the keys of params, {_key_list(keys)}; "
                             f"got {theirs}")
        names = [str(key) for key in keys]
        if len(set(names)) < len(names):  # 1 and "1" would both print as 1[0]
            names = [repr(key) for key in keys]
        return keys, names
    if isinstance(params, list):
        if not isinstance(grads, (list, tuple)) or len(grads) != len(params):
            raise ValueError(f"grads must be a list of {len(params)} arrays, as params")
        return list(range(len(params))), [f"p{k}" for k in range(len(params))]
    raise TypeError("params must be a dict {name: array} or a list of arrays, "
                    f"got {type(params).__name__}")


def _grad(value, name, shape):
    """A gradient as float64; float32 is fine here (its 7 digits are plenty)."""
    if isinstance(value, np.ndarray) and value.dtype == np.float32:
        value = value.astype(np.float64)
    return as_float_array(value, name, shape)


def checked_arrays(params, grads):
    """``[Param]`` after checking keys, dtypes, shapes, sizes and overlaps."""
    keys, names = _keys(params, grads)
    if not keys:
        raise ValueError("params is empty: there is nothing to check")
    checked = []
    for key, name in zip(keys, names):
        array = params[key]
        if not isinstance(array, np.ndarray) or array.dtype != np.float64:
            kind = getattr(array, "dtype", type(array).__name__)
            raise TypeError(
                f"params[{key!r}] must be a float64 NumPy array, got {kind}: the check "
                "moves its entries in place by h = 1e-4, which an integer array "
                "would round away; pass np.asarray(value, dtype=np.float64) and use "
                "that array in loss")
        if not array.flags.writeable:
            raise ValueError(f"params[{key!r}] is read-only: the check moves its "
                             "entries in place")
        as_float_array(array, f"params[{key!r}]")  # finite
        checked.append(Param(name, key, array, _grad(grads[key], f"grads[{key!r}]",
                                                     array.shape)))
    if sum(p.array.size for p in checked) == 0:
        shapes = ", ".join(f"params[{p.key!r}] has shape {p.array.shape}"
                           for p in checked)
        raise ValueError(f"params has no entries ({shapes}): there is nothing to check")
    for k, first in enumerate(checked):
        for second in checked[k + 1:]:
            if np.shares_memory(first.array, second.array):
                raise ValueError(f"params[{first.key!r}] and params[{second.key!r}] "
                                 "share memory: moving one entry would move both")
    return checked
# --8<-- [end:checked_arrays]


# --8<-- [start:guard]
def index_text(index):
    """``[0, 3]``: an index as the caller would write it."""
    return str([int(i) for i in index])


def _bits(array):
    """The array's bits as int64: equal bits, equal values (NaN and -0.0 included)."""
    return array.view(np.int64)


class Guard:
    """Every array of ``params`` as it was before the check, to compare and restore.

    ``params`` is the caller's dict or list; ``arrays`` its `Param` list.
    """

    def __init__(self, params, arrays):
        self.params, self.arrays = params, arrays
        self.saved = [p.array.copy() for p in arrays]

    def changed(self):
        """The first `Param` that differs from its copy, and how; None if none does."""
        for p, saved in zip(self.arrays, self.saved):
            if self.params[p.key] is not p.array:
                return p, (f"loss replaced params[{p.key!r}] with another object: "
                           "it must compute from the arrays in params and leave "
                           "them there")
            differ = _bits(p.array) != _bits(saved)
            if differ.any():
                index = tuple(int(i) for i in np.argwhere(differ)[0])
                return p, (f"loss changed params[{p.key!r}] in place: "
                           f"{np.count_nonzero(differ)} of {differ.size} entries "
                           f"differ after a call ({p.name}{index_text(index)}: "
                           f"{float(saved[index])!r} became "
                           f"{float(p.array[index])!r}). A loss must "
                           "only read its params (np.clip(..., out=...), *=, or an "
                           "update step left inside it?)")
        return None

    def verify(self):
        """Raise `ValueError` (after restoring) if ``loss`` changed any array."""
        found = self.changed()
        if found is not None:
            self.restore()
            raise ValueError(found[1] + ". The check stopped and put every array "
                             "back as it was before it started.")

    def moved_entry(self, p, index, value):
        """Raise `ValueError` unless ``p.array[index]`` still holds ``value``."""
        stop = (" The check stopped and put every array back as it was before it "
                "started.")
        if self.params[p.key] is not p.array:
            raise ValueError(self.changed()[1] + "." + stop)
        if p.array[index] != value:
            raise ValueError(f"loss changed params[{p.key!r}]{index_text(index)} in "
                             f"place, from {value!r} to {float(p.array[index])!r}: a "
                             "loss must only read its params." + stop)

    def restore(self):
        """Put every array back in ``params``, bit for bit, as it was at the start."""
        for p, saved in zip(self.arrays, self.saved):
            self.params[p.key] = p.array
            if not np.array_equal(_bits(p.array), _bits(saved)):
                np.copyto(p.array, saved)
# --8<-- [end:guard]
