"""Mini-batches: ``n`` samples as the rows of X, the loss averaged over them (1/n).

The reference is the one-sample code the rest of the suite checks (and lesson 2's
per-neuron loops, `scalar_reference`): for the MSE, the gradient of a batch is the
mean of the per-sample gradients, its loss the mean of the per-sample losses.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fclesson import (
    Network,
    check_gradients,
    check_hidden_layer,
    check_layer_by_layer,
    check_output_weight,
    gender,
    losses,
    numerical_gradient,
)
from fclesson.complex_check import complex_step_gradient
from fclesson.direction import check_direction
from fclesson.report import rounding_floor
from fclesson.vectorized import check_vectorized, numerical_gradients

from . import scalar_reference as ref
from .cases import LOSSES, Fragile, flaky_mse, random_cases

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True)


@st.composite
def batch_cases(draw, max_depth=4):
    """(net, X, T, loss name): X of shape (n, n_in), T of shape (n, n_out), n 1-5."""
    net, _, _, loss_name = draw(random_cases(max_depth=max_depth))
    n = draw(st.integers(1, 5))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    X = rng.normal(size=(n, net.sizes[0]))
    T = rng.uniform(size=(n, net.sizes[-1]))
    return net, X, T, loss_name


def gender_batch():
    """The gender demo's four training people, zero-mean, with their labels."""
    X, T = gender.data()
    return gender.zero_mean(X)[0], T


def assert_close(ours, expected, rtol=1e-12):
    """Equal to ``rtol``, relative to the largest entry of each layer's gradient."""
    for a, b in zip(ours, expected, strict=True):
        assert a.shape == b.shape
        np.testing.assert_allclose(a, b, rtol=rtol, atol=rtol * np.max(np.abs(b)))


def snapshot(net):
    return [W.tobytes() for W in net.weights]


def agree(a, b, E, h=1e-4):
    """The rule of ``agree`` in test_vectorized.py: relative 1e-9 plus the floor."""
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b)) + rounding_floor(E, h)


# the batch against its samples, one at a time


@SETTINGS
@given(batch_cases())
def test_mse_gradients_are_the_mean_of_the_samples(case):
    net, X, T, _ = case
    per_sample = [net.gradients(x, t) for x, t in zip(X, T)]
    mean = [sum(layer) / len(X) for layer in zip(*per_sample)]
    assert_close(net.gradients(X, T), mean)


@SETTINGS
@given(batch_cases())
def test_mse_gradients_match_the_per_neuron_reference(case):
    net, X, T, _ = case
    per_sample = [ref.gradients(net.weights, net.activation_names, x, t, "mse")
                  for x, t in zip(X, T)]
    mean = [np.mean(np.array(layer), axis=0) for layer in zip(*per_sample)]
    assert_close(net.gradients(X, T), mean, rtol=1e-10)


@SETTINGS
@given(batch_cases())
def test_mse_loss_is_the_mean_of_the_samples(case):
    net, X, T, _ = case
    mean = np.mean([net.loss(x, t) for x, t in zip(X, T)])
    assert net.loss(X, T) == pytest.approx(mean, rel=1e-12, abs=1e-300)


@SETTINGS
@given(batch_cases())
def test_output_sum_adds_the_samples(case):
    """``E = sum_k y_k`` has no 1/n: summed over the samples, and so its gradient."""
    net, X, _, _ = case
    per_sample = [net.gradients(x, None, loss=losses.output_sum) for x in X]
    total = [sum(layer) for layer in zip(*per_sample)]
    assert_close(net.gradients(X, None, loss=losses.output_sum), total)
    assert net.loss(X, None, loss=losses.output_sum) == pytest.approx(
        sum(net.loss(x, None, loss=losses.output_sum) for x in X), rel=1e-12, abs=1e-12)


@SETTINGS
@given(batch_cases())
def test_propagate_and_backward_give_one_row_per_sample(case):
    net, X, T, loss_name = case
    nets, ys = net.propagate(X)
    assert [v.shape for v in nets] == [(len(X), size) for size in net.sizes[1:]]
    assert [v.shape for v in ys] == [(len(X), size) for size in net.sizes]
    np.testing.assert_array_equal(ys[0], X)
    np.testing.assert_array_equal(net.forward(X), ys[-1])
    loss = LOSSES[loss_name]
    delta = net.backward(nets, loss.derivative(ys[-1], T))
    for i, (x, t) in enumerate(zip(X, T)):
        nets_i, ys_i = net.propagate(x)
        for batch, one in zip([*nets, *ys], [*nets_i, *ys_i]):
            np.testing.assert_allclose(batch[i], one, rtol=1e-14, atol=1e-14)
        # a row of the batch's delta is that sample's delta with the batch's 1/n
        delta_i = net.backward(nets_i, loss.derivative(ys_i[-1], t))
        scale = len(X) if loss is losses.mse else 1
        for batch, one in zip(delta, delta_i):
            np.testing.assert_allclose(batch[i] * scale, one, rtol=1e-12, atol=1e-14)


@SETTINGS
@given(random_cases())
def test_one_sample_as_a_row_gives_the_numbers_of_the_1d_call(case):
    net, x, t, loss_name = case
    loss, X, T = LOSSES[loss_name], x[np.newaxis, :], t[np.newaxis, :]
    batch, one = net.gradients(X, T, loss=loss), net.gradients(x, t, loss=loss)
    for b, o in zip(batch, one, strict=True):
        np.testing.assert_array_equal(b, o)
    assert net.loss(X, T, loss=loss) == net.loss(x, t, loss=loss)
    for batch, one in zip(net.propagate(X), net.propagate(x)):
        for b, o in zip(batch, one):
            np.testing.assert_array_equal(b, o[np.newaxis, :])


def test_backward_never_writes_into_a_batch():
    net = Network([3, 4, 2], ["tanh", "sigmoid"], seed=2)
    X = np.random.default_rng(0).normal(size=(5, 3))
    nets, ys = net.propagate(X)
    dE_dy = losses.mse.derivative(ys[-1], np.full((5, 2), 0.5))
    saved = [v.copy() for v in [*nets, dE_dy]]
    for array in [*nets, dE_dy]:
        array.flags.writeable = False  # any write would raise
    net.backward(nets, dE_dy)
    for before, after in zip(saved, [*nets, dE_dy]):
        np.testing.assert_array_equal(before, after)


# the checks on the gender demo's batch of four


@pytest.mark.parametrize("method", ["central", "complex-step"])
@pytest.mark.parametrize("vectorized", [True, False], ids=["default", "loop"])
def test_check_gradients_passes_on_the_batch_of_four(method, vectorized):
    X, T = gender_batch()
    net = gender.network(seed=0)
    saved = snapshot(net)
    report = check_gradients(net, X, T, method=method, vectorized=vectorized)
    assert report.passed and len(report.rows) == 9
    assert max(row.abs_error for row in report.rows) < (1e-6 if method == "central"
                                                         else 1e-15)
    assert snapshot(net) == saved


def test_the_default_path_takes_the_batched_check_for_a_batch():
    X, T = gender_batch()
    net = gender.network(seed=0)
    batched, loop = check_gradients(net, X, T), check_gradients(net, X, T, vectorized=False)
    assert batched._rows is None and loop._rows is not None  # arrays / rows
    assert batched.floor == loop.floor == rounding_floor(net.loss(X, T), 1e-4)
    for a, b in zip(batched.rows, loop.rows, strict=True):
        assert (a.layer, a.row, a.column, a.backprop, a.passed, a.kink) == (
            b.layer, b.row, b.column, b.backprop, b.passed, b.kink)
        assert agree(a.numerical, b.numerical, net.loss(X, T)), (a, b)


def test_the_layer_by_layer_and_direction_checks_pass_on_the_batch():
    X, T = gender_batch()
    net = gender.network(seed=0)
    saved = snapshot(net)
    assert check_layer_by_layer(net, X, T).passed
    assert check_hidden_layer(net, X).passed
    assert check_direction(net, X, T, seed=3).passed
    assert snapshot(net) == saved


def test_numerical_and_complex_step_gradients_of_the_batch():
    X, T = gender_batch()
    net = gender.network(seed=0)
    backprop = net.gradients(X, T)
    for layer, W in enumerate(net.weights):
        for (row, column), expected in np.ndenumerate(backprop[layer]):
            where = (layer, row, column)
            assert complex_step_gradient(net, X, T, *where) == pytest.approx(
                expected, rel=1e-13, abs=1e-16)
            assert numerical_gradient(net, X, T, *where) == pytest.approx(
                expected, abs=1e-6)


@pytest.mark.parametrize("vectorized", [True, False], ids=["default", "loop"])
@pytest.mark.parametrize("fail_on_call", [1, 2, 3, 4, 18])
def test_weights_restored_when_the_loss_raises_mid_check(fail_on_call, vectorized):
    X, T = gender_batch()
    net = gender.network(seed=0)
    saved = snapshot(net)
    with pytest.raises(RuntimeError, match=f"call {fail_on_call}"):
        check_gradients(net, X, T, loss=flaky_mse(fail_on_call), vectorized=vectorized)
    assert snapshot(net) == saved


def test_weights_restored_when_forward_raises_mid_check():
    X, T = gender_batch()
    net = Fragile([2, 2, 1], ["sigmoid", "sigmoid"], seed=0)
    saved = snapshot(net)
    with pytest.raises(FloatingPointError, match="forward failed"):
        check_gradients(net, X, T)
    assert snapshot(net) == saved


# the 1/n lesson: a backprop that forgets it is right for one sample only


class ForgetsOneOverN(Network):
    """dE/dy = -2 (t - y), the MSE's 1/n forgotten: n times too big on a batch."""

    def gradients(self, x, target, loss=losses.mse):
        x, target = self._check_data(x, target)
        net, y = self.propagate(x)
        delta = self.backward(net, -2.0 * (target - y[-1]))  # BUG: -(2/n) (t - y)
        rows = [np.atleast_2d(v) for v in y[:-1]]  # one sample as one row
        with_bias = [np.hstack([a, np.ones((len(a), 1))]) for a in rows]
        return [np.atleast_2d(d).T @ a for d, a in zip(delta, with_bias)]


def forgetful():
    net = gender.network(seed=0)
    return ForgetsOneOverN(net.sizes, net.activation_names, weights=net.weights,
                           weight_names=net.weight_names)


@pytest.mark.parametrize("vectorized", [True, False], ids=["default", "loop"])
@pytest.mark.parametrize("one", [lambda X, T: (X[0], T[0]),
                                 lambda X, T: (X[:1], T[:1])], ids=["1-D", "one row"])
def test_forgetting_one_over_n_passes_with_one_sample(one, vectorized):
    x, t = one(*gender_batch())
    assert check_gradients(forgetful(), x, t, vectorized=vectorized).passed


@pytest.mark.parametrize("vectorized", [True, False], ids=["default", "loop"])
def test_forgetting_one_over_n_fails_at_every_weight_on_the_batch(vectorized):
    X, T = gender_batch()
    net = forgetful()
    report = check_gradients(net, X, T, vectorized=vectorized)
    assert len(report.failures) == len(report.rows) == 9
    # n = 4: every backprop value is 4 times the numerical one
    for row in report.rows:
        assert row.backprop == pytest.approx(4 * row.numerical, rel=1e-5)


# shapes that do not fit are refused, naming the argument, before any weight moves

X4, T4 = gender_batch()
BAD = [
    (X4[np.newaxis], T4, r"x must have shape \(2,\) for one sample or \(n, 2\) for n "
                         r"samples, got \(1, 4, 2\)"),
    (X4[:, :1], T4, r"x must have shape \(n, 2\), one sample per row, got \(4, 1\)"),
    (X4[:0], T4[:0], r"x must hold at least one sample \(n >= 1\), got shape \(0, 2\)"),
    (X4, T4[:3], r"target must have shape \(4, 1\), one row per sample of x \(n = 4\), "
                 r"got \(3, 1\)"),
    (X4, T4[:0], r"target must have shape \(4, 1\), one row per sample of x"),
    (X4, T4[0], r"target must have shape \(4, 1\), one row per sample of x"),
    (X4[0], T4, r"target must have shape \(1,\), one sample like x, got \(4, 1\)"),
    (X4, T4[np.newaxis], r"target must have shape \(4, 1\), .* got \(1, 4, 1\)"),
]
IDS = ["x 3-D", "x too narrow", "n = 0", "target n = 3", "target n = 0",
       "target 1-D", "x 1-D, target rows", "target 3-D"]
CALLS = {
    "gradients": lambda net, x, t: net.gradients(x, t),
    "loss": lambda net, x, t: net.loss(x, t),
    "check_gradients": lambda net, x, t: check_gradients(net, x, t),
    "loop": lambda net, x, t: check_gradients(net, x, t, vectorized=False),
    "complex-step": lambda net, x, t: check_gradients(net, x, t, method="complex-step"),
    "layer_by_layer": lambda net, x, t: check_layer_by_layer(net, x, t),
    "output_weight": lambda net, x, t: check_output_weight(net, x, t, 0, 0),
    "numerical_gradient": lambda net, x, t: numerical_gradient(net, x, t, 1, 0, 0),
    "complex_step": lambda net, x, t: complex_step_gradient(net, x, t, 0, 0, 1),
    "direction": lambda net, x, t: check_direction(net, x, t, seed=0),
}


@pytest.mark.parametrize("call", sorted(CALLS))
@pytest.mark.parametrize("x, target, message", BAD, ids=IDS)
def test_a_shape_that_does_not_fit_is_refused(call, x, target, message):
    net = gender.network(seed=0)
    saved = snapshot(net)
    with pytest.raises(ValueError, match=message):
        CALLS[call](net, x, target)
    assert snapshot(net) == saved


@pytest.mark.parametrize(
    "x, message",
    [(X4[np.newaxis], r"x must have shape \(2,\) for one sample or \(n, 2\)"),
     (X4[:0], r"x must hold at least one sample \(n >= 1\)")],
    ids=["x 3-D", "n = 0"])
@pytest.mark.parametrize("call", ["propagate", "hidden_layer"])
def test_a_bad_x_alone_is_refused(call, x, message):
    net = gender.network(seed=0)
    with pytest.raises(ValueError, match=message):
        net.propagate(x) if call == "propagate" else check_hidden_layer(net, x)


def test_backward_refuses_net_and_dE_dy_of_different_batches():
    net = gender.network(seed=0)
    nets, ys = net.propagate(X4)
    dE_dy = losses.mse.derivative(ys[-1], T4)
    message = r"net\[0\] must have shape \(3, 2\), one row per sample of dE_dy"
    with pytest.raises(ValueError, match=message + r" \(n = 3\), got \(4, 2\)"):
        net.backward(nets, dE_dy[:3])
    with pytest.raises(ValueError, match=r"net\[1\] must have shape \(1,\), one sample "
                                         r"like dE_dy, got \(4, 1\)"):
        net.backward([nets[0][0], nets[1]], dE_dy[0])
    with pytest.raises(ValueError, match=r"dE_dy must have shape \(1,\) for one sample "
                                         r"or \(n, 1\) for n samples, got \(1, 4, 1\)"):
        net.backward(nets, dE_dy[np.newaxis])


# the batched check of a batch: the loop's numbers, every sample's kinks


@SETTINGS
@given(batch_cases())
def test_batched_check_of_a_batch_gives_the_loops_numbers(case):
    net, X, T, loss_name = case
    loss = LOSSES[loss_name]
    saved = snapshot(net)
    batched = check_gradients(net, X, T, loss)
    loop = check_gradients(net, X, T, loss, vectorized=False)
    assert batched._rows is None and loop._rows is not None  # arrays / rows
    E = loss.value(net.forward(X), T)
    assert batched.floor == loop.floor == rounding_floor(E, 1e-4)
    for a, b in zip(batched.rows, loop.rows, strict=True):
        assert (a.layer, a.row, a.column, a.backprop, a.kink) == (
            b.layer, b.row, b.column, b.backprop, b.kink)
        assert agree(a.numerical, b.numerical, E), (a, b)
    assert snapshot(net) == saved


@SETTINGS
@given(batch_cases(), st.sampled_from([1e-4, 0.3]))
def test_a_kink_of_the_batch_is_a_kink_of_some_sample(case, h):
    """With ``h = 0.3`` many steps cross a ReLU kink, for some samples and not others."""
    net, X, T, loss_name = case
    for method in ("central", "complex-step"):
        h_method = h if method == "central" else 1e-20
        kinks = [row.kink for row in check_gradients(
            net, X, T, LOSSES[loss_name], h=h_method, method=method).rows]
        per_sample = [[row.kink for row in check_gradients(
            net, x, t, h=h_method, method=method).rows] for x, t in zip(X, T)]
        assert kinks == [any(column) for column in zip(*per_sample)]


@SETTINGS
@given(batch_cases())
def test_complex_step_of_a_batch_gives_the_loops_numbers(case):
    net, X, T, loss_name = case
    loss = LOSSES[loss_name]
    batched = check_gradients(net, X, T, loss, method="complex-step")
    loop = check_gradients(net, X, T, loss, method="complex-step", vectorized=False)
    assert batched._rows is None and batched.floor == loop.floor == 0.0
    for a, b in zip(batched.rows, loop.rows, strict=True):
        assert a.kink == b.kink and a.backprop == b.backprop
        assert a.numerical == pytest.approx(b.numerical, rel=1e-12, abs=1e-300)


@SETTINGS
@given(random_cases())
def test_one_sample_as_a_row_gives_the_1d_batched_numbers(case):
    net, x, t, loss_name = case
    loss = LOSSES[loss_name]
    row = check_gradients(net, x[np.newaxis], t[np.newaxis], loss)
    one = check_gradients(net, x, t, loss)
    E = loss.value(net.forward(x), t)
    for a, b in zip(row.rows, one.rows, strict=True):
        assert a.kink == b.kink and agree(a.numerical, b.numerical, E)


@pytest.mark.parametrize("method", ["central", "complex-step"])
def test_the_four_people_pass_through_the_batched_check(method):
    X, T = gender_batch()
    net = gender.network(seed=0)
    saved = snapshot(net)
    report = check_vectorized(net, X, T, h=1e-4 if method == "central" else 1e-20,
                              method=method)
    assert report._rows is None  # the arrays of the batched check (rows not built yet)
    assert report == check_gradients(net, X, T, method=method)
    assert report.passed and len(report.rows) == 9 and report.kinks == []
    assert snapshot(net) == saved


@pytest.mark.parametrize("chunk", [1, 7, 100])
@pytest.mark.parametrize("sizes, names", [([5, 4, 3], ["tanh", "sigmoid"]),
                                           ([4, 6, 5, 3], ["relu", "relu", "linear"])])
def test_chunk_size_changes_nothing_on_a_batch(chunk, sizes, names):
    rng = np.random.default_rng(3)
    net = Network(sizes, names, seed=2)
    X, T = rng.normal(size=(5, sizes[0])), rng.uniform(size=(5, sizes[-1]))
    (whole, whole_kinks), (pieces, piece_kinks) = (
        numerical_gradients(net, X, T), numerical_gradients(net, X, T, chunk=chunk))
    assert all(np.array_equal(a, b) for a, b in zip(whole, pieces, strict=True))
    assert all(np.array_equal(a, b) for a, b in zip(whole_kinks, piece_kinks, strict=True))


@pytest.mark.parametrize("method", ["central", "complex-step"])
def test_the_batched_check_leaves_the_network_unchanged(method):
    net = Network([3, 4, 2], ["relu", "tanh"], seed=3)
    X = np.random.default_rng(0).normal(size=(4, 3))
    before = [W.copy() for W in net.weights]
    check_vectorized(net, X, np.zeros((4, 2)), method=method)
    check_gradients(net, X, np.zeros((4, 2)), vectorized=False)  # and mark_kinks
    assert all(W.tobytes() == b.tobytes() for W, b in zip(net.weights, before))


def test_forgetting_one_over_n_fails_every_weight_through_the_batched_path():
    X, T = gender_batch()
    report = check_gradients(forgetful(), X, T)
    assert report._rows is None  # from the batched check's arrays, not the loop's rows
    assert len(report.failures) == len(report.rows) == 9
    for row in report.rows:
        assert row.backprop == pytest.approx(4 * row.numerical, rel=1e-5)


# a ReLU unit at its kink for one sample of two: in the moved weights' layer
# (w31 x1 + w32 x2 + b3 = 2 - 2 + 0 for the first sample), or in the layer above
# them (layer 1's net = y - 1 = 0 for the second sample)
AT_KINK = {
    "own layer": (Network([2, 1, 1], ["relu", "linear"],
                          weights=[[[1.0, -2.0, 0.0]], [[3.0, 0.5]]]),
                  np.array([[2.0, 1.0], [2.0, 0.9]]), np.array([[1.0], [0.0]]),
                  [True] * 3 + [False] * 2),
    "layer above": (Network([1, 1, 1, 1], ["linear", "relu", "linear"],
                            weights=[[[1.0, 0.0]], [[1.0, -1.0]], [[2.0, 0.0]]]),
                    np.array([[3.0], [1.0]]), np.array([[0.0], [0.0]]),
                    [True] * 4 + [False] * 2),
}


@pytest.mark.parametrize("vectorized", [True, False], ids=["batched", "loop"])
@pytest.mark.parametrize("where", sorted(AT_KINK))
def test_a_kink_of_one_sample_marks_the_batchs_rows(where, vectorized):
    net, X, T, expected = AT_KINK[where]
    report = check_gradients(net, X, T, vectorized=vectorized)
    assert [row.kink for row in report.rows] == expected
    kinked = 0 if where == "own layer" else 1  # the sample at the kink
    away = check_gradients(net, np.delete(X, kinked, axis=0), np.delete(T, kinked, axis=0),
                           vectorized=vectorized)
    assert not any(row.kink for row in away.rows)


def test_value_batch_of_blocks_is_value_of_each_block():
    Y = np.random.default_rng(0).normal(size=(6, 4, 2))
    T = np.random.default_rng(1).uniform(size=(4, 2))
    for loss, t in [(losses.mse, T), (losses.output_sum, None)]:
        np.testing.assert_allclose(loss.value_batch(Y, t), [loss.value(y, t) for y in Y],
                                   rtol=1e-14)
    with pytest.raises(ValueError, match=r"t must have shape \(4, 2\)"):
        losses.mse.value_batch(Y, T[:3])
    with pytest.raises(ValueError, match=r"Y must have shape \(m, n_out\) or "
                                         r"\(m, n, n_out\), got \(1, 6, 4, 2\)"):
        losses.mse.value_batch(Y[np.newaxis], T)

