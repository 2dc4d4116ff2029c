"""The teacher's loop, timed: `make serve` and `mkdocs build --strict` in a fresh clone.

In a temporary clone of this repository (its committed HEAD; ``--worktree``
copies the working tree instead, uncommitted changes included):

1. ``make setup`` (not timed).
2. ``make serve`` on a free port with an empty page cache: the time until the
   first page answers (cold).
3. One line appended to a lesson page, in English and in Chinese, and to a
   recap page: for each, the time until the served page shows it.
4. A number changed in a package function (the default step of
   ``forward_difference``, 1e-4 to 1e-3): the time until a page that prints
   ``forward_difference(x**2, 1)`` shows the new value (a page of the
   benchmark's own, added to the clone before the server starts: the lesson's
   pages assert every number they print, so there a new number shows as a
   failed check). Every page that runs code is rendered again.
5. ``make serve`` started again (the cache warm): the time to the first page.
6. The package and the pages restored, a full ``mkdocs build --strict`` (no
   cache), timed.

The goals (issue 20): an edited page visible in at most 3 s and at most a
tenth of the full build; the warm first page in at most half the full build.
The numbers go to results.json ("teacher_loop") and are printed.

    python benchmarks/bench_serve.py [--worktree] [--keep]
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "site"))
from sitecheck import MakeServe, fetch  # noqa: E402  (make serve, on a free port)

RESULTS = ROOT / "benchmarks" / "results.json"
PROBE_PAGE = '''# Benchmark probe

```python exec="on"
from fclesson.derivative import forward_difference

print(f"probe {forward_difference(lambda x: x * x, 1.0):.6f} probe")
```
'''
STEP = ("def forward_difference(f, x, h=1e-4)", "def forward_difference(f, x, h=1e-3)")
EDITS = ["docs/lesson4/derivative.md", "docs/lesson4/idea.zh.md", "docs/recap/forward.md"]
EDIT_URLS = ["lesson4/derivative/", "zh/lesson4/idea/", "recap/forward/"]


def make_clone(folder, worktree):
    clone = folder / "course"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    if worktree:  # the working tree's files, tracked or new, over the clone's
        files = subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=ROOT, check=True, capture_output=True, text=True).stdout.split("\0")
        for name in filter(None, files):
            source = ROOT / name
            if source.is_file():
                (clone / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, clone / name)
    return clone


def replace_once(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path} no longer holds {old!r}: update the benchmark"
    path.write_text(text.replace(old, new), encoding="utf-8")


def run(worktree=False, keep=False):
    folder = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    log = folder / "serve.log"
    results = {"load_before": list(os.getloadavg())}
    try:
        clone = make_clone(folder, worktree)
        print(f"clone: {clone}", flush=True)
        subprocess.run(["make", "setup"], cwd=clone, check=True, capture_output=True)
        (clone / "docs" / "bench-probe.md").write_text(PROBE_PAGE, encoding="utf-8")
        probe = "bench-probe/"

        server = MakeServe(clone, log)
        try:
            results["first_page_cold"] = server.wait_for(EDIT_URLS[0])[0]
            print(f"first page, cold cache: {results['first_page_cold']:.1f} s", flush=True)
            assert "probe 2.000100 probe" in fetch(server.base + probe)
            results["page_edits"] = {}
            for k, (page, url) in enumerate(zip(EDITS, EDIT_URLS)):
                time.sleep(1.5)  # the watcher and mtimes see a new change
                marker = f"teacher-loop-marker-{k}-{time.time_ns()}"
                started = time.perf_counter()
                with open(clone / page, "a", encoding="utf-8") as f:
                    f.write(f"\n\n{marker}\n")
                seconds = server.wait_for(url, marker, started)[0]
                results["page_edits"][page] = seconds
                print(f"edit of {page} visible after {seconds:.2f} s", flush=True)
            time.sleep(1.5)
            started = time.perf_counter()
            replace_once(clone / "fclesson" / "derivative.py", *STEP)
            results["package_edit"] = server.wait_for(probe, "probe 2.001000 probe",
                                                      started)[0]
            print(f"package edit visible after {results['package_edit']:.1f} s", flush=True)
        finally:
            server.stop()

        server = MakeServe(clone, log)
        try:
            results["first_page_warm"] = server.wait_for(EDIT_URLS[0])[0]
            assert "probe 2.001000 probe" in fetch(server.base + probe)
            print(f"first page, warm cache: {results['first_page_warm']:.1f} s", flush=True)
        finally:
            server.stop()

        replace_once(clone / "fclesson" / "derivative.py", *reversed(STEP))
        (clone / "docs" / "bench-probe.md").unlink()
        subprocess.run(["git", "checkout", "--quiet", "--", *EDITS], cwd=clone, check=True)
        started = time.perf_counter()
        build = subprocess.run(
            [".venv/bin/python", "-m", "mkdocs", "build", "--strict", "--site-dir",
             str(folder / "site")], cwd=clone, capture_output=True, text=True,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
        results["full_build"] = time.perf_counter() - started
        if build.returncode != 0:
            sys.exit(build.stdout[-3000:] + build.stderr[-3000:])
        print(f"full strict build: {results['full_build']:.1f} s", flush=True)
        results["load_after"] = list(os.getloadavg())
    finally:
        if keep:
            print(f"kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return results


def goals(results):
    worst_edit = max(results["page_edits"].values())
    return {
        "edit_at_most_3_s": worst_edit <= 3.0,
        "edit_at_most_a_tenth_of_the_full_build": worst_edit <= results["full_build"] / 10,
        "warm_first_page_at_most_half_the_full_build":
            results["first_page_warm"] <= results["full_build"] / 2,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--worktree", action="store_true",
                        help="copy the working tree (uncommitted changes too), not HEAD")
    parser.add_argument("--keep", action="store_true", help="keep the clone and its log")
    args = parser.parse_args(argv)
    results = run(args.worktree, args.keep)
    results["goals"] = goals(results)
    results["machine"] = {
        "cores": os.cpu_count(), "python": platform.python_version(),
        "platform": platform.platform(),
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "source": "working tree" if args.worktree else "HEAD",
    }
    data = json.loads(RESULTS.read_text(encoding="utf-8"))
    data["teacher_loop"] = results
    RESULTS.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results["goals"], indent=2))


if __name__ == "__main__":
    main()
