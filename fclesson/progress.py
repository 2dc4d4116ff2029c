"""Progress of a long `fclesson.check_function` on stderr, and what Ctrl-C leaves.

A check of a million entries takes minutes. It shows a tqdm bar (the usual
progress bar of the Python ecosystem) with the entries still to go, when
asked (``progress=True``) or, by default, when stderr is a terminal and the
first evaluations of the loss say that the check will take longer than
``LONG`` seconds. Ctrl-C stops the check: every array is put back, and
`CheckInterrupted` carries the report of the entries checked so far.
"""

import sys

from tqdm import tqdm

__all__ = ["LONG", "CheckInterrupted", "check_progress", "progress_bar"]

LONG = 10.0  # seconds: a check expected to take longer shows its progress


# --8<-- [start:progress]
class CheckInterrupted(KeyboardInterrupt):
    """Ctrl-C during a check: params restored; ``report`` has the rows so far.

    A `KeyboardInterrupt`, so that it stops a script as Ctrl-C does, while
    ``except CheckInterrupted as stop: stop.report`` keeps what was checked.
    """

    def __init__(self, report):
        self.report = report
        done, total = len(report), len(report) + report.unchecked
        super().__init__(f"check interrupted after {done:,} of {total:,} entries; "
                         "every array is back as it was; .report holds the rows "
                         "checked so far")


class _Bar(tqdm):
    """tqdm with ``{left}``, the entries still to check, for the bar's text."""

    @property
    def format_dict(self):
        values = super().format_dict
        values["left"] = f"{values['total'] - values['n']:,}"
        return values


def check_progress(show):
    """Return ``show`` if it is True, False or None, else refuse it."""
    if show is not None and not isinstance(show, bool):
        raise TypeError(f"progress must be True, False or None, got {show!r}")
    return show


def progress_bar(show, total, seconds_per_entry):
    """A bar over ``total`` entries on stderr, or None.

    ``show``: True, False, or None for "when stderr is a terminal and the
    check will take longer than LONG seconds".
    """
    if show is None:
        show = sys.stderr.isatty() and total * seconds_per_entry > LONG
    if not show:
        return None
    return _Bar(total=total, file=sys.stderr, desc="check_function", unit="entry",
                bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} "
                           "entries, {left} to go [{elapsed}<{remaining}]")
# --8<-- [end:progress]
