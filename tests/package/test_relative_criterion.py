"""``rtol`` and ``report.suspects``: a 1% error on a small gradient is not let through.

The lesson's rule, ``|a - n| < 1e-4``, passes a 1% error on the trained
gender network's gradient of b5 at the third person (5.8e-3). Under the
defaults that row is the report's only suspect; under torch's defaults,
``tol = 1e-5, rtol = 1e-3``, it is the only failure.
"""

import json

import numpy as np
import pytest

from fclesson import Network, check_gradients, check_layer_by_layer, gender, losses
from fclesson.report import SUSPECT, Report, Row, rounding_floor

from .cases import T, X, gender_net

B5 = (1, 0, 2)


class Planted(Network):
    """Backprop with the gradient of one weight 1% too large."""

    at = B5

    def gradients(self, x, target, loss=losses.mse):
        grads = super().gradients(x, target, loss)
        layer, row, column = self.at
        grads[layer][row, column] *= 1.01
        return grads


@pytest.fixture(scope="module")
def case():
    """The trained network, the third person (60 kg, 172 cm, male), its target."""
    net = gender.train().net
    X_train, t = gender.data()
    x = gender.zero_mean(X_train)[0][2]
    planted = Planted(net.sizes, net.activation_names, weights=net.weights,
                      weight_names=gender.WEIGHT_NAMES)
    return net, planted, x, t[2]


def where(rows):
    return [(row.layer, row.row, row.column) for row in rows]


def test_the_planted_gradient_is_small(case):
    net, _, x, t = case
    g = net.gradients(x, t)[1][0, 2]
    assert 2e-3 < abs(g) < 1e-2  # 5.8e-3
    assert abs(0.01 * g) < 1e-4  # so the lesson's rule cannot see 1% of it


@pytest.mark.parametrize("vectorized", [True, False])
def test_under_the_defaults_it_passes_as_the_only_suspect(case, vectorized):
    net, planted, x, t = case
    report = check_gradients(planted, x, t, vectorized=vectorized)
    assert report.passed and where(report.suspects) == [B5]
    assert report.suspects[0].rel_error == pytest.approx(0.01 / 1.01, rel=1e-6)
    clean = check_gradients(net, x, t, vectorized=vectorized)
    assert clean.passed and clean.suspects == []


@pytest.mark.parametrize("vectorized", [True, False])
def test_under_torchs_defaults_it_is_the_only_failure(case, vectorized):
    net, planted, x, t = case
    report = check_gradients(planted, x, t, tol=1e-5, rtol=1e-3, vectorized=vectorized)
    assert not report.passed and where(report.failures) == [B5]
    assert report.suspects == []
    clean = check_gradients(net, x, t, tol=1e-5, rtol=1e-3, vectorized=vectorized)
    assert clean.passed and clean.suspects == []


def test_every_weight_of_the_course_network_can_be_planted():
    """On the lesson's sample every gradient is large: a 1% error on any weight fails
    tol = 1e-5, rtol = 1e-3 at exactly that weight."""
    net = gender_net()
    for at in [(l, j, i) for l, W in enumerate(net.weights) for (j, i), _ in
               np.ndenumerate(W)]:
        planted = Planted(net.sizes, net.activation_names, weights=net.weights)
        planted.at = at
        report = check_gradients(planted, X, T, tol=1e-5, rtol=1e-3)
        assert where(report.failures) == [at]


def test_the_text_prints_suspects_under_the_verdict(case):
    _, planted, x, t = case
    lines = str(check_gradients(planted, x, t)).splitlines()
    verdict = next(k for k, line in enumerate(lines) if line.startswith("PASSED"))
    assert lines[verdict + 1] == ("suspect: b5 passes, but its rel error 9.90e-03 "
                                  "is above 1e-3")
    assert lines[verdict + 3] == "         check again with tol = 1e-5, rtol = 1e-3"
    assert len(lines) == verdict + 4
    assert all(len(line) <= 88 for line in lines)


def test_the_text_names_the_rule_in_use(case):
    _, planted, x, t = case
    text = str(check_gradients(planted, x, t, tol=1e-5, rtol=1e-3))
    assert text.splitlines()[-2:] == [
        "FAILED: 1 of 9 weights have abs error > tol + rtol |numerical|",
        "        (h = 0.0001, tol = 1e-05, rtol = 0.001)"]


def test_json_has_the_suspects_and_the_rule(case):
    _, planted, x, t = case
    report = check_gradients(planted, x, t)
    data = json.loads(json.dumps(report.to_dict()))
    assert [row["label"] for row in data["suspects"]] == ["b5"]
    assert data["suspects"][0]["name"] == "weights[1]"
    assert data["suspects"][0]["index"] == [0, 2]
    assert data["rtol"] == 0.0 and data["floor"] == report.floor > 0
    again = Report.from_dict(data)
    assert again == report and again.floor == report.floor
    assert where(again.suspects) == [B5]


# the rules themselves, on rows built by hand


def test_rtol_uses_numpy_isclose_rule():
    n = 5e-3
    for a in (n + 1e-5 + 1e-3 * n, n + 1.0001e-5 + 1e-3 * n):
        row = Row.compare(0, 0, 0, a, n, tol=1e-5, rtol=1e-3)
        assert row.passed == bool(np.isclose(a, n, rtol=1e-3, atol=1e-5))
    assert not Row.compare(0, 0, 0, 1e-4, 0.0, tol=1e-4).passed  # rtol = 0: < tol
    assert Row.compare(0, 0, 0, 1e-4, 0.0, tol=1e-4, rtol=1e-9).passed  # <= with rtol


def test_rtol_is_validated():
    with pytest.raises(ValueError, match=r"rtol must be finite and >= 0, got -0.001"):
        check_gradients(gender_net(), X, T, rtol=-1e-3)
    with pytest.raises(TypeError, match=r"rtol must be a real number, got '1e-3'"):
        check_gradients(gender_net(), X, T, rtol="1e-3", vectorized=False)


def test_suspects_leave_out_noise_kinks_and_failures():
    rows = [Row.compare(0, 0, 0, 1e-13, 0.0, tol=1e-4),  # r = 1, under the floor
            Row.compare(0, 0, 1, 2e-3, 1e-3, tol=1e-4, kink=True),  # at a kink
            Row.compare(0, 0, 2, 1.0, 0.5, tol=1e-4),  # fails: not a suspect
            Row.compare(0, 1, 0, 1e-3, 1.01e-3, tol=1e-4),  # the one suspect
            Row.compare(0, 1, 1, 1.0, 1.0 + 0.9 * SUSPECT, tol=1.0)]  # r < 1e-3
    report = Report(rows=rows, h=1e-4, tol=1e-4, floor=rounding_floor(1.0, 1e-4))
    assert where(report.suspects) == [(0, 1, 0)]


def test_the_rounding_floor():
    eps = np.finfo(float).eps
    assert rounding_floor(0.17, 1e-4) == 8 * eps / 1e-4
    assert rounding_floor(-50.0, 1e-3) == 8 * eps * 50 / 1e-3


def test_complex_step_reports_have_no_floor(case):
    _, planted, x, t = case
    report = check_gradients(planted, x, t, method="complex-step")
    assert report.floor == 0.0 and where(report.suspects) == [B5]


def test_layer_by_layer_keeps_the_larger_floor(case):
    net, _, x, t = case
    report = check_layer_by_layer(net, x, t)
    E_hidden = net.copy(["sigmoid", "linear"]).forward(x).sum()  # -2.8: the larger
    assert report.floor == rounding_floor(E_hidden, 1e-4) > rounding_floor(
        net.loss(x, t), 1e-4)
