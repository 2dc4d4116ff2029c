"""check_function, check_function_direction and assert_gradients on code that is not ours.

The reference here is a two-layer classifier in plain NumPy, as a student
writes it after the course (tanh or ReLU, softmax cross-entropy, a params dict
like CS231n's), with its hand-written backward pass.
"""

import math

import numpy as np
import pytest

from fclesson import check_function, check_function_direction
from fclesson.testing import assert_gradients

N, D, H, C = 6, 4, 5, 3
REG = 0.1


def make(seed=0, hidden="tanh"):
    """(params, X, y): small random weights and a batch of N samples."""
    rng = np.random.default_rng(seed)
    params = {"W1": rng.normal(size=(D, H)) * 0.5, "b1": rng.normal(size=H) * 0.1,
              "W2": rng.normal(size=(H, C)) * 0.5, "b2": np.zeros(C)}
    return params, rng.normal(size=(N, D)), rng.integers(0, C, size=N)


def forward(p, X, hidden):
    z = X @ p["W1"] + p["b1"]
    h = np.tanh(z) if hidden == "tanh" else np.where(z.real > 0, z, 0)
    s = h @ p["W2"] + p["b2"]
    e = np.exp(s - s.real.max(axis=1, keepdims=True))
    return z, h, e / e.sum(axis=1, keepdims=True)


def loss_of(X, y, hidden="tanh"):
    def loss(p):
        P = forward(p, X, hidden)[2]
        data = -np.log(P[np.arange(len(y)), y]).mean()
        return data + 0.5 * REG * (np.sum(p["W1"] ** 2) + np.sum(p["W2"] ** 2))
    return loss


def grads_of(p, X, y, hidden="tanh"):
    z, h, P = forward(p, X, hidden)
    d = P.copy()
    d[np.arange(len(y)), y] -= 1
    d /= len(y)
    dh = d @ p["W2"].T
    dz = dh * (1 - h**2) if hidden == "tanh" else dh * (z > 0)
    return {"W1": X.T @ dz + REG * p["W1"], "b1": dz.sum(axis=0),
            "W2": h.T @ d + REG * p["W2"], "b2": d.sum(axis=0)}


def snapshot(params):
    return {k: v.tobytes() for k, v in params.items()}


def failing(report):
    return [(row.name, row.index) for row in report.failures]


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("options", [{}, {"tol": 1e-5, "rtol": 1e-3},
                                     {"method": "complex-step"}])
def test_correct_code_passes_and_the_params_stay(seed, options):
    params, X, y = make(seed)
    before = snapshot(params)
    report = check_function(loss_of(X, y), params, grads_of(params, X, y), **options)
    assert report.passed and report.suspects == [] and len(report) == 43
    assert snapshot(params) == before
    assert [r.name for r in report.rows][:21] == ["W1"] * 20 + ["b1"]
    assert report.rows[7].index == (1, 2) and report.rows[20].index == (0,)


@pytest.mark.parametrize("name, index", [("W1", (3, 4)), ("b1", (2,)), ("W2", (0, 2)),
                                         ("b2", (1,))])
def test_a_planted_error_fails_at_its_entry_only(name, index):
    params, X, y = make(1)
    grads = grads_of(params, X, y)
    grads[name][index] += 1e-3
    for options in ({}, {"tol": 1e-5, "rtol": 1e-3}, {"method": "complex-step"}):
        assert failing(check_function(loss_of(X, y), params, grads, **options)) == [
            (name, index)]


def test_a_realistic_slip_fails_at_every_entry_it_touches():
    """The regularisation forgotten in dW2: every entry of W2, nothing else."""
    params, X, y = make(2)
    grads = grads_of(params, X, y)
    grads["W2"] -= REG * params["W2"]
    report = check_function(loss_of(X, y), params, grads)
    assert failing(report) == [("W2", (j, i)) for j in range(H) for i in range(C)]


def test_one_percent_on_a_small_gradient_is_a_suspect_then_a_failure():
    params, X, y = make(3)
    grads = grads_of(params, X, y)
    name, small = min(((k, i) for k in grads for i in np.ndindex(grads[k].shape)),
                      key=lambda entry: abs(abs(grads[entry[0]][entry[1]]) - 5e-3))
    assert 2e-3 < abs(grads[name][small]) < 1e-2
    grads[name][small] *= 1.01
    loose = check_function(loss_of(X, y), params, grads, tol=1e-4, rtol=0.0)
    assert loose.passed and [(r.name, r.index) for r in loose.suspects] == [(name, small)]
    strict = check_function(loss_of(X, y), params, grads)  # tol=1e-5, rtol=1e-3
    assert failing(strict) == [(name, small)]


def test_the_text_names_each_entry():
    params, X, y = make(0)
    grads = grads_of(params, X, y)
    grads["W1"][3, 4] += 1e-2
    lines = str(check_function(loss_of(X, y), params, grads, tol=1e-4,
                               rtol=0.0)).splitlines()
    assert lines[0].split()[0] == "entry"
    assert lines[1].lstrip().startswith("W1[0, 0] ") and lines[21].lstrip().startswith("b1[0] ")
    assert next(line for line in lines if "FAIL" in line).lstrip().startswith("W1[3, 4] ")
    assert lines[-1] == ("FAILED: 1 of 43 entries have abs error >= tol "
                         "(h = 0.0001, tol = 0.0001)")


def test_a_list_of_params_is_named_p0_p1():
    params, X, y = make(0)
    keys = list(params)
    as_list = [params[k] for k in keys]
    grads = grads_of(params, X, y)

    def loss(p):
        return loss_of(X, y)(dict(zip(keys, p)))

    report = check_function(loss, as_list, [grads[k] for k in keys])
    assert report.passed and {r.name for r in report.rows} == {"p0", "p1", "p2", "p3"}


# the weights come back, bit for bit, even when the loss raises


@pytest.mark.parametrize("fail_at", [2, 3, 10, 43])
def test_params_are_restored_when_the_loss_raises(fail_at):
    params, X, y = make(0)
    before = snapshot(params)
    calls = []

    def loss(p):
        calls.append(1)
        if len(calls) == fail_at:
            raise RuntimeError("no loss here")
        return loss_of(X, y)(p)

    with pytest.raises(RuntimeError, match="no loss here"):
        check_function(loss, params, grads_of(params, X, y))
    assert snapshot(params) == before


def test_complex_step_restores_the_callers_arrays():
    params, X, y = make(0)
    arrays = dict(params)
    check_function(loss_of(X, y), params, grads_of(params, X, y), method="complex-step")
    assert all(params[k] is arrays[k] for k in params)


# non-smooth points


def test_a_kink_inside_the_step_is_marked_not_blamed():
    W = np.array([3e-5, 0.5, -0.5])  # 3e-5 is within h = 1e-4 of the kink of max(0, w)

    def loss(p):
        return np.sum(np.maximum(0.0, p["W"]))

    report = check_function(loss, {"W": W}, {"W": (W > 0).astype(float)})
    assert failing(report) == [("W", (0,))]
    assert [(r.name, r.index) for r in report.kinks] == [("W", (0,))]
    assert str(report).splitlines()[1].split()[:2] == ["W[0]", "moves"]  # no ReLU here
    assert report.notes["W[0]"].endswith("backprop matches the slope on the right")


def test_a_bug_on_a_smooth_loss_is_not_marked():
    params, X, y = make(0)
    grads = grads_of(params, X, y)
    grads["W1"][0, 0] += 1e-2
    report = check_function(loss_of(X, y), params, grads)
    assert failing(report) == [("W1", (0, 0))] and report.kinks == []


def test_relu_kinks_of_a_real_network_are_marked():
    params, X, y = make(4, hidden="relu")
    z = X @ params["W1"] + params["b1"]
    n, j = np.unravel_index(np.argmin(np.abs(z)), z.shape)
    params["b1"][j] -= z[n, j] - 2e-5  # unit j of sample n now sits 2e-5 above its kink
    grads = grads_of(params, X, y, hidden="relu")
    report = check_function(loss_of(X, y, "relu"), params, grads)
    assert report.failures and all(row.kink for row in report.failures)
    assert report.passed_except_kinks


# complex-safe or not


def test_a_loss_that_is_not_complex_safe_is_refused():
    params, X, y = make(0)
    grads = grads_of(params, X, y)

    def l1(p):
        return loss_of(X, y)(p) + np.sum(np.abs(p["W1"]))

    with pytest.raises(ValueError, match=r"loss is not complex-safe: with "
                                         r"params\['W1'\], .* complex it returned a real"):
        check_function(lambda p: float(np.real(l1(p))), params, grads,
                       method="complex-step")
    def strict(p):  # like code that calls math.log, which refuses a complex number
        return math.log(complex(v)) if np.iscomplexobj(v := loss_of(X, y)(p)) else v

    with pytest.raises(TypeError, match=r"loss is not complex-safe: .* raised"):
        check_function(strict, params, grads, method="complex-step")


# bad input


@pytest.mark.parametrize("change, error, message", [
    (lambda p, g: g.pop("b2"), ValueError, r"grads must have the keys of params"),
    (lambda p, g: g.update(W1=g["W1"].T), ValueError,
     r"grads\['W1'\] must have shape \(4, 5\), got \(5, 4\)"),
    (lambda p, g: p.update(b2=np.zeros(C, dtype=int)), TypeError,
     r"params\['b2'\] must be a float64 NumPy array, got int64"),
    (lambda p, g: p.update(b2=np.zeros(C, dtype=np.float32)), TypeError,
     r"params\['b2'\] must be a float64 NumPy array, got float32"),
    (lambda p, g: p.update(b2=[0.0, 0.0, 0.0]), TypeError,
     r"params\['b2'\] must be a float64 NumPy array, got list"),
    (lambda p, g: g["W2"].__setitem__((0, 0), np.nan), ValueError,
     r"grads\['W2'\] contains NaN"),
    (lambda p, g: p.update(b2=p["b1"][:C]), ValueError,
     r"params\['b1'\] and params\['b2'\] share memory"),
    (lambda p, g: p.clear() or g.clear(), ValueError, r"params is empty"),
])
def test_bad_params_or_grads_are_refused(change, error, message):
    params, X, y = make(0)
    grads = grads_of(params, X, y)
    change(params, grads)
    before = {k: np.array(v).tobytes() for k, v in params.items()}
    with pytest.raises(error, match=message):
        check_function(lambda p: 0.0, params, grads)
    assert {k: np.array(v).tobytes() for k, v in params.items()} == before


@pytest.mark.parametrize("value, error, message", [
    (np.nan, ValueError, r"loss\(params\) returned nan, not a finite number"),
    (np.ones(2), TypeError, r"loss\(params\) must return a scalar, got shape \(2,\)"),
    ("0.5", TypeError, r"loss\(params\) must return a real number, got '0.5'"),
    (None, TypeError, r"loss\(params\) must return a real number, got None"),
])
def test_a_loss_that_is_not_a_finite_scalar_is_refused(value, error, message):
    params, X, y = make(0)
    with pytest.raises(error, match=message):
        check_function(lambda p: value, params, grads_of(params, X, y))


def test_bad_settings_are_refused():
    params, X, y = make(0)
    grads = grads_of(params, X, y)
    with pytest.raises(ValueError, match=r"method must be one of"):
        check_function(loss_of(X, y), params, grads, method="forward")
    with pytest.raises(ValueError, match=r"h must be finite and > 0"):
        check_function(loss_of(X, y), params, grads, h=0.0)
    with pytest.raises(TypeError, match=r"loss must be a function loss\(params\)"):
        check_function("mse", params, grads)
    with pytest.raises(TypeError, match=r"params must be a dict"):
        check_function(loss_of(X, y), params["W1"], grads["W1"])


# the direction


def test_one_direction_checks_everything_in_two_losses():
    params, X, y = make(0)
    grads = grads_of(params, X, y)
    calls = []

    def counted(p):
        calls.append(1)
        return loss_of(X, y)(p)

    before = snapshot(params)
    assert check_function_direction(counted, params, grads, seed=0).passed
    assert len(calls) == 2 and snapshot(params) == before
    grads["W2"] -= REG * params["W2"]  # the forgotten regularisation
    assert not check_function_direction(loss_of(X, y), params, grads, seed=0).passed


# assert_gradients


def test_assert_gradients_passes_quietly_and_returns_the_report():
    params, X, y = make(0)
    report = assert_gradients(loss_of(X, y), params, grads_of(params, X, y))
    assert report.passed


def test_assert_gradients_names_the_worst_entries():
    params, X, y = make(0)
    grads = grads_of(params, X, y)
    grads["W1"][3, 4] += 1e-2
    grads["b2"][1] += 1e-3
    with pytest.raises(AssertionError, match="Gradients not equal") as caught:
        assert_gradients(loss_of(X, y), params, grads, tol=1e-5, rtol=1e-3)
    lines = str(caught.value).splitlines()
    assert lines[0] == "Gradients not equal: 2 of 43 entries fail"
    assert lines[1] == ("|backprop - numerical| <= tol + rtol |numerical| "
                        "(h = 0.0001, tol = 1e-05, rtol = 0.001)")
    assert lines[2].split() == ["entry", "backprop", "numerical", "abs", "error", "rel",
                                "error"]
    assert lines[3].split()[0] == "W1[3," and lines[4].split()[0] == "b2[1]"
    assert float(lines[3].split()[-2]) == pytest.approx(1e-2, rel=1e-4)
