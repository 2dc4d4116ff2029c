"""The GitHub Actions workflows are valid, and run the README's commands.

GitHub cannot be reached from here, so the workflows are checked against
GitHub's workflow schema, which ships inside check-jsonschema
(``--builtin-schema vendor.github-workflows``, offline).
"""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def validate(*paths):
    """check-jsonschema's exit status and output for ``paths``."""
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                           "vendor.github-workflows", *map(str, paths)],
                          capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout + done.stderr


def test_there_are_two_workflows():
    assert [path.name for path in WORKFLOWS] == ["pages.yml", "test.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_matches_githubs_schema(path):
    status, output = validate(path)
    assert status == 0, output


@pytest.mark.parametrize("old, new, complaint", [
    ("    runs-on: ubuntu-latest\n", "    runs-onn: ubuntu-latest\n", "runs-onn"),
    ("      - name: make test\n        run: make test\n",
     "      - name: make test\n", "make test"),
    ("  push:\n", "  pushed:\n", "pushed"),
])
def test_a_broken_workflow_fails(tmp_path, old, new, complaint):
    """A misspelt key, a step with neither uses nor run, an unknown event."""
    text = (ROOT / ".github" / "workflows" / "test.yml").read_text()
    assert text.count(old) == 1
    broken = tmp_path / "test.yml"
    broken.write_text(text.replace(old, new))
    status, output = validate(broken)
    assert status != 0 and "Schema validation errors" in output, output
    assert complaint in output or "is not valid" in output, output


def test_the_workflows_run_the_readmes_commands():
    """CI, .ci/run and a newcomer never diverge: the same make targets."""
    readme = (ROOT / "README.md").read_text()
    test, pages = ((ROOT / ".github" / "workflows" / name).read_text()
                   for name in ("test.yml", "pages.yml"))
    assert "make test" in readme and "run: make test" in test
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    assert "make setup" in pages and "mkdocs build --strict" in pages
    for text in (test, pages):
        assert "python-version: \"3.11\"" in text
        assert "cache-dependency-path: |\n            requirements.lock" in text
    assert "actions/upload-pages-artifact@v3" in pages and "actions/deploy-pages@v4" in pages
    for permission in ("contents: read", "pages: write", "id-token: write"):
        assert permission in pages
    assert "concurrency:" in pages and "cancel-in-progress: false" in pages


def test_check_jsonschema_is_pinned():
    lock = (ROOT / "requirements.lock").read_text().splitlines()
    assert any(line.startswith("check-jsonschema==") for line in lock)
