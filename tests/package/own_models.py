r"""Five models as a student writes them after the course: plain NumPy, gradients by hand.

Nothing here uses fclesson. Each model is ``(params, loss, backward)``:
``loss(p)`` reads the arrays of the dict ``p``; ``backward(p, bug=None)``
returns the hand-written gradients, or, with ``bug`` one of the model's
``BUGS``, the gradients of a realistic slip (a missing 1/n, a forgotten
term, the wrong array, an off-by-one, a transpose, one entry 2% off). The
forward passes avoid ``abs``, ``norm`` and ``var`` where they can, so that
the complex step works on them, except where a model needs one
(batch norm's variance, the L1 penalty's ``abs``).
"""

import numpy as np


# --- an MLP: ReLU, softmax cross-entropy and L2 on a batch of 16 --------------------
def mlp(seed=0, n=16, D=5, H=8, C=4, reg=0.05):
    rng = np.random.default_rng(seed)
    X, t = rng.normal(size=(n, D)), rng.integers(0, C, size=n)
    params = {"W1": rng.normal(size=(D, H)) / np.sqrt(D), "b1": 0.1 * rng.normal(size=H),
              "W2": rng.normal(size=(H, C)) / np.sqrt(H), "b2": np.zeros(C)}

    def forward(p):
        z = X @ p["W1"] + p["b1"]
        a = np.maximum(z, 0)  # ReLU
        s = a @ p["W2"] + p["b2"]
        e = np.exp(s - s.max(axis=1, keepdims=True))
        return z, a, e / e.sum(axis=1, keepdims=True)

    def loss(p):
        P = forward(p)[2]
        data = -np.log(P[np.arange(n), t]).mean()
        return data + 0.5 * reg * (np.sum(p["W1"] * p["W1"]) + np.sum(p["W2"] * p["W2"]))

    def backward(p, bug=None):
        z, a, P = forward(p)
        d = P.copy()
        d[np.arange(n), (t + 1) % C if bug == "off-by-one label" else t] -= 1
        if bug != "missing 1/n":
            d /= n  # the mean over the batch
        dW2 = (z if bug == "wrong array" else a).T @ d + reg * p["W2"]
        dz = (d @ p["W2"].T) * (z > 0)  # ReLU'(z)
        dW1 = X.T @ dz + (0 if bug == "forgotten L2" else reg * p["W1"])
        grads = {"W1": dW1, "b1": dz.sum(axis=0), "W2": dW2, "b2": d.sum(axis=0)}
        if bug == "one entry 2% off":
            grads["W1"][2, 3] *= 1.02
        return grads

    return params, loss, backward


mlp.BUGS = ("missing 1/n", "forgotten L2", "wrong array", "off-by-one label",
            "one entry 2% off")


# --- batch norm: y = gamma x_hat + beta, a batch of 16 -------------------------------
def batch_norm(seed=0, n=16, D=4, eps=1e-5):
    rng = np.random.default_rng(seed)
    R = rng.normal(size=(n, D))  # the loss's weights: E = sum(R y) + sum(y^2) / 4
    params = {"x": 2 * rng.normal(size=(n, D)) + 1, "gamma": 1 + 0.3 * rng.normal(size=D),
              "beta": 0.3 * rng.normal(size=D)}

    def forward(p):
        mu, var = p["x"].mean(axis=0), p["x"].var(axis=0)
        x_hat = (p["x"] - mu) / np.sqrt(var + eps)
        return x_hat, var, p["gamma"] * x_hat + p["beta"]

    def loss(p):
        y = forward(p)[2]
        return np.sum(R * y) + 0.25 * np.sum(y * y)

    def backward(p, bug=None):
        x_hat, var, y = forward(p)
        dy = R + 0.5 * y
        dx_hat = dy * p["gamma"]
        N = n - 1 if bug == "n - 1 in backward" else n
        mean_term = 0 if bug == "forgotten mean term" else dx_hat.sum(axis=0)
        dx = (N * dx_hat - mean_term - x_hat * (dx_hat * x_hat).sum(axis=0)) / (
            N * np.sqrt(var + eps))
        grads = {"x": dx, "gamma": (dy * x_hat).sum(axis=0),
                 "beta": dy.mean(axis=0) if bug == "mean for sum" else dy.sum(axis=0)}
        if bug == "one entry 2% off":
            grads["gamma"][1] *= 1.02
        return grads

    return params, loss, backward


batch_norm.BUGS = ("n - 1 in backward", "forgotten mean term", "mean for sum",
                   "one entry 2% off")


# --- a 1-D convolution with padding 1: x (2, 3, 10), w (4, 3, 3) ---------------------
def conv1d(seed=0, n=2, C_in=3, C_out=4, L=10, K=3, pad=1):
    rng = np.random.default_rng(seed)
    T = rng.normal(size=(n, C_out, L))
    params = {"x": rng.normal(size=(n, C_in, L)),
              "w": rng.normal(size=(C_out, C_in, K)) / np.sqrt(C_in * K),
              "b": 0.1 * rng.normal(size=C_out)}

    def forward(p):
        x_pad = np.pad(p["x"], ((0, 0), (0, 0), (pad, pad)))
        # out[i, o, j] = b[o] + sum_c sum_k w[o, c, k] x_pad[i, c, j + k]
        cols = np.stack([x_pad[:, :, k:k + L] for k in range(K)], axis=-1)  # n c j k
        out = np.einsum("ock,ncjk->noj", p["w"], cols) + p["b"][:, None]
        return x_pad, cols, out

    def loss(p):
        out = forward(p)[2]
        return 0.5 * np.sum((out - T) ** 2)

    def backward(p, bug=None):
        x_pad, cols, out = forward(p)
        dout = out - T
        flip = bug == "flipped kernel"
        dw = np.einsum("noj,ncjk->ock", dout, cols[..., ::-1] if flip else cols)
        dx_pad = np.zeros_like(x_pad)
        for k in range(K):  # x_pad[i, c, j + k] fed out[i, o, j] through w[o, c, k]
            dx_pad[:, :, k:k + L] += np.einsum("noj,oc->ncj", dout, p["w"][:, :, k])
        shift = 1 if bug == "off-by-one crop" else 0
        dx = dx_pad[:, :, pad - shift:pad - shift + L]
        db = dout[0].sum(axis=1) if bug == "one sample's db" else dout.sum(axis=(0, 2))
        grads = {"x": dx, "w": dw, "b": db}
        if bug == "one entry 2% off":
            grads["w"][1, 2, 0] *= 1.02
        return grads

    return params, loss, backward


conv1d.BUGS = ("flipped kernel", "off-by-one crop", "one sample's db", "one entry 2% off")


# --- a tanh RNN over 5 steps: h_t = tanh(Wx x_t + Wh h_{t-1} + b) ------------------------
def rnn(seed=0, steps=5, D=3, H=4):
    rng = np.random.default_rng(seed)
    xs, ys = rng.normal(size=(steps, D)), rng.normal(size=steps)
    params = {"Wx": rng.normal(size=(H, D)) / np.sqrt(D),
              "Wh": rng.normal(size=(H, H)) / np.sqrt(H),
              "b": 0.1 * rng.normal(size=H), "v": rng.normal(size=H)}

    def forward(p):
        hs = [np.zeros(H)]  # h_0
        for x in xs:
            hs.append(np.tanh(p["Wx"] @ x + p["Wh"] @ hs[-1] + p["b"]))
        return hs

    def loss(p):
        hs = forward(p)
        return 0.5 * sum((p["v"] @ h - y) ** 2 for h, y in zip(hs[1:], ys))

    def backward(p, bug=None):
        hs = forward(p)
        grads = {key: np.zeros_like(value) for key, value in p.items()}
        later = np.zeros(H)  # dE/dh_t from the steps after t
        for t in reversed(range(steps)):
            r = p["v"] @ hs[t + 1] - ys[t]
            grads["v"] += r * hs[t + 1]
            dz = (r * p["v"] + later) * (1 - hs[t + 1] ** 2)  # tanh' = 1 - h^2
            grads["Wx"] += np.outer(dz, xs[t])
            before = hs[t + 1] if bug == "h_t for h_t-1" else hs[t]
            grads["Wh"] += np.outer(dz, before)
            grads["b"] += dz
            later = (p["Wh"] if bug == "Wh not transposed" else p["Wh"].T) @ dz
            if bug == "truncated backprop":
                later = np.zeros(H)
        if bug == "one entry 2% off":
            grads["Wh"][1, 2] *= 1.02
        return grads

    return params, loss, backward


rnn.BUGS = ("truncated backprop", "h_t for h_t-1", "Wh not transposed", "one entry 2% off")


# --- a multiclass hinge loss with L1: mean_i sum_j max(0, s_j - s_t + 1) + reg |W| -------
def hinge(seed=0, n=16, D=5, C=4, reg=0.01):
    rng = np.random.default_rng(seed)
    X, t = rng.normal(size=(n, D)), rng.integers(0, C, size=n)
    params = {"W": rng.normal(size=(D, C)), "b": 0.1 * rng.normal(size=C)}
    rows = np.arange(n)

    def margins(p):
        S = X @ p["W"] + p["b"]
        M = np.maximum(0, S - S[rows, t][:, None] + 1)
        M[rows, t] = 0  # the true class has no margin
        return M

    def loss(p):
        return margins(p).sum() / n + reg * np.sum(np.abs(p["W"]))

    def backward(p, bug=None):
        A = (margins(p) > 0).astype(float)
        if bug != "forgotten true-class column":
            A[rows, t] = -A.sum(axis=1)
        if bug != "missing 1/n":
            A /= n
        penalty = p["W"] if bug == "L2's gradient for L1" else np.sign(p["W"])
        grads = {"W": X.T @ A + reg * penalty, "b": A.sum(axis=0)}
        if bug == "one entry 2% off":
            grads["W"][3, 1] *= 1.02
        return grads

    return params, loss, backward


hinge.BUGS = ("forgotten true-class column", "missing 1/n", "L2's gradient for L1",
              "one entry 2% off")

MODELS = {"mlp": mlp, "batch norm": batch_norm, "conv1d": conv1d, "rnn": rnn,
          "hinge": hinge}
