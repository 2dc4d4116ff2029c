r"""The result of a gradient check: one `Row` per weight, gathered in a `Report`.

Layer indices are 0-based and match ``net.weights``: ``layer = 0`` is the first
hidden layer and ``layer = L - 1`` the output layer. ``row`` is the neuron of
that layer, ``column`` the input it weighs; the last column is the bias. In the
course's 2-2-1 network, ``(0, 0, 1)`` is w32 and ``(1, 0, 2)`` is b5.

A row passes when the absolute error ``|backprop - numerical|`` is below
``tol``, the lesson's rule (``tol = 1e-4``). The relative error
$\frac{|a - n|}{\max(|a|, |n|)}$ (0 when both are 0) is reported as well.

A row whose perturbation moves a ReLU unit across its kink (``net = 0``)
between ``w - h`` and ``w + h`` has ``kink = True``: its central difference
averages two one-sided slopes (0.5 for ReLU itself at 0), so a failure there
is not evidence of a bug. Such a row still fails (``passed`` keeps the
lesson's rule, and ``report.passed`` stays strict), but the table prints
``kink`` instead of ``FAIL`` and ``report.kinks`` lists it apart.
"""

from dataclasses import asdict, dataclass, field

__all__ = ["Row", "Report", "relative_error"]


# --8<-- [start:relative_error]
def relative_error(a, n):
    r"""$\frac{|a - n|}{\max(|a|, |n|)}$, and 0 when ``a = n = 0``."""
    scale = max(abs(a), abs(n))
    return 0.0 if scale == 0 else abs(a - n) / scale
# --8<-- [end:relative_error]


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
        ``abs_error < tol``.
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
    def compare(cls, layer, row, column, backprop, numerical, tol, kink=False):
        """Build the row of one weight from its two gradients."""
        backprop, numerical = float(backprop), float(numerical)
        abs_error = abs(backprop - numerical)
        return cls(
            layer=int(layer),
            row=int(row),
            column=int(column),
            backprop=backprop,
            numerical=numerical,
            abs_error=abs_error,
            rel_error=relative_error(backprop, numerical),
            passed=bool(abs_error < tol),
            kink=bool(kink),
        )
# --8<-- [end:row]


# --8<-- [start:report]
@dataclass(frozen=True)
class Report:
    """All rows of a gradient check, with the ``h`` and ``tol`` it used.

    ``str(report)`` is an aligned text table ending in a verdict line that
    also names the worst weight; ``report.to_dict()`` is the same content as
    plain JSON-ready values. ``names``, when given (the checks take it from
    ``net.weight_names``), maps ``(layer, row, column)`` to the course's name
    of each weight, and the table prints those names; it does not take part
    in comparing two reports.
    """

    rows: tuple
    h: float
    tol: float
    names: dict = field(default=None, compare=False)

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

    def to_dict(self):
        """``{"passed": bool, "rows": [dict, ...], "h": float, "tol": float}``.

        A row's ``"kink"`` key is written only when it is True, its ``"name"``
        key only when the report has names.
        """
        return {
            "passed": self.passed,
            "rows": [_row_dict(row, self.names) for row in self.rows],
            "h": self.h,
            "tol": self.tol,
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
        return cls(rows=rows, h=data["h"], tol=data["tol"], names=names or None)

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
        worst = self.worst
        if worst is not None:
            at = (f"layer {worst.layer}, row {worst.row}, column {worst.column}"
                  if names is None else names[(worst.layer, worst.row, worst.column)])
            table.append(f"worst: {at} (abs error {worst.abs_error:.2e}, "
                         f"rel error {worst.rel_error:.2e})")
        kinks = self.kinks
        if kinks:
            table.append(f"kink: {len(kinks)} failed weight(s) moved a ReLU unit "
                         "across net = 0")
            table.append("      between w - h and w + h; their central differences "
                         "average two")
            table.append("      one-sided slopes, so these failures are not evidence "
                         "of a bug")
        passed = sum(row.passed for row in self.rows)
        settings = f"(h = {self.h:g}, tol = {self.tol:g})"
        if self.passed:
            table.append(f"PASSED: {passed} of {len(self.rows)} weights have "
                         f"abs error < tol {settings}")
        else:
            failed = len(self.rows) - passed
            table.append(f"FAILED: {failed} of {len(self.rows)} weights have "
                         f"abs error >= tol {settings}")
        return "\n".join(table)


def _row_dict(row, names=None):
    """A row as JSON-ready values: ``kink`` only if True, ``name`` if known."""
    data = asdict(row)
    if not data["kink"]:
        del data["kink"]
    if names is not None:
        data = {"name": names[(row.layer, row.row, row.column)], **data}
    return data
# --8<-- [end:report]

