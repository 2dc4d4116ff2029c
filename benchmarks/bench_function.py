r"""Time `fclesson.check_function` against torch.autograd.gradcheck on one function.

    .venv/bin/python benchmarks/bench_function.py           # the full run (a minute)
    .venv/bin/python benchmarks/bench_function.py --quick   # a smoke run (seconds)

The function is a student's two-layer classifier in plain NumPy, 784-128-10
(101,770 parameters: W1, b1, W2, b2), tanh hidden units, softmax
cross-entropy averaged over a batch of 8 samples. The same function is
written in torch for ``torch.autograd.gradcheck`` in its default slow mode
(a central difference per entry, float64, ``eps = 1e-6``), on the same
numbers; both check all 101,770 entries and both must pass. It is the same
algorithm, so the ratio measures the overhead of each implementation. One
thread. `bench_check.py` calls `run` and records the result in
``results.json``.
"""

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")  # one thread, set before numpy and torch load

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from fclesson import check_function  # noqa: E402

SIZES = (784, 128, 10)
SAMPLES = 8


def problem(sizes=SIZES, samples=SAMPLES, seed=0):
    """(params, loss, grads): the NumPy classifier, its loss and hand-written grads."""
    D, H, C = sizes
    rng = np.random.default_rng(seed)
    X, t = rng.normal(size=(samples, D)), rng.integers(0, C, size=samples)
    params = {"W1": rng.normal(size=(D, H)) / np.sqrt(D), "b1": np.zeros(H),
              "W2": rng.normal(size=(H, C)) / np.sqrt(H), "b2": np.zeros(C)}

    def forward(p):
        h = np.tanh(X @ p["W1"] + p["b1"])
        s = h @ p["W2"] + p["b2"]
        e = np.exp(s - s.max(axis=1, keepdims=True))
        return h, e / e.sum(axis=1, keepdims=True)

    def loss(p):
        return -np.log(forward(p)[1][np.arange(samples), t]).mean()

    h, P = forward(params)
    d = P.copy()
    d[np.arange(samples), t] -= 1
    d /= samples
    dz = (d @ params["W2"].T) * (1 - h**2)
    grads = {"W1": X.T @ dz, "b1": dz.sum(axis=0), "W2": h.T @ d, "b2": d.sum(axis=0)}
    return params, loss, grads, (X, t)


def torch_problem(params, data):
    """The same loss in torch, of the four arrays as float64 leaf tensors."""
    import torch

    torch.set_num_threads(1)
    X, t = torch.tensor(data[0]), torch.tensor(data[1])
    rows = torch.arange(len(t))

    def loss(W1, b1, W2, b2):
        h = torch.tanh(X @ W1 + b1)
        return -torch.log_softmax(h @ W2 + b2, dim=1)[rows, t].mean()

    inputs = tuple(torch.tensor(params[k], requires_grad=True)
                   for k in ("W1", "b1", "W2", "b2"))
    return torch, loss, inputs


def run(quick=False):
    """Both timings, as a dict for results.json."""
    sizes = (78, 16, 10) if quick else SIZES
    params, loss, grads, data = problem(sizes)
    P = sum(v.size for v in params.values())
    start = time.perf_counter()
    report = check_function(loss, params, grads, tol=1e-5, rtol=1e-3)
    ours = time.perf_counter() - start
    torch, torch_loss, inputs = torch_problem(params, data)
    start = time.perf_counter()
    passed = torch.autograd.gradcheck(torch_loss, inputs)  # slow mode, the default
    theirs = time.perf_counter() - start
    return {"function": "-".join(map(str, sizes)) + f" tanh + softmax, batch {SAMPLES}",
            "parameters": P,
            "check_function": {"seconds": ours, "passed": report.passed,
                               "settings": "central, h=1e-4, tol=1e-5, rtol=1e-3"},
            "torch slow": {"seconds": theirs, "passed": bool(passed),
                           "settings": "gradcheck defaults, eps=1e-6, atol=1e-5, "
                                       "rtol=1e-3, float64"},
            "torch / ours": theirs / ours}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    print(json.dumps(run(parser.parse_args().quick), indent=2))
