"""The line before the verdict names the worst weight, with its absolute and relative errors."""

from fclesson import Report, Row, check_gradients

from .cases import T, X, gender_net


def test_verdict_names_the_worst_weight():
    report = check_gradients(gender_net(), X, T)
    worst = report.worst
    *_, worst_line, verdict = str(report).splitlines()
    assert verdict.startswith("PASSED: 9 of 9 weights have abs error < tol")
    assert worst_line == (
        f"worst: layer {worst.layer}, row {worst.row}, column {worst.column} "
        f"(abs error {worst.abs_error:.2e}, rel error {worst.rel_error:.2e})")


def test_worst_is_by_absolute_error_and_relative_error_is_shown_too():
    rows = [Row.compare(0, 0, 0, 100.0, 100.001, tol=1e-2),  # abs 1e-3, rel 1e-5
            Row.compare(0, 0, 1, 1e-6, 2e-6, tol=1e-2)]  # abs 1e-6, rel 0.5
    text = str(Report(rows=rows, h=1e-4, tol=1e-2, floor=1e-5))  # row 2: no suspect
    assert text.splitlines()[-2] == ("worst: layer 0, row 0, column 0 "
                                     "(abs error 1.00e-03, rel error 1.00e-05)")
    assert "5.00e-01" in text.splitlines()[2]  # the relative error column of the other row


def test_empty_report_has_no_worst():
    assert str(Report(rows=[], h=1e-4, tol=1e-4)).splitlines()[-1] == (
        "PASSED: 0 of 0 weights have abs error < tol (h = 0.0001, tol = 0.0001)")
