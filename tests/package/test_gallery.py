"""The bug gallery: every bug is caught, and located exactly, by every way of checking."""

import numpy as np
import pytest

from fclesson import Network, bugs, check_gradients, gender

NET = gender.network(seed=0)
X, T = np.array(gender.CHECK_X), np.array(gender.CHECK_TARGET)
CHECKS = {
    "loop": dict(vectorized=False),
    "batched": dict(),
    "complex-step": dict(method="complex-step"),
    "complex-step loop": dict(method="complex-step", vectorized=False),
}


def failing(report):
    return {(row.layer, row.row, row.column) for row in report.failures}


def test_gallery_has_the_bugs_of_the_issue():
    assert len(bugs.GALLERY) >= 7
    assert {"swapped_inputs", "no_output_derivative", "no_hidden_derivative", "wrong_sign",
            "one_over_n", "swapped_hidden_outputs", "dropped_bias", "copy_slip"} <= set(bugs.GALLERY)
    for name, bug in bugs.GALLERY.items():
        assert bug.name == name and issubclass(bug.cls, Network)
        assert bug.description and "\n" not in bug.description  # one line


@pytest.mark.parametrize("check", sorted(CHECKS))
@pytest.mark.parametrize("name", list(bugs.GALLERY))
def test_bug_is_caught_and_located(name, check):
    bug = bugs.GALLERY[name]
    report = check_gradients(bug.make(NET), X, T, **CHECKS[check])
    assert not report.passed
    assert failing(report) == bug.expected(NET)


def test_expected_sets_on_the_2_2_1_network():
    w = {"w31": (0, 0, 0), "w32": (0, 0, 1), "b3": (0, 0, 2), "w41": (0, 1, 0),
         "w42": (0, 1, 1), "b4": (0, 1, 2), "w53": (1, 0, 0), "w54": (1, 0, 1), "b5": (1, 0, 2)}
    named = {name: {k for k, v in w.items() if v in bug.expected(NET)}
             for name, bug in bugs.GALLERY.items()}
    assert named["swapped_inputs"] == {"w31", "w32", "w41", "w42"}
    assert named["swapped_hidden_outputs"] == {"w53", "w54"}
    assert named["dropped_bias"] == {"b3", "b4", "b5"}
    assert named["copy_slip"] == {"w32"}
    assert named["no_hidden_derivative"] == {"w31", "w32", "b3", "w41", "w42", "b4"}
    assert named["wrong_sign"] == named["one_over_n"] == named["no_output_derivative"] == set(w)


@pytest.mark.parametrize("name", list(bugs.GALLERY))
def test_make_returns_a_broken_copy(name):
    net = gender.network(seed=0)
    broken = bugs.GALLERY[name].make(net)
    assert type(broken) is bugs.GALLERY[name].cls and broken.sizes == net.sizes
    broken.weights[0][0, 0] += 1.0
    assert net.weights[0][0, 0] == NET.weights[0][0, 0]  # the original is not shared
    assert np.array_equal(broken.forward(X), Network(net.sizes, net.activation_names,
                                                     weights=broken.weights).forward(X))


def test_a_correct_network_passes_every_check():
    for kwargs in CHECKS.values():
        assert check_gradients(NET, X, T, **kwargs).passed


@pytest.mark.parametrize("name", ["no_output_derivative", "no_hidden_derivative", "wrong_sign",
                                  "dropped_bias", "swapped_inputs"])
def test_bugs_are_located_on_a_deeper_network_too(name):
    net = Network([3, 4, 3, 2], ["tanh", "sigmoid", "sigmoid"], seed=7)
    x, t = np.array([0.5, -1.0, 0.25]), np.array([1.0, 0.0])
    bug = bugs.GALLERY[name]
    assert failing(check_gradients(bug.make(net), x, t)) == bug.expected(net)
