"""The gender demo: zero-mean inputs, SGD that converges, and correct predictions."""

import numpy as np
import pytest

from fclesson import gender


@pytest.fixture(scope="module")
def result():
    return gender.train()  # eta = 0.1, 1000 epochs, seed 0: the course's settings


def test_data_matches_the_course():
    X, t = gender.data()
    np.testing.assert_array_equal(X, [[50, 150], [51, 149], [60, 172], [90, 188]])
    np.testing.assert_array_equal(t.ravel(), [1, 1, 0, 0])  # female = 1, male = 0


def test_zero_mean_uses_training_means():
    X, _ = gender.data()
    centred, means = gender.zero_mean(X)
    np.testing.assert_allclose(centred.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_array_equal(means, [62.75, 164.75])
    shifted, same = gender.zero_mean([[89, 190]], means)
    np.testing.assert_array_equal(shifted, [[89 - 62.75, 190 - 164.75]])
    assert same is not None and np.array_equal(same, means)


def test_history_every_10_epochs(result):
    epochs = [epoch for epoch, _ in result.history]
    assert epochs == list(range(10, 1001, 10))


def test_training_converges(result):
    losses = [E for _, E in result.history]
    assert result.final_loss == losses[-1] < 0.01
    assert losses[-1] < losses[0] / 10
    assert np.all(np.diff(losses) < 0)  # the loss falls at every record


def test_predictions(result):
    p = result.predict(gender.NEW_PEOPLE)
    assert [gender.label(v) for v in p] == ["male", "female"]  # (89, 190), (60, 155)
    assert p[0] < 0.2 and p[1] > 0.8
    np.testing.assert_array_equal(gender.predict(result.net, gender.NEW_PEOPLE, result.means), p)


def test_training_people_are_fitted(result):
    X, t = gender.data()
    p = result.predict(X)
    assert [gender.label(v) for v in p] == ["female", "female", "male", "male"]


def test_seeded_training_is_reproducible():
    again = gender.train(epochs=20)
    first = gender.train(epochs=20)
    assert again.history == first.history


def test_raw_inputs_stay_flat():
    # the course's story: sigmoid on raw kg/cm inputs saturates, so SGD barely moves
    net = gender.network(seed=0)
    X, _ = gender.data()
    nets, _ = net.propagate(X[3])
    assert np.max(np.abs(nets[0])) > 20  # sigmoid'(net) ~ 0 there


@pytest.mark.parametrize(
    "kwargs, message",
    [({"eta": 0}, "eta"), ({"eta": -0.1}, "eta"), ({"epochs": 0}, "epochs"), ({"every": 0}, "every")],
)
def test_bad_settings_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        gender.train(**kwargs)


def test_label_threshold():
    assert gender.label(0.5) == "female" and gender.label(0.4999) == "male"
