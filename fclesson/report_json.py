"""A `fclesson.report.Report` as JSON-ready values (`Report.to_dict`, the CLI's
``--json``): the same in every language."""

__all__ = ["to_dict", "row_dict"]


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
