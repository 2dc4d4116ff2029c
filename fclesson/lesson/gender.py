"""The "判断性别" demo of lessons 2-3: female (1) or male (0) from weight, height.

A 2-2-1 network with sigmoid on both layers, trained with the mean squared
error by stochastic gradient descent, one person at a time, on inputs whose
mean is subtracted.
"""

import numpy as np

from .network import Network

# --8<-- [start:data]
# (weight in kg, height in cm); label female = 1, male = 0
TRAINING_PEOPLE = ((50, 150), (51, 149), (60, 172), (90, 188))
TRAINING_LABELS = (1, 1, 0, 0)
NEW_PEOPLE = ((89, 190), (60, 155))  # to predict: male, female

# the sample of the course's gradient check: input (-2, -1), label female
CHECK_X = (-2.0, -1.0)
CHECK_TARGET = (1.0,)

# the course's name of each weight, by (layer, row, column) of weights
NAMES = {
    (0, 0, 0): "w31", (0, 0, 1): "w32", (0, 0, 2): "b3",
    (0, 1, 0): "w41", (0, 1, 1): "w42", (0, 1, 2): "b4",
    (1, 0, 0): "w53", (1, 0, 1): "w54", (1, 0, 2): "b5",
}
# --8<-- [end:data]


# --8<-- [start:network]
def network(seed=0):
    """The 2-2-1 network with random weights: W_hidden is 2x3, W_out is 1x3."""
    rng = np.random.default_rng(seed)
    shapes = [(2, 3), (1, 3)]  # (neurons, inputs + 1 for the bias)
    weights = [rng.standard_normal(shape) / np.sqrt(shape[1]) for shape in shapes]
    return Network(weights, ["sigmoid", "sigmoid"], NAMES)
# --8<-- [end:network]


# --8<-- [start:train]
def train(network, X, t, eta=0.1, epochs=1000):
    """Stochastic gradient descent, one person at a time: W -= eta dE/dW.

    Returns E over the training set after each epoch.
    """
    losses = []
    for epoch in range(epochs):
        for x, target in zip(X, t):
            for W, dE_dW in zip(network.weights, network.gradients(x, target)):
                W -= eta * dE_dW
        losses.append(np.mean([network.loss(x, target) for x, target in zip(X, t)]))
    return losses
# --8<-- [end:train]
