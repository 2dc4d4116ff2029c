"""A real bug in the lesson's code fails a test of the lesson's own pages.

The pages of docs/lesson4/ and docs/recap/ run fclesson.lesson (the lesson's
code) and quote the numbers it computes, and their hidden lines check them.
Each case below injects one bug of the kind the lesson is about into a copy
of that code, and runs the
fences of those pages (and nothing else) against it, in English and in Chinese
(the twins, docs/**/*.zh.md): a fence must fail in each language (each
language stops at its first failure). A control run of the same copy without
the bug passes, so a failure comes from the bug and not from the copy.
"""

import os
import re
import shutil
import subprocess
import sys

import pytest

import sitecheck

# name: (file, text in the package, the same text with the bug); the text must
# occur exactly once, so that a change in the package cannot make a case vacuous
BUGS = {
    "sign flip in delta": (
        "fclesson/lesson/network.py",
        "delta[-1] = dE_dy * f_prime[-1](net[-1])",
        "delta[-1] = -dE_dy * f_prime[-1](net[-1])",
    ),
    "f'(net) missing in the output delta": (
        "fclesson/lesson/network.py",
        "delta[-1] = dE_dy * f_prime[-1](net[-1])",
        "delta[-1] = dE_dy * 1.0",
    ),
    "f'(net) missing in the hidden delta": (
        "fclesson/lesson/network.py",
        "delta[l] = (W_next.T @ delta[l + 1]) * f_prime[l](net[l])",
        "delta[l] = W_next.T @ delta[l + 1]",
    ),
    "wrong slice of W_next": (
        "fclesson/lesson/network.py",
        "W_next = self.weights[l + 1][:, :-1]",
        "W_next = self.weights[l + 1][:, 1:]",
    ),
    "bias input 0 in the gradient": (
        "fclesson/lesson/network.py",
        "return [np.outer(d, np.append(y_l, 1)) for d, y_l in zip(delta, y)]",
        "return [np.outer(d, np.append(y_l, 0)) for d, y_l in zip(delta, y)]",
    ),
    "1/n for 2/n": (
        "fclesson/lesson/losses.py",
        "return -2 * (t - y)",
        "return -1 * (t - y)",
    ),
    "sigmoid derivative y (1 + y)": (
        "fclesson/lesson/activations.py",
        "return y * (1 - y)",
        "return y * (1 + y)",
    ),
    "forward difference for the central one": (
        "fclesson/lesson/derivative.py",
        "return (f(x + h) - f(x - h)) / (2 * h)",
        "return (f(x + h) - f(x)) / h",
    ),
    "forward difference in the gradient check": (
        "fclesson/lesson/gradient_check.py",
        "return (E_plus - E_minus) / (2 * h)",
        "return (E_plus - network.loss(x, t, loss)) / h",
    ),
    "perturbed weight not restored": (
        "fclesson/lesson/gradient_check.py",
        "        W[row, column] = w  # the weight as it was, even after an error\n",
        "        pass\n",
    ),
}
PAGES = ["docs/lesson4", "docs/recap"]


def copy_of_the_lesson(tmp_path):
    """The package, the lesson's pages and the test set-up, in a folder of their own."""
    for name in ("fclesson", *PAGES):
        shutil.copytree(sitecheck.ROOT / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("conftest.py", "pyproject.toml", "pagefigure.py", "explorers.py",
                 # what conftest.py imports
                 "tests/site/sitebuild.py", "tests/site/sitecheck.py",
                 "tests/site/fence_runs.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(sitecheck.ROOT / name, tmp_path / name)
    return tmp_path


# A plugin for the runs below: once a page of one language has failed, the
# other fences of that language are skipped (each language stops at its first
# failure, as ``-x`` would), and the other language goes on.
FIRST_FAILURE_PER_LANGUAGE = '''
import pytest

failed = set()


def language(item):
    return "zh" if item.nodeid.split("::")[0].endswith(".zh.md") else "en"


def pytest_runtest_setup(item):
    if language(item) in failed:
        pytest.skip("a page of this language failed already")


def pytest_runtest_logreport(report):
    if report.failed:
        failed.add("zh" if report.nodeid.split("::")[0].endswith(".zh.md") else "en")
'''


def run_pages(root):
    """Run the fences of the lesson's pages, in each language until its first failure.

    Returns the process and, per language, the pages that failed.
    """
    pages = sorted(str(page.relative_to(root)) for folder in PAGES
                   for page in (root / folder).glob("*.md"))
    (root / "first_failure_per_language.py").write_text(FIRST_FAILURE_PER_LANGUAGE)
    env = dict(os.environ, MPLBACKEND="Agg")
    env.pop("PYTHONPATH", None)
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rf", "-p", "no:cacheprovider",
         "-p", "no:xdist", "-p", "no:hypothesispytest",  # a quicker start
         "-p", "first_failure_per_language", *pages],
        cwd=root, env=env, capture_output=True, text=True, timeout=600,
    )
    failed = {"en": [], "zh": []}
    for page in re.findall(r"^FAILED (\S+\.md)::", run.stdout, re.MULTILINE):
        failed["zh" if page.endswith(".zh.md") else "en"].append(page)
    return run, failed


def test_the_copy_passes_without_a_bug(tmp_path):
    run, failed = run_pages(copy_of_the_lesson(tmp_path))
    assert run.returncode == 0, run.stdout[-3000:]
    assert " passed" in run.stdout and " skipped" not in run.stdout


@pytest.mark.parametrize("name", sorted(BUGS))
def test_a_bug_fails_the_lessons_pages(name, tmp_path):
    path, correct, broken = BUGS[name]
    root = copy_of_the_lesson(tmp_path)
    source = root / path
    text = source.read_text(encoding="utf-8")
    assert text.count(correct) == 1, f"{path} no longer holds {correct!r}: update the case"
    source.write_text(text.replace(correct, broken), encoding="utf-8")
    run, failed = run_pages(root)
    assert run.returncode == 1, f"{name}: the lesson's pages did not notice\n{run.stdout[-2000:]}"
    for language, pages in failed.items():
        assert len(pages) == 1, f"{name}: the {language} pages did not notice\n{run.stdout[-2000:]}"
