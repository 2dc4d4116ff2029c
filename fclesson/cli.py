"""Command line: ``python -m fclesson check`` and ``python -m fclesson train``.

``check`` runs the whole-network gradient check of the gender network (2-2-1,
sigmoid, MSE) on the course's sample ``x = [-2, -1]``, label 1, and exits with
status 0 when every weight passes, 1 otherwise; ``--method complex-step``
uses the complex step instead of the central difference, and ``--loop`` the
lesson's per-weight loop instead of the batched check (the same numbers).
``train`` trains the gender demo and classifies the two new people.
"""

import argparse
import json
import math

from . import gender, losses
from .gradient_check import STEPS, check_gradients


def _positive_float(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a finite number > 0, got {text!r}")
    return value


def _positive_int(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be an integer >= 1, got {text!r}")
    return value


# --8<-- [start:parser]
def build_parser():
    """The argument parser with its two sub-commands."""
    parser = argparse.ArgumentParser(
        prog="python -m fclesson",
        description="Gradient checking of a fully-connected network (lesson 4).",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser(
        "check", help="gradient-check the 2-2-1 gender network on one sample"
    )
    check.add_argument("--h", type=_positive_float, default=None,
                       help="step (default 1e-4 for central, 1e-20 for complex-step)")
    check.add_argument("--tol", type=_positive_float, default=1e-4,
                       help="a weight passes when |backprop - numerical| < tol "
                            "(default 1e-4)")
    check.add_argument("--seed", type=int, default=0,
                       help="seed of the random weights (default 0)")
    check.add_argument("--json", action="store_true",
                       help="print the report as JSON instead of a table")
    check.add_argument("--method", choices=sorted(STEPS), default="central",
                       help="numerical gradient: (E(w+h) - E(w-h)) / 2h, "
                            "or Im E(w+ih) / h "
                            "(default central)")
    check.add_argument("--loop", action="store_true",
                       help="check weight by weight, the lesson's loop, "
                            "instead of in batches")

    train = commands.add_parser("train", help="train the gender demo and predict")
    train.add_argument("--eta", type=_positive_float, default=0.1,
                       help="learning rate (default 0.1)")
    train.add_argument("--epochs", type=_positive_int, default=1000,
                       help="passes over the training set (default 1000)")
    train.add_argument("--seed", type=int, default=0,
                       help="seed of the initial weights (default 0)")
    return parser
# --8<-- [end:parser]


# --8<-- [start:cli_check]
def run_check(args):
    """Check every weight of the gender network; 0 if all pass, else 1."""
    net = gender.network(seed=args.seed)
    report = check_gradients(net, gender.CHECK_X, gender.CHECK_TARGET, loss=losses.mse,
                           h=args.h, tol=args.tol, method=args.method,
                           vectorized=not args.loop)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        how = "" if args.method == "central" else f", {args.method}"
        how += ", weight by weight" if args.loop else ""
        print(f"2-2-1 sigmoid network (seed {args.seed}), MSE loss, "
              f"x = {list(gender.CHECK_X)}, target = {list(gender.CHECK_TARGET)}{how}")
        print(report)  # the gender network names its weights w31 .. b5
    return 0 if report.passed else 1
# --8<-- [end:cli_check]


# --8<-- [start:cli_train]
def run_train(args):
    """Train, print the loss every 10 epochs, then the two predictions."""
    result = gender.train(eta=args.eta, epochs=args.epochs, seed=args.seed)
    for epoch, E in result.history:
        print(f"epoch {epoch:5d}  loss {E:.6f}")
    for person, p in zip(gender.NEW_PEOPLE, result.predict(gender.NEW_PEOPLE)):
        print(f"weight {person[0]} kg, height {person[1]} cm: "
              f"P(female) = {p:.3f} -> {gender.label(p)}")
    return 0
# --8<-- [end:cli_train]


# --8<-- [start:main]
def main(argv=None):
    """Parse ``argv`` and run the sub-command; returns the exit status."""
    args = build_parser().parse_args(argv)
    return {"check": run_check, "train": run_train}[args.command](args)
# --8<-- [end:main]
