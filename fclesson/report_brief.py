"""A large report in brief, as NumPy prints a large array: some rows, and counts.

A report of more than ``MAX_ROWS`` rows prints ``SHOWN`` of them, the
failures first, a line that says how many are left out, and a line per array
(``W1: 195 of 197 fail, worst W1[3, 7]``), so that a reader sees at once
which arrays failed whole and which in one entry. Everything here works on
the report's arrays: a million rows print in a fraction of a second.
"""

import numpy as np

from .lesson.language import say

__all__ = ["MAX_ROWS", "SHOWN", "shown", "by_array", "array_lines"]

MAX_ROWS = 100  # a longer report prints SHOWN rows, the failures first
SHOWN = 20


# --8<-- [start:brief]
def shown(report):
    """Row numbers to print: every row, or SHOWN rows, the failures first.

    Failures, then rows that move with the step, unclear rows, suspects and
    passes; the worst first within each.
    """
    t, total = report._t, len(report)
    if total <= MAX_ROWS:
        return list(range(total))
    unclear = report._unclear_mask()
    rank = np.select([~t["passed"] & ~t["kink"] & ~unclear, ~t["passed"] & t["kink"],
                      unclear, report._suspect_mask()], [0, 1, 2, 3], 4)
    errors = t["abs_error"]
    key = 2.0 * rank - errors / (2 * errors.max() + 1e-300)  # by rank, worst first
    top = np.argpartition(key, SHOWN)[:SHOWN]
    return top[np.argsort(key[top], kind="stable")].tolist()


def by_array(report):
    """``[(name, failed, total, worst row number or None)]``, array by array."""
    t, done = report._t, len(report)
    if report._arrays is not None:
        spans = [(name, report._starts[a], min(report._starts[a + 1], done))
                 for a, (name, _) in enumerate(report._arrays)]
    else:  # a report of rows: consecutive rows of one array
        spans, names = [], [row.name for row in report.rows]
        for k, name in enumerate(names):
            if not spans or spans[-1][0] != name:
                spans.append([name, k, k])
            spans[-1][2] = k + 1
    found = []
    for name, start, stop in spans:
        if stop <= start:
            continue
        failed = ~t["passed"][start:stop]
        worst = (int(start + np.argmax(np.where(failed, t["abs_error"][start:stop],
                                                -1.0))) if failed.any() else None)
        found.append((name, int(np.count_nonzero(failed)), stop - start, worst))
    return found


def array_lines(report, label):
    """``W1: 195 of 197 fail, worst W1[3, 7]``, a line per array; ``label(row)``."""
    return [say({"en": "by array:", "zh": "按数组："})] + [
        say({"en": f"  {name}: {failed:,} of {total:,} fail"
                   + (f", worst {label(report._row(worst))}"
                      if worst is not None else ""),
             "zh": f"  {name}：{total:,} 个中 {failed:,} 个失败"
                   + (f"，最差 {label(report._row(worst))}" if worst is not None else "")})
        for name, failed, total, worst in by_array(report)]


# --8<-- [end:brief]
