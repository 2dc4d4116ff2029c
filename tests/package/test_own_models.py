"""Issue 19: five models written from scratch pass when right and fail where a bug is.

The models (``own_models.py``) are plain NumPy with hand-written gradients:
an MLP (ReLU, softmax cross-entropy, L2, a batch of 16), batch norm, a 1-D
convolution with padding, a tanh RNN over 5 steps, a multiclass hinge loss
with L1. Under `check_function`'s defaults (``tol = 1e-5, rtol = 1e-3``) a
correct model passes with no suspect, and each planted bug fails at exactly
the entries it changes beyond that rule.
"""

import numpy as np
import pytest

from fclesson import check_function
from fclesson.testing import assert_gradients

from .own_models import MODELS

TOL, RTOL = 1e-5, 1e-3
CASES = [(name, bug) for name, model in MODELS.items() for bug in model.BUGS]


def failing(report):
    return {(row.name, row.index) for row in report.failures}


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("name", sorted(MODELS))
def test_a_correct_model_passes_the_defaults(name, seed):
    params, loss, backward = MODELS[name](seed)
    before = {k: v.tobytes() for k, v in params.items()}
    report = assert_gradients(loss, params, backward(params))
    assert report.passed and report.suspects == [] and report.kinks == []
    assert (report.tol, report.rtol) == (TOL, RTOL)
    assert {k: v.tobytes() for k, v in params.items()} == before


@pytest.mark.parametrize("name, bug", CASES)
def test_a_planted_bug_fails_at_exactly_its_entries(name, bug):
    """The failing entries are those where the bug moves the gradient beyond the rule."""
    params, loss, backward = MODELS[name](0)
    right, wrong = backward(params), backward(params, bug)
    planted, unsure = set(), set()
    for key in right:
        for index in np.ndindex(right[key].shape):
            error, allowed = abs(wrong[key][index] - right[key][index]), (
                TOL + RTOL * abs(right[key][index]))
            if error > 1.001 * allowed:
                planted.add((key, index))
            elif error > 0.999 * allowed:  # too close to the edge of the rule to say
                unsure.add((key, index))
    assert planted and not unsure
    report = check_function(loss, params, wrong)
    assert failing(report) == planted and report.kinks == report.unclear == []


def test_a_kink_in_the_data_is_explained_not_blamed():
    """Seed 2 puts a ReLU unit of one sample within h of 0: two rows move with h."""
    params, loss, backward = MODELS["mlp"](2)
    report = check_function(loss, params, backward(params))
    assert failing(report) == {("W1", (0, 2)), ("b1", (2,))}
    assert report.failures == report.kinks and report.passed_except_kinks
    assert all("backprop matches the slope on the right" in note
               for note in report.notes.values())
    with pytest.raises(AssertionError, match=r"b1\[2\] .*\(kink: the estimate moves"):
        assert_gradients(loss, params, backward(params))


@pytest.mark.parametrize("name", ["mlp", "conv1d", "rnn"])
def test_the_complex_step_checks_complex_safe_models(name):
    params, loss, backward = MODELS[name](0)
    assert check_function(loss, params, backward(params), method="complex-step").passed
    bug = MODELS[name].BUGS[-1]  # one entry 2% off
    wrong = check_function(loss, params, backward(params, bug), method="complex-step")
    assert len(wrong.failures) == 1


@pytest.mark.parametrize("name, culprit", [("batch norm", "np.var"),
                                           ("hinge", "np.abs")])
def test_the_complex_step_refuses_models_that_drop_the_imaginary_part(name, culprit):
    params, loss, backward = MODELS[name](0)
    before = {k: v.tobytes() for k, v in params.items()}
    for grads in (backward(params), backward(params, MODELS[name].BUGS[0])):
        with pytest.raises(ValueError, match=r"loss is not complex-safe: along a random "
                                             r"direction .*" + culprit):
            check_function(loss, params, grads, method="complex-step")
    assert {k: v.tobytes() for k, v in params.items()} == before
