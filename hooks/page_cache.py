"""The local loop's cache: what a page's code printed, kept until it could change.

Not a hook (mkdocs.yml does not list it): hooks/serve_cache.py and
hooks/notebooks.py import it. It is used only under ``make serve``, which sets
``FCLESSON_SITE_CACHE`` to the cache's folder (``.cache/site/``); a
``mkdocs build`` never reads it (hooks/serve_cache.py switches it off).

What is kept, and when it is used again:

- An exec fence's output, under a key made of the code of every exec fence of
  its page up to and including it (a fence runs in a session that the earlier
  fences filled). A fence whose key is unchanged is not run again; at the first
  fence of a page that must run, the page's earlier fences are run again first,
  so that it runs in the same state as in a full build.
- An executed notebook, under a key made of its cells.
- Both only while the *world* is unchanged: the contents of fclesson/,
  exercises/, pagefigure.py, explorers.py and the pinned versions (requirements.lock), and
  the contents of every other file of the repository that the page read while
  it was rendered (recorded with an audit hook: the exercise index reads the
  exercise pages' titles, the performance page reads benchmarks/results.json).

A record per page and world (``pages/<page>/<world>.json``, the last few
worlds of each page, so that undoing a change finds its outputs again) holds
the outputs and the files the page read; hooks/serve_cache.py also reads the
newest to tell which pages a change of a file makes stale.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = "FCLESSON_SITE_CACHE"  # the cache's folder; set by `make serve`
FORMAT = "1"  # change to drop every record written by an older version
WORLDS_KEPT = 3  # records of a page, the newest first

# What every page that runs code depends on.
WORLD = ("fclesson", "exercises", "pagefigure.py", "explorers.py", "requirements.lock",
         "pyproject.toml")
# Files a page may read that say nothing about what it prints.
NOT_DEPENDENCIES = (".venv", "node_modules", ".cache", ".git", "site")


def folder() -> Path | None:
    """The cache's folder while the cache is on (under ``make serve``), else None."""
    value = os.environ.get(ENV)
    return Path(value) if value else None


def _digest(*parts) -> str:
    sha = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode("utf-8")
        sha.update(len(data).to_bytes(8, "little") + data)
    return sha.hexdigest()


def file_digest(path: Path) -> str | None:
    """The digest of a file's contents, or None when it does not exist."""
    try:
        return _digest(path.read_bytes())
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def world_files(root: Path = ROOT) -> list[Path]:
    """Every file of the world, in a fixed order."""
    files = []
    for name in WORLD:
        path = root / name
        if path.is_dir():
            files += sorted(
                p for p in path.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts
            )
        elif path.is_file():
            files.append(path)
    return files


def world_digest(root: Path = ROOT) -> str:
    """One digest of the world's contents, the Python version and this format."""
    parts = [FORMAT, sys.version]
    for path in world_files(root):
        parts += [path.relative_to(root).as_posix(), file_digest(path)]
    return _digest(*parts)


def dependency(path: str | os.PathLike, root: Path = ROOT) -> str | None:
    """The path relative to the repository of a file a page read, or None.

    None for files outside the repository, in the virtual environment, the
    npm packages, the cache or a built site, and for folders.
    """
    try:
        relative = Path(os.path.abspath(path)).relative_to(root)
    except ValueError:
        return None
    if not relative.parts or relative.parts[0] in NOT_DEPENDENCIES:
        return None
    return relative.as_posix() if (root / relative).is_file() else None


# -- files read while a page renders ------------------------------------------

_reading: set | None = None  # the paths opened since start_recording()


def _audit(event, args):
    if _reading is not None and event == "open" and args and args[0] is not None:
        if isinstance(args[0], (str, bytes, os.PathLike)):
            _reading.add(os.fsdecode(args[0]))


def start_recording() -> None:
    """Record every file opened from now on, until stop_recording()."""
    global _reading
    if not getattr(sys, "_fclesson_page_cache_audit", False):
        sys.addaudithook(_audit)  # once per process: audit hooks cannot be removed
        sys._fclesson_page_cache_audit = True
    _reading = set()


def stop_recording() -> set:
    """The files opened since start_recording()."""
    global _reading
    read, _reading = _reading or set(), None
    return read


# -- one page's record ------------------------------------------------------------

current = None  # the PageRecord of the page being rendered (hooks/serve_cache.py)



class PageRecord:
    """The exec fences of one page in one build: served from the cache or run.

    ``run(code, session=..., **options)`` is markdown-exec's function that runs
    a fence; ``fence`` either returns the output kept under the fence's key, or
    runs the fence (after the earlier fences served from the cache, so that its
    session holds what a full build would give it).
    """

    def __init__(self, cache: Path, page_id: str, world: str, root: Path = ROOT):
        self.path = _page_folder(cache, page_id) / f"{world}.json"
        self.page_id, self.world, self.root = page_id, world, root
        self.calls = []  # (session, code, options) of every fence so far
        self.pending = []  # calls served from the cache and not run since
        self.outputs = {}  # key: output, of this build
        self.reads = {}  # path: digest, of what the page read
        self.failed = False
        self.ran = 0  # fences run, the earlier fences run again included
        self.notebook = False  # a notebook page: it runs code
        self.kept = self._load()

    def _load(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}
        if data.get("page") != self.page_id or data.get("world") != self.world:
            return {}
        reads = data.get("reads", {})
        if any(file_digest(self.root / p) != d for p, d in reads.items()):
            return {}
        self.reads = dict(reads)
        return data.get("outputs", {})

    def key(self) -> str:
        return _digest(self.world, *(f"{s}\0{c}" for s, c, _ in self.calls))

    def fence(self, run, code: str, session: str | None, **options) -> str:
        self.calls.append((session, code, options))
        key = self.key()
        if key in self.kept and not self.failed:
            self.pending.append(self.calls[-1])
            self.outputs[key] = self.kept[key]
            return self.kept[key]
        try:
            for earlier_session, earlier_code, earlier_options in self.pending:
                run(earlier_code, session=earlier_session, **earlier_options)
                self.ran += 1
            self.pending.clear()
            output = run(code, session=session, **options)
            self.ran += 1
        except BaseException:
            self.failed = True
            raise
        self.outputs[key] = output
        return output

    def save(self, read: set) -> None:
        """Keep this build's outputs with the files the page read; drop them on failure."""
        if self.failed:
            self.path.unlink(missing_ok=True)
            return
        for path in read:
            relative = dependency(path, self.root)
            if relative is not None and relative not in self.reads:
                self.reads[relative] = file_digest(self.root / relative)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = {"page": self.page_id, "world": self.world, "runs code": bool(self.calls) or self.notebook,
                "reads": dict(sorted(self.reads.items())), "outputs": self.outputs}
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        temporary.replace(self.path)
        for old in _records(self.path.parent)[WORLDS_KEPT:]:
            old.unlink(missing_ok=True)


def _page_folder(cache: Path, page_id: str) -> Path:
    return cache / "pages" / _digest(page_id)[:32]


def _records(folder: Path) -> list[Path]:
    """A page's records, the newest first."""
    return sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)


def page_dependencies(cache: Path, page_id: str, root: Path = ROOT) -> list[Path] | None:
    """The files whose change makes a page stale, or None when it is not known.

    The files the page read when it was last rendered and, for a page that
    runs code, the world's.
    """
    records = _records(_page_folder(cache, page_id))
    if not records:
        return None
    try:
        path = records[0]
        data = json.loads(path.read_text(encoding="utf-8"))
        reads, runs_code = data["reads"], data["runs code"]
    except (FileNotFoundError, ValueError, KeyError):
        return None
    return [root / p for p in reads] + (world_files(root) if runs_code else [])


# -- notebooks --------------------------------------------------------------------


def notebook(cache: Path, world: str, nb, resources, execute):
    """``(executed notebook, resources)``: kept from an earlier run with the same
    cells and world, or ``execute(nb, resources)`` run and kept."""
    import nbformat

    cells = [(c.cell_type, c.source, sorted(c.metadata.get("tags", []))) for c in nb.cells]
    kernel = nb.metadata.get("kernelspec", {}).get("name", "")
    path = cache / "notebooks" / f"{_digest(world, kernel, json.dumps(cells))}.ipynb"
    if path.is_file():
        return nbformat.read(path, as_version=4), resources
    executed, resources = execute(nb, resources)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    nbformat.write(executed, temporary)
    temporary.replace(path)
    return executed, resources
