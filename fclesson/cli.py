"""Command line: ``python -m fclesson check`` and ``python -m fclesson train``.

``check`` runs the whole-network gradient check of the gender network (2-2-1,
sigmoid, MSE) on the course's sample ``x = [-2, -1]``, label 1, and exits with
status 0 when every weight passes, 1 otherwise; ``--method complex-step``
uses the complex step instead of the central difference, ``--loop`` the
lesson's per-weight loop instead of the batched check (the same numbers), and
``--rtol`` adds a tolerance relative to the numerical gradient.
``train`` trains the gender demo and classifies the two new people; it warns
on stderr when training diverges. A usage error exits with status 2.
"""

import argparse
import json
import math
import os
import sys
import warnings

from . import gender, losses
from .lesson import language
from .lesson.language import say, wrap
from .cli_help import ARGPARSE, HELP
from .gradient_check import STEPS, check_gradients


def _number(convert, low, inclusive):
    """An argparse type: ``convert(text)``, finite and > low (>= low if inclusive)."""
    kind = "an integer" if convert is int else "a finite number"
    bound = f"{'>=' if inclusive else '>'} {low}"

    def parse(text):
        try:
            value = convert(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not {kind}: {text!r}") from None
        if not math.isfinite(value) or value < low or (value == low and not inclusive):
            raise argparse.ArgumentTypeError(f"must be {kind} {bound}, got {text!r}")
        return value

    return parse


_positive_float = _number(float, 0, inclusive=False)  # h, tol, eta
_non_negative_float = _number(float, 0, inclusive=True)  # rtol
_positive_int = _number(int, 1, inclusive=True)  # epochs
_seed = _number(int, 0, inclusive=True)  # np.random.default_rng takes seeds >= 0

def _default_language():
    """``zh`` if $FCLESSON_LANG, else the locale ($LC_ALL, $LC_MESSAGES, $LANG),
    is Chinese; else ``en``."""
    for name in (language.ENVIRONMENT, "LC_ALL", "LC_MESSAGES", "LANG"):
        if os.environ.get(name):
            return "zh" if os.environ[name].lower().startswith("zh") else "en"
    return "en"


# --8<-- [start:parser]
class _Formatter(argparse.RawDescriptionHelpFormatter):  # keeps the epilogs' breaks
    """argparse's help in the current language, wrapped by display width."""

    def add_usage(self, usage, actions, groups, prefix=None):
        prefix = say(ARGPARSE)["usage"] if prefix is None else prefix
        super().add_usage(usage, actions, groups, prefix)

    def _split_lines(self, text, width):
        return wrap(" ".join(text.split()), width)


def _parser(add, name=None, **options):
    """A parser (or sub-parser) whose own words are in the current language."""
    parser = add(name, **options) if name else add(**options)
    words = say(ARGPARSE)
    parser._optionals.title = words["options"]
    parser._positionals.title = words["positional"]
    parser.add_argument("-h", "--help", action="help", help=words["help"])
    return parser


def build_parser():
    """The argument parser with its two sub-commands, in the current language."""
    text = say(HELP)
    parser = _parser(argparse.ArgumentParser, prog="python -m fclesson", add_help=False,
                     formatter_class=_Formatter, epilog=text["exit"],
                     description=text["description"])
    parser.add_argument("--lang", choices=language.LANGUAGES,
                        default=_default_language(), help=text["lang"])
    commands = parser.add_subparsers(dest="command", required=True)

    check = _parser(commands.add_parser, "check", help=text["check"], add_help=False,
                    description=text["check-description"], formatter_class=_Formatter,
                    epilog=text["check-epilog"])
    check.add_argument("--h", type=_positive_float, default=None, help=text["h"])
    check.add_argument("--tol", type=_positive_float, default=1e-4, help=text["tol"])
    check.add_argument("--rtol", type=_non_negative_float, default=0.0,
                       help=text["rtol"])
    check.add_argument("--seed", type=_seed, default=0, help=text["seed"])
    check.add_argument("--json", action="store_true", help=text["json"])
    check.add_argument("--method", choices=sorted(STEPS), default="central",
                       help=text["method"])
    check.add_argument("--loop", action="store_true", help=text["loop"])

    train = _parser(commands.add_parser, "train", help=text["train"], add_help=False,
                    description=text["train-description"], formatter_class=_Formatter,
                    epilog=text["train-epilog"])
    train.add_argument("--eta", type=_positive_float, default=0.1, help=text["eta"])
    train.add_argument("--epochs", type=_positive_int, default=1000,
                       help=text["epochs"])
    train.add_argument("--seed", type=_seed, default=0, help=text["train-seed"])
    return parser
# --8<-- [end:parser]


# --8<-- [start:cli_check]
def run_check(args):
    """Check every weight of the gender network; 0 if all pass, else 1."""
    network = gender.network(seed=args.seed)
    report = check_gradients(network, gender.CHECK_X, gender.CHECK_TARGET,
                             loss=losses.mse, h=args.h, tol=args.tol, rtol=args.rtol,
                             method=args.method, vectorized=not args.loop)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        how = "" if args.method == "central" else f", {args.method}"
        how += say({"en": ", weight by weight", "zh": "，逐个权重"}) if args.loop else ""
        print(say({"en": f"2-2-1 sigmoid network (seed {args.seed}), MSE loss, ",
                   "zh": f"2-2-1 sigmoid 网络（种子 {args.seed}），MSE 损失，"})
              + f"x = {list(gender.CHECK_X)}, "
              + say({"en": "target", "zh": "目标"})
              + f" = {list(gender.CHECK_TARGET)}{how}")
        print(report)  # the gender network names its weights w31 .. b5
    return 0 if report.passed else 1
# --8<-- [end:cli_check]


# --8<-- [start:cli_train]
def run_train(args):
    """Train, print the loss every 10 epochs, then the two predictions.

    A warning, such as `fclesson.gender.DivergenceWarning`, is printed as
    ``warning: ...`` on stderr; the status is still 0 (training ran).
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = gender.train(eta=args.eta, epochs=args.epochs, seed=args.seed)
    for epoch, E in result.history:
        print(say({"en": f"epoch {epoch:5d}  loss {E:.6f}",
                   "zh": f"第 {epoch:5d} 轮  损失 {E:.6f}"}))
    for person, p in zip(gender.NEW_PEOPLE, result.predict(gender.NEW_PEOPLE)):
        print(say({"en": f"weight {person[0]} kg, height {person[1]} cm: ",
                   "zh": f"体重 {person[0]} kg，身高 {person[1]} cm："})
              + say({"en": "P(female)", "zh": "P(女)"})
              + f" = {p:.3f} -> {gender.label(p)}")
    for warning in caught:  # one line each, without Python's file and source line
        print(say({"en": "warning: ", "zh": "警告："}) + str(warning.message),
              file=sys.stderr)
    return 0
# --8<-- [end:cli_train]


# --8<-- [start:main]
def main(argv=None):
    """Parse ``argv`` and run the sub-command; returns the exit status.

    0 when the check passes (or training ran), 1 when the check fails; a usage
    error exits with status 2 (argparse's ``SystemExit(2)``).
    """
    before = language.language()
    first = argparse.ArgumentParser(add_help=False)  # --lang first: it sets the help's
    first.add_argument("--lang", choices=language.LANGUAGES,
                       default=_default_language())
    language.set_language(first.parse_known_args(argv)[0].lang)
    try:
        args = build_parser().parse_args(argv)
        return {"check": run_check, "train": run_train}[args.command](args)
    finally:
        language.set_language(before)
# --8<-- [end:main]
