r"""Does a row's estimate move with the step? `check_function`'s second look.

A row that fails beyond the loss's noise, or passes as a suspect, is
estimated again at $w \pm h/2$. With $E_0 = E(w)$ and the first pass's
$E(w \pm h)$ that gives five points, and from them

* the central differences $D(h)$ and $D(h/2)$, and Richardson's
  $S = (4 D(h/2) - D(h)) / 3$, exact to $O(h^4)$ on a smooth stretch;
* the one-sided slopes on each side, extrapolated the same way:
  $R_+ = 2 D_+(h/2) - D_+(h)$ from $w, w + h/2, w + h$ only, $R_-$ from
  $w - h, w - h/2, w$ only, each exact to $O(h^2)$ when its side is smooth.

On a smooth stretch all of them agree with the true derivative, and a bug's
error stays whatever the step. The row is marked as *moving with the step*
(``kink = True``) only when the evidence says so (a move beyond the noise,
and at least a tenth of the row's error), and only when it is then
explained:

* the slopes on the two sides differ ($|R_+ - R_-|$ beyond their noise):
  the loss has a kink or a jump between $w - h$ and $w + h$; the row is
  explained when backprop matches the slope on one side of it;
* or the central difference moves as a smooth curve's does ($D(h) \ne D(h/2)$,
  $R_+ = R_-$): $h$ is too large for the curvature; explained when backprop
  matches $S$.

A row whose estimate moves but matches none of them stays a failure (or a
suspect): the kink rule never hides a bug. Every re-estimated row gets a
note that says what was seen.
"""

import numpy as np

from .lesson.language import say

from .report import SUSPECT, relative_error

__all__ = ["second_look"]


# --8<-- [start:second_look]
def _agrees(a, e, noise, tol, rtol):
    """``a`` matches the estimate ``e``: within its noise, or tolerance and SUSPECT."""
    error = abs(a - e)
    return error <= noise or (error <= tol + rtol * abs(e)
                              and relative_error(a, e) <= SUSPECT)


def _look(a, E0, points, floor, tol, rtol):
    """``(kink, note)`` for one row; ``points`` maps a step to ``(t, E(w + t))``."""
    (tp, Ep), (tm, Em), (hp, Hp), (hm, Hm) = points  # +h, -h, +h/2, -h/2
    D1, D2 = (Ep - Em) / (tp - tm), (Hp - Hm) / (hp - hm)
    right = 2 * (Hp - E0) / hp - (Ep - E0) / tp  # R_+, from w, w + h/2, w + h
    left = 2 * (Hm - E0) / hm - (Em - E0) / tm  # R_-, from w - h, w - h/2, w
    seen = f"D(h) = {D1:.6g}, D(h/2) = {D2:.6g}"
    small = 0.1 * abs(a - D1)  # a move this small cannot explain the error
    if abs(right - left) > max(4 * floor, small):
        seen += say({"en": f"; one-sided slopes {left:.6g} (left), {right:.6g} (right)",
                     "zh": f"；单侧斜率 {left:.6g}（左），{right:.6g}（右）"})
        for side, slope in (("left", left), ("right", right)):
            if _agrees(a, slope, floor, tol, rtol):
                return True, say({
                    "en": f"{seen}: a kink or jump within h of w; backprop "
                          f"matches the slope on the {side}",
                    "zh": f"{seen}：w 附近 h 之内有折点或跳跃；反向传播与"
                          f"{'左' if side == 'left' else '右'}侧的斜率一致"})
        return False, say({
            "en": f"{seen}: a kink or jump within h of w, and backprop matches "
                  "the slope on neither side",
            "zh": f"{seen}：w 附近 h 之内有折点或跳跃，反向传播与两侧的斜率都不一致"})
    if abs(D1 - D2) > max(floor, small):
        S = (4 * D2 - D1) / 3
        if _agrees(a, S, floor, tol, rtol):
            return True, say({
                "en": f"{seen}: the estimate moves with h as on a smooth curve; "
                      f"backprop matches its limit {S:.6g}: try a smaller h",
                "zh": f"{seen}：估计值随 h 变化，如同在光滑曲线上；反向传播与其极限 "
                      f"{S:.6g} 一致：请用更小的 h"})
        return False, say({
            "en": f"{seen}: the estimate moves with h, and backprop matches "
                  f"neither its limit {S:.6g} nor a one-sided slope",
            "zh": f"{seen}：估计值随 h 变化，反向传播既不等于其极限 {S:.6g}，"
                  "也不等于任一侧的斜率"})
    return False, say({"en": f"{seen}: the estimate does not move with h",
                       "zh": f"{seen}：估计值不随 h 变化"})


def second_look(report, calls, arrays, steps, E0, E_plus, E_minus):
    """``(kink, notes)``: the report's kink column and a note per re-estimated row.

    ``steps`` holds each entry's step, ``E_plus`` and ``E_minus`` its two
    losses from the first pass; ``calls`` is the check's `fclesson.loss_calls.Loss`.
    """
    t = report._t
    kink, notes = t["kink"].copy(), {}
    again = (~t["passed"] & (t["abs_error"] > t["floor"])) | report._suspect_mask()
    for k in np.flatnonzero(again):
        a, index = report._where(k)
        p, s = arrays[a], float(steps[k])
        w = float(p.array[index])
        halves = [calls.at([(p, index, w, d)]) for d in (s / 2, -s / 2)]
        points = [((w + d) - w, E) for d, E in zip((s, -s, s / 2, -s / 2),
                                                   (E_plus[k], E_minus[k], *halves))]
        kink[k], notes[int(k)] = _look(t["backprop"][k], E0, points, t["floor"][k],
                                       report.tol, report.rtol)
    return kink, notes
# --8<-- [end:second_look]
