"""A `fclesson.report.Report` as text: the table, the verdict, the suspects.

Written once for every check: the lesson's loop, the batched check and
`fclesson.check_function` all print through these functions, in the language
of `fclesson.lesson.language` (English, or Chinese on the Chinese pages).
"""

import textwrap

import numpy as np

from .lesson.language import language, pad, say, width, wrap
from .report_brief import array_lines, shown
from .validation import _short

__all__ = ["label", "entry", "noun", "status", "table", "summary", "unclear_lines",
           "verdict", "suspect_lines", "wrapped"]


# --8<-- [start:label]
def label(row, names=None):
    """``w31`` (from ``names``), ``layer 0, row 0, column 0``, or ``W1[3, 7]``."""
    if names is not None and row.layer is not None:
        return names[(row.layer, row.row, row.column)]
    if row.layer is not None:
        return say({"en": f"layer {row.layer}, row {row.row}, column {row.column}",
                    "zh": f"第 {row.layer} 层第 {row.row} 行第 {row.column} 列"})
    return entry(row)


def entry(row):
    """``W1[3, 7]``: the array's name and the entry's index (``s`` for a scalar)."""
    return f"{row.name}[{', '.join(map(str, row.index))}]" if row.index else row.name


def noun(report, count=2):
    """``weights`` for a network's report, ``entries`` for any other (one: singular)."""
    if language() == "zh":
        return "个权重" if report._layers else "个元素"
    words = ("weight", "weights") if report._layers else ("entry", "entries")
    return words[count != 1]
# --8<-- [end:label]


# --8<-- [start:table]
def status(report, k):
    """``pass``, ``FAIL``, ``kink`` (``moves`` for a function), or ``unclear``: the
    row's result, as a code (`STATUS` has the words of each language)."""
    t = report._t
    if t["passed"][k]:
        return "pass"
    if t["kink"][k]:
        return "kink" if report._layers else "moves"
    unclear = not report._layers and t["abs_error"][k] <= t["floor"][k]  # _unclear_mask
    return "unclear" if unclear else "FAIL"


STATUS = {
    "en": {"pass": "pass", "FAIL": "FAIL", "kink": "kink", "moves": "moves",
           "unclear": "unclear"},
    "zh": {"pass": "通过", "FAIL": "失败", "kink": "折点", "moves": "随步长变",
           "unclear": "无法判断"},
}
HEADER = {
    "en": {"weight": "weight", "layer": "layer", "row": "row", "col": "col",
           "entry": "entry", "result": "result", "backprop": "backprop",
           "numerical": "numerical", "abs error": "abs error",
           "rel error": "rel error"},
    "zh": {"weight": "权重", "layer": "层", "row": "行", "col": "列", "entry": "元素",
           "result": "结果", "backprop": "反向传播", "numerical": "数值估计",
           "abs error": "绝对误差", "rel error": "相对误差"},
}


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
    header = tuple(say(HEADER)[word] for word in header)
    lines = [
        cells + (
            say(STATUS)[status(report, k)],
            f"{row.backprop:.8e}",
            f"{row.numerical:.8e}",
            f"{row.abs_error:.2e}",
            f"{row.rel_error:.2e}",
        )
        for cells, row, k in zip(where, rows, ks)
    ]
    result = len(header) - 5  # the result column: left-aligned, the rest right
    widths = [max(width(cell) for cell in column) for column in zip(header, *lines)]
    text = [
        "  ".join(pad(cell, columns, right=c != result)
                  for c, (cell, columns) in enumerate(zip(cells, widths))).rstrip()
        for cells in [header, *lines]
    ]
    if len(ks) < len(report):
        left_out = len(report) - len(ks)
        text += [say({"en": f"... {left_out:,} more {noun(report)} not shown "
                            "(the failures come first)",
                      "zh": f"……另有 {left_out:,} {noun(report)}未列出（失败的排在前面）"}),
                 *array_lines(report, lambda row: label(row, names))]
    return "\n".join(text + [summary(report, names)])


def wrapped(first, text, indent):
    """``text`` in lines of at most 88 columns, the first starting with ``first``
    (a Chinese character takes two; `fclesson.lesson.language.wrap`)."""
    if language() == "zh":
        return wrap(text, 88, first, indent)
    return textwrap.wrap(text, 88, initial_indent=first, subsequent_indent=indent)


def summary(report, names=None):
    """The lines under the table: worst row, kinks, unclear rows, verdict, suspects."""
    t, text = report._t, []
    worst = report.worst
    if worst is not None:
        text.append(say({
            "en": f"worst: {label(worst, names)} (abs error {worst.abs_error:.2e}, "
                  f"rel error {worst.rel_error:.2e})",
            "zh": f"最差：{label(worst, names)}（绝对误差 {worst.abs_error:.2e}，"
                  f"相对误差 {worst.rel_error:.2e}）"}))
    kinks = int(np.count_nonzero(t["kink"] & ~t["passed"]))
    if kinks and report._layers:
        text += say({
            "en": [f"kink: {kinks} failed {noun(report, kinks)} "
                   "crossed a kink (a ReLU unit at net = 0, or",
                   "      a point where the function is not smooth) between w - h and "
                   "w + h; their",
                   "      central differences mix the slopes on either side: not "
                   "evidence of a bug"],
            "zh": wrapped("折点：", f"{kinks} {noun(report)}未通过：在 w - h 与 w + h 之间"
                          "跨过了折点（net = 0 的 ReLU 单元，或函数不光滑的点），中心差分"
                          "混合了两侧的斜率：这不是代码有错的证据", "      ")})
    elif kinks:
        text += say({
            "en": wrapped("moves: ", f"{kinks} failed {noun(report, kinks)} whose "
                          "estimate moves with the step in a way that explains the "
                          "error (below): not evidence of a bug, nor proof of none; "
                          "check again at a slightly moved w.", "       "),
            "zh": wrapped("随步长变：", f"{kinks} {noun(report)}未通过，其估计值随步长变化，"
                          "足以解释误差（见下）：既不证明有错，也不证明没错；"
                          "请在稍微移动过的 w 处再检查一次。", "          ")})
    for k, note in list(report._notes.items())[:5]:
        if not note.endswith(("does not move with h", "估计值不随 h 变化")):  # non_smooth
            text += wrapped(f"  {label(report._row(k), names)}: ", note, "    ")
    text += unclear_lines(report)
    if report.unchecked:
        total = len(report) + report.unchecked
        text.append(say({
            "en": f"interrupted: {report.unchecked:,} of {total:,} {noun(report)} "
                  "not checked",
            "zh": f"已中断：{total:,} {noun(report)}中有 {report.unchecked:,} 个未检查"}))
    text.append(verdict(report))
    text += suspect_lines(report, names)
    return "\n".join(text)


def unclear_lines(report):
    """Why the unclear rows cannot tell, and what to do; the loss's low precision."""
    text, unclear = [], int(np.count_nonzero(report._unclear_mask()))
    if unclear:
        text += say({
            "en": wrapped("unclear: ", f"{unclear} failed {noun(report, unclear)} "
                          "differ from backprop by less than the rounding noise of "
                          f"the loss (floor {report.floor:.1e} at h = {report.h:g}): "
                          "cannot tell at this h. Check again with a larger h (the "
                          "floor shrinks as 1/h), with method=\"complex-step\", or "
                          "with the loss's large constant part left out.", "         "),
            "zh": wrapped("无法判断：", f"{unclear} {noun(report)}未通过，但与反向传播的差小于"
                          f"损失函数的舍入噪声（h = {report.h:g} 时下限为 "
                          f"{report.floor:.1e}）：这个 h 下无法判断。请用更大的 h 再检查"
                          "（下限随 1/h 缩小），或用 method=\"complex-step\"，或去掉损失中"
                          "很大的常数部分。", "          ")})
    if report.low_precision:
        text += say({
            "en": wrapped("noise: ", f"{report.low_precision}; the rows are judged "
                          "against that noise.", "       "),
            "zh": wrapped("噪声：", f"{report.low_precision}；各行按这个噪声判断。", "      ")})
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
    if language() == "zh":
        holds, fails = (rule.replace("numerical", "数值估计") for rule in (holds, fails))
        settings = (settings.replace(" (", "（").replace("(", "（")
                    .replace(")", "）").replace(", ", "，"))
        of = f"{total} {noun(report)}中"
        if failed and failed == np.count_nonzero(report._unclear_mask()):
            return (f"无法判断：{of}有 {failed} 个绝对误差 {fails}，都在舍入下限之内"
                    f"{settings}")
        if failed:
            return f"未通过：{of}有 {failed} 个绝对误差 {fails}{settings}"
        return f"通过：{of}全部 {total} 个绝对误差 {holds}{settings}"
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
    rows = [report._row(int(k)) for k in np.flatnonzero(mask)[:most]]
    lines = [say({"en": f"suspect: {label(row, names)} passes, but its rel error "
                        f"{row.rel_error:.2e} is above {_short(report.suspect)}",
                  "zh": f"可疑：{label(row, names)} 通过了，但它的相对误差 "
                        f"{row.rel_error:.2e} 大于 {_short(report.suspect)}"})
             for row in rows]
    if count > most:
        lines.append(say({"en": f"         and {count - most} more suspects",
                          "zh": f"      另有 {count - most} 个可疑项"}))
    if count and report.rtol == 0:
        lines += say({"en": ["         tol lets a large relative error through on a "
                             "small gradient;",
                             "         check again with tol = 1e-5, rtol = 1e-3"],
                      "zh": ["      tol 会放过小梯度上很大的相对误差；",
                             "      请用 tol = 1e-5，rtol = 1e-3 再检查"]})
    return lines
# --8<-- [end:table]
