"""The losses of lessons 2-4 on one sample (n = 1), each with dE/dy beside it.

``y`` is the output layer's y and ``t`` the target, both of shape (n_out,).
"""

import numpy as np


# --8<-- [start:mse]
def mse(y, t):
    return np.sum((t - y) ** 2)  # E = sum_k (t_k - y_k)^2 for one sample


def mse_derivative(y, t):
    return -2 * (t - y)  # dE/dy = -2 (t - y)
# --8<-- [end:mse]


# --8<-- [start:output_sum]
def output_sum(y, t):
    return np.sum(y)  # E = sum_k y_k; the target is not used


def output_sum_derivative(y, t):
    return np.ones_like(y)  # dE/dy_k = 1
# --8<-- [end:output_sum]


# --8<-- [start:losses]
LOSSES = {  # name: (E, dE/dy)
    "mse": (mse, mse_derivative),
    "output_sum": (output_sum, output_sum_derivative),
}
# --8<-- [end:losses]
