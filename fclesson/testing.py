"""Gradient checks for a test suite: one line in a student's own pytest file.

    from fclesson.testing import assert_gradients

    def test_my_backprop():
        assert_gradients(loss, params, grads)

`assert_gradients` runs `fclesson.check_function` (``tol = 1e-5, rtol = 1e-3``
by default) and raises `AssertionError` when a row fails, or passes as a
suspect (a relative error above 1e-3, beyond the rounding floor: a small
gradient with the wrong sign passes any absolute tolerance), with a message
in the spirit of ``numpy.testing``: how many entries failed, and the worst of
them with both values and both errors. Its own frames stay out of pytest's
traceback (``__tracebackhide__``): the failure shows your test and the message.
"""

import numpy as np

from . import report_text
from .function_check import check_function
from .report_brief import array_lines
from .lesson.language import pad, say
from .report_text import entry, status

__all__ = ["assert_gradients"]

_RANK = {"FAIL": 0, "moves": 1, "unclear": 2, "pass": 3}


# --8<-- [start:assert_gradients]
def assert_gradients(loss, params, grads, *, most=5, **options):
    """Raise `AssertionError` unless ``grads`` pass `check_function`, no suspect.

    Parameters
    ----------
    loss, params, grads
        As for `fclesson.check_function`.
    most : int
        How many of the worst failing entries the message lists.
    **options
        ``h``, ``tol``, ``rtol``, ``method``, ``progress``: as for
        `fclesson.check_function`.

    Returns
    -------
    Report
        The report, when every entry passed and none is a suspect (a failure
        at a kink also raises, its line says so).
    """
    __tracebackhide__ = True  # pytest shows the caller's test, not this function
    report = check_function(loss, params, grads, **options)
    t = report._t
    bad = np.flatnonzero(~t["passed"])
    if len(bad):
        title = say({"en": (f"Gradients not equal: {len(bad)} of {len(report)} "
                            "entries fail"),
                     "zh": f"梯度不相等：{len(report)} 个元素中 {len(bad)} 个失败"})
    else:
        bad = np.flatnonzero(report._suspect_mask() & ~t["kink"])
        if not len(bad):
            return report
        title = say({
            "en": f"Gradients suspect: {len(bad)} of {len(report)} entries pass, but "
                  f"with a rel error above {report.suspect:g}\nand an abs error above "
                  "the rounding floor",
            "zh": f"梯度可疑：{len(report)} 个元素中 {len(bad)} 个通过了，但相对误差大于 "
                  f"{report.suspect:g}，\n且绝对误差高于舍入下限"})
    raise AssertionError("\n".join([title, *_lines(report, bad, most)]))


def _lines(report, bad, most):
    """The rule, the worst rows of ``bad`` with their notes, and the explanations."""
    t = report._t
    bad = sorted(bad, key=lambda k: (_RANK[status(report, k)], -t["abs_error"][k]))
    rule = (f"|backprop - numerical| < tol (h = {report.h:g}, tol = {report.tol:g})"
            if report.rtol == 0 else
            f"|backprop - numerical| <= tol + rtol |numerical| (h = {report.h:g}, "
            f"tol = {report.tol:g}, rtol = {report.rtol:g})")
    words = say(report_text.HEADER)
    lines = [rule, "  ".join(pad(words[w], columns, right=True) for w, columns in (
        ("entry", 12), ("backprop", 15), ("numerical", 15), ("abs error", 9),
        ("rel error", 9)))]
    for k in bad[:most]:
        row, note = report._row(int(k)), ""
        if row.kink and not row.passed:
            note = say({"en": "  (kink: the estimate moves with h)",
                        "zh": "  （折点：估计值随 h 变化）"})
        elif status(report, k) == "unclear":
            note = say({"en": f"  (unclear: below the floor {t['floor'][k]:.1e})",
                        "zh": f"  （无法判断：低于舍入下限 {t['floor'][k]:.1e}）"})
        lines.append(f"{entry(row):>12}  {row.backprop:15.8e}  {row.numerical:15.8e}  "
                     f"{row.abs_error:9.2e}  {row.rel_error:9.2e}{note}")
        if int(k) in report._notes and row.kink:
            lines += report_text.wrapped("              ", report._notes[int(k)],
                                          "              ")
    if len(bad) > most:
        lines.append(say({"en": f"{'':>12}  and {len(bad) - most} more",
                          "zh": f"{'':>12}  另有 {len(bad) - most} 个"}))
    if len(report._arrays) > 1:
        lines += array_lines(report, report.label)
    return lines + report_text.unclear_lines(report)
# --8<-- [end:assert_gradients]
