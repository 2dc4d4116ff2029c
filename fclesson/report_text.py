"""A `fclesson.report.Report` as text and as JSON: the table, the verdict, the suspects.

Written once for every check: the lesson's loop, the batched check and
`fclesson.check_function` all print through these functions.
"""

import numpy as np

from .validation import _short

__all__ = ["label", "entry", "noun", "table", "summary", "verdict", "suspect_lines",
           "to_dict", "row_dict"]


# --8<-- [start:label]
def label(row, names=None):
    """``w31`` (from ``names``), ``layer 0, row 0, column 0``, or ``W1[3, 7]``."""
    if names is not None and row.layer is not None:
        return names[(row.layer, row.row, row.column)]
    if row.layer is not None:
        return f"layer {row.layer}, row {row.row}, column {row.column}"
    return entry(row)


def entry(row):
    """``W1[3, 7]``: the array's name and the entry's index (``s`` for a scalar)."""
    return f"{row.name}[{', '.join(map(str, row.index))}]" if row.index else row.name


def noun(report, count=2):
    """``weights`` for a network's report, ``entries`` for any other (one: singular)."""
    words = ("weight", "weights") if report._layers else ("entry", "entries")
    return words[count != 1]
# --8<-- [end:label]


# --8<-- [start:table]
def table(report, names=None):
    """The aligned table, then the worst row, the verdict and the suspects."""
    rows = report.rows
    if names is not None and report._layers:
        header = ("weight",)
        where = [(names[(r.layer, r.row, r.column)],) for r in rows]
    elif report._layers:
        header = ("layer", "row", "col")
        where = [(str(r.layer), str(r.row), str(r.column)) for r in rows]
    else:
        header, where = ("entry",), [(entry(r),) for r in rows]
    header += ("backprop", "numerical", "abs error", "rel error", "result")
    lines = [
        cells + (
            f"{row.backprop:.8e}",
            f"{row.numerical:.8e}",
            f"{row.abs_error:.2e}",
            f"{row.rel_error:.2e}",
            "pass" if row.passed else "kink" if row.kink else "FAIL",
        )
        for cells, row in zip(where, rows)
    ]
    widths = [max(len(cell) for cell in column) for column in zip(header, *lines)]
    text = [
        "  ".join(cell.rjust(width) for cell, width in zip(cells, widths)).rstrip()
        for cells in [header, *lines]
    ]
    return "\n".join(text + [summary(report, names)])


def summary(report, names=None):
    """The lines under the table: the worst row, kinks, the verdict, the suspects."""
    text = []
    worst = report.worst
    if worst is not None:
        text.append(f"worst: {label(worst, names)} (abs error {worst.abs_error:.2e}, "
                    f"rel error {worst.rel_error:.2e})")
    if report.kinks:
        text += [f"kink: {len(report.kinks)} failed {noun(report, len(report.kinks))} "
                 "crossed a kink (a ReLU unit at net = 0, or",
                 "      a point where the function is not smooth) between w - h and "
                 "w + h; their",
                 "      central differences average two one-sided slopes: not "
                 "evidence of a bug"]
    text.append(verdict(report))
    text += suspect_lines(report, names)
    return "\n".join(text)


def verdict(report):
    """``PASSED: ...`` or ``FAILED: ...``, with the rule and its settings."""
    total = len(report)
    failed = total - int(np.count_nonzero(report._t["passed"]))
    if report.rtol == 0:
        holds, fails = "< tol", ">= tol"
        settings = f" (h = {report.h:g}, tol = {report.tol:g})"
    else:
        holds, fails = "<= tol + rtol |numerical|", "> tol + rtol |numerical|"
        settings = (f"\n        (h = {report.h:g}, tol = {report.tol:g}, "
                    f"rtol = {report.rtol:g})")
    of = f"of {total} {noun(report)} have abs error"
    if failed:
        return f"FAILED: {failed} {of} {fails}{settings}"
    return f"PASSED: {total} {of} {holds}{settings}"


def suspect_lines(report, names=None, most=5):
    """One line per suspect (at most ``most``), and what to do about them."""
    suspects = report.suspects
    lines = [f"suspect: {label(row, names)} passes, but its rel error "
             f"{row.rel_error:.2e} is above {_short(report.suspect)}"
             for row in suspects[:most]]
    if len(suspects) > most:
        lines.append(f"         and {len(suspects) - most} more suspects")
    if suspects and report.rtol == 0:
        lines += ["         tol lets a large relative error through on a small "
                  "gradient;",
                  "         check again with tol = 1e-5, rtol = 1e-3"]
    return lines
# --8<-- [end:table]


# --8<-- [start:json]
def to_dict(report):
    """The report as JSON-ready values (see `fclesson.report.Report.to_dict`)."""
    return {
        "passed": report.passed,
        "rows": [row_dict(row, report.names) for row in report.rows],
        "h": report.h,
        "tol": report.tol,
        "rtol": report.rtol,
        "floor": report.floor,
        "suspects": [row_dict(row, report.names) for row in report.suspects],
    }


def row_dict(row, names=None):
    """A row as JSON-ready values: ``kink`` only if True, ``label`` if named."""
    data = {"name": row.name, "index": list(row.index)}
    if names is not None and row.layer is not None:
        data = {"label": names[(row.layer, row.row, row.column)], **data}
    if row.layer is not None:
        data.update(layer=row.layer, row=row.row, column=row.column)
    data.update(backprop=row.backprop, numerical=row.numerical,
                abs_error=row.abs_error, rel_error=row.rel_error, passed=row.passed)
    if row.kink:
        data["kink"] = True
    return data

# --8<-- [end:json]
