"""The defaults the pages rely on: the course's settings, pinned by what they do.

The lesson and the recap quote numbers computed with ``gender.train``'s
``eta = 0.1``, 1000 epochs and seed 0, with the command line's defaults, and
with `fclesson.Network`'s initial weights. A changed default would change
those numbers silently (a page computes them afresh); these tests fail
instead. Each compares the default with the value given explicitly, and shows
that the comparison would see another value.
"""

import json

import numpy as np
import pytest

from fclesson import Network, check_gradients, cli, gender

COURSE = {"eta": 0.1, "epochs": 1000, "seed": 0}
OTHER = {"eta": 0.11, "epochs": 999, "seed": 1}


def same_training(a, b):
    return a.history == b.history and all(
        np.array_equal(W, V) for W, V in zip(a.net.weights, b.net.weights))


@pytest.fixture(scope="module")
def course():
    """The demo trained with the course's settings, all given explicitly."""
    return gender.train(**COURSE)


@pytest.mark.parametrize("name", sorted(COURSE))
def test_train_default(course, name):
    """``train()`` without ``name`` trains as with the course's value of it."""
    given = {key: value for key, value in COURSE.items() if key != name}
    assert same_training(gender.train(**given), course), f"default {name} changed"


@pytest.mark.parametrize("name", sorted(OTHER))
def test_another_value_trains_differently(course, name):
    assert not same_training(gender.train(**{**COURSE, name: OTHER[name]}), course)


def test_course_training_converges(course):
    """What gender.py's docstring and the recap say: the loss ends near 0.002."""
    assert course.history[-1][0] == 1000 and len(course.history) == 100
    assert abs(course.final_loss - 0.002) < 0.0005


def check_json(capsys, *args):
    assert cli.main(["check", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_cli_check_defaults(capsys):
    """``check``: seed 0's weights, h = tol = 1e-4, rtol = 0, central difference."""
    shown = check_json(capsys)
    net = gender.network(seed=0)
    expected = check_gradients(net, gender.CHECK_X, gender.CHECK_TARGET, h=1e-4,
                               tol=1e-4, rtol=0.0, method="central")
    assert shown == json.loads(json.dumps(expected.to_dict()))
    assert (shown["h"], shown["tol"], shown["rtol"]) == (1e-4, 1e-4, 0.0)


def test_cli_check_seed_default_is_seed_0(capsys):
    default, seed_0, seed_1 = (check_json(capsys, *args)
                               for args in ([], ["--seed", "0"], ["--seed", "1"]))
    assert default == seed_0 and default["rows"] != seed_1["rows"]
    assert cli.main(["check"]) == 0
    assert "(seed 0)" in capsys.readouterr().out.splitlines()[0]


def test_cli_train_defaults(capsys, course):
    """``train`` prints the course's training: eta 0.1, 1000 epochs, seed 0."""
    assert cli.main(["train"]) == 0
    default = capsys.readouterr().out
    assert cli.main(["train", "--eta", "0.1", "--epochs", "1000", "--seed", "0"]) == 0
    assert default == capsys.readouterr().out
    lines = default.splitlines()
    assert lines[99] == f"epoch  1000  loss {course.final_loss:.6f}"
    p_male, p_female = course.predict()
    assert f"P(female) = {p_male:.3f} -> male" in lines[100]
    assert f"P(female) = {p_female:.3f} -> female" in lines[101]


def test_cli_defaults_as_parsed():
    """The same defaults as argparse gives them, for a readable failure."""
    parser = cli.build_parser()
    check, train = parser.parse_args(["check"]), parser.parse_args(["train"])
    assert (check.seed, check.tol, check.rtol, check.h, check.method, check.loop) == (
        0, 1e-4, 0.0, None, "central", False)
    assert (train.eta, train.epochs, train.seed) == (0.1, 1000, 0)


# Network's initial weights: standard normal / sqrt(entries of a row), layer by layer


@pytest.mark.parametrize("seed", [0, 7])
@pytest.mark.parametrize("sizes", [[2, 2, 1], [3, 5, 4, 2]])
def test_initial_weights_exactly(sizes, seed):
    net = Network(sizes, activations=["sigmoid"] * (len(sizes) - 1), seed=seed)
    rng = np.random.default_rng(seed)  # one generator, drawn from layer by layer
    for l, W in enumerate(net.weights):
        shape = (sizes[l + 1], sizes[l] + 1)
        assert W.shape == shape
        assert np.array_equal(W, rng.standard_normal(shape) / np.sqrt(shape[1]))


def test_gender_network_is_seed_0_by_default():
    default, seed_0 = gender.network(), gender.network(seed=0)
    assert all(np.array_equal(W, V) for W, V in zip(default.weights, seed_0.weights))
    seed_1 = gender.network(seed=1)
    assert not np.array_equal(default.weights[0], seed_1.weights[0])


@pytest.mark.parametrize("n_in", [1, 3, 399])
def test_initial_weights_have_unit_variance_times_row_length(n_in):
    """std(W * sqrt(n_in + 1)) = 1: over 200,000 draws, within 2 percent.

    Small layers see an off-by-one in the row length (sqrt(2) against 1 for
    n_in = 1); the big one sees a wrong scale such as sqrt(n_out).
    """
    n_out = 200_000 // (n_in + 1)
    W = Network([n_in, n_out], activations=["linear"], seed=3).weights[0]
    scaled = W * np.sqrt(n_in + 1)
    assert abs(scaled.std() - 1) < 0.02 and abs(scaled.mean()) < 0.02
