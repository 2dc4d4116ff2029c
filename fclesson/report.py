r"""The result of a gradient check: one `Row` per weight, gathered in a `Report`.

Layer indices are 0-based and match ``net.weights``: ``layer = 0`` is the first
hidden layer and ``layer = L - 1`` the output layer. ``row`` is the neuron of
that layer, ``column`` the input it weighs; the last column is the bias. In the
course's 2-2-1 network, ``(0, 0, 1)`` is w32 and ``(1, 0, 2)`` is b5.

A row passes when the absolute error ``|backprop - numerical|`` is below
``tol``, the lesson's rule (``tol = 1e-4``). The relative error
$\frac{|a - n|}{\max(|a|, |n|)}$ (0 when both are 0) is reported as well.
With ``rtol > 0`` a row passes when ``|a - n| <= tol + rtol |n|``, the rule of
``numpy.isclose`` and ``torch.autograd.gradcheck`` (``tol = 1e-5, rtol = 1e-3``
there), which scales with the gradient: the recommendation for real code.

The absolute rule lets a relative error of 1% through on a gradient of
``5e-3``. Such rows are the report's ``suspects``: they pass, but their
relative error is above ``SUSPECT = 1e-3`` and their absolute error above
the rounding floor of the central difference (`rounding_floor`), where no
relative error means anything.

A row whose perturbation moves a ReLU unit across its kink (``net = 0``)
between ``w - h`` and ``w + h`` has ``kink = True``: its central difference
averages two one-sided slopes (0.5 for ReLU itself at 0), so a failure there
is not evidence of a bug. Such a row still fails (``passed`` keeps the
lesson's rule, and ``report.passed`` stays strict), but the table prints
``kink`` instead of ``FAIL`` and ``report.kinks`` lists it apart.
"""

from dataclasses import asdict, dataclass, field

import numpy as np

from .validation import _short

__all__ = ["Row", "Report", "relative_error", "rounding_floor", "SUSPECT"]

SUSPECT = 1e-3  # a passing row with a larger relative error is a suspect


# --8<-- [start:relative_error]
def relative_error(a, n):
    r"""$\frac{|a - n|}{\max(|a|, |n|)}$, and 0 when ``a = n = 0``."""
    scale = max(abs(a), abs(n))
    return 0.0 if scale == 0 else abs(a - n) / scale
# --8<-- [end:relative_error]


# --8<-- [start:rounding_floor]
def rounding_floor(E, h):
    r"""$8 \varepsilon \max(|E|, 1) / h$: the rounding noise of a central difference.

    Each of $E(w + h)$ and $E(w - h)$ is rounded by a few units of
    $\varepsilon |E|$ (computing them rounds intermediate values of order 1
    too, hence $\max(|E|, 1)$), and the central difference divides their
    difference by $2h$. An absolute error below this floor says nothing.
    """
    return 8 * float(np.finfo(np.float64).eps) * max(abs(float(E)), 1.0) / float(h)
# --8<-- [end:rounding_floor]


# --8<-- [start:row]
@dataclass(frozen=True)
class Row:
    """The check of one weight ``weights[layer][row, column]``.

    Attributes
    ----------
    layer, row, column : int
        Position of the weight (0-based; ``layer`` indexes ``net.weights``).
    backprop : float
        ``dE/dw`` from backpropagation (the code under test).
    numerical : float
        ``(E(w + h) - E(w - h)) / 2h``.
    abs_error, rel_error : float
        ``|backprop - numerical|`` and its relative version.
    passed : bool
        ``abs_error < tol``; with ``rtol > 0``, ``abs_error <= tol + rtol |numerical|``.
    kink : bool
        The perturbation moved a ReLU unit across ``net = 0`` (default False).
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

    @classmethod
    def compare(cls, layer, row, column, backprop, numerical, tol, kink=False,
                rtol=0.0):
        """Build the row of one weight from its two gradients."""
        backprop, numerical = float(backprop), float(numerical)
        abs_error = abs(backprop - numerical)
        passed = (abs_error < tol if rtol == 0
                  else abs_error <= tol + rtol * abs(numerical))
        return cls(
            layer=int(layer),
            row=int(row),
            column=int(column),
            backprop=backprop,
            numerical=numerical,
            abs_error=abs_error,
            rel_error=relative_error(backprop, numerical),
            passed=bool(passed),
            kink=bool(kink),
        )
# --8<-- [end:row]


# --8<-- [start:report]
@dataclass(frozen=True)
class Report:
    """All rows of a gradient check, with the ``h``, ``tol`` and ``rtol`` it used.

    ``str(report)`` is an aligned text table ending in the worst weight, a
    verdict line, and the suspects; ``report.to_dict()`` is the same content
    as plain JSON-ready values. ``names``, when given (the checks take it from
    ``net.weight_names``), maps ``(layer, row, column)`` to the course's name
    of each weight, and the table prints those names. ``floor`` is the
    check's `rounding_floor` (0 for the complex step, which subtracts
    nothing). Neither takes part in comparing two reports.
    """

    rows: tuple
    h: float
    tol: float
    names: dict = field(default=None, compare=False)
    rtol: float = 0.0
    floor: float = field(default=0.0, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "rows", tuple(self.rows))

    @property
    def passed(self):
        """True when every row passed."""
        return all(row.passed for row in self.rows)

    @property
    def failures(self):
        """The rows that did not pass."""
        return [row for row in self.rows if not row.passed]

    @property
    def worst(self):
        """The row with the largest absolute error (None for an empty report)."""
        return max(self.rows, key=lambda row: row.abs_error, default=None)

    @property
    def kinks(self):
        """The failed rows whose step crossed a ReLU kink (inconclusive, not bugs)."""
        return [row for row in self.rows if row.kink and not row.passed]

    @property
    def passed_except_kinks(self):
        """True when every row passed or failed only at a kink."""
        return all(row.passed or row.kink for row in self.rows)

    @property
    def suspects(self):
        """The rows that pass, but whose relative error is above `SUSPECT` (1e-3).

        Rows at a kink, and rows whose absolute error is within the rounding
        ``floor``, are left out: their relative error is not evidence.
        """
        return [row for row in self.rows if _suspect(row, self.floor)]

    def to_dict(self):
        """``{"passed", "rows", "h", "tol", "rtol", "floor", "suspects"}``.

        ``rows`` and ``suspects`` are lists of row dicts. A row's ``"kink"``
        key is written only when it is True, its ``"name"`` key only when the
        report has names.
        """
        return {
            "passed": self.passed,
            "rows": [_row_dict(row, self.names) for row in self.rows],
            "h": self.h,
            "tol": self.tol,
            "rtol": self.rtol,
            "floor": self.floor,
            "suspects": [_row_dict(row, self.names) for row in self.suspects],
        }

    @classmethod
    def from_dict(cls, data):
        """Rebuild a report from `to_dict`'s output."""
        rows, names = [], {}
        for entry in data["rows"]:
            entry = dict(entry)
            name = entry.pop("name", None)
            row = Row(**entry)
            if name is not None:
                names[(row.layer, row.row, row.column)] = name
            rows.append(row)
        return cls(rows=rows, h=data["h"], tol=data["tol"], names=names or None,
                   rtol=data.get("rtol", 0.0), floor=data.get("floor", 0.0))

    def __str__(self):
        return self.table()

    def table(self, names=None):
        """The report as an aligned table, then the worst weight and the verdict.

        Parameters
        ----------
        names : dict, optional
            ``{(layer, row, column): name}``, e.g. `fclesson.gender.WEIGHT_NAMES`
            (``w31`` .. ``b5``): a first column "weight" then replaces the
            layer, row and column. By default the report's own ``names``.
        """
        names = self.names if names is None else names
        if names is None:
            header = ("layer", "row", "col")
            where = [(str(r.layer), str(r.row), str(r.column)) for r in self.rows]
        else:
            header = ("weight",)
            where = [(names[(r.layer, r.row, r.column)],) for r in self.rows]
        header += ("backprop", "numerical", "abs error", "rel error", "result")
        lines = [
            cells + (
                f"{row.backprop:.8e}",
                f"{row.numerical:.8e}",
                f"{row.abs_error:.2e}",
                f"{row.rel_error:.2e}",
                "pass" if row.passed else "kink" if row.kink else "FAIL",
            )
            for cells, row in zip(where, self.rows)
        ]
        widths = [max(len(cell) for cell in column) for column in zip(header, *lines)]
        table = [
            "  ".join(cell.rjust(width) for cell, width in zip(cells, widths)).rstrip()
            for cells in [header, *lines]
        ]
        def at(row):
            return (f"layer {row.layer}, row {row.row}, column {row.column}"
                    if names is None else names[(row.layer, row.row, row.column)])

        worst = self.worst
        if worst is not None:
            table.append(f"worst: {at(worst)} (abs error {worst.abs_error:.2e}, "
                         f"rel error {worst.rel_error:.2e})")
        kinks = self.kinks
        if kinks:
            table.append(f"kink: {len(kinks)} failed weight(s) moved a ReLU unit "
                         "across net = 0")
            table.append("      between w - h and w + h; their central differences "
                         "average two")
            table.append("      one-sided slopes, so these failures are not evidence "
                         "of a bug")
        table.append(self._verdict())
        suspects = self.suspects
        for row in suspects[:5]:
            table.append(f"suspect: {at(row)} passes, but its rel error "
                         f"{row.rel_error:.2e} is above {_short(SUSPECT)}")
        if len(suspects) > 5:
            table.append(f"         and {len(suspects) - 5} more suspects")
        if suspects and self.rtol == 0:
            table.append("         tol lets a large relative error through on a small "
                         "gradient;")
            table.append("         check again with tol = 1e-5, rtol = 1e-3")
        return "\n".join(table)

    def _verdict(self):
        """``PASSED: ...`` or ``FAILED: ...``, with the rule and its settings."""
        total = len(self.rows)
        passed = sum(row.passed for row in self.rows)
        if self.rtol == 0:
            settings = f"(h = {self.h:g}, tol = {self.tol:g})"
            if passed == total:
                return (f"PASSED: {passed} of {total} weights have "
                        f"abs error < tol {settings}")
            return (f"FAILED: {total - passed} of {total} weights have "
                    f"abs error >= tol {settings}")
        settings = f"(h = {self.h:g}, tol = {self.tol:g}, rtol = {self.rtol:g})"
        if passed == total:
            return (f"PASSED: {passed} of {total} weights have abs error <= "
                    f"tol + rtol |numerical|\n        {settings}")
        return (f"FAILED: {total - passed} of {total} weights have abs error > "
                f"tol + rtol |numerical|\n        {settings}")


def _suspect(row, floor):
    """A passing row, not at a kink, with rel error > SUSPECT above the floor."""
    return (row.passed and not row.kink and row.rel_error > SUSPECT
            and row.abs_error > floor)


def _row_dict(row, names=None):
    """A row as JSON-ready values: ``kink`` only if True, ``name`` if known."""
    data = asdict(row)
    if not data["kink"]:
        del data["kink"]
    if names is not None:
        data = {"name": names[(row.layer, row.row, row.column)], **data}
    return data
# --8<-- [end:report]

