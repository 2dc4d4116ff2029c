"""The batched check computes the loop's numbers, in the loop's order, for any network."""

import json

import numpy as np
import pytest
from hypothesis import given, settings

from fclesson import Network, Report, Row, check_gradients, losses
from fclesson.losses import Loss
from fclesson.report import rounding_floor
from fclesson.vectorized import applies, check_vectorized, numerical_gradients

from .cases import LOSSES, T, X, gender_net, random_cases

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True)


def agree(a, b, E, h=1e-4):
    r"""``|a - b| <= 1e-9 max(|a|, |b|) + floor``.

    The floor is rounding noise, not slack: both estimates divide a difference
    of two losses by 2h, and the two ways of computing a loss differ by an ulp
    or two of E, so the estimates can differ by about eps |E| / h (measured:
    up to 0.76 eps max(|E|, 1) / h on these networks). The floor,
    `fclesson.report.rounding_floor`, allows 8 times that, 1.8e-11 for
    |E| <= 1 at h = 1e-4. Without it, a gradient of 1e-5 would have to agree
    to 1e-14, below the noise of either method.
    """
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b)) + rounding_floor(E, h)


@SETTINGS
@given(random_cases())
def test_same_numbers_as_the_loop_on_random_networks(case):
    net, x, target, loss_name = case
    loss = LOSSES[loss_name]
    batched = check_gradients(net, x, target, loss)
    loop = check_gradients(net, x, target, loss, vectorized=False)
    assert type(batched) is Report and type(loop) is Report
    assert batched._rows is None and loop._rows is not None  # arrays / rows
    E = loss.value(net.forward(x), target)
    assert [(r.layer, r.row, r.column) for r in batched.rows] == [
        (r.layer, r.row, r.column) for r in loop.rows]
    for a, b in zip(batched.rows, loop.rows):
        assert a.backprop == b.backprop and a.kink == b.kink
        assert agree(a.numerical, b.numerical, E), (a, b)


@pytest.mark.parametrize("sizes, names", [([64, 32, 10], ["sigmoid", "sigmoid"]),
                                           ([20, 16, 12, 8, 4], ["tanh", "sigmoid", "relu",
                                                                 "linear"])])
def test_same_numbers_on_wider_and_deeper_networks(sizes, names):
    rng = np.random.default_rng(5)
    net = Network(sizes, names, seed=5)
    x, t = rng.normal(size=sizes[0]), rng.uniform(size=sizes[-1])
    batched = check_gradients(net, x, t)
    loop = check_gradients(net, x, t, vectorized=False)
    E = losses.mse.value(net.forward(x), t)
    assert all(agree(a.numerical, b.numerical, E) for a, b in zip(batched.rows, loop.rows))
    assert batched.passed and loop.passed


@pytest.mark.parametrize("seed", range(8))
def test_the_lessons_network_gives_the_loops_rows_to_rounding(seed):
    """Equal bit for bit for seed 0, in the last digits for seed 1: agree() for all."""
    net = gender_net(seed)
    batched, loop = check_gradients(net, X, T), check_gradients(net, X, T, vectorized=False)
    E = net.loss(X, T)
    assert batched.floor == loop.floor == rounding_floor(E, 1e-4)
    for a, b in zip(batched.rows, loop.rows, strict=True):
        assert (a.layer, a.row, a.column, a.backprop, a.passed, a.kink) == (
            b.layer, b.row, b.column, b.backprop, b.passed, b.kink)
        assert agree(a.numerical, b.numerical, E), (seed, a, b)


@pytest.mark.parametrize("chunk", [1, 7, 100])
def test_chunk_size_changes_nothing(chunk):
    net = Network([5, 4, 3], ["tanh", "sigmoid"], seed=2)
    x, t = np.linspace(-1, 1, 5), np.array([0.2, 0.5, 0.9])
    whole, _ = numerical_gradients(net, x, t)
    pieces, _ = numerical_gradients(net, x, t, chunk=chunk)
    assert all(np.array_equal(a, b) for a, b in zip(whole, pieces))


def test_network_is_left_unchanged():
    net = Network([3, 4, 2], ["relu", "tanh"], seed=3)
    before = [W.copy() for W in net.weights]
    check_vectorized(net, np.ones(3), np.zeros(2))
    assert all(W.tobytes() == b.tobytes() for W, b in zip(net.weights, before))


class OwnForward(Network):
    """A forward pass of its own: the batch cannot know what it computes."""

    def forward(self, x):
        return super().forward(np.asarray(x, dtype=float) * 2)


def test_what_the_batch_cannot_reproduce_goes_to_the_loop():
    net = OwnForward([2, 2, 1], ["sigmoid"] * 2, seed=0)
    custom = Loss("custom", lambda y, t: np.sum((t - y) ** 2), lambda y, t: -2 * (t - y))
    assert not applies(net, losses.mse) and not applies(gender_net(), custom)
    assert applies(gender_net(), losses.mse) and applies(gender_net(), losses.output_sum)
    assert type(check_gradients(net, X, T)) is Report  # the loop, through OwnForward.forward
    assert type(check_gradients(gender_net(), X, T, custom)) is Report


@pytest.mark.parametrize("loss, target", [(losses.mse, np.array([0.1, 0.7])),
                                          (losses.output_sum, None)])
def test_value_batch_is_value_row_by_row(loss, target):
    Y = np.random.default_rng(0).normal(size=(6, 2))
    assert np.array_equal(loss.value_batch(Y, target), [loss.value(y, target) for y in Y])
    custom = Loss("copy", loss._value, loss._derivative, loss.needs_target)  # no batch form
    assert np.array_equal(custom.value_batch(Y, target), loss.value_batch(Y, target))


def test_value_batch_checks_its_arguments():
    with pytest.raises(ValueError, match="shape"):
        losses.mse.value_batch(np.zeros(3), np.zeros(3))
    with pytest.raises(ValueError, match="target"):
        losses.mse.value_batch(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="shape"):
        losses.mse.value_batch(np.zeros((2, 3)), np.zeros(2))


def test_a_report_of_arrays_behaves_like_a_report_of_rows():
    net = gender_net()
    table = check_gradients(net, X, T, tol=1e-10)
    plain = check_gradients(net, X, T, tol=1e-10, vectorized=False)
    assert table.passed is plain.passed is False
    assert table.failures == plain.failures and table.worst == plain.worst
    assert table.kinks == plain.kinks == [] and table.passed_except_kinks is False
    assert str(table) == str(plain) and table.to_dict() == plain.to_dict()
    data = json.loads(json.dumps(table.to_dict()))
    assert Report.from_dict(data) == table and table == Report.from_dict(data)
    assert table.rows == plain.rows and isinstance(table.rows, tuple)
    assert hash(table) == hash(plain)


def test_table_rows_are_row_compare_rows():
    rng = np.random.default_rng(1)
    backprop = np.concatenate([[0.0, 0.0, 1e-300, -2.0], rng.normal(size=50)])
    numerical = np.concatenate([[0.0, 1e-3, 0.0, 2.0], backprop[4:] + rng.normal(size=50) * 1e-4])
    kink = rng.uniform(size=54) < 0.2
    layer, row, column = np.zeros(54, int), np.arange(54) // 6, np.arange(54) % 6
    table = Report.from_arrays([("weights[0]", (9, 6))], backprop, numerical, kink,
                               h=1e-4, tol=1e-4, layers=True)
    expected = tuple(Row.compare(*values, 1e-4, k) for *values, k in
                     zip(layer, row, column, backprop, numerical, kink))
    assert table.failures == [r for r in expected if not r.passed]  # before the rows
    assert table._rows is None
    assert table.rows == expected
    assert table.failures == [r for r in expected if not r.passed]
    assert table.kinks == [r for r in expected if r.kink and not r.passed]
    assert table.worst == max(expected, key=lambda r: r.abs_error)
    assert all(type(r.layer) is int and type(r.passed) is bool for r in table.rows)


def test_any_object_with_a_value_method_works_as_a_loss():
    class Halved:  # not a Loss: no batch form, no checks
        def value(self, y, t):
            return 0.5 * float(np.sum((t - y) ** 2))

    net = Network([3, 2], ["tanh"], seed=1)
    grads, _ = numerical_gradients(net, np.ones(3), np.zeros(2), Halved())
    mse, _ = numerical_gradients(net, np.ones(3), np.zeros(2))
    assert all(np.allclose(a, 0.5 * b, rtol=1e-9) for a, b in zip(grads, mse))
