"""Bad input gets a clear error naming the argument, before any weight moves.

Each case here was a silent pass, a silently ignored write, a wrong answer or
a raw NumPy error before (issue 9); ``test_relative_criterion.py`` has the
``rtol`` and suspects cases.
"""

import math
import warnings

import numpy as np
import pytest

from fclesson import (Network, bugs, central_difference, check_direction,
                      check_gradients, check_output_weight, complex_step,
                      forward_difference, gender, losses, numerical_gradient,
                      richardson)
from fclesson.complex_check import complex_step_gradient
from fclesson.direction import random_direction

from .cases import T, X, gender_net


def snapshot(net):
    return [W.tobytes() for W in net.weights]


# check_direction: a malformed u never passes


def swapped_hidden_rows():
    """The output layer pairs w53 with y4 and w54 with y3: the full check flags it."""
    return bugs.GALLERY["swapped_hidden_outputs"].make(gender_net())


def test_the_bug_is_flagged_by_the_full_check_and_a_random_direction():
    net = swapped_hidden_rows()
    assert not check_gradients(net, X, T).passed
    assert not check_direction(net, X, T, seed=0).passed


@pytest.mark.parametrize("u, error, message", [
    ([np.ones((2, 3))], ValueError, r"one array per layer: 2 for this network, got 1"),
    ([np.zeros((2, 3)), np.zeros((1, 3))], ValueError, r"u is zero everywhere"),
    ([np.ones((2, 3)), np.ones((3, 1))], ValueError, r"u\[1\] must have shape \(1, 3\)"),
    ([np.ones((2, 3)), np.full((1, 3), np.nan)], ValueError, r"u\[1\] contains NaN"),
    (np.ones(9), TypeError, r"u must be a list of arrays, one per layer"),
])
def test_malformed_u_is_refused_and_the_weights_stay(u, error, message):
    net = swapped_hidden_rows()
    before = snapshot(net)
    with pytest.raises(error, match=message):
        check_direction(net, X, T, u=u)
    assert snapshot(net) == before


def test_a_well_formed_u_of_any_norm_works():
    net = gender_net()
    u = [np.ones((2, 3)), np.array([[1.0, 2.0, 3.0]])]  # not normalised
    assert check_direction(net, X, T, u=u).passed
    assert not check_direction(swapped_hidden_rows(), X, T, u=u).passed


# net.weights[l] = W takes effect


def test_setting_one_layer_takes_effect():
    net = gender_net()
    W = np.arange(3.0).reshape(1, 3)
    net.weights[1] = W
    assert np.array_equal(net.weights[1], W) and net.weights[1] is not W  # a copy
    net.weights[-2] = np.zeros((2, 3))
    assert not np.any(net.weights[0])
    # y3 = y4 = f(0) = 0.5, so net5 = 0 * 0.5 + 1 * 0.5 + 2
    assert net.forward(X)[0] == 1 / (1 + np.exp(-2.5))


def test_element_writes_and_in_place_updates_still_work():
    net = gender_net()
    net.weights[0][1, 2] = 7.0
    for W in net.weights:
        W *= 2.0
    assert net.weights[0][1, 2] == 14.0


def test_a_list_of_weights_sees_its_own_writes():
    net = gender_net()
    weights = net.weights
    weights[1] = np.ones((1, 3))
    assert weights[1] is net.weights[1] and np.all(net.weights[1] == 1.0)


@pytest.mark.parametrize("index, W, error, message", [
    (1, np.ones((2, 3)), ValueError, r"weights\[1\] \(layer 1\) must have shape \(1, 3\)"),
    (0, np.full((2, 3), np.inf), ValueError, r"weights\[0\] \(layer 0\) contains NaN"),
    (2, np.ones((1, 3)), ValueError, r"layer of net.weights\[l\] must be -2 .. 1, got 2"),
    (0.5, np.ones((2, 3)), TypeError, r"layer of net.weights\[l\] must be an integer"),
    (slice(0, 2), [np.ones((2, 3))] * 2, TypeError, r"one layer at a time"),
])
def test_a_bad_layer_write_is_refused_and_the_weights_stay(index, W, error, message):
    net = gender_net()
    before = snapshot(net)
    with pytest.raises(error, match=message):
        net.weights[index] = W
    assert snapshot(net) == before


@pytest.mark.parametrize("change", [
    lambda w: w.append(np.ones((1, 3))), lambda w: w.pop(), lambda w: w.clear(),
    lambda w: w.__delitem__(0), lambda w: w.insert(0, np.ones((2, 3))),
])
def test_the_number_of_layers_cannot_change(change):
    net = gender_net()
    with pytest.raises(TypeError, match=r"one matrix per layer"):
        change(net.weights)
    assert len(net.weights) == 2


# gender.train says when it diverged


def test_a_diverging_step_warns():
    with pytest.warns(gender.DivergenceWarning, match=r"diverged: the loss went from "
                      r"0.1878 to 0.5000 with eta = 1e\+06"):
        result = gender.train(eta=1e6, epochs=20)
    assert result.final_loss == pytest.approx(0.5, abs=1e-6)


def test_the_courses_training_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert gender.train(epochs=50).final_loss < 0.1


# the complex step refuses a function that is not complex-safe


@pytest.mark.parametrize("f, error, message", [
    (abs, ValueError, r"f is not complex-safe: f\(x \+ ih\) = 1.0 is real"),
    (lambda x: np.real(x) ** 2, ValueError, r"f is not complex-safe"),
    (lambda x: float(x) ** 2, TypeError, r"f is not complex-safe: .* raised"),
    (math.exp, TypeError, r"f is not complex-safe"),
])
def test_complex_step_refuses_what_drops_the_imaginary_part(f, error, message):
    with pytest.raises(error, match=message):
        complex_step(f, 1.0)


def test_complex_step_still_differentiates_analytic_functions():
    assert complex_step(np.sin, 0.5) == pytest.approx(np.cos(0.5), rel=1e-15)
    assert complex_step(lambda x: x**2, 0.0) == 0.0  # a real slope of 0 is fine


# numerical helpers refuse what is not one finite real number


@pytest.mark.parametrize("helper", [forward_difference, central_difference, richardson,
                                    complex_step])
@pytest.mark.parametrize("x, error, message", [
    ("2", TypeError, r"x must be one real number, got '2'"),
    ([1, 2], TypeError, r"x must be one real number, got \[1, 2\]"),
    (True, TypeError, r"x must be one real number, got True"),
    (1 + 2j, TypeError, r"x must be one real number"),
    (float("nan"), ValueError, r"x must be finite, got nan"),
    (-np.inf, ValueError, r"x must be finite, got -inf"),
])
def test_a_bad_point_is_refused(helper, x, error, message):
    with pytest.raises(error, match=message):
        helper(lambda v: v * v, x)


@pytest.mark.parametrize("x", [2, np.int64(2), np.float32(2.0), np.array(2.0)])
def test_numbers_of_any_kind_are_points(x):
    assert central_difference(lambda v: v * v, x) == pytest.approx(4.0, rel=1e-9)


# row, column and layer


BAD_INDICES = [(0.5, TypeError, "must be an integer, got 0.5"),
               ("0", TypeError, "must be an integer, got '0'"),
               (True, TypeError, "must be an integer, got True"),
               (np.float64(1.0), TypeError, "must be an integer, got")]


@pytest.mark.parametrize("argument", ["layer", "row", "column"])
@pytest.mark.parametrize("bad, error, message", BAD_INDICES)
def test_a_bad_position_is_refused_before_any_weight_moves(argument, bad, error,
                                                           message):
    net = gender_net()
    before = snapshot(net)
    position = {"layer": 1, "row": 0, "column": 0, argument: bad}
    for estimate in (numerical_gradient, complex_step_gradient):
        with pytest.raises(error, match=rf"^{argument}\b.*{message}"):
            estimate(net, X, T, **position)
    if argument != "layer":
        with pytest.raises(error, match=rf"^{argument}\b.*{message}"):
            check_output_weight(net, X, T, row=position["row"], column=position["column"])
    assert snapshot(net) == before


def test_numpy_integers_are_positions():
    net = gender_net()
    a = numerical_gradient(net, X, T, np.int64(1), np.int32(0), np.uint8(2))
    assert a == numerical_gradient(net, X, T, 1, 0, 2)


# the loss


def _calls():
    net = gender_net()
    return net, [
        lambda loss: net.gradients(X, T, loss=loss),
        lambda loss: net.loss(X, T, loss=loss),
        lambda loss: check_gradients(net, X, T, loss=loss),
        lambda loss: check_gradients(net, X, T, loss=loss, vectorized=False),
        lambda loss: check_gradients(net, X, T, loss=loss, method="complex-step"),
        lambda loss: numerical_gradient(net, X, T, 0, 0, 0, loss=loss),
        lambda loss: complex_step_gradient(net, X, T, 0, 0, 0, loss=loss),
        lambda loss: check_direction(net, X, T, loss=loss, seed=0),
        lambda loss: check_output_weight(net, X, T, 0, 0, loss=loss),
    ]


@pytest.mark.parametrize("loss", ["mse", None, losses.mse.value])
@pytest.mark.parametrize("call", range(9))
def test_a_loss_that_is_not_a_loss_is_refused(loss, call):
    net, calls = _calls()
    before = snapshot(net)
    with pytest.raises(TypeError, match=r"loss must be a Loss, such as "
                                        r"fclesson.losses.mse"):
        calls[call](loss)
    assert snapshot(net) == before


# seeds and counts


@pytest.mark.parametrize("seed, error, message", [
    (-1, ValueError, r"seed must be >= 0, got -1"),
    ("abc", TypeError, r"seed must be an integer, got 'abc'"),
    (1.5, TypeError, r"seed must be an integer, got 1.5"),
    (True, TypeError, r"seed must be an integer, got True"),
])
@pytest.mark.parametrize("make", [
    lambda seed: Network([2, 2, 1], ["sigmoid"] * 2, seed=seed),
    lambda seed: gender.network(seed),
    lambda seed: gender.train(seed=seed, epochs=1),
    lambda seed: random_direction(gender_net(), seed),
])
def test_a_bad_seed_is_refused(make, seed, error, message):
    with pytest.raises(error, match=message):
        make(seed)


def test_numpy_integers_are_seeds_sizes_and_counts():
    net = Network([np.int64(2), np.int32(2), np.uint8(1)], ["sigmoid"] * 2,
                  seed=np.int64(0))
    assert all(a.tobytes() == b.tobytes() for a, b in zip(net.weights,
                                                          gender_net().weights))
    result = gender.train(epochs=np.int64(5), every=np.int32(5), seed=np.int64(0))
    assert [epoch for epoch, _ in result.history] == [5]


@pytest.mark.parametrize("epochs, every, error, message", [
    (0, 10, ValueError, r"epochs must be >= 1, got 0"),
    (5.0, 10, TypeError, r"epochs must be an integer, got 5.0"),
    (5, True, TypeError, r"every must be an integer, got True"),
])
def test_bad_counts_are_refused(epochs, every, error, message):
    with pytest.raises(error, match=message):
        gender.train(epochs=epochs, every=every)


def test_the_last_epoch_is_always_recorded():
    history = gender.train(epochs=25, every=10).history
    assert [epoch for epoch, _ in history] == [10, 20, 25]


# the gender demo's people


@pytest.mark.parametrize("people, message", [
    ([(89, 190, 1)], r"people must have shape \(n, 2\), .* got shape \(1, 3\)"),
    ([89, 190], r"people must have shape \(n, 2\), .* got shape \(2,\)"),
])
def test_predict_wants_two_columns(people, message):
    result = gender.train(epochs=1)
    with pytest.raises(ValueError, match=message):
        result.predict(people)
    with pytest.raises(ValueError, match=r"means must have shape \(2,\)"):
        gender.predict(result.net, [(89, 190)], means=[1.0, 2.0, 3.0])


# every pytest.raises names the message it expects


def raises_without_match(source):
    """Line numbers of ``pytest.raises(...)`` calls that have no ``match=``."""
    import ast

    return [node.lineno for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "raises"
            and getattr(node.func.value, "id", None) == "pytest"
            and not any(keyword.arg == "match" for keyword in node.keywords)]


def test_the_scan_finds_a_raises_without_match():
    source = ("import pytest\n\ndef test():\n    with pytest.raises(ValueError):\n"
              "        int('x')\n    with pytest.raises(ValueError, match='x'):\n"
              "        int('x')\n")
    assert raises_without_match(source) == [4]


def test_every_pytest_raises_has_a_match():
    """An unrelated NumPy error cannot satisfy a test that names its message."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    missing = {str(path.relative_to(root)): lines
               for path in sorted((root / "tests").rglob("*.py"))
               if (lines := raises_without_match(path.read_text()))}
    assert missing == {}
