"""The skeletons in exercises/: the answer's signatures, and the sections the pages include."""

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
    "test_ex7_whole_network",
]
# the snippet section each docs/exercises page includes from its skeleton
SECTIONS = {
    1: ["forward_difference"],
    2: ["compute"],
    3: ["central_difference"],
    4: ["check_output_weight"],
    5: ["check_output_layer"],
    6: ["check_hidden_layer"],
    7: ["check_gradients"],
}


def exercise(module_name):
    return importlib.import_module(module_name).EXERCISE


def load(path):
    spec = importlib.util.spec_from_file_location(f"_skeleton_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_one_test_module_per_exercise():
    numbers = [exercise(name).number for name in MODULES]
    assert numbers == list(range(1, 8))
    found = sorted(p.stem for p in (ROOT / "tests" / "exercises").glob("test_ex[0-9]_*.py"))
    assert found == MODULES


@pytest.mark.parametrize("module_name", MODULES)
def test_skeleton_has_the_answers_signatures(module_name):
    ex = exercise(module_name)
    skeleton = load(ROOT / ex.skeleton)
    for name in ex.names:
        mine = getattr(skeleton, name)
        assert inspect.signature(mine) == inspect.signature(getattr(ex.answer, name)), (
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
