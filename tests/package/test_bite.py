"""Issue 19, "tests that bite": behaviours no test pinned down, each one pinned here.

Each test fails on one of the small bugs that used to survive the suite (a
re-estimate with another step, a rule on ``|backprop|`` instead of
``|numerical|``, a missing floor, a restore by ``(w - h) + h``, a key check by
count, ``may_share_memory``, ``--rtol > 0``, ``(net > 0)`` for the sign).
"""

import numpy as np
import pytest

from fclesson import Network, Report, check_function, check_gradients, cli
from fclesson.testing import assert_gradients


def names(rows):
    return [(row.name, row.index) for row in rows]


# the kink rule never hides a real bug


def test_a_bug_one_and_a_half_steps_from_a_kink_fails():
    """max(0, w) has its kink 1.5 h above w: a step of h or h/2 never reaches it."""
    w = np.array([-1.5e-4, 0.8])

    def loss(p):
        return np.sum(np.maximum(0.0, p["w"])) + np.sum(p["w"] ** 2)

    right = np.array([2 * -1.5e-4, 1 + 2 * 0.8])
    assert check_function(loss, {"w": w}, {"w": right}).passed
    wrong = right + [0.25, 0.0]  # a ReLU derivative that leaks a quarter
    report = check_function(loss, {"w": w}, {"w": wrong})
    assert names(report.failures) == [("w", (0,))] and report.kinks == []
    assert report.notes["w[0]"].endswith("the estimate does not move with h")


def test_rounding_noise_of_a_large_loss_is_not_read_as_a_kink():
    w = np.random.default_rng(0).normal(size=20)
    for bug in (0.05, 0.03):
        grads = 2 * w
        grads[11] += bug

        def loss(p):
            return 1e9 + np.sum(p["w"] ** 2)

        report = check_function(loss, {"w": w}, {"w": grads})
        assert report.kinks == [] and ("w", (11,)) in names(report.failures)
        assert ("w", (11,)) not in names(report.unclear)
        assert report.notes["w[11]"].endswith("the estimate does not move with h")


def test_assert_gradients_raises_with_the_kink_note_when_every_failure_is_a_kink():
    w = np.array([3e-5, 0.5, -0.5])

    def loss(p):
        return np.sum(np.maximum(0.0, p["w"]))

    report = check_function(loss, {"w": w}, {"w": (w > 0).astype(float)})
    assert report.failures == report.kinks and len(report.kinks) == 1
    with pytest.raises(AssertionError, match=r"(?s)w\[0\] .* \(kink: the estimate "
                                             r"moves with h\)\n.*backprop matches the "
                                             r"slope on the right"):
        assert_gradients(loss, {"w": w}, {"w": (w > 0).astype(float)})


# the rtol rule on the array path


def test_from_arrays_fails_just_past_tol_plus_rtol_numerical():
    """|a - n| in (tol + rtol |n|, (tol + rtol |n|) / (1 - rtol)]: fails by |n|'s rule.

    With |a| in place of |n| (a = n + error) the same row would pass.
    """
    tol, rtol, n = 1e-5, 1e-3, 1.0
    edge = tol + rtol * abs(n)
    error = 0.5 * (edge + edge / (1 - rtol))
    assert edge < error <= edge / (1 - rtol) and error <= tol + rtol * abs(n + error)
    report = Report.from_arrays([("w", (2,))], [n + error, n + 0.99 * edge], [n, n],
                                h=1e-4, tol=tol, rtol=rtol)
    assert [row.passed for row in report.rows] == [False, True]


# the complex step has no floor: a 1% error on a 5e-3 gradient is a suspect


def test_a_complex_step_suspect_is_listed():
    w = np.array([2.5e-3, 0.4])

    def loss(p):
        return np.sum(p["w"] ** 2)

    grads = 2 * w
    grads[0] *= 1.01  # 1% of 5e-3: 5e-5, inside tol = 1e-4
    report = check_function(loss, {"w": w}, {"w": grads}, method="complex-step",
                            tol=1e-4, rtol=0.0)
    assert report.passed and report.floor == 0.0
    assert names(report.suspects) == [("w", (0,))]


# a passing row near a kink is re-estimated, marked and left out of the suspects


def test_a_passing_row_near_a_kink_is_marked_and_not_a_suspect():
    w = np.array([0.5e-4, 0.3])

    def loss(p):  # slope 1e-4 for w > 0: D(h) at 0.5e-4 is 0.75e-4, off by 2.5e-5
        return 1e-4 * np.sum(np.maximum(0.0, p["w"]))

    report = check_function(loss, {"w": w}, {"w": np.array([1e-4, 1e-4])}, tol=1e-4,
                            rtol=0.0)
    assert report.passed and report.rows[0].rel_error > 0.2
    assert report.rows[0].kink and not report.rows[1].kink
    assert report.suspects == []
    assert report.notes["w[0]"].endswith("backprop matches the slope on the right")


# restored bit for bit where (w - h) + h != w


VALUES = np.array([2e-5, 2.4e-4])


def test_these_values_do_not_survive_w_minus_h_plus_h():
    assert all((w - 1e-4) + 1e-4 != w for w in VALUES)


@pytest.mark.parametrize("broken", [None, 0, 1])
def test_params_are_restored_bit_for_bit(broken):
    """``broken``: the entry whose ``w - h`` makes the loss raise (None: none does)."""
    w = VALUES.copy()

    def loss(p):
        if broken is not None and p["w"][broken] < VALUES[broken] - 5e-5:
            raise RuntimeError("the loss broke")
        return np.sum(np.exp(p["w"]))

    if broken is None:
        assert check_function(loss, {"w": w}, {"w": np.exp(w)}).passed
    else:
        with pytest.raises(RuntimeError, match="the loss broke"):
            check_function(loss, {"w": w}, {"w": np.exp(w)})
    assert w.tobytes() == VALUES.tobytes()


# the documented errors for keys and for views of one buffer


def test_params_and_grads_with_other_keys_of_the_same_count_are_refused():
    params = {"W": np.ones(2), "b": np.ones(1)}
    with pytest.raises(ValueError, match=r"grads must have the keys of params, "
                                         r"\['W', 'b'\]; got \['V', 'b'\]"):
        check_function(lambda p: 0.0, params, {"V": np.ones(2), "b": np.ones(1)})


def test_adjacent_views_of_one_buffer_are_checked_and_overlapping_ones_refused():
    buffer = np.linspace(0.1, 1.0, 10)
    adjacent = {"a": buffer[:5], "b": buffer[5:]}  # bounds touch, no entry shared

    def loss(p):
        return np.sum(p["a"] ** 2) + np.sum(p["b"] ** 3)

    grads = {"a": 2 * buffer[:5], "b": 3 * buffer[5:] ** 2}
    assert check_function(loss, adjacent, grads).passed
    interleaved = {"a": buffer[::2], "b": buffer[1::2]}
    assert check_function(loss, interleaved, {"a": 2 * buffer[::2],
                                              "b": 3 * buffer[1::2] ** 2}).passed
    overlapping = {"a": buffer[:6], "b": buffer[5:]}
    with pytest.raises(ValueError, match=r"params\['a'\] and params\['b'\] share memory"):
        check_function(loss, overlapping, {"a": np.ones(6), "b": np.ones(5)})


# the command line


def test_cli_check_accepts_rtol_zero_as_its_help_says(capsys):
    with pytest.raises(SystemExit, match=r"^0$"):
        cli.main(["check", "--help"])
    assert "relative tolerance, >= 0 (default 0" in " ".join(capsys.readouterr().out.split())
    assert cli.main(["check", "--rtol", "0"]) == 0
    assert "PASSED: 9 of 9 weights" in capsys.readouterr().out


# the batched check's sign rule: a net that lands exactly on 0 after the step


def test_a_relu_net_landing_exactly_on_zero_is_flagged():
    """net = w x + b = -1e-4 + 0: at w + h it is exactly 0, at w - h it is -2e-4."""
    net = Network([1, 1, 1], ["relu", "linear"], weights=[[[-1e-4, 0.0]], [[1.0, 0.0]]])
    x, t = np.array([1.0]), np.array([0.0])
    assert (-1e-4 + 1e-4) * 1.0 + 0.0 == 0.0
    for report in (check_gradients(net, x, t), check_gradients(net, x, t,
                                                               vectorized=False)):
        assert [row.kink for row in report.rows] == [True, True, False, False]
