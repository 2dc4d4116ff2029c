"""Report and Row: errors, the text table, and the JSON form."""

import json

import pytest

from fclesson import Network, Report, Row, check_gradients, check_hidden_layer, check_output_layer
from fclesson.gender import WEIGHT_NAMES
from fclesson.report import relative_error

from .cases import T, X, gender_net


@pytest.mark.parametrize(
    "a, n, expected",
    [(0.0, 0.0, 0.0), (1.0, 1.0, 0.0), (1.0, 0.5, 0.5), (-2.0, 2.0, 2.0), (0.0, 1e-3, 1.0)],
)
def test_relative_error(a, n, expected):
    assert relative_error(a, n) == expected


def test_row_compare_uses_abs_error_below_tol():
    assert Row.compare(1, 0, 2, 0.5, 0.5 + 0.9e-4, tol=1e-4).passed
    assert not Row.compare(1, 0, 2, 0.5, 0.5 + 1.1e-4, tol=1e-4).passed
    assert not Row.compare(1, 0, 2, 0.0, 1e-4, tol=1e-4).passed  # strictly below


def test_row_is_frozen():
    row = Row.compare(0, 0, 0, 1.0, 1.0, tol=1e-4)
    with pytest.raises(AttributeError, match="cannot assign to field 'passed'"):
        row.passed = False


@pytest.fixture
def report():
    return check_gradients(gender_net(), X, T)


def test_table_has_header_a_line_per_weight_and_a_verdict(report):
    lines = str(report).splitlines()
    assert lines[0].split() == ["layer", "row", "col", "result", "backprop",
                                "numerical", "abs", "error", "rel", "error"]
    assert len(lines) == 1 + 9 + 2  # header, rows, worst weight, verdict
    assert all(line.split()[3] == "pass" for line in lines[1:-2])
    assert lines[-2].startswith("worst: layer ")
    assert lines[-1].startswith("PASSED: 9 of 9 weights")
    assert len({len(line) for line in lines[:-2]}) == 1  # aligned columns
    assert max(len(line) for line in lines) <= 80  # fits a page's code block


def test_table_with_the_courses_names(report):
    from fclesson.gender import WEIGHT_NAMES

    lines = report.table(names=WEIGHT_NAMES).splitlines()
    assert lines[0].split()[:3] == ["weight", "result", "backprop"]
    assert [line.split()[0] for line in lines[1:10]] == list(WEIGHT_NAMES.values())
    assert lines[-2].startswith(f"worst: {WEIGHT_NAMES[(0, 0, 0)]} (abs error")


def _phone_reports():
    import numpy as np

    from fclesson import check_function

    w = np.array([3e-5, 0.5, -0.5])
    moves = check_function(lambda p: np.sum(np.maximum(0.0, p["w"])), {"w": w},
                           {"w": (w > 0).astype(float)})
    n = 150  # more than MAX_ROWS: the brief form
    large = Report.from_arrays([("W1", (n,))], np.ones(n), np.r_[np.ones(n - 1), 2.0],
                               h=1e-4, tol=1e-5, rtol=1e-3)
    return {"named network": check_gradients(gender_net(), X, T).table(WEIGHT_NAMES),
            "network": str(check_gradients(gender_net(), X, T, tol=1e-20)),
            "check_function": str(moves), "brief": str(large)}


@pytest.mark.parametrize("kind, text", _phone_reports().items())
def test_name_and_result_come_first(kind, text):
    """On a 390 px phone a code block shows about 40 characters: every row's name
    and its result are in its first 24, before the numbers."""
    lines = text.splitlines()
    header = lines[0].split()
    result = header.index("result")
    assert header[result + 1:] == ["backprop", "numerical", "abs", "error", "rel",
                                   "error"]
    rows = [line for line in lines[1:]
            if line.split()[result:result + 1] in (["pass"], ["FAIL"], ["kink"],
                                                    ["moves"], ["unclear"])]
    assert rows and all(len(line.split()) == result + 5 for line in rows)
    for line in rows:
        word = line.split()[result]
        assert line.index(f" {word} ") + len(word) + 1 <= 24, line


def test_failed_report_says_so():
    report = check_gradients(gender_net(), X, T, tol=1e-20)
    text = str(report)
    assert "FAIL" in text.splitlines()[1] and text.splitlines()[-1].startswith("FAILED: ")
    assert report.failures == list(report.rows)
    # the verdict counts what failed, so that "FAILED: 9 of 9" cannot be misread
    assert text.splitlines()[-1].startswith("FAILED: 9 of 9 weights have abs error >= tol")


def test_to_dict_round_trips_through_json(report):
    data = report.to_dict()
    assert set(data) == {"passed", "rows", "h", "tol", "rtol", "floor", "suspects"}
    assert json.loads(json.dumps(data)) == data
    assert Report.from_dict(json.loads(json.dumps(data))) == report
    assert data["rows"][0] == {
        "name": "weights[0]", "index": [0, 0], "layer": 0, "row": 0, "column": 0,
        "backprop": report.rows[0].backprop, "numerical": report.rows[0].numerical,
        "abs_error": report.rows[0].abs_error, "rel_error": report.rows[0].rel_error,
        "passed": True,
    }


def test_worst_and_failures():
    rows = [Row.compare(0, 0, i, 1.0, 1.0 + e, tol=1e-4) for i, e in enumerate([1e-6, 1e-3, 1e-5])]
    report = Report(rows=rows, h=1e-4, tol=1e-4)
    assert report.worst is report.rows[1]
    assert report.failures == [report.rows[1]] and not report.passed


def test_a_network_with_names_gives_them_to_every_report():
    net = gender_net()
    named = Network(net.sizes, net.activation_names, weights=net.weights,
                    weight_names=WEIGHT_NAMES)
    for report in (check_gradients(named, X, T), check_gradients(named, X, T, vectorized=False),
                   check_output_layer(named, X, T), check_hidden_layer(named, X)):
        assert report.names == WEIGHT_NAMES
        first = str(report).splitlines()[1].split()[0]
        assert first in WEIGHT_NAMES.values()
    assert check_gradients(named, X, T) == check_gradients(net, X, T)  # names are labels only
    data = json.loads(json.dumps(check_gradients(named, X, T).to_dict()))
    assert [row["label"] for row in data["rows"]][:3] == ["w31", "w32", "b3"]
    assert Report.from_dict(data).names == WEIGHT_NAMES


@pytest.mark.parametrize(
    "names, error, message",
    [
        ({(0, 0, 0): "w31"}, ValueError, "name every weight"),
        ([("w31",)], TypeError, "must be a dict"),
        ({**WEIGHT_NAMES, (0, 0, 0): ""}, TypeError, "non-empty string"),
        ({**WEIGHT_NAMES, (2, 0, 0): "w9"}, ValueError, "name every weight"),
    ],
)
def test_bad_weight_names_are_refused(names, error, message):
    with pytest.raises(error, match=message):
        Network([2, 2, 1], ["sigmoid", "sigmoid"], weight_names=names)


# one report type for the loop, the batched check and check_function


def test_every_row_names_its_array_and_index():
    for report in (check_gradients(gender_net(), X, T),
                   check_gradients(gender_net(), X, T, vectorized=False)):
        assert [(r.name, r.index) for r in report.rows][:4] == [
            ("weights[0]", (0, 0)), ("weights[0]", (0, 1)), ("weights[0]", (0, 2)),
            ("weights[0]", (1, 0))]
        assert report.rows[-1].name == "weights[1]" and report.rows[-1].index == (0, 2)
    assert Row.compare(1, 0, 2, 0.5, 0.5, tol=1e-4).name == "weights[1]"


def test_a_report_of_any_arrays_names_entries():
    report = Report.from_arrays([("W1", (2, 2)), ("b1", (2,)), ("s", ())],
                                backprop=[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
                                numerical=[1.0, 2.0, 3.0, 4.5, 5.0, 6.0, 7.0],
                                h=1e-4, tol=1e-4)
    assert report._rows is None  # nothing built yet
    assert [(r.name, r.index) for r in report.failures] == [("W1", (1, 1))]
    assert report._rows is None  # the failures were built alone
    assert [report.label(r) for r in report.rows] == [
        "W1[0, 0]", "W1[0, 1]", "W1[1, 0]", "W1[1, 1]", "b1[0]", "b1[1]", "s"]
    assert all(r.layer is None for r in report.rows)
    lines = str(report).splitlines()
    assert lines[0].split()[0] == "entry" and lines[4].lstrip().startswith("W1[1, 1]")
    assert lines[-1].startswith("FAILED: 1 of 7 entries have abs error >= tol")
    again = Report.from_dict(json.loads(json.dumps(report.to_dict())))
    assert again == report and again.rows[6].index == ()


def test_arrays_and_numbers_must_agree():
    with pytest.raises(ValueError, match=r"the arrays have 4 entries, the numbers 3"):
        Report.from_arrays([("W", (2, 2))], [1.0, 2.0, 3.0], [1.0, 2.0, 3.0],
                           h=1e-4, tol=1e-4)


def test_summary_is_the_end_of_the_table(report):
    assert str(report).endswith(report.summary())
    assert report.summary().splitlines()[0].startswith("worst: layer 0")
