"""The snippet sections of the beyond-the-lesson code, for the pages that include them."""

import pytest

from .test_snippets import PACKAGE, sections

REQUIRED = {
    "derivative.py": {"richardson", "complex_step"},
    "losses.py": {"loss_batch", "mse_batch", "output_sum_batch"},
    "table.py": {"table_report"},
    "gradient_check.py": {"check_layers", "check_gradients"},
    "vectorized.py": {"applies", "moved_outputs", "kinks", "numerical_gradients",
                      "check_vectorized", "mark_kinks"},
    "complex_check.py": {"complex_activations", "complex_safe", "complex_step_gradient"},
    "direction.py": {"direction_result", "random_direction", "check_direction"},
    "bugs.py": {"bug_classes", "bug", "gallery"},
    "precision.py": {"loss_float32", "check_float32"},
    "validation.py": {"precision_warning"},
    "cli.py": {"parser", "cli_check"},
}


@pytest.mark.parametrize("name, required", sorted(REQUIRED.items()))
def test_beyond_sections_exist(name, required):
    assert required <= set(sections(PACKAGE / name))


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_modules_stay_small(name):
    assert len((PACKAGE / name).read_text().splitlines()) < 260
