"""The random-direction check: two loss evaluations, and what one projection can miss."""

import numpy as np
import pytest
from hypothesis import given, settings

from fclesson import Network, bugs, check_gradients, gender, losses
from fclesson.direction import check_direction, random_direction
from fclesson.losses import Loss

from .cases import LOSSES, T, X, gender_net, random_cases

SETTINGS = settings(max_examples=50, deadline=None, derandomize=True)


@SETTINGS
@given(random_cases(max_depth=3))
def test_passes_on_correct_backprop(case):
    net, x, target, loss_name = case
    nets, _ = net.propagate(x)
    if any(name == "relu" and np.any(np.abs(n) < 1e-2) for n, name in
           zip(nets, net.activation_names)):
        return  # a kink: no derivative there
    result = check_direction(net, x, target, LOSSES[loss_name], seed=0)
    assert result.passed, result


def test_result_fields():
    net = gender_net()
    result = check_direction(net, X, T, seed=1)
    assert sum(np.sum(v**2) for v in result.u) == pytest.approx(1.0, rel=1e-14)
    grads = net.gradients(X, T)
    assert result.backprop == pytest.approx(sum(np.sum(g * v) for g, v in zip(grads, result.u)))
    assert result.abs_error == abs(result.backprop - result.numerical)
    assert result.passed and result.rel_error < 1e-8 and (result.h, result.tol) == (1e-4, 1e-6)
    again = check_direction(net, X, T, seed=1)
    assert again.numerical == result.numerical and all(
        np.array_equal(a, b) for a, b in zip(again.u, result.u))


def test_two_loss_evaluations_whatever_the_size():
    calls = []
    counting = Loss("counted", lambda y, t: calls.append(1) or np.sum((t - y) ** 2),
                    lambda y, t: -2 * (t - y))
    net = Network([30, 20, 5], ["tanh", "sigmoid"], seed=0)
    check_direction(net, np.ones(30), np.zeros(5), counting, seed=0)
    assert len(calls) == 2  # against 2 * 735 for the full check


@pytest.mark.parametrize("name", list(bugs.GALLERY))
def test_fails_on_every_bug_of_the_gallery(name):
    broken = bugs.GALLERY[name].make(gender.network(seed=0))
    failures = sum(not check_direction(broken, X, T, seed=seed).passed for seed in range(5))
    assert failures == 5


class OffAlong(Network):
    """Backprop off by ``error`` (a list of arrays shaped like the weights)."""

    error = None

    def gradients(self, x, target, loss=losses.mse):
        return [g + e for g, e in zip(super().gradients(x, target, loss), self.error)]


def test_an_error_orthogonal_to_u_is_invisible():
    net = OffAlong([2, 2, 1], ["sigmoid"] * 2, weights=gender_net().weights)
    u = random_direction(net, seed=4)
    # a wrong w31 and a wrong w53, in the proportion that cancels in grad . u
    e = [np.zeros((2, 3)), np.zeros((1, 3))]
    e[0][0, 0], e[1][0, 0] = 0.05 * u[1][0, 0], -0.05 * u[0][0, 0]
    net.error = e
    assert check_direction(net, X, T, seed=4).passed  # the one projection sees nothing
    full = check_gradients(net, X, T)
    assert {(r.layer, r.row, r.column) for r in full.failures} == {(0, 0, 0), (1, 0, 0)}
    assert not check_direction(net, X, T, seed=5).passed  # another direction does see it


def test_one_wrong_weight_among_many_is_shrunk_by_its_share_of_u():
    sizes = [64, 32, 10]
    rng = np.random.default_rng(0)
    x, t = rng.normal(size=64), rng.uniform(size=10)
    net = OffAlong(sizes, ["sigmoid"] * 2, seed=0)
    net.error = [np.zeros(shape) for shape in net.shapes]
    net.error[0][3, 7] = 1e-3  # ten times the lesson's tolerance, on one weight of 2410
    full = check_gradients(net, x, t)
    assert [(r.layer, r.row, r.column) for r in full.failures] == [(0, 3, 7)]
    result = check_direction(net, x, t, seed=0)
    share = abs(result.u[0][3, 7])
    assert share < 0.1  # about 1 / sqrt(2410) = 0.02
    # the directional error is the weight's error times its share of u, far below 1e-3
    assert result.abs_error == pytest.approx(1e-3 * share, rel=1e-3)
    assert result.abs_error < 1e-4  # the lesson's absolute rule would have passed it


def test_weights_restored_even_when_the_loss_raises():
    net = gender_net()
    before = [W.copy() for W in net.weights]
    original = net.weights[0][0, 0]

    def value(y, t):
        if net.weights[0][0, 0] != original:
            raise RuntimeError("no E here")
        return np.sum((t - y) ** 2)

    with pytest.raises(RuntimeError, match="no E here"):
        check_direction(net, X, T, Loss("raising", value, lambda y, t: -2 * (t - y)), seed=0)
    assert all(W.tobytes() == b.tobytes() for W, b in zip(net.weights, before))
    check_direction(net, X, T, seed=0)
    assert all(W.tobytes() == b.tobytes() for W, b in zip(net.weights, before))


def test_a_small_relative_error_fails_the_relative_rule():
    # an error along u of 1e-4 times grad . u: far below the lesson's absolute tol
    net = OffAlong([2, 2, 1], ["sigmoid"] * 2, weights=gender_net().weights)
    u = random_direction(net, seed=0)
    net.error = [np.zeros(shape) for shape in net.shapes]
    right = check_direction(net, X, T, seed=0)
    net.error = [1e-4 * right.backprop * v for v in u]
    result = check_direction(net, X, T, seed=0)
    assert result.rel_error == pytest.approx(1e-4, rel=1e-3) and result.abs_error < 1e-4
    assert not result.passed
    assert check_direction(net, X, T, seed=0, tol=1e-3).passed


def test_a_direction_orthogonal_to_the_gradient_is_no_false_alarm():
    """grad . u = 0 leaves only rounding noise: the relative error is ~1, yet nothing is wrong."""
    import numpy as np

    from fclesson import check_direction, gender

    net = gender.network(seed=0)
    x, t = gender.CHECK_X, gender.CHECK_TARGET
    g = np.concatenate([G.ravel() for G in net.gradients(x, t)])
    v = np.random.default_rng(0).standard_normal(g.size)
    v -= (v @ g) / (g @ g) * g  # orthogonal to the gradient
    v /= np.linalg.norm(v)
    u = np.split(v, np.cumsum([W.size for W in net.weights])[:-1])
    u = [part.reshape(W.shape) for part, W in zip(u, net.weights)]
    result = check_direction(net, x, t, u=u)
    assert abs(result.backprop) < 1e-15 and result.rel_error > 1e-6
    assert result.passed
