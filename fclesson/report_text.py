"""A `fclesson.report.Report` as text and as JSON: the table, the verdict, the suspects.

Written once for every check: the lesson's loop, the batched check and
`fclesson.check_function` all print through these functions.
"""

import textwrap

import numpy as np

from .report_brief import array_lines, shown
from .validation import _short

__all__ = ["label", "entry", "noun", "status", "table", "summary", "unclear_lines",
           "verdict", "suspect_lines", "wrapped", "to_dict", "row_dict"]


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
def status(report, k):
    """``pass``, ``FAIL``, ``kink`` (``moves`` for a function), or ``unclear``."""
    t = report._t
    if t["passed"][k]:
        return "pass"
    if t["kink"][k]:
        return "kink" if report._layers else "moves"
    unclear = not report._layers and t["abs_error"][k] <= t["floor"][k]  # _unclear_mask
    return "unclear" if unclear else "FAIL"


def table(report, names=None):
    """The aligned table, then the worst row, the verdict and the suspects.

    Each row starts with the weight's name and its result, so that both show
    on a narrow screen; the numbers follow.
    """
    ks = shown(report)
    rows = [report._row(k) for k in ks]
    if names is not None and report._layers:
        header = ("weight",)
        where = [(names[(r.layer, r.row, r.column)],) for r in rows]
    elif report._layers:
        header = ("layer", "row", "col")
        where = [(str(r.layer), str(r.row), str(r.column)) for r in rows]
    else:
        header, where = ("entry",), [(entry(r),) for r in rows]
    header += ("result", "backprop", "numerical", "abs error", "rel error")
    lines = [
        cells + (
            status(report, k),
            f"{row.backprop:.8e}",
            f"{row.numerical:.8e}",
            f"{row.abs_error:.2e}",
            f"{row.rel_error:.2e}",
        )
        for cells, row, k in zip(where, rows, ks)
    ]
    result = len(header) - 5  # the result column: left-aligned, the rest right
    widths = [max(len(cell) for cell in column) for column in zip(header, *lines)]
    text = [
        "  ".join(cell.ljust(width) if c == result else cell.rjust(width)
                  for c, (cell, width) in enumerate(zip(cells, widths))).rstrip()
        for cells in [header, *lines]
    ]
    if len(ks) < len(report):
        text += [f"... {len(report) - len(ks):,} more {noun(report)} not shown "
                 "(the failures come first)",
                 *array_lines(report, lambda row: label(row, names))]
    return "\n".join(text + [summary(report, names)])


def wrapped(first, text, indent):
    """``text`` in lines of at most 88 characters, the first starting with ``first``."""
    return textwrap.wrap(text, 88, initial_indent=first, subsequent_indent=indent)


def summary(report, names=None):
    """The lines under the table: worst row, kinks, unclear rows, verdict, suspects."""
    t, text = report._t, []
    worst = report.worst
    if worst is not None:
        text.append(f"worst: {label(worst, names)} (abs error {worst.abs_error:.2e}, "
                    f"rel error {worst.rel_error:.2e})")
    kinks = int(np.count_nonzero(t["kink"] & ~t["passed"]))
    if kinks and report._layers:
        text += [f"kink: {kinks} failed {noun(report, kinks)} "
                 "crossed a kink (a ReLU unit at net = 0, or",
                 "      a point where the function is not smooth) between w - h and "
                 "w + h; their",
                 "      central differences mix the slopes on either side: not "
                 "evidence of a bug"]
    elif kinks:
        text += wrapped("moves: ", f"{kinks} failed {noun(report, kinks)} whose "
                         "estimate moves with the step in a way that explains the "
                         "error (below): not evidence of a bug, nor proof of none; "
                         "check again at a slightly moved w.", "       ")
    for k, note in list(report._notes.items())[:5]:
        if not note.endswith("does not move with h"):
            text += wrapped(f"  {label(report._row(k), names)}: ", note, "    ")
    text += unclear_lines(report)
    if report.unchecked:
        text.append(f"interrupted: {report.unchecked:,} of "
                    f"{len(report) + report.unchecked:,} {noun(report)} not checked")
    text.append(verdict(report))
    text += suspect_lines(report, names)
    return "\n".join(text)


def unclear_lines(report):
    """Why the unclear rows cannot tell, and what to do; the loss's low precision."""
    text, unclear = [], int(np.count_nonzero(report._unclear_mask()))
    if unclear:
        text += wrapped("unclear: ", f"{unclear} failed {noun(report, unclear)} "
                         "differ from backprop by less than the rounding noise of "
                         f"the loss (floor {report.floor:.1e} at h = {report.h:g}): "
                         "cannot tell at this h. Check again with a larger h (the "
                         "floor shrinks as 1/h), with method=\"complex-step\", or "
                         "with the loss's large constant part left out.", "         ")
    if report.low_precision:
        text += wrapped("noise: ", f"{report.low_precision}; the rows are judged "
                         "against that noise.", "       ")
    return text


def verdict(report):
    """``PASSED: ...``, ``FAILED: ...`` or ``CANNOT TELL: ...``, with the rule."""
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
    if failed and failed == np.count_nonzero(report._unclear_mask()):
        return f"CANNOT TELL: {failed} {of} {fails}, all within the floor{settings}"
    if failed:
        return f"FAILED: {failed} {of} {fails}{settings}"
    return f"PASSED: {total} {of} {holds}{settings}"


def suspect_lines(report, names=None, most=5):
    """One line per suspect (at most ``most``), and what to do about them."""
    mask = report._suspect_mask() & ~report._t["kink"]
    count = int(np.count_nonzero(mask))
    lines = [f"suspect: {label(row, names)} passes, but its rel error "
             f"{row.rel_error:.2e} is above {_short(report.suspect)}"
             for row in (report._row(int(k)) for k in np.flatnonzero(mask)[:most])]
    if count > most:
        lines.append(f"         and {count - most} more suspects")
    if count and report.rtol == 0:
        lines += ["         tol lets a large relative error through on a small "
                  "gradient;",
                  "         check again with tol = 1e-5, rtol = 1e-3"]
    return lines
# --8<-- [end:table]


# --8<-- [start:json]
def to_dict(report):
    """The report as JSON-ready values (see `fclesson.report.Report.to_dict`)."""
    rows = []
    for k, row in enumerate(report.rows):
        data = row_dict(row, report.names)
        if report._t["floor"][k] != report.floor:
            data["floor"] = float(report._t["floor"][k])
        if k in report._notes:
            data["note"] = report._notes[k]
        rows.append(data)
    data = {
        "passed": report.passed,
        "rows": rows,
        "h": report.h,
        "tol": report.tol,
        "rtol": report.rtol,
        "floor": report.floor,
        "suspects": [row_dict(row, report.names) for row in report.suspects],
    }
    if report.noise is not None:
        data.update(noise=report.noise, low_precision=report.low_precision)
    return data


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
