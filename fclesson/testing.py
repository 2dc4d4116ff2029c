"""Gradient checks for a test suite: one line in a student's own pytest file.

    from fclesson.testing import assert_gradients

    def test_my_backprop():
        assert_gradients(loss, params, grads, tol=1e-5, rtol=1e-3)

`assert_gradients` runs `fclesson.check_function` and raises `AssertionError`
when a row fails, with a message in the spirit of ``numpy.testing``: how many
entries failed, and the worst of them with both values and both errors.
"""

from .function_check import check_function
from .report_text import entry

__all__ = ["assert_gradients"]


# --8<-- [start:assert_gradients]
def assert_gradients(loss, params, grads, *, most=5, **options):
    """Raise `AssertionError` unless ``grads`` pass `check_function`.

    Parameters
    ----------
    loss, params, grads
        As for `fclesson.check_function`.
    most : int
        How many of the worst failing entries the message lists.
    **options
        ``h``, ``tol``, ``rtol``, ``method``: as for `fclesson.check_function`.

    Returns
    -------
    Report
        The report, when every entry passed (a failure at a kink also raises,
        its line says so).
    """
    report = check_function(loss, params, grads, **options)
    if report.passed:
        return report
    failures = sorted(report.failures, key=lambda row: row.abs_error, reverse=True)
    rule = (f"|backprop - numerical| < tol = {report.tol:g}" if report.rtol == 0 else
            f"|backprop - numerical| <= tol + rtol |numerical| (tol = {report.tol:g}, "
            f"rtol = {report.rtol:g})")
    lines = [f"Gradients not equal: {len(failures)} of {len(report)} entries fail",
             f"{rule}, h = {report.h:g}",
             f"{'entry':>12}  {'backprop':>15}  {'numerical':>15}  {'abs error':>9}  "
             f"{'rel error':>9}"]
    for row in failures[:most]:
        note = "  (kink: the estimate moves with h)" if row.kink else ""
        lines.append(f"{entry(row):>12}  {row.backprop:15.8e}  {row.numerical:15.8e}  "
                     f"{row.abs_error:9.2e}  {row.rel_error:9.2e}{note}")
    if len(failures) > most:
        lines.append(f"{'':>12}  and {len(failures) - most} more")
    raise AssertionError("\n".join(lines))
# --8<-- [end:assert_gradients]
