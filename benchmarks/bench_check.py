r"""Time the full gradient check four ways, and torch.autograd.gradcheck, on one thread.

    .venv/bin/python benchmarks/bench_check.py            # the full run (minutes)
    .venv/bin/python benchmarks/bench_check.py --quick    # a smoke run (seconds)

On the same networks (2-2-1, 64-32-10, 784-128-10; sigmoid hidden layer,
sigmoid or linear output, one sample, MSE) it times

* ``loop``: the lesson's per-weight loop, ``check_gradients(..., vectorized=False)``;
* ``batched``: the default, ``check_gradients(...)`` (`fclesson.vectorized`),
  and the same with all rows built (``list(report.rows)``), for honesty;
* ``direction``: ``check_direction``, one random direction (2 losses);
* ``torch slow`` and ``torch fast``: ``torch.autograd.gradcheck`` in float64 on
  a torch function of the flattened weights that computes the same MSE of the
  same network with the same weights (slow mode: a central difference per
  weight; ``fast_mode=True``: one random projection, like ``direction``).

A method whose full run would take over ``--budget`` seconds (300 by
default) is timed on a fixed random subset of weights and extrapolated
linearly; the table says so ("measured on N of P weights").

On a large network, 784-512-512-10 (sigmoid, 669,706 weights), it times the
batched check (best of 3), measures its peak memory (resident set size) in a
fresh process that runs that one check, and extrapolates the loop from
``--probe`` weights, whatever the budget.

On 784-128-10 with a batch of 64 samples (``X`` of shape (64, 784), MSE
averaged over them) it times the batched check of the batch against one
sample's (best of several runs each; the ratio should be at most about 64),
measures the peak memory of each in a fresh process, and compares the
batch's estimates with the loop's on ``--probe`` weights (the loop's time on
the batch extrapolated from them).

The results go to ``benchmarks/results.json`` (machine, versions, load, every
timing). Neither the package nor its tests import torch; the memory process
does not either.
"""

import os

for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"  # one thread, set before numpy and torch are imported

import argparse  # noqa: E402
import datetime  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent))  # this checkout's fclesson, whatever is installed

import numpy as np  # noqa: E402

from fclesson import Network, check_gradients, gender  # noqa: E402
from fclesson.direction import check_direction  # noqa: E402
from fclesson.gradient_check import numerical_gradient  # noqa: E402
from fclesson.report import rounding_floor  # noqa: E402
from fclesson.vectorized import numerical_gradients  # noqa: E402

sys.path.insert(0, str(ROOT))  # bench_function, beside this script
import bench_function  # noqa: E402

NETWORKS = [  # (name, sizes, activations)
    ("2-2-1", [2, 2, 1], ["sigmoid", "sigmoid"]),
    ("64-32-10", [64, 32, 10], ["sigmoid", "sigmoid"]),
    ("784-128-10", [784, 128, 10], ["sigmoid", "linear"]),
]
LARGE = [("784-512-512-10", [784, 512, 512, 10], ["sigmoid"] * 3)]  # batched and loop
BATCH = ("784-128-10", [784, 128, 10], ["sigmoid", "linear"], 64)  # a batch of 64


def import_torch():
    """torch, on one thread; imported only where used (the memory process never)."""
    import torch

    torch.set_num_threads(1)
    return torch


def case(sizes, activations):
    """The network, sample and target: the course's for 2-2-1, seeded draws otherwise."""
    if sizes == [2, 2, 1]:
        return gender.network(seed=0), np.array(gender.CHECK_X), np.array(gender.CHECK_TARGET)
    rng = np.random.default_rng(1)
    return (Network(sizes, activations, seed=0), rng.normal(size=sizes[0]),
            rng.uniform(size=sizes[-1]))


def batch_case(n):
    """The BATCH network and ``n`` of its seeded samples: ``(n, 784)`` rows, or 1-D
    for ``n = 1`` (the first sample of the batch, as one sample)."""
    _, sizes, activations, size = BATCH
    rng = np.random.default_rng(2)
    X, T = rng.normal(size=(size, sizes[0])), rng.uniform(size=(size, sizes[-1]))
    net = Network(sizes, activations, seed=0)
    return (net, X[0], T[0]) if n == 1 else (net, X[:n], T[:n])


def torch_loss(net, x, target):
    """E(theta) in torch: the same network and MSE, theta = all weights flattened."""
    torch = import_torch()
    shapes = net.shapes
    xt, tt = torch.tensor(x), torch.tensor(target)
    f = [{"sigmoid": torch.sigmoid, "linear": lambda v: v}[name]
         for name in net.activation_names]

    def E(theta):
        y, k = xt, 0
        for (rows, columns), act in zip(shapes, f):
            W = theta[k:k + rows * columns].reshape(rows, columns)
            k += rows * columns
            y = act(W[:, :-1] @ y + W[:, -1])  # net = W [y; 1]
        return ((tt - y) ** 2).sum()

    theta = torch.tensor(np.concatenate([W.ravel() for W in net.weights]), requires_grad=True)
    return E, theta


def best_of(function, repeats):
    """(smallest wall time of ``repeats`` calls, the last result)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def subset(P, n, seed=0):
    """A fixed random subset of ``n`` of the ``P`` flat weight indices (all when n >= P)."""
    return np.arange(P) if n >= P else np.sort(np.random.default_rng(seed).choice(P, n, False))


def time_loop(net, x, t, budget, probe):
    """The per-weight loop: fully if it fits in ``budget`` seconds, else on a subset."""
    P = sum(W.size for W in net.weights)
    positions = [(l, j, i) for l, (r, c) in enumerate(net.shapes) for j in range(r)
                 for i in range(c)]
    sample = subset(P, probe)
    start = time.perf_counter()
    for k in sample:
        numerical_gradient(net, x, t, *positions[k])
    per_weight = (time.perf_counter() - start) / len(sample)
    if per_weight * P <= budget or len(sample) == P:
        seconds, report = best_of(lambda: check_gradients(net, x, t, vectorized=False), 1)
        return dict(seconds=seconds, measured_on=P, passed=report.passed, report=report)
    grads = net.gradients(x, t)
    numerical = {k: numerical_gradient(net, x, t, *positions[k]) for k in sample}
    passed = all(abs(grads[positions[k][0]][positions[k][1:]] - v) < 1e-4
                 for k, v in numerical.items())
    return dict(seconds=per_weight * P, measured_on=len(sample), passed=passed,
                numerical=numerical, positions=positions)


def time_torch_slow(net, x, t, budget, probe):
    """gradcheck slow mode: fully if it fits in ``budget``, else on a subset of weights."""
    torch = import_torch()
    E, theta = torch_loss(net, x, t)
    P = theta.numel()
    sample = torch.tensor(subset(P, probe))

    def on(indices):
        def partial(part):  # E as a function of the chosen weights only
            full = theta.detach().clone()
            full[indices] = part
            return E(full)
        part = theta.detach()[indices].clone().requires_grad_(True)
        return torch.autograd.gradcheck(partial, (part,), raise_exception=False)

    start = time.perf_counter()
    ok = on(sample)
    per_weight = (time.perf_counter() - start) / len(sample)
    if per_weight * P <= budget or len(sample) == P:
        seconds, ok = best_of(
            lambda: torch.autograd.gradcheck(E, (theta,), raise_exception=False), 1)
        return dict(seconds=seconds, measured_on=P, passed=bool(ok))
    return dict(seconds=per_weight * P, measured_on=len(sample), passed=bool(ok))


def vm_hwm():
    """This process's peak resident set size in MiB (``VmHWM`` of /proc/self/status).

    Not ``ru_maxrss``: Linux carries that across ``execve``, so a child would
    report the peak of the process that started it.
    """
    line = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


def peak_rss(name):
    """In a fresh process: one batched check of LARGE network ``name``, its memory.

    The peak resident set size (MiB) after the check and before it (Python,
    numpy, fclesson, the network and the sample), and the check's time.
    ``name`` may also be ``"batch-1"`` or ``"batch-64"``: the BATCH network on
    one sample or on the batch.
    """
    if name.startswith("batch-"):
        net, x, t = batch_case(int(name.removeprefix("batch-")))
    else:
        sizes, activations = next((s, a) for n, s, a in LARGE if n == name)
        net, x, t = case(sizes, activations)
    before = vm_hwm()
    start = time.perf_counter()
    report = check_gradients(net, x, t)
    seconds = time.perf_counter() - start
    return dict(peak_rss_mib=vm_hwm(), rss_before_check_mib=before, seconds=seconds,
                passed=report.passed)


def measure_peak_rss(name):
    """`peak_rss` run by a new Python process (this script, ``--peak-rss name``)."""
    child = subprocess.run([sys.executable, __file__, "--peak-rss", name],
                           capture_output=True, text=True, check=True)
    return json.loads(child.stdout)


def run_large(args):
    """The LARGE networks: batched (time, then memory in a fresh process), loop."""
    results = []
    for name, sizes, activations in LARGE:
        net, x, t = case(sizes, activations)
        P = sum(W.size for W in net.weights)
        seconds, report = best_of(lambda: check_gradients(net, x, t), 1 if args.quick else 3)
        batched = dict(seconds=seconds, measured_on=P, passed=report.passed,
                       memory=measure_peak_rss(name))
        loop = time_loop(net, x, t, 0.0, args.probe)  # a full loop would take minutes
        sanity = agreement(net, x, t, loop)
        results.append(dict(network=name, sizes=sizes, activations=activations, weights=P,
                            methods=dict(batched=batched, loop={
                                k: loop[k] for k in ("seconds", "measured_on", "passed")}),
                            sanity=sanity))
        print(f"{name}: done", flush=True)
    return results


def agreement(net, x, t, loop):
    """How the loop's timed estimates compare with the batched check's (h = 1e-4)."""
    flat = np.concatenate([g.ravel() for g in numerical_gradients(net, x, t)[0]])
    pairs = [(v, flat[k]) for k, v in loop["numerical"].items()]
    floor = rounding_floor(net.loss(x, t), 1e-4)
    agree = sum(abs(a - b) <= 1e-9 * max(abs(a), abs(b)) + floor for a, b in pairs)
    return dict(loop_minus_batched_numerical_max_abs=max(abs(a - b) for a, b in pairs),
                agree_within_1e_9_rel_plus_floor=f"{agree} of {len(pairs)}",
                floor=floor)


def run_batch(args):
    """The BATCH network: the batched check of one sample and of the batch of 64."""
    name, sizes, activations, n = BATCH
    one_net, x, t = batch_case(1)
    net, X, T = batch_case(n)
    P = sum(W.size for W in net.weights)
    seconds, report = best_of(lambda: check_gradients(one_net, x, t), 3 if args.quick else 10)
    one = dict(seconds=seconds, measured_on=P, passed=report.passed,
               memory=measure_peak_rss("batch-1"))
    seconds, report = best_of(lambda: check_gradients(net, X, T), 1 if args.quick else 3)
    batch = dict(seconds=seconds, measured_on=P, passed=report.passed,
                 memory=measure_peak_rss(f"batch-{n}"))
    loop = time_loop(net, X, T, 0.0, args.probe)  # in full: hours
    sanity = agreement(net, X, T, loop)
    print(f"{name}, batch of {n}: done", flush=True)
    return dict(network=name, sizes=sizes, activations=activations, weights=P, samples=n,
                methods={"one sample": one, f"batch of {n}": batch, "loop, batch": {
                    k: loop[k] for k in ("seconds", "measured_on", "passed")}},
                batch_over_one_sample=batch["seconds"] / one["seconds"], sanity=sanity)


def machine():
    torch = import_torch()
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                if line.startswith("model name")), platform.processor())
    return dict(cpu=cpu, cores=os.cpu_count(), threads_used=1, python=platform.python_version(),
                numpy=np.__version__, torch=torch.__version__, platform=platform.platform(),
                date=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                load_before=os.getloadavg())


def run(args):
    info = machine()
    torch = import_torch()
    results = []
    for name, sizes, activations in NETWORKS:
        net, x, t = case(sizes, activations)
        P = sum(W.size for W in net.weights)
        repeats = 3 if args.quick else (20 if P < 10**4 else 10)
        rows = {}
        seconds, report = best_of(lambda: check_gradients(net, x, t), repeats)
        rows["batched"] = dict(seconds=seconds, measured_on=P, passed=report.passed)
        seconds, _ = best_of(lambda: list(check_gradients(net, x, t).rows), max(1, repeats // 4))
        rows["batched, all rows built"] = dict(seconds=seconds, measured_on=P,
                                               passed=report.passed)
        seconds, result = best_of(lambda: check_direction(net, x, t, seed=0), repeats)
        rows["direction"] = dict(seconds=seconds, measured_on=P, passed=result.passed)
        loop = time_loop(net, x, t, args.budget, args.probe)
        rows["loop"] = {k: loop[k] for k in ("seconds", "measured_on", "passed")}
        # the loop's and the batch's numbers, on the weights the loop computed
        if "report" in loop:
            pairs = [(a.numerical, b.numerical) for a, b in zip(loop["report"].rows, report.rows)]
        else:
            flat = np.concatenate([[r.numerical for r in report.rows]])
            pairs = [(v, flat[k]) for k, v in loop["numerical"].items()]
        diff = max(abs(a - b) for a, b in pairs)
        rel = max(abs(a - b) / max(abs(a), abs(b), 1e-300) for a, b in pairs)
        floor = 8 * np.finfo(float).eps * max(abs(net.loss(x, t)), 1.0) / 1e-4  # as the tests
        agree = sum(abs(a - b) <= 1e-9 * max(abs(a), abs(b)) + floor for a, b in pairs)
        E, theta = torch_loss(net, x, t)
        seconds, ok = best_of(
            lambda: torch.autograd.gradcheck(E, (theta,), fast_mode=True,
                                             raise_exception=False), repeats)
        rows["torch fast"] = dict(seconds=seconds, measured_on=P, passed=bool(ok))
        rows["torch slow"] = time_torch_slow(net, x, t, args.budget, args.probe)
        theta.grad = None
        E(theta).backward()
        ours = np.concatenate([g.ravel() for g in net.gradients(x, t)])
        sanity = dict(torch_E_minus_ours=float(E(theta).item() - net.loss(x, t)),
                      torch_grad_minus_backprop=float(np.max(np.abs(theta.grad.numpy() - ours))),
                      loop_minus_batched_numerical_max_abs=diff,
                      loop_minus_batched_numerical_max_rel=rel,
                      agree_within_1e_9_rel_plus_floor=f"{agree} of {len(pairs)}",
                      floor=floor)
        results.append(dict(network=name, sizes=sizes, activations=activations, weights=P,
                            methods=rows, sanity=sanity))
        print(f"{name}: done", flush=True)
    large = run_large(args)
    batch = run_batch(args)
    info["load_after"] = os.getloadavg()
    return dict(machine=info, quick=args.quick, budget_seconds=args.budget,
                torch_gradcheck_settings="float64, defaults eps=1e-6 atol=1e-5 rtol=1e-3",
                fclesson_settings="h=1e-4, tol=1e-4 (absolute); direction: rel tol 1e-6",
                results=results, large=large, batch=batch)


def table(data):
    lines = []
    for result in data["results"]:
        P = result["weights"]
        methods = result["methods"]
        batched = methods["batched"]["seconds"]
        lines.append(f"\n{result['network']} ({P:,} weights)")
        lines.append(f"  {'method':<24}{'seconds':>12}{'x batched':>11}  {'verdict':<8}"
                     f"measured on N of P weights")
        for method, row in methods.items():
            note = (f"{P:,} of {P:,}" if row["measured_on"] == P
                    else f"{row['measured_on']:,} of {P:,} (extrapolated)")
            lines.append(f"  {method:<24}{row['seconds']:>12.4g}{row['seconds'] / batched:>11.1f}"
                         f"  {'pass' if row['passed'] else 'FAIL':<8}{note}")
        s = result["sanity"]
        lines.append(f"  loop vs batched numerical: max abs diff "
                     f"{s['loop_minus_batched_numerical_max_abs']:.1e}, max rel "
                     f"{s['loop_minus_batched_numerical_max_rel']:.1e} (within 1e-9 rel + "
                     f"{s['floor']:.1e}: {s['agree_within_1e_9_rel_plus_floor']}); torch E - ours "
                     f"{s['torch_E_minus_ours']:.1e}, torch grad - backprop "
                     f"{s['torch_grad_minus_backprop']:.1e}")
    for result in data["large"]:
        P, s = result["weights"], result["sanity"]
        batched, loop = result["methods"]["batched"], result["methods"]["loop"]
        memory = batched["memory"]
        lines.append(f"\n{result['network']} ({P:,} weights)")
        lines.append(f"  batched  {batched['seconds']:.3g} s, "
                     f"{'pass' if batched['passed'] else 'FAIL'}; peak RSS of a fresh process "
                     f"{memory['peak_rss_mib']:.0f} MiB ({memory['rss_before_check_mib']:.0f} "
                     f"MiB before the check, {memory['seconds']:.3g} s)")
        lines.append(f"  loop     {loop['seconds']:.4g} s, "
                     f"{loop['seconds'] / batched['seconds']:.0f} x batched, measured on "
                     f"{loop['measured_on']:,} of {P:,} (extrapolated)")
        lines.append(f"  loop vs batched numerical: max abs diff "
                     f"{s['loop_minus_batched_numerical_max_abs']:.1e} (within 1e-9 rel + "
                     f"{s['floor']:.1e}: {s['agree_within_1e_9_rel_plus_floor']})")
    b = data["batch"]
    lines.append(f"\n{b['network']} ({b['weights']:,} weights), a batch of {b['samples']}")
    for method, row in b["methods"].items():
        memory = (f"; peak RSS of a fresh process {row['memory']['peak_rss_mib']:.0f} MiB "
                  f"({row['memory']['rss_before_check_mib']:.0f} MiB before the check)"
                  if "memory" in row else f", measured on {row['measured_on']:,} of "
                  f"{b['weights']:,} (extrapolated)")
        lines.append(f"  {method:<12}{row['seconds']:>10.4g} s, "
                     f"{'pass' if row['passed'] else 'FAIL'}{memory}")
    s = b["sanity"]
    lines.append(f"  batch / one sample: {b['batch_over_one_sample']:.1f} (n = "
                 f"{b['samples']}); loop vs batched numerical: max abs diff "
                 f"{s['loop_minus_batched_numerical_max_abs']:.1e} (within 1e-9 rel + "
                 f"{s['floor']:.1e}: {s['agree_within_1e_9_rel_plus_floor']})")
    m = data["machine"]
    lines.append(f"\n{m['cpu']}, {m['cores']} cores (1 thread used), Python {m['python']}, "
                 f"numpy {m['numpy']}, torch {m['torch']}, {m['date']}; load average "
                 f"before {m['load_before'][0]:.2f}, after {m['load_after'][0]:.2f}")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: slow methods on 100 weights, few repeats")
    parser.add_argument("--budget", type=float, default=300.0,
                        help="seconds a slow method may take in full (default 300)")
    parser.add_argument("--probe", type=int, default=1000,
                        help="weights timed first, to decide full run or extrapolation")
    parser.add_argument("--output", type=Path, default=None,
                        help="results file (default benchmarks/results.json; "
                             "--quick: benchmarks/results/quick.json.tmp)")
    parser.add_argument("--peak-rss", metavar="NETWORK",
                        choices=[n for n, *_ in LARGE] + ["batch-1", f"batch-{BATCH[3]}"],
                        help=argparse.SUPPRESS)  # the fresh process of measure_peak_rss
    args = parser.parse_args(argv)
    if args.peak_rss:
        print(json.dumps(peak_rss(args.peak_rss)))
        return
    if args.quick:
        args.budget, args.probe = 0.0, min(args.probe, 100)
    output = args.output or (ROOT / "results" / "quick.json.tmp" if args.quick
                             else ROOT / "results.json")
    data = run(args)
    data["check_function"] = bench_function.run(args.quick)  # against torch slow mode
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(data, indent=2) + "\n")
    print(table(data))
    f = data["check_function"]
    print(f"\ncheck_function, {f['function']}, {f['parameters']:,} parameters: "
          f"{f['check_function']['seconds']:.1f} s; torch.autograd.gradcheck (slow "
          f"mode): {f['torch slow']['seconds']:.1f} s, {f['torch / ours']:.1f} times")
    print(f"\nwritten: {output}")


if __name__ == "__main__":
    main()
