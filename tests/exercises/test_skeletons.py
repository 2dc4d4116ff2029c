"""The skeletons in exercises/: the answer's signatures, and the sections the pages include."""

import ast
import importlib
import importlib.util
import inspect
import re

import pytest

from exercise_cases import ROOT

MODULES = [
    "test_ex1_derivative",
    "test_ex2_compute",
    "test_ex3_central_difference",
    "test_ex4_output_weight",
    "test_ex5_output_layer",
    "test_ex6_hidden_layer",
    "test_ex7_layer_by_layer",
    "test_ex8_one_loop",
]
# the snippet section each docs/exercises page includes from its skeleton
SECTIONS = {
    1: ["forward_difference"],
    2: ["compute"],
    3: ["central_difference"],
    4: ["check_output_weight"],
    5: ["check_output_layer"],
    6: ["check_hidden_layer"],
    7: ["check_layer_by_layer"],
    8: ["check_every_weight"],
}


TEX = re.compile(r"\$|\\")


def exercise(module_name):
    return importlib.import_module(module_name).EXERCISE


def load(path):
    spec = importlib.util.spec_from_file_location(f"_skeleton_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_one_test_module_per_exercise():
    numbers = [exercise(name).number for name in MODULES]
    assert numbers == list(range(1, 9))
    found = sorted(p.stem for p in (ROOT / "tests" / "exercises").glob("test_ex[0-9]_*.py"))
    assert found == MODULES


def signature_fits(skeleton, answer):
    """The skeleton takes the answer's leading parameters, with the same defaults.

    The answer may take more, each with a default, and a default of None in
    the answer stands for the value the skeleton writes out (the exercises
    mirror fclesson.lesson, whose functions take exactly the skeletons'
    parameters; the rule is the general one).
    """
    mine, theirs = list(skeleton.parameters.values()), list(answer.parameters.values())
    if len(mine) > len(theirs):
        return False
    for a, b in zip(mine, theirs):
        if (a.name, a.kind) != (b.name, b.kind):
            return False
        if a.default != b.default and b.default is not None:
            return False
    return all(p.default is not inspect.Parameter.empty for p in theirs[len(mine):])


def test_signature_fits_rejects_a_changed_signature():
    def answer(network, x, t, h=None, tol=1e-4, method="central"):
        pass

    def same(network, x, t, h=1e-4, tol=1e-4):
        pass

    def renamed(net, x, t, h=1e-4, tol=1e-4):
        pass

    def other_tol(network, x, t, h=1e-4, tol=1e-3):
        pass

    def extra(network, x, t, h=1e-4, tol=1e-4, method="central", more=1):
        pass

    sig = inspect.signature
    assert signature_fits(sig(same), sig(answer))
    assert not signature_fits(sig(renamed), sig(answer))
    assert not signature_fits(sig(other_tol), sig(answer))
    assert not signature_fits(sig(extra), sig(answer))


@pytest.mark.parametrize("module_name", MODULES)
def test_skeleton_has_the_answers_signatures(module_name):
    ex = exercise(module_name)
    skeleton = load(ROOT / ex.skeleton)
    for name in ex.names:
        mine = getattr(skeleton, name)
        assert signature_fits(inspect.signature(mine), inspect.signature(getattr(ex.answer, name))), (
            f"{ex.skeleton}: keep the signature of {name}()"
        )
        assert inspect.getdoc(mine), f"{ex.skeleton}: {name}() needs its docstring"


@pytest.mark.parametrize("module_name", MODULES)
def test_skeleton_names_its_command_and_sections(module_name):
    ex = exercise(module_name)
    text = (ROOT / ex.skeleton).read_text(encoding="utf-8")
    assert f"make exercise N={ex.number}" in text
    for section in SECTIONS[ex.number]:
        for marker in (f"# --8<-- [start:{section}]", f"# --8<-- [end:{section}]"):
            assert text.count(marker) == 1, f"{ex.skeleton} needs one '{marker}'"
    markers = re.findall(r"--8<-- \[(start|end):([a-z0-9_]+)\]", text)
    assert len(markers) == 2 * len(SECTIONS[ex.number])


@pytest.mark.parametrize("module_name", MODULES)
def test_skeleton_says_what_to_write_in_one_plain_line(module_name):
    """The pages show each skeleton's code, its docstrings cut to their summary lines.

    hooks/listings.py drops a summary line that holds TeX (it would show raw), so
    every function says in one plain line what it does. (The width of every line,
    and of every summary as a page shows it, is tested for all listed code in
    tests/package/test_snippets.py and tests/site/test_listings.py.)
    """
    path = ROOT / exercise(module_name).skeleton
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef):
            summary = ast.get_docstring(node).split("\n", 1)[0]
            assert summary and not TEX.search(summary), (
                f"{path.name}: {node.name}: the summary {summary!r} is empty or holds TeX")
