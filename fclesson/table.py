r"""A `Report` held as arrays: the batched check's result, with rows built on demand.

`fclesson.vectorized` computes the errors and the verdict of 100,000 weights
with array operations in a few hundredths of a second; building 100,000 `Row`
objects takes longer than that, so `TableReport` builds them only when asked.
"""

import numpy as np

from .report import SUSPECT, Report, Row

__all__ = ["TableReport"]


# --8<-- [start:table_report]
class TableReport(Report):
    r"""A `Report` held as arrays, one entry per weight, for checks of many weights.

    The batched check (`fclesson.vectorized`) computes all errors and the
    verdict with array operations; building 100,000 `Row` objects would take
    longer than the check itself, so ``rows`` is built on first access (with
    `Row.compare`, the same rows as the loop's). ``passed``, ``failures``,
    ``worst``, ``kinks`` and ``suspects`` read the arrays and build only the
    rows they return. A `TableReport` equals a `Report` with the same rows,
    ``h``, ``tol`` and ``rtol``.

    Parameters
    ----------
    layer, row, column : ndarray of int, shape (P,)
        Position of each weight, in the loop's order.
    backprop, numerical : ndarray of float, shape (P,)
    kink : ndarray of bool, shape (P,)
    h, tol : float
    names : dict, optional
        ``{(layer, row, column): name}``, as `Report.names`.
    rtol, floor : float
        As `Report.rtol` and `Report.floor`.
    """

    def __init__(self, layer, row, column, backprop, numerical, kink, h, tol,
                 names=None, rtol=0.0, floor=0.0):
        backprop, numerical = np.asarray(backprop, float), np.asarray(numerical, float)
        abs_error = np.abs(backprop - numerical)
        # Row.compare's rule, for every row at once
        passed = (abs_error < tol if rtol == 0
                  else abs_error <= tol + rtol * np.abs(numerical))
        # relative_error, for every row at once
        scale = np.maximum(np.abs(backprop), np.abs(numerical))
        rel_error = np.divide(abs_error, scale, out=np.zeros_like(scale),
                              where=scale > 0)
        table = {"layer": np.asarray(layer), "row": np.asarray(row),
                 "column": np.asarray(column), "backprop": backprop,
                 "numerical": numerical,
                 "kink": np.asarray(kink, bool), "abs_error": abs_error,
                 "rel_error": rel_error, "passed": passed}
        for name, value in (("_table", table), ("h", float(h)), ("tol", float(tol)),
                            ("names", names), ("rtol", float(rtol)),
                            ("floor", float(floor))):
            object.__setattr__(self, name, value)

    def __getattr__(self, name):  # only called for attributes not set: ``rows``
        if name != "rows" or "_table" not in self.__dict__:
            raise AttributeError(name)
        t = self._table
        columns = (t["layer"], t["row"], t["column"], t["backprop"], t["numerical"],
                   t["abs_error"], t["rel_error"], t["passed"], t["kink"])
        # the rows Row.compare builds
        rows = tuple(map(Row, *(column.tolist() for column in columns)))
        object.__setattr__(self, "rows", rows)
        return rows

    def _row(self, k):
        t = self._table
        return Row.compare(t["layer"][k], t["row"][k], t["column"][k], t["backprop"][k],
                           t["numerical"][k], self.tol, t["kink"][k], self.rtol)

    def _rows_where(self, mask):
        return [self._row(k) for k in np.flatnonzero(mask)]

    @property
    def passed(self):
        return bool(np.all(self._table["passed"]))

    @property
    def failures(self):
        return self._rows_where(~self._table["passed"])

    @property
    def worst(self):
        errors = self._table["abs_error"]
        return self._row(int(np.argmax(errors))) if errors.size else None

    @property
    def kinks(self):
        return self._rows_where(self._table["kink"] & ~self._table["passed"])

    @property
    def passed_except_kinks(self):
        return bool(np.all(self._table["passed"] | self._table["kink"]))

    @property
    def suspects(self):
        t = self._table  # Report.suspects' rule, for every row at once
        return self._rows_where(t["passed"] & ~t["kink"] & (t["rel_error"] > SUSPECT)
                                & (t["abs_error"] > self.floor))

    def __eq__(self, other):
        if not isinstance(other, Report):
            return NotImplemented
        return ((self.rows, self.h, self.tol, self.rtol)
                == (other.rows, other.h, other.tol, other.rtol))

    __hash__ = Report.__hash__
# --8<-- [end:table_report]
