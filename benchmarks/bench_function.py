r"""Time `fclesson.check_function` against its own loss evaluations, and torch's gradcheck.

    .venv/bin/python benchmarks/bench_function.py                  # the full run
    .venv/bin/python benchmarks/bench_function.py --quick          # a smoke run
    .venv/bin/python benchmarks/bench_function.py --before 88962c6 --write

The floor of any entry-by-entry check is its loss evaluations, 2 per entry:
the script times ``2 P`` calls of the loss alone, then ``check_function``,
and reports the ratio and how many evaluations the check made. With
``--before REV`` it also times ``check_function`` of the package at commit
``REV`` (extracted with ``git archive``, imported as ``fclesson_before``),
the three interleaved, ``--repeat`` rounds, the best of each kept, in CPU
time of the process (one thread): the machine may be shared, and the wall
clock would count the other processes' turns too. ``--write`` puts the result in ``results.json`` under
``"check_function"``, keeping the torch numbers of the last full run when
torch is not installed.

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
import importlib.util  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
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


def package_at(rev, into):
    """The ``fclesson`` of commit ``rev``, imported as ``fclesson_before``."""
    root = Path(__file__).resolve().parent.parent
    archive = subprocess.run(["git", "archive", rev, "fclesson"], cwd=root, check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", into], input=archive, check=True)
    path = Path(into) / "fclesson"
    spec = importlib.util.spec_from_file_location(
        "fclesson_before", path / "__init__.py", submodule_search_locations=[str(path)])
    module = importlib.util.module_from_spec(spec)
    sys.modules["fclesson_before"] = module
    spec.loader.exec_module(module)
    return module


def timed_check(check, loss, params, grads):
    """``(cpu seconds, report, evaluations, wall seconds)`` of one check.

    CPU time of this process (one thread): on a shared machine the wall
    clock also counts the other processes' turns.
    """
    calls = [0]

    def counted(p):
        calls[0] += 1
        return loss(p)

    cpu, wall = time.process_time(), time.perf_counter()
    report = check(counted, params, grads, tol=1e-5, rtol=1e-3)
    return (time.process_time() - cpu, report, calls[0],
            time.perf_counter() - wall)


def loss_alone(loss, params, count):
    """CPU seconds of ``count`` calls of ``loss(params)``: the floor of the check."""
    cpu = time.process_time()
    for _ in range(count):
        loss(params)
    return time.process_time() - cpu


def run(quick=False, before=None, repeat=1, torch_too=True):
    """The timings, as a dict for results.json (best of ``repeat`` interleaved rounds)."""
    sizes = (78, 16, 10) if quick else SIZES
    params, loss, grads, data = problem(sizes)
    P = sum(v.size for v in params.values())
    checks = {"after": check_function}
    with tempfile.TemporaryDirectory() as folder:
        if before is not None:
            checks["before"] = package_at(before, folder).check_function
        best = {name: None for name in ["loss alone", *checks]}
        for _ in range(repeat):
            seconds = loss_alone(loss, params, 2 * P)
            if best["loss alone"] is None or seconds < best["loss alone"]:
                best["loss alone"] = seconds
            for name, check in checks.items():
                result = timed_check(check, loss, params, grads)
                if best[name] is None or result[0] < best[name][0]:
                    best[name] = result
    floor = best.pop("loss alone")
    result = {"function": "-".join(map(str, sizes)) + f" tanh + softmax, batch {SAMPLES}",
              "parameters": P, "rounds": repeat, "clock": "CPU time of the process",
              "loss evaluations alone": {"seconds": floor, "evaluations": 2 * P}}
    for name in ("before", "after"):
        if name in best:
            seconds, report, evaluations, wall = best[name]
            result[f"check_function {name}"] = {
                "seconds": seconds, "wall seconds": wall, "passed": report.passed,
                "evaluations": evaluations, "over loss evaluations": seconds / floor,
                "extra evaluations": evaluations - 2 * P}
    result["check_function"] = {**result["check_function after"],
                                "settings": "central, h=1e-4, tol=1e-5, rtol=1e-3"}
    if torch_too:
        torch, torch_loss, inputs = torch_problem(params, data)
        start = time.process_time()  # CPU time, as for check_function (one thread)
        passed = torch.autograd.gradcheck(torch_loss, inputs)  # slow mode, the default
        theirs = time.process_time() - start
        result["torch slow"] = {"seconds": theirs, "passed": bool(passed),
                                "settings": "gradcheck defaults, eps=1e-6, atol=1e-5, "
                                            "rtol=1e-3, float64"}
        result["torch / ours"] = theirs / result["check_function"]["seconds"]
    return result


def write(result):
    """Put ``result`` in results.json, with the last torch numbers if it has none."""
    path = Path(__file__).resolve().parent / "results.json"
    data = json.loads(path.read_text())
    old = data.get("check_function", {})
    if "torch slow" not in result and "torch slow" in old:
        result["torch slow"] = {**old["torch slow"], "note": "from the last full run "
                                "of bench_check.py, on " + data["machine"]["date"]}
    data["check_function"] = result
    path.write_text(json.dumps(data, indent=2) + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--before", metavar="REV",
                        help="also time check_function of this commit")
    parser.add_argument("--repeat", type=int, default=1, help="rounds, best kept")
    parser.add_argument("--write", action="store_true",
                        help="write the result into results.json")
    args = parser.parse_args()
    try:
        import torch  # noqa: F401
        has_torch = True
    except ImportError:
        has_torch = False
    result = run(args.quick, args.before, args.repeat, torch_too=has_torch)
    result["load average"] = os.getloadavg()
    print(json.dumps(result, indent=2))
    if args.write:
        write(result)
