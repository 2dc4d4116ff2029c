"""Issue 19, items 1-6: losses that used to get a silent wrong verdict now get the right one.

Each test uses the issue's reproducer: its loss, its numbers. Each ends in the
right verdict or a clear error, and every array is exactly as it was.
"""

import warnings

import numpy as np
import pytest

from fclesson import PrecisionWarning, check_function
from fclesson.testing import assert_gradients

from .own_models import mlp


def bits(params):
    return {k: v.tobytes() for k, v in params.items()}


# 1. the complex step on a loss that is only partly complex-safe


def mlp_with_norm():
    """The MLP with its L2 term written with np.linalg.norm(W) ** 2."""
    params, loss, backward = mlp(0)
    reg = 0.05

    def normed(p):  # the same value as loss(p)
        data = loss(p) - 0.5 * reg * (np.sum(p["W1"] ** 2) + np.sum(p["W2"] ** 2))
        return data + 0.5 * reg * (np.linalg.norm(p["W1"]) ** 2
                                   + np.linalg.norm(p["W2"]) ** 2)

    forgotten = backward(params)  # the L2 term forgotten in both gradients
    forgotten["W1"] -= reg * params["W1"]
    forgotten["W2"] -= reg * params["W2"]
    return params, normed, backward(params), forgotten


def test_norm_in_the_loss_is_refused_by_the_complex_step():
    params, loss, right, forgotten = mlp_with_norm()
    before = bits(params)
    for grads in (right, forgotten):  # today: the right ones fail, the wrong ones pass
        with pytest.raises(ValueError, match=r"loss is not complex-safe: along a random "
                                             r"direction u the complex step gives .* "
                                             r"np\.linalg\.norm"):
            check_function(loss, params, grads, method="complex-step")
    assert bits(params) == before
    assert check_function(loss, params, right).passed  # the central difference is fine
    assert len(check_function(loss, params, forgotten).failures) == 8 * 5 + 8 * 4


# 2. tiny gradients with the wrong sign


def test_tiny_gradients_with_the_wrong_sign_fail_the_defaults():
    w = np.array([1e-5, -2e-5])

    def loss(p):
        return np.sum(p["w"] ** 2)

    report = check_function(loss, {"w": w}, {"w": -2 * w})
    assert [row.passed for row in report.rows] == [False, False]
    with pytest.raises(AssertionError, match=r"Gradients not equal: 2 of 2 entries"):
        assert_gradients(loss, {"w": w}, {"w": -2 * w})


def test_a_suspect_above_the_rounding_floor_fails_assert_gradients():
    w = np.array([1e-8, -2e-8])  # errors 4e-8 and 8e-8: within tol = 1e-5, but r = 2

    def loss(p):
        return np.sum(p["w"] ** 2)

    report = check_function(loss, {"w": w}, {"w": -2 * w})
    assert report.passed and len(report.suspects) == 2
    with pytest.raises(AssertionError, match=r"Gradients suspect: 2 of 2 entries pass"):
        assert_gradients(loss, {"w": w}, {"w": -2 * w})
    assert assert_gradients(loss, {"w": w}, {"w": 2 * w}).passed


# 3. a loss that changes its params


@pytest.mark.parametrize("step", ["clip", "scale"])
def test_a_loss_that_writes_into_its_params_is_stopped(step):
    W = np.random.default_rng(0).normal(size=(4, 5))
    before = W.tobytes()

    def loss(p):
        if step == "clip":
            np.clip(p["W"], -0.5, 0.5, out=p["W"])
        else:
            p["W"] *= 0.999  # an update step left inside
        return np.sum(p["W"] ** 2)

    with pytest.raises(ValueError, match=r"loss changed params\['W'\] in place: .* "
                                         r"put every array back"):
        check_function(loss, {"W": W}, {"W": 2 * W})
    assert W.tobytes() == before


def test_a_clip_that_only_the_step_reaches_is_stopped_too():
    W = np.array([0.2, 0.49995, -0.3])  # only w + h = 0.50005 gets clipped

    def loss(p):
        np.clip(p["W"], -0.5, 0.5, out=p["W"])
        return np.sum(p["W"] ** 2)

    with pytest.raises(ValueError, match=r"loss changed params\['W'\]\[1\] in place, "
                                         r"from 0\.50005"):
        check_function(loss, {"W": W}, {"W": 2 * W})
    assert W.tolist() == [0.2, 0.49995, -0.3]


def test_a_loss_that_replaces_an_array_is_stopped():
    params = {"W": np.ones(3)}
    W = params["W"]

    def loss(p):
        p["W"] = p["W"] * 0.999
        return np.sum(p["W"] ** 2)

    with pytest.raises(ValueError, match=r"loss replaced params\['W'\] with another"):
        check_function(loss, params, {"W": 2 * W})
    assert params["W"] is W and W.tolist() == [1.0, 1.0, 1.0]


# 4. a loss that differs from call to call


def test_a_random_loss_is_refused():
    rng = np.random.default_rng(0)
    W = rng.normal(size=(5, 6))  # 30 entries

    def dropout_loss(p):
        mask = rng.random(p["W"].shape) > 0.5  # a fresh mask at every call
        return np.sum((p["W"] * mask) ** 2) / 0.25

    with pytest.raises(ValueError, match=r"not a function of params: .* fix the seed "
                                         r"inside loss .* or check in evaluation mode"):
        check_function(dropout_loss, {"W": W}, {"W": 4 * W})


# 5. a loss computed in float32


def float32_loss(p):
    return float(np.sum(np.tanh(p["W"].astype(np.float32)) ** 2))


def float32_problem():
    W = np.random.default_rng(1).normal(size=(4, 5))
    return W, 2 * np.tanh(W) * (1 - np.tanh(W) ** 2)


def test_a_float32_loss_is_judged_against_its_own_noise():
    W, grad = float32_problem()
    with pytest.warns(PrecisionWarning, match=r"computed in low precision"):
        report = check_function(float32_loss, {"W": W}, {"W": grad})
    assert report.kinks == [] and not report.passed_except_kinks
    assert report.failures == report.unclear  # noise: cannot tell, not FAIL
    assert report.noise > 1e6 * np.finfo(float).eps  # far above float64 rounding
    text = str(report)
    assert "ReLU" not in text and "kink" not in text
    assert "noise: loss(params) returns float32 values: it is computed in low" in text
    grad[2, 3] *= 1.5  # far above the noise: still a failure
    with pytest.warns(PrecisionWarning):
        report = check_function(float32_loss, {"W": W}, {"W": grad})
    assert ("W", (2, 3)) in {(r.name, r.index) for r in report.failures}
    assert ("W", (2, 3)) not in {(r.name, r.index) for r in report.unclear}


def test_float32_gradients_of_a_float64_loss_do_not_warn():
    W, grad = float32_problem()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = check_function(lambda p: np.sum(np.tanh(p["W"]) ** 2), {"W": W},
                                {"W": grad.astype(np.float32)})
    assert report.passed and report.low_precision is None


# 6. kink means kink


def test_check_function_never_blames_a_relu():
    W = np.array([3e-5, 0.5, -0.5])

    def loss(p):  # abs has a kink at 0, as max(0, w) has, and no ReLU anywhere
        return np.sum(np.abs(p["W"]))

    report = check_function(loss, {"W": W}, {"W": np.sign(W)})
    text = str(report)
    assert "ReLU" not in text and "net = 0" not in text
    assert text.splitlines()[1].split()[:2] == ["W[0]", "moves"]
    assert report.notes == {"W[0]": (
        "D(h) = 0.3, D(h/2) = 0.6; one-sided slopes 0.8 (left), 1 (right): a kink or "
        "jump within h of w; backprop matches the slope on the right")}


def test_a_row_moves_only_on_evidence():
    """A smooth loss with one wrong entry: the estimate does not move, and says so."""
    W = np.array([0.3, -0.7])

    def loss(p):
        return np.sum(np.sin(p["W"]))

    report = check_function(loss, {"W": W}, {"W": np.cos(W) + [0.0, 0.01]})
    assert report.kinks == [] and [r.index for r in report.failures] == [(1,)]
    assert report.notes["W[1]"].endswith("the estimate does not move with h")
