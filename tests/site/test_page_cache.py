"""The page cache of `make serve` (hooks/page_cache.py): what it keeps and when
it lets go.

A fence is run here by a stand-in for markdown-exec's runner: it executes the
code in its session's namespace and returns what the code printed.
"""

import contextlib
import io
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "hooks"))
import page_cache  # noqa: E402


class Runner:
    """markdown-exec's runner in small: sessions, printed output, a count of runs."""

    def __init__(self):
        self.sessions, self.runs = {}, []

    def __call__(self, code, session=None, **options):
        self.runs.append(code)
        namespace = self.sessions.setdefault(session, {}) if session else {}
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(code, namespace)
        return out.getvalue()


@pytest.fixture
def world(tmp_path):
    """A repository of its own: a package file the world holds, a data file."""
    root = tmp_path / "repo"
    (root / "fclesson").mkdir(parents=True)
    (root / "fclesson" / "step.py").write_text("H = 1e-4\n")
    (root / "data.txt").write_text("first\n")
    return root


def render(cache, root, fences, runner=None, page="lesson.md"):
    """Render a page's fences [(session, code)] through a PageRecord; save it
    (as hooks/serve_cache.py does once the page is rendered, failed or not)."""
    runner = runner or Runner()
    record = page_cache.PageRecord(cache, page, page_cache.world_digest(root), root)
    page_cache.start_recording()
    try:
        outputs = [record.fence(runner, code, session) for session, code in fences]
    finally:
        record.save(page_cache.stop_recording())
    return outputs, runner


PAGE = [
    ("s", "value = 41\nprint(value)"),
    ("s", "value += 1\nprint(value)"),
    (None, "print('alone')"),
    ("s", "print(value * 2)"),
]


def test_an_unchanged_page_runs_nothing(tmp_path, world):
    first, runner = render(tmp_path, world, PAGE)
    assert first == ["41\n", "42\n", "alone\n", "84\n"] and len(runner.runs) == 4
    again, runner = render(tmp_path, world, PAGE)
    assert again == first and runner.runs == []


def test_a_changed_fence_runs_after_the_earlier_ones(tmp_path, world):
    """The first changed fence runs in the state a full build gives it: the
    fences above it, served from the cache, run first; the ones below run."""
    render(tmp_path, world, PAGE)
    changed = [*PAGE[:3], ("s", "print(value * 3)")]
    outputs, runner = render(tmp_path, world, changed)
    assert outputs == ["41\n", "42\n", "alone\n", "126\n"]
    assert runner.runs == [code for _, code in changed]  # each once, in order


def test_a_change_above_runs_every_fence_below(tmp_path, world):
    render(tmp_path, world, PAGE)
    changed = [("s", "value = 1\nprint(value)"), *PAGE[1:]]
    outputs, runner = render(tmp_path, world, changed)
    assert outputs == ["1\n", "2\n", "alone\n", "4\n"] and len(runner.runs) == 4


def test_a_change_of_the_world_runs_the_page_again(tmp_path, world):
    render(tmp_path, world, PAGE)
    (world / "fclesson" / "step.py").write_text("H = 1e-3\n")
    _, runner = render(tmp_path, world, PAGE)
    assert len(runner.runs) == 4


def test_a_file_the_page_read_is_a_dependency(tmp_path, world):
    reading = [(None, f"print(open({str(world / 'data.txt')!r}).read().strip())")]
    first, _ = render(tmp_path, world, reading)
    assert first == ["first\n"]
    kept, runner = render(tmp_path, world, reading)
    assert kept == first and runner.runs == []
    (world / "data.txt").write_text("second\n")
    changed, runner = render(tmp_path, world, reading)
    assert changed == ["second\n"] and len(runner.runs) == 1


def test_undoing_a_change_finds_the_old_outputs(tmp_path, world):
    render(tmp_path, world, PAGE)
    (world / "fclesson" / "step.py").write_text("H = 1e-3\n")
    render(tmp_path, world, PAGE)
    (world / "fclesson" / "step.py").write_text("H = 1e-4\n")
    _, runner = render(tmp_path, world, PAGE)
    assert runner.runs == []


def test_a_failed_fence_leaves_no_record(tmp_path, world):
    render(tmp_path, world, PAGE)
    broken = [*PAGE[:1], ("s", "value = 1 / 0")]
    with pytest.raises(ZeroDivisionError, match="division by zero"):
        render(tmp_path, world, broken)
    _, runner = render(tmp_path, world, PAGE)
    assert len(runner.runs) == 4  # the failure dropped the page's record


def test_the_dependencies_of_a_page(tmp_path, world):
    """What makes a page stale: the files it read and, if it runs code, the world."""
    assert page_cache.page_dependencies(tmp_path, "lesson.md", world) is None
    render(tmp_path, world, [(None, f"open({str(world / 'data.txt')!r}).read()")])
    dependencies = page_cache.page_dependencies(tmp_path, "lesson.md", world)
    assert world / "data.txt" in dependencies
    assert world / "fclesson" / "step.py" in dependencies
    render(tmp_path, world, [], page="prose.md")
    assert page_cache.page_dependencies(tmp_path, "prose.md", world) == []


def test_a_record_is_for_its_page_and_world(tmp_path, world):
    render(tmp_path, world, PAGE)
    records = list((tmp_path / "pages").rglob("*.json"))
    assert len(records) == 1
    data = json.loads(records[0].read_text())
    assert data["page"] == "lesson.md" and data["runs code"] is True
    assert data["world"] == page_cache.world_digest(world)
    assert sorted(data["outputs"].values()) == sorted(["41\n", "42\n", "alone\n", "84\n"])
