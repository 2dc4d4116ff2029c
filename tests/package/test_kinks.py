"""ReLU kinks: the central slope at net = 0 is 1/2, and the check says so instead of FAIL."""

import json

import numpy as np
import pytest

from fclesson import Network, Report, Row, activations, central_difference, check_gradients

# hidden net = 1*2 - 2*1 + 0 = 0 exactly: the ReLU unit sits on its kink
AT_KINK = dict(sizes=[2, 1, 1], activations=["relu", "linear"],
               weights=[[[1.0, -2.0, 0.0]], [[3.0, 0.5]]])
X, T = np.array([2.0, 1.0]), np.array([1.0])
KINKED = {(0, 0, 0), (0, 0, 1), (0, 0, 2)}


def kinked_net():
    return Network(AT_KINK["sizes"], AT_KINK["activations"], weights=AT_KINK["weights"])


def positions(rows):
    return {(row.layer, row.row, row.column) for row in rows}


def test_central_slope_of_relu_at_its_kink_is_one_half():
    assert central_difference(activations.relu, 0.0) == 0.5
    assert activations.relu_derivative(0.0) == 0.0  # what backprop uses


@pytest.mark.parametrize("vectorized", [True, False], ids=["batched", "loop"])
def test_rows_across_the_kink_are_flagged(vectorized):
    report = check_gradients(kinked_net(), X, T, vectorized=vectorized)
    assert positions(report.kinks) == KINKED
    assert positions(report.failures) == KINKED  # still failures: report.passed stays strict
    assert not report.passed and report.passed_except_kinks
    assert all(row.kink == ((row.layer, row.row, row.column) in KINKED) for row in report.rows)


def test_table_prints_kink_and_explains():
    lines = str(check_gradients(kinked_net(), X, T)).splitlines()
    results = [line.split()[3] for line in lines[1:4]]  # after layer, row, col
    assert results == ["kink"] * 3 and "FAIL" not in "\n".join(lines[:-1])
    assert lines[-1].startswith("FAILED: 3 of 5 weights have abs error >= tol")
    assert lines[-4].startswith("kink: 3 failed weights crossed a kink (a ReLU unit at net = 0")
    assert "not evidence of a bug" in lines[-2]
    assert max(map(len, lines)) <= 88  # a page shows the table whole


def test_away_from_the_kink_nothing_is_flagged():
    report = check_gradients(kinked_net(), np.array([2.0, 0.9]), T)
    assert report.passed and not any(row.kink for row in report.rows) and report.kinks == []


def test_a_step_that_crosses_the_kink_without_landing_on_it():
    # net = 2 w31 - 2 with w31 = 1 + 3e-5: w - h gives net < 0, w + h gives net > 0
    net = kinked_net()
    net.weights[0][0, 0] = 1.0 + 3e-5
    report = check_gradients(net, X, T)
    assert (0, 0, 0) in positions(report.kinks)


def test_deeper_relu_layers_are_watched_too():
    # the kink sits in layer 1; moving a layer-0 weight moves it across
    net = Network([1, 1, 1, 1], ["linear", "relu", "linear"],
                  weights=[[[1.0, 0.0]], [[1.0, -1.0]], [[2.0, 0.0]]])
    report = check_gradients(net, np.array([1.0]), np.array([0.0]))
    loop = check_gradients(net, np.array([1.0]), np.array([0.0]), vectorized=False)
    assert positions(report.kinks) == positions(loop.kinks) == {(0, 0, 0), (0, 0, 1),
                                                                 (1, 0, 0), (1, 0, 1)}


def test_complex_step_agrees_with_backprop_at_the_kink():
    # Re(net) = 0 exactly: relu(z) = 0, slope 0, the package's convention; flagged, but passes
    report = check_gradients(kinked_net(), X, T, method="complex-step")
    assert report.passed and all(row.numerical == 0.0 for row in report.rows[:3])
    assert [row.kink for row in report.rows] == [True] * 3 + [False] * 2


def test_json_carries_kink_only_when_true():
    report = check_gradients(kinked_net(), X, T)
    data = json.loads(json.dumps(report.to_dict()))
    assert [row.get("kink") for row in data["rows"]] == [True] * 3 + [None] * 2
    assert Report.from_dict(data) == report


def test_row_keeps_its_old_constructor():
    row = Row(0, 0, 0, 1.0, 1.0, 0.0, 0.0, True)
    assert row.kink is False and row == Row.compare(0, 0, 0, 1.0, 1.0, tol=1e-4)
