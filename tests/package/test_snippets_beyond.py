"""The snippet sections of the beyond-the-lesson code, for the pages that include them."""

import pytest

from .test_snippets import PACKAGE, sections

REQUIRED = {
    "derivative.py": {"richardson", "complex_step"},
    "losses.py": {"loss_batch", "mse_batch", "output_sum_batch"},
    "report_text.py": {"label", "table"},
    "report_json.py": {"json"},
    "gradient_check.py": {"check_layers", "check_gradients"},
    "vectorized.py": {"applies", "numerical_gradients", "check_vectorized", "mark_kinks"},
    "moved_networks.py": {"moved_units", "moved_outputs", "kinks"},
    "complex_check.py": {"complex_activations", "complex_safe", "complex_step_gradient"},
    "direction.py": {"direction_result", "random_direction", "check_direction"},
    "bugs.py": {"bug", "gallery"},
    "precision.py": {"loss_float32", "check_float32"},
    "validation.py": {"precision_warning"},
    "cli.py": {"parser", "cli_check"},
}


@pytest.mark.parametrize("name, required", sorted(REQUIRED.items()))
def test_beyond_sections_exist(name, required):
    assert required <= set(sections(PACKAGE / name))


def test_every_bug_has_its_own_section():
    """The gallery page and the lesson show one bug at a time."""
    from fclesson.bugs import GALLERY

    assert set(GALLERY) <= set(sections(PACKAGE / "bugs.py"))


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_modules_stay_small(name):
    assert len((PACKAGE / name).read_text().splitlines()) < 260
