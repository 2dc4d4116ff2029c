"""Issue 19, items 7-9: failures that misled now say what they are and where.

7. a large loss: a difference below the rounding floor is "unclear", not FAIL;
8. large weights: the step scales with the weight;
9. NaN or infinity at w + h or w - h: the message names the array, index, side.
"""

import numpy as np
import pytest

from fclesson import check_function
from fclesson.testing import assert_gradients


def names(rows):
    return [(row.name, row.index) for row in rows]


# 7. a large loss


def large_loss(p):
    return 1e9 + np.sum(p["w"] ** 2)


W20 = np.random.default_rng(0).normal(size=20)


@pytest.mark.parametrize("rule", [{}, {"tol": 1e-4, "rtol": 0.0}])  # new, old defaults
def test_a_large_loss_with_right_gradients_is_unclear_not_failed(rule):
    report = check_function(large_loss, {"w": W20}, {"w": 2 * W20}, **rule)
    assert report.failures, "the floor, 1.8e-2, is far above tol"
    assert report.failures == report.unclear and report.kinks == []
    assert all(row.abs_error <= report.floor for row in report.failures)
    assert report.floor == pytest.approx(8 * np.finfo(float).eps * 1e9 / 1e-4, rel=0.2)
    text = str(report)
    assert "FAIL" not in text.replace("FAILED", "")
    assert any(line.startswith("CANNOT TELL: ") for line in text.splitlines())
    assert "Check again with a larger h" in " ".join(text.split())
    with pytest.raises(AssertionError, match=r"\(unclear: below the floor"):
        assert_gradients(large_loss, {"w": W20}, {"w": 2 * W20}, **rule)


def test_a_large_loss_still_fails_an_error_far_above_the_floor():
    grads = 2 * W20
    grads[7] += 0.05
    report = check_function(large_loss, {"w": W20}, {"w": grads})
    real = [row for row in report.failures if row not in report.unclear]
    assert names(real) == [("w", (7,))] and not real[0].kink


def test_the_complex_step_has_no_floor_on_a_large_loss():
    report = check_function(large_loss, {"w": W20}, {"w": 2 * W20},
                            method="complex-step")
    assert report.passed and report.floor == 0.0


# 8. large weights


def big_loss(p):
    return 1e-12 * np.sum(p["w"] ** 2)


W12 = np.array([1e12, -3e12, 2e12, 1e12])


def test_large_weights_pass_with_a_step_scaled_to_them():
    report = check_function(big_loss, {"w": W12}, {"w": 2e-12 * W12})
    assert report.passed and report.suspects == []
    assert all(row.numerical == pytest.approx(2e-12 * w, rel=1e-9)
               for row, w in zip(report.rows, W12))


def test_one_percent_off_at_a_large_weight_fails_at_its_entry():
    grads = 2e-12 * W12
    grads[1] *= 1.01
    report = check_function(big_loss, {"w": W12}, {"w": grads})
    assert names(report.failures) == [("w", (1,))] and report.unclear == []


def test_small_weights_keep_the_step_h():
    """max(1, |w|): below 1 the step is h itself, as in the lesson."""
    w = np.array([0.5, -1e-3, 2.0])
    seen = []

    def loss(p):
        seen.append(p["w"].copy())
        return np.sum(p["w"] ** 3)

    check_function(loss, {"w": w}, {"w": 3 * w**2})
    moves = [x - w for x in seen if np.count_nonzero(x != w) == 1]
    steps = [float(abs(m[m != 0][0])) for m in moves[:6]]
    assert steps == pytest.approx([1e-4] * 4 + [2e-4] * 2)  # w = 0.5, -1e-3: h; 2: 2h


# 9. NaN or infinity at w + h or w - h


def test_nan_at_w_minus_h_names_the_entry_and_the_side():
    w = np.array([0.5, 1e-5, 2.0])  # log(1e-5 - 1e-4) is nan

    def loss(p):
        return np.sum(np.log(p["w"]))

    with np.errstate(invalid="ignore"):
        with pytest.raises(ValueError, match=r"loss\(params\) returned nan, not a "
                                             r"finite number, with params\['w'\]\[1\] "
                                             r"at w - 0\.0001 \(w = 1e-05\)"):
            check_function(loss, {"w": w}, {"w": 1 / w})
    assert w.tolist() == [0.5, 1e-5, 2.0]


def test_infinity_at_w_plus_h_names_the_entry_and_the_side():
    W = np.array([[0.1, 0.2], [0.3, 0.99995]])  # w + h = 1.00005 is out of the domain

    def loss(p):
        return np.sum(np.where(p["W"] < 1.0, -np.log1p(-np.minimum(p["W"], 0.999999)),
                               np.inf))

    with pytest.raises(ValueError, match=r"returned inf, not a finite number, with "
                                         r"params\['W'\]\[1, 1\] at w \+ 0\.0001"):
        check_function(loss, {"W": W}, {"W": 1 / (1 - W)})


def test_nan_at_the_start_says_nothing_moved():
    with pytest.raises(ValueError, match=r"returned nan, not a finite number, with the "
                                         r"params as given, before anything moved"):
        check_function(lambda p: np.nan, {"w": np.ones(2)}, {"w": np.ones(2)})
