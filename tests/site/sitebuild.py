"""The site's strict build, once for the whole run (a pytest plugin: conftest.py).

With pytest-xdist (``make test``) every worker asks for the build; the first
one builds it, under a lock, into the run's temporary folder, and the others
wait for it and use the same site. Each worker serves it on a port of its own:
the site's links are relative, so any port serves it.

The build also writes what every exec fence gave (hooks/exec_sessions.py,
``FCLESSON_FENCE_LOG``): the page fences of the same run are reported from it
(conftest.py), so that no fence runs twice.
"""

import fcntl
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

import sitecheck

# The address the site is built for: its canonical links and sitemap name it;
# every other link is relative.
SITE_URL = "http://127.0.0.1:8000/"


@dataclass
class Build:
    site_dir: Path
    returncode: int
    output: str
    fence_log: Path  # one JSON line per exec fence the build ran


def run_folder(tmp_path_factory):
    """A folder of this run that every xdist worker shares."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site built with ``mkdocs build --strict``, once for the whole run."""
    shared = run_folder(tmp_path_factory)
    site_dir, record = shared / "site", shared / "site-build.json"
    fence_log = shared / "site-fences.jsonl"
    with open(shared / "site-build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not record.is_file():
            fence_log.unlink(missing_ok=True)
            result = sitecheck.mkdocs_build(site_dir, site_url=SITE_URL, fence_log=fence_log)
            record.write_text(json.dumps(
                {"returncode": result.returncode, "output": result.stdout + result.stderr}))
    built = json.loads(record.read_text())
    return Build(site_dir, built["returncode"], built["output"], fence_log)


@pytest.fixture(scope="session")
def site_server(built_site):
    """(folder, URL): the built site, served on 127.0.0.1 at a free port."""
    with sitecheck.serve(built_site.site_dir) as url:
        yield built_site.site_dir, url


@pytest.fixture(scope="session")
def site(built_site):
    """The built site's folder; the build must have passed."""
    if built_site.returncode != 0:
        pytest.fail("mkdocs build --strict failed:\n" + built_site.output[-4000:])
    return built_site.site_dir
