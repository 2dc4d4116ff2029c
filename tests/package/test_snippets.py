"""Snippet sections (``# --8<-- [start:name]``) that the site includes from the package."""

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "fclesson"
MODULES = sorted([*PACKAGE.glob("*.py"), *(PACKAGE / "lesson").glob("*.py")])
MARKER = re.compile(r"^\s*# --8<-- \[(start|end):([^\]]*)\]\s*$")

REQUIRED = {
    "derivative.py": {"forward_difference", "central_difference"},
    "activations.py": {"sigmoid", "linear", "tanh", "relu", "registry"},
    "losses.py": {"loss", "mse", "output_sum"},
    "network.py": {"network", "forward", "backward", "gradients", "network_loss"},
    "gradient_check.py": {"numerical_gradient", "check_output_weight", "check_output_layer",
                          "check_hidden_layer", "check_gradients"},
    "report.py": {"row", "report"},
    "gender.py": {"data", "train", "predict"},
    "cli.py": {"cli_check", "cli_train"},
}


def sections(path):
    """{name: (first line, last line)} of the code between a section's markers."""
    found, open_at = {}, {}
    for number, line in enumerate(path.read_text().splitlines(), 1):
        match = MARKER.match(line)
        if not match:
            assert "--8<--" not in line, f"{path.name}:{number}: malformed marker"
            continue
        kind, name = match.groups()
        assert re.fullmatch(r"[a-z0-9_]+", name), f"{path.name}:{number}: bad name {name!r}"
        if kind == "start":
            assert name not in open_at and name not in found, f"{path.name}: {name} twice"
            assert not open_at, f"{path.name}:{number}: {name} opens inside {list(open_at)}"
            open_at[name] = number
        else:
            assert name in open_at, f"{path.name}:{number}: end of {name} without start"
            found[name] = (open_at.pop(name) + 1, number - 1)
    assert not open_at, f"{path.name}: sections never closed: {list(open_at)}"
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_sections_are_balanced_named_and_not_empty(path):
    for name, (first, last) in sections(path).items():
        assert last >= first, f"{path.name}: section {name} is empty"


@pytest.mark.parametrize("name, required", sorted(REQUIRED.items()))
def test_required_sections_exist(name, required):
    assert required <= set(sections(PACKAGE / name))


def definitions(tree):
    """Public top-level functions and classes, and the public methods of those classes."""
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
            yield node
            if isinstance(node, ast.ClassDef):
                yield from (child for child in node.body
                            if isinstance(child, ast.FunctionDef) and not child.name.startswith("_"))


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_every_public_definition_is_inside_a_section(path):
    # a class may be cut into several sections (header, then a section per method),
    # so for a class only its header must be inside one section, and every method too
    spans = list(sections(path).values())
    for node in definitions(ast.parse(path.read_text())):
        start = min([node.lineno] + [d.lineno for d in node.decorator_list])
        end = node.lineno if isinstance(node, ast.ClassDef) else node.end_lineno
        assert any(first <= start and end <= last for first, last in spans), (
            f"{path.name}: {node.name} is in no snippet section"
        )


SOURCES = MODULES + sorted((PACKAGE.parent / "exercises").glob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: path.name)
def test_lines_fit_a_listing(path):
    """Pages show this code; a line over 88 characters runs off a code block."""
    wide = [number for number, line in enumerate(path.read_text().splitlines(), 1)
            if len(line) > 88]
    assert not wide, f"{path.name}: lines {wide} are over 88 characters"
