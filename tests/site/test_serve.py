"""`make serve` never shows a stale result, and `mkdocs build` never uses its cache.

A small course in a temporary folder: the repository's package, hooks,
mkdocs.yml, pins and set-up (its .venv and node_modules, linked), and pages of
its own. A probe page prints a number that fclesson computes and the title of
another page. `make serve` serves it; then

1. the package, the other page and the probe's code change, one after the
   other, and each change shows on the served page;
2. served again (the cache warm), the page shows the latest code's result;
3. a number planted in the cache shows under `make serve`, so the page cache
   is in use, and not in `mkdocs build`, which never reads it.
"""

import os
import shutil
import subprocess
import sys
import time

import pytest

import sitecheck

ROOT = sitecheck.ROOT
PROBE = '''# Probe

```python exec="on"
from fclesson.derivative import forward_difference

print(f"slope {forward_difference(lambda x: x * x, 1.0):.6f}")
```

```python exec="on"
from pathlib import Path

print("title:", Path("docs/title.md").read_text().splitlines()[0][2:])
```
'''
STEP = ("def forward_difference(f, x, h=1e-4)", "def forward_difference(f, x, h=1e-3)")
WAIT = 120  # seconds


@pytest.fixture
def course(tmp_path):
    """A copy of what the site needs, with a probe page and a page it reads."""
    root = tmp_path / "course"
    for name in ("fclesson", "exercises", "hooks", "search"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("Makefile", "mkdocs.yml", "pagefigure.py", "explorers.py", "requirements.lock",
                 "pyproject.toml", "package.json", "package-lock.json",
                 "benchmarks/results.json"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, root / name)  # with their times: the set-up is done
    for name in (".venv", "node_modules"):
        (root / name).symlink_to(ROOT / name)
    if subprocess.run(["make", "-q", "setup"], cwd=root).returncode != 0:
        pytest.fail("the set-up is not up to date: run `make setup` first")
    docs = root / "docs"
    for name in ("stylesheets", "javascripts"):
        shutil.copytree(ROOT / "docs" / name, docs / name)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "title.md").write_text("# First title\n", encoding="utf-8")
    (docs / "probe.md").write_text(PROBE, encoding="utf-8")
    return root


class Served(sitecheck.MakeServe):
    def shows(self, pattern):
        """Wait until the probe page shows text matching pattern; return the match."""
        return self.wait_for("probe/", pattern, timeout=WAIT)[1]


def edit(path, old, new):
    time.sleep(1.1)  # a new modification time, on any file system
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_no_stale_result_and_no_cache_in_a_build(course):
    served = Served(course, course / "serve.log")
    try:
        assert served.shows(r"slope 2\.\d+") == "slope 2.000100"
        assert served.shows(r"title: .*title") == "title: First title"
        edit(course / "fclesson" / "derivative.py", *STEP)  # the package
        served.shows(r"slope 2\.001000")
        edit(course / "docs" / "title.md", "First", "Second")  # a file the page reads
        served.shows(r"title: Second title")
        edit(course / "docs" / "probe.md", ":.6f}", ":.3f}")  # the page's own code
        served.shows(r"slope 2\.001<")
    finally:
        served.stop()
    edit(course / "fclesson" / "derivative.py", *reversed(STEP))
    served = Served(course, course / "serve.log")  # the cache warm, the package as at first
    try:
        served.shows(r"slope 2\.000<")
    finally:
        served.stop()

    # A result planted in the cache: served, so the cache is used ...
    records = [p for p in (course / ".cache" / "site" / "pages").rglob("*.json")
               if "slope 2.000<" in p.read_text() or "slope 2.000\\n" in p.read_text()]
    assert records, "no record holds the probe's output"
    for record in records:
        record.write_text(record.read_text().replace("slope 2.000", "slope 9.999"))
    served = Served(course, course / "serve.log")
    try:
        served.shows(r"slope 9\.999")
    finally:
        served.stop()
    # ... and never by a build, even with the cache's variable set.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", FCLESSON_SITE_CACHE=".cache/site")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(course / "site")],
        cwd=course, env=env, capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr[-3000:]
    built = (course / "site" / "probe" / "index.html").read_text(encoding="utf-8")
    assert "slope 2.000" in built and "9.999" not in built
