"""The lesson's code and the toolkit compute the same things.

fclesson.lesson is what the lesson pages list and the exercises mirror: one
sample, the formulas as code. The toolkit (fclesson.Network, check_gradients,
...) checks its arguments, takes batches and is fast. On random networks of
several shapes and activations, for one sample and for batches:

- forward passes and backpropagation agree to rounding (on this project's
  machines, bit for bit: both compute W [y; 1] with NumPy's matrix product);
- numerical gradients agree within the toolkit's rounding floor, and the
  verdicts agree wherever an error is not within that floor of tol;
- the gender demo starts from the same weights and trains to the same losses.

A bug planted in either layer makes these tests fail (the last tests here).
"""

import numpy as np
import pytest

import fclesson
from fclesson import check_gradients, check_hidden_layer, check_layer_by_layer, losses
from fclesson import gender as toolkit_gender
from fclesson import lesson
from fclesson.lesson import gender as lesson_gender
from fclesson.report import rounding_floor

ACTIVATIONS = ["sigmoid", "tanh", "linear", "relu"]
RTOL = 1e-12  # rounding, between two orders of the same sums


def random_case(seed):
    """A toolkit network, the lesson's network with the same weights, a sample."""
    rng = np.random.default_rng(seed)
    sizes = [int(s) for s in rng.integers(1, 6, size=rng.integers(2, 5))]
    activations = [str(a) for a in rng.choice(ACTIVATIONS, size=len(sizes) - 1)]
    toolkit = fclesson.Network(sizes, activations, seed=seed)
    x, t = rng.standard_normal(sizes[0]), rng.standard_normal(sizes[-1])
    return toolkit, lesson.Network(toolkit.weights, activations), x, t


SEEDS = range(40)


@pytest.mark.parametrize("seed", SEEDS)
def test_forward_and_backpropagation_agree(seed):
    toolkit, network, x, t = random_case(seed)
    np.testing.assert_allclose(network.forward(x), toolkit.forward(x), rtol=RTOL, atol=1e-15)
    for loss_name, loss in [("mse", losses.mse), ("output_sum", losses.output_sum)]:
        target = t if loss_name == "mse" else None
        for ours, theirs in zip(network.gradients(x, target, loss_name),
                                toolkit.gradients(x, target, loss=loss)):
            np.testing.assert_allclose(ours, theirs, rtol=RTOL, atol=1e-15)
        assert network.loss(x, target, loss_name) == pytest.approx(
            toolkit.loss(x, target, loss), rel=RTOL, abs=1e-15)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_batch_is_the_mean_of_its_samples(seed):
    """The toolkit's batch gradient of the MSE, (1/n) sum over the samples, is
    the mean of the lesson's one-sample gradients."""
    toolkit, network, x, t = random_case(seed)
    rng = np.random.default_rng(100 + seed)
    X = rng.standard_normal((5, toolkit.sizes[0]))
    T = rng.standard_normal((5, toolkit.sizes[-1]))
    each = [network.gradients(x, t) for x, t in zip(X, T)]
    for layer, batch in enumerate(toolkit.gradients(X, T)):
        mean = np.mean([g[layer] for g in each], axis=0)
        np.testing.assert_allclose(batch, mean, rtol=1e-11, atol=1e-14)
    E = np.mean([network.loss(x, t) for x, t in zip(X, T)])
    assert toolkit.loss(X, T) == pytest.approx(E, rel=1e-12)


def assert_same_checks(ours, report, E, h=1e-4, tol=1e-4):
    """The lesson's checks and a toolkit report: the same weights, estimates within
    the rounding floor, the same verdict unless the error is that close to tol."""
    floor = rounding_floor(E, h)
    assert len(ours) == len(report.rows)
    for check, row in zip(ours, report.rows):
        assert check.backprop == pytest.approx(row.backprop, rel=RTOL, abs=1e-15)
        assert abs(check.numerical - row.numerical) <= floor, (check, row)
        if abs(check.error - tol) > 2 * floor:
            assert check.passed == row.passed, (check, row)


@pytest.mark.parametrize("seed", SEEDS)
def test_every_weight_and_layer_by_layer_agree(seed):
    toolkit, network, x, t = random_case(seed)
    E = toolkit.loss(x, t)
    assert_same_checks(lesson.check_every_weight(network, x, t),
                       check_gradients(toolkit, x, t), E)
    assert_same_checks(lesson.check_every_weight(network, x, t),
                       check_gradients(toolkit, x, t, vectorized=False), E)
    if toolkit.depth > 1:
        probe = toolkit.copy(activations=[*toolkit.activation_names[:-1], "linear"])
        E_sum = probe.loss(x, None, losses.output_sum)
        assert_same_checks(lesson.check_layer_by_layer(network, x, t),
                           check_layer_by_layer(toolkit, x, t), max(E, E_sum))
        assert_same_checks(lesson.check_hidden_layer(network, x),
                           check_hidden_layer(toolkit, x), E_sum)


@pytest.mark.parametrize("seed", SEEDS[:10])
def test_the_numerical_gradient_is_the_toolkits(seed):
    toolkit, network, x, t = random_case(seed)
    for layer, W in enumerate(network.weights):
        for row in range(W.shape[0]):
            ours = lesson.numerical_gradient(network, x, t, layer, row, 0)
            theirs = fclesson.numerical_gradient(toolkit, x, t, layer, row, 0)
            assert abs(ours - theirs) <= rounding_floor(toolkit.loss(x, t), 1e-4)


def test_the_lesson_leaves_every_weight_as_it_was():
    """Bit for bit, at weights where (w - h) + h is not w."""
    network = lesson.Network([[[2e-5, 2.4e-4, 0.1]]], ["sigmoid"])
    before = network.weights[0].copy()
    lesson.check_layer(network, [0.3, -0.7], [1.0], 0)
    assert network.weights[0].tobytes() == before.tobytes()
    assert (2.4e-4 - 1e-4) + 1e-4 != 2.4e-4  # a weight a careless restore would change

    def failing(y, t):
        raise ZeroDivisionError("planted")

    lesson.losses.LOSSES["failing"] = (failing, failing)
    try:
        with pytest.raises(ZeroDivisionError, match="planted"):
            lesson.numerical_gradient(network, [0.3, -0.7], [1.0], 0, 0, 1, loss="failing")
    finally:
        del lesson.losses.LOSSES["failing"]
    assert network.weights[0].tobytes() == before.tobytes()


def test_the_derivatives_are_the_toolkits():
    def f(x):
        return x**2 + 3 * x

    for h in (1e-1, 1e-4, 1e-8, 1e-15):
        assert lesson.forward_difference(f, 2.0, h) == fclesson.forward_difference(f, 2.0, h)
        assert lesson.central_difference(f, 2.0, h) == fclesson.central_difference(f, 2.0, h)
    assert lesson.forward_difference(f, 2.0) == 7.000100000027487
    assert lesson.central_difference(f, 2.0) == 7.000000000019213


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_gender_demo_is_the_same_in_both(seed):
    ours, theirs = lesson_gender.network(seed), toolkit_gender.network(seed)
    assert all(np.array_equal(a, b) for a, b in zip(ours.weights, theirs.weights))
    assert ours.names == theirs.weight_names
    X, t = toolkit_gender.data()
    X = X - X.mean(axis=0)
    losses_per_epoch = lesson_gender.train(ours, X, t, epochs=100)
    trained = toolkit_gender.train(epochs=100, seed=seed, every=10)
    assert [losses_per_epoch[epoch - 1] for epoch, _ in trained.history] == [
        E for _, E in trained.history]


# A bug planted in one layer must fail the tests above: each case replaces one
# line of a module with a bug, and runs this file's tests against the copy.

PLANTED = {
    "lesson: no f'(net) in the output delta": (
        "fclesson/lesson/network.py",
        "delta[-1] = dE_dy * f_prime[-1](net[-1])",
        "delta[-1] = dE_dy"),
    "lesson: forward difference in the check": (
        "fclesson/lesson/gradient_check.py",
        "return (E_plus - E_minus) / (2 * h)",
        "return (E_plus - network.loss(x, t, loss)) / h"),
    "toolkit: 1/n for 2/n": (
        "fclesson/losses.py",
        "return -2.0 / _samples(y) * (t - y)",
        "return -1.0 / _samples(y) * (t - y)"),
    "toolkit: sigmoid derivative y (1 + y)": (
        "fclesson/activations.py",
        "return y * (1.0 - y)",
        "return y * (1.0 + y)"),
}


def run_on_a_copy(tmp_path, bug=None):
    """This file's tests (but these) on a copy of the package, with ``bug``."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    shutil.copytree(root / "fclesson", tmp_path / "fclesson",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "tests" / "package").mkdir(parents=True)
    shutil.copy2(__file__, tmp_path / "tests" / "package" / "test_two_layers.py")
    if bug:
        path, correct, broken = bug
        source = tmp_path / path
        text = source.read_text(encoding="utf-8")
        assert text.count(correct) == 1, f"{path} no longer holds {correct!r}"
        source.write_text(text.replace(correct, broken), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
         "-p", "no:xdist", "-p", "no:hypothesispytest", "-k", "not on_a_copy",
         "--rootdir", str(tmp_path), "tests/package/test_two_layers.py"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path)})


def test_the_tests_pass_on_a_copy_without_a_bug(tmp_path):
    run = run_on_a_copy(tmp_path)
    assert run.returncode == 0 and " passed" in run.stdout, run.stdout[-2000:]


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_a_bug_in_either_layer_fails_these_tests_on_a_copy(name, tmp_path):
    run = run_on_a_copy(tmp_path, PLANTED[name])
    assert run.returncode == 1, f"{name}: not noticed\n{run.stdout[-2000:]}"
