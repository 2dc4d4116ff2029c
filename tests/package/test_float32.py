"""float32: a correct backprop fails a check computed in single precision, and the warning says why."""

import warnings

import numpy as np
import pytest

from fclesson import Network, PrecisionWarning, check_gradients
from fclesson.precision import FLOAT32_EPS, check_float32
from fclesson.validation import float32_message

from .cases import T, X, gender_net


def test_warning_explains_epsilon_against_the_step():
    message = float32_message("x")
    for fact in ("1.19e-7", "h = 1e-4", "1e-3", "tol = 1e-4",
                 "converts it to float64 and computes in float64",
                 "this check stays reliable", "correct backprop would fail"):
        assert fact in message
    assert "backprop fails" not in message  # it does not: the check runs in float64
    assert FLOAT32_EPS == 2.0**-23 and f"{FLOAT32_EPS:.2e}" == "1.19e-07"
    assert FLOAT32_EPS / 1e-4 > 1e-4  # the error eps / h is above the tolerance


def test_float32_arrays_warn_with_that_explanation():
    with pytest.warns(PrecisionWarning, match="divides that by the step h = 1e-4"):
        gender_net().forward(X.astype(np.float32))


def test_correct_backprop_fails_in_float32_and_passes_in_float64():
    net = gender_net()
    assert check_gradients(net, X, T).passed
    with pytest.warns(PrecisionWarning):
        report = check_float32(net, X, T)
    assert not report.passed
    # the errors are of the size eps |E| / h predicts, not of a bug's size
    E = net.loss(X, T)
    assert 1e-4 < report.worst.abs_error < 10 * FLOAT32_EPS * max(E, 1) / 1e-4
    assert report.worst.rel_error < 1e-2


def test_larger_network_fails_on_most_weights():
    rng = np.random.default_rng(0)
    net = Network([16, 8, 4], ["sigmoid", "sigmoid"], seed=0)
    with pytest.warns(PrecisionWarning):
        report = check_float32(net, rng.normal(size=16), rng.uniform(size=4))
    assert len(report.failures) > len(report.rows) / 4  # 58 of 172
    assert check_gradients(net, rng.normal(size=16), rng.uniform(size=4)).passed


def test_warning_names_the_checks_own_step():
    with pytest.warns(PrecisionWarning, match=r"step h = 5e-3") as caught:
        check_float32(gender_net(), X, T, h=5e-3)
    assert "tol = 1e-4" in str(caught[0].message)


def test_check_float32_says_it_computes_in_float32():
    with pytest.warns(PrecisionWarning, match="E is computed in float32 here") as caught:
        check_float32(gender_net(), X, T)
    assert "so a correct backprop fails" in str(caught[0].message)


@pytest.mark.parametrize("vectorized", [True, False])
def test_a_float32_sample_passes_with_one_warning_per_check(vectorized):
    """The loop runs 2 forward passes per weight; the warning comes once."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = check_gradients(gender_net(), X.astype(np.float32),
                                 T.astype(np.float32), vectorized=vectorized)
    messages = [str(w.message) for w in caught if w.category is PrecisionWarning]
    assert [m.split(" is ")[0] for m in messages] == ["x", "target"]
    assert report.passed  # computed in float64, as the warning says
