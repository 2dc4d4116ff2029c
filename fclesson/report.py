r"""The result of a gradient check: a `Report` of one `Row` per checked entry.

Every row names the array it checks and the entry in it: ``row.name`` and
``row.index``. For a `Network` the array is ``"weights[l]"`` and the index
``(row, column)``, and ``row.layer``, ``row.row``, ``row.column`` give the same
position as numbers (0-based: ``layer = 0`` is the first hidden layer, the
last column is the bias; in the course's 2-2-1 network ``(0, 0, 1)`` is w32
and ``(1, 0, 2)`` is b5). For `fclesson.check_function` the array is a key of
the caller's ``params``, e.g. ``"W1"``, the index any tuple, e.g. ``(3, 7)``,
printed as ``W1[3, 7]``.

A row passes when the absolute error ``|backprop - numerical|`` is below
``tol``, the lesson's rule (``tol = 1e-4``). The relative error
$\frac{|g - \hat g|}{\max(|g|, |\hat g|)}$ (0 when both are 0; $g$ from
backpropagation, $\hat g$ the estimate) is reported as well. With ``rtol > 0``
a row passes when $|g - \hat g| \le \text{tol} + \text{rtol}\, |\hat g|$, the rule of
``numpy.isclose`` and ``torch.autograd.gradcheck`` (``tol = 1e-5, rtol = 1e-3``
there), which scales with the gradient: the recommendation for real code.

The absolute rule lets a relative error of 1% through on a gradient of
``5e-3``. Such rows are the report's ``suspects``: they pass, but their
relative error is above ``SUSPECT = 1e-3`` and their absolute error above
the rounding floor of the central difference (`rounding_floor`), where no
relative error means anything.

A row whose perturbation moves a ReLU unit across its kink (``net = 0``), or
whose estimate moves with the step in a way that explains the error
(`fclesson.check_function` tells by a second step, `fclesson.non_smooth`),
has ``kink = True``: a failure there is not evidence of a bug. Such a row
still fails (``report.passed`` stays strict), but the table prints ``kink``
(``moves`` for `fclesson.check_function`, which knows no ReLU) instead of
``FAIL`` and ``report.kinks`` lists it apart.

In a report of `fclesson.check_function`, a row that fails by less than its
rounding ``floor`` is ``unclear``: the difference is noise, not evidence, so
it cannot tell at this ``h``. It does not pass either; ``report.unclear``
lists it and the table prints ``unclear``. Each row has a floor of its own
there (its step scales with the weight), raised to the loss's measured
noise. The lesson's checks of a network keep the lesson's ``FAIL``.

One class serves every check. It holds its numbers as arrays, so that the
batched check of 100,000 weights never builds 100,000 `Row` objects unless
asked: ``passed``, ``failures``, ``worst``, ``kinks`` and ``suspects`` read the
arrays and build only the rows they return. The text table and the verdict
are in `fclesson.report_text`, the JSON form in `fclesson.report_json`.
"""

from dataclasses import dataclass

import numpy as np

from . import report_json, report_text

__all__ = ["Row", "Report", "relative_error", "rounding_floor", "SUSPECT"]

SUSPECT = 1e-3  # a passing row with a larger relative error is a suspect


# --8<-- [start:relative_error]
def relative_error(backprop, numerical):
    r"""$\frac{|g - \hat g|}{\max(|g|, |\hat g|)}$, and 0 when both are 0."""
    scale = max(abs(backprop), abs(numerical))
    return 0.0 if scale == 0 else abs(backprop - numerical) / scale
# --8<-- [end:relative_error]


# --8<-- [start:rounding_floor]
def rounding_floor(E, h):
    r"""$8 \varepsilon \max(|E|, 1) / h$: a bound on the rounding noise of a central
    difference.

    Computing $E$ is off by about $\varepsilon |E|$, so the central difference's
    rounding error is about $\varepsilon |E| / h$. The floor takes that with a
    safety factor of 8, and $\max(|E|, 1)$ because computing $E$ rounds
    intermediate values of order 1 too. An absolute error below it says nothing.
    """
    return 8 * float(np.finfo(np.float64).eps) * max(abs(float(E)), 1.0) / float(h)
# --8<-- [end:rounding_floor]


# --8<-- [start:row]
@dataclass(frozen=True)
class Row:
    """The check of one entry: a weight ``weights[layer][row, column]``, or any.

    Attributes
    ----------
    layer, row, column : int, or None
        Position of a network's weight (0-based; ``layer`` indexes
        ``network.weights``); None for an entry of `fclesson.check_function`.
    backprop : float
        The derivative under test (from backpropagation).
    numerical : float
        ``(E(w + h) - E(w - h)) / 2h``.
    abs_error, rel_error : float
        ``|backprop - numerical|`` and its relative version.
    passed : bool
        ``abs_error < tol``; with ``rtol > 0``, ``abs_error <= tol + rtol |numerical|``.
    kink : bool
        The step crossed a kink: a ReLU unit's ``net = 0``, or a point where
        the function is not smooth (default False).
    name : str
        The array: ``"weights[1]"``, or a key of ``params`` such as ``"W1"``.
    index : tuple of int
        The entry in that array: ``(row, column)`` for a weight.
    """

    layer: int
    row: int
    column: int
    backprop: float
    numerical: float
    abs_error: float
    rel_error: float
    passed: bool
    kink: bool = False
    name: str = None
    index: tuple = None

    def __post_init__(self):
        if self.name is None and self.layer is not None:  # a network's weight
            object.__setattr__(self, "name", f"weights[{self.layer}]")
            object.__setattr__(self, "index", (self.row, self.column))

    @classmethod
    def compare(cls, layer, row, column, backprop, numerical, tol, kink=False,
                rtol=0.0, name=None, index=None):
        """Build the row of one entry from its two derivatives."""
        backprop, numerical = float(backprop), float(numerical)
        abs_error = abs(backprop - numerical)
        passed = (abs_error < tol if rtol == 0
                  else abs_error <= tol + rtol * abs(numerical))
        return cls(
            layer=_int_or_none(layer),
            row=_int_or_none(row),
            column=_int_or_none(column),
            backprop=backprop,
            numerical=numerical,
            abs_error=abs_error,
            rel_error=relative_error(backprop, numerical),
            passed=bool(passed),
            kink=bool(kink),
            name=name,
            index=None if index is None else tuple(int(i) for i in index),
        )


def _int_or_none(k):
    return None if k is None else int(k)
# --8<-- [end:row]


# --8<-- [start:report]
class Report:
    """All rows of a gradient check, with the ``h``, ``tol`` and ``rtol`` it used.

    ``str(report)`` is an aligned text table ending in the worst entry, a
    verdict line, and the suspects; ``report.to_dict()`` is the same content
    as plain JSON-ready values. ``names``, when given (the checks take it from
    ``network.weight_names``), maps ``(layer, row, column)`` to the course's name
    of each weight, and the table prints those names. ``floor`` is the
    check's `rounding_floor` (0 for the complex step, which subtracts
    nothing). Neither takes part in comparing two reports.

    Build one from rows, ``Report(rows, h, tol)``, as the lesson's loop does,
    or from arrays with `Report.from_arrays`, as the batched checks do.
    """

    suspect = SUSPECT

    def __init__(self, rows=(), h=1e-4, tol=1e-4, names=None, rtol=0.0, floor=0.0):
        rows = tuple(rows)
        columns = {key: np.array([getattr(r, key) for r in rows], dtype=kind)
                   for key, kind in _COLUMNS.items()}
        self._setup(columns, h, tol, names, rtol, floor)
        self._rows, self._arrays, self.unchecked = rows, None, 0
        self._layers = all(row.layer is not None for row in rows)

    @classmethod
    def from_arrays(cls, arrays, backprop, numerical, kink=None, *, h, tol, rtol=0.0,
                    floor=0.0, names=None, layers=False, partial=False):
        """A report of the entries of several arrays, their numbers given flat.

        Parameters
        ----------
        arrays : list of (str, tuple)
            The name and shape of each checked array, in order.
        backprop, numerical : ndarray of shape (P,)
            The derivatives of every entry, array after array, each in C order.
        kink : ndarray of bool, shape (P,), optional
        h, tol, rtol : float
        floor : float, or ndarray of shape (P,)
            The rounding floor, one for all rows or one per row.
        names : dict, optional
            ``{(layer, row, column): name}``, as `Report.names`.
        layers : bool
            True for ``network.weights``: array ``l`` is layer ``l``, and every row
            gets ``layer``, ``row`` and ``column``.
        partial : bool
            True for an interrupted check: the numbers cover only the first
            entries, and ``report.unchecked`` says how many are missing.
        """
        backprop, numerical = np.asarray(backprop, float), np.asarray(numerical, float)
        abs_error = np.abs(backprop - numerical)
        scale = np.maximum(np.abs(backprop), np.abs(numerical))  # relative_error
        rel_error = np.divide(abs_error, scale, out=np.zeros_like(scale),
                              where=scale > 0)
        passed = (abs_error < tol if rtol == 0  # Row.compare's rule
                  else abs_error <= tol + rtol * np.abs(numerical))
        kink = np.zeros(len(backprop), bool) if kink is None else np.asarray(kink, bool)
        report = cls.__new__(cls)
        report._setup({"backprop": backprop, "numerical": numerical,
                       "abs_error": abs_error, "rel_error": rel_error,
                       "passed": passed, "kink": kink}, h, tol, names, rtol, floor)
        report._rows = None
        report._arrays = [(str(name), tuple(shape)) for name, shape in arrays]
        report._layers = bool(layers)  # every row a network's weight
        sizes = [int(np.prod(shape)) for _, shape in report._arrays]
        if sum(sizes) != len(backprop) and not (partial and sum(sizes) > len(backprop)):
            raise ValueError(f"the arrays have {sum(sizes)} entries, the numbers "
                             f"{len(backprop)}")
        report._starts = np.cumsum([0, *sizes])
        report.unchecked = sum(sizes) - len(backprop)
        return report

    def _setup(self, columns, h, tol, names, rtol, floor):
        n = len(columns["passed"])
        columns["floor"] = np.broadcast_to(np.asarray(floor, float), (n,)).copy()
        self._t = columns
        self.h, self.tol, self.rtol = float(h), float(tol), float(rtol)
        self.names = names
        self.floor = (float(floor) if np.ndim(floor) == 0
                      else float(np.max(floor, initial=0.0)))
        # measured by check_function: the loss's noise, why it is low, its calls
        self.noise = self.low_precision = self.evaluations = None
        self._notes = {}  # row number: what check_function's second look saw

    # rows, built on demand
    @property
    def rows(self):
        """All rows, in order (built on first access)."""
        if self._rows is None:
            self._rows = self._all_rows()
        return self._rows

    def _all_rows(self):
        """Every row of a report of arrays, with the columns turned into lists."""
        where = []  # (an interrupted check's report stops at its last number)
        for a, (name, shape) in enumerate(self._arrays):
            every = [()]  # the one entry of a scalar
            if shape:
                every = np.indices(shape).reshape(len(shape), -1).T.tolist()
            for index in every:  # (layer, row, column, name, index)
                position = (a, *index) if self._layers else (None, None, None)
                where.append((*position, name, tuple(index)))
        columns = [self._t[key].tolist() for key in _COLUMNS]
        return tuple(Row(*w[:3], *values, *w[3:])
                     for w, *values in zip(where[:len(self)], *columns))

    def _where(self, k):
        """``(a, index)``: row ``k`` is entry ``index`` of array ``a`` (from arrays)."""
        a = int(np.searchsorted(self._starts, k, side="right")) - 1
        shape = self._arrays[a][1]
        return a, tuple(int(i) for i in np.unravel_index(k - self._starts[a], shape))

    def _row(self, k):
        if self._rows is not None:
            return self._rows[k]
        a, index = self._where(k)
        name = self._arrays[a][0]
        t = self._t
        where = (a, *index) if self._layers else (None, None, None)
        return Row(*where, float(t["backprop"][k]), float(t["numerical"][k]),
                   float(t["abs_error"][k]), float(t["rel_error"][k]),
                   bool(t["passed"][k]), bool(t["kink"][k]), name, index)

    def _rows_where(self, mask):
        return [self._row(int(k)) for k in np.flatnonzero(mask)]

    def __len__(self):
        return len(self._t["passed"])

    # the verdict
    @property
    def passed(self):
        """True when every row passed."""
        return bool(np.all(self._t["passed"]))

    @property
    def failures(self):
        """The rows that did not pass."""
        return self._rows_where(~self._t["passed"])

    @property
    def worst(self):
        """The row with the largest absolute error (None for an empty report)."""
        errors = self._t["abs_error"]
        return self._row(int(np.argmax(errors))) if errors.size else None

    @property
    def kinks(self):
        """The failed rows whose step crossed a kink (inconclusive, not bugs)."""
        return self._rows_where(self._t["kink"] & ~self._t["passed"])

    @property
    def passed_except_kinks(self):
        """True when every row passed or failed only at a kink."""
        return bool(np.all(self._t["passed"] | self._t["kink"]))

    @property
    def suspects(self):
        """The rows that pass, but whose relative error is above `SUSPECT` (1e-3).

        Rows at a kink, and rows whose absolute error is within the rounding
        ``floor``, are left out: their relative error is not evidence.
        """
        return self._rows_where(self._suspect_mask() & ~self._t["kink"])

    def _suspect_mask(self):
        t = self._t
        return (t["passed"] & (t["rel_error"] > self.suspect)
                & (t["abs_error"] > t["floor"]))

    @property
    def unclear(self):
        """The failed rows whose abs error is within their rounding floor.

        Their difference is noise: at this ``h`` the check cannot tell.
        """
        return self._rows_where(self._unclear_mask())

    def _unclear_mask(self):
        t = self._t
        if self._layers:  # the lesson's checks of a network keep its FAIL
            return np.zeros(len(self), bool)
        return ~t["passed"] & ~t["kink"] & (t["abs_error"] <= t["floor"])

    @property
    def notes(self):
        """``{label: note}``: what `fclesson.check_function` saw at a second step."""
        return {self.label(self._row(k)): note for k, note in self._notes.items()}

    def label(self, row):
        """How the table names ``row``: ``w31``, ``layer 0, row 0, column 0`` or
        ``W1[3, 7]``."""
        return report_text.label(row, self.names)

    # comparing, printing, JSON
    def __eq__(self, other):
        if not isinstance(other, Report):
            return NotImplemented
        return ((self.rows, self.h, self.tol, self.rtol)
                == (other.rows, other.h, other.tol, other.rtol))

    def __hash__(self):
        return hash((self.rows, self.h, self.tol, self.rtol))

    def __repr__(self):
        verdict = "passed" if self.passed else f"{len(self.failures)} failed"
        return (f"Report({len(self)} rows, {verdict}, h={self.h:g}, tol={self.tol:g}, "
                f"rtol={self.rtol:g})")

    def __str__(self):
        return self.table()

    def table(self, names=None):
        """The report as a table, then the worst entry, verdict and suspects.

        Parameters
        ----------
        names : dict, optional
            ``{(layer, row, column): name}``, e.g. `fclesson.gender.WEIGHT_NAMES`
            (``w31`` .. ``b5``): a first column "weight" then replaces the
            layer, row and column. By default the report's own ``names``.
        """
        return report_text.table(self, self.names if names is None else names)

    def summary(self):
        """The lines under the table: worst entry, kinks, verdict and suspects."""
        return report_text.summary(self, self.names)

    def to_dict(self):
        """``{"passed", "rows", "h", "tol", "rtol", "floor", "suspects"}``.

        ``rows`` and ``suspects`` are lists of row dicts. A row's ``"kink"``
        key is written only when it is True, its ``"label"`` key (``w31``) only
        when the report has names, its ``"floor"`` only when it differs from
        the report's, its ``"note"`` only when it has one. A report of
        `fclesson.check_function` adds ``"noise"`` and ``"low_precision"``.
        """
        return report_json.to_dict(self)

    @classmethod
    def from_dict(cls, data):
        """Rebuild a report from `to_dict`'s output."""
        rows, names, floors, notes = [], {}, [], {}
        for k, entry in enumerate(data["rows"]):
            entry = {"layer": None, "row": None, "column": None, **entry}
            label = entry.pop("label", None)
            floors.append(entry.pop("floor", data.get("floor", 0.0)))
            if "note" in entry:
                notes[k] = entry.pop("note")
            row = Row(**{**entry, "index": tuple(entry["index"])})
            if label is not None:
                names[(row.layer, row.row, row.column)] = label
            rows.append(row)
        report = cls(rows=rows, h=data["h"], tol=data["tol"], names=names or None,
                     rtol=data.get("rtol", 0.0), floor=data.get("floor", 0.0))
        report._t["floor"] = np.array(floors, float)
        report._notes = notes
        report.noise = data.get("noise")
        report.low_precision = data.get("low_precision")
        return report


_COLUMNS = {"backprop": float, "numerical": float, "abs_error": float,
            "rel_error": float, "passed": bool, "kink": bool}
# --8<-- [end:report]
