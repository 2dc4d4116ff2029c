"""The teacher's loop: ``make serve`` shows an edited page in seconds.

``make serve`` runs ``mkdocs serve --dirty`` with ``FCLESSON_SITE_CACHE`` set
to ``.cache/site``. Then:

1. Only stale pages are rendered again. MkDocs' ``--dirty`` renders a page
   again when its file changed; this hook also marks as stale every page one of
   whose dependencies changed since the page was written (hooks/page_cache.py:
   the files it read, and for a page that runs code the files of
   page_cache.WORLD: the package, the pins, ...), and every page when
   mkdocs.yml or a hook changed.
2. A stale page's exec fences, and a notebook's cells, run again only when
   their code or the world changed; otherwise their output comes from the
   cache (hooks/page_cache.py; hooks/exec_sessions.py runs every fence through
   the page's record).
3. The modules of the world the pages import (fclesson, pagefigure, ...) are
   imported afresh for every build, so a page never prints what a function did
   before it was edited.

``mkdocs build`` (CI, Pages, the test suite) never uses the cache: the hook
switches it off unless the command is ``serve``.
"""

import logging
import os
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

HOOKS = str(Path(__file__).resolve().parent)
if HOOKS not in sys.path:
    sys.path.insert(0, HOOKS)
import page_cache  # noqa: E402  (hooks/page_cache.py, not a hook)

log = logging.getLogger("mkdocs.hooks.serve_cache")

ROOT = page_cache.ROOT
# A change to one of these can change every page.
SITE_WIDE = [ROOT / "mkdocs.yml", *sorted((ROOT / "hooks").glob("*.py"))]

_world = None  # the world's digest, for this build


class _DirtyNotice(logging.Filter):
    """Drops MkDocs' warning that a dirty build may leave pages stale: this hook
    renders every page a change makes stale (navigation: mkdocs.yml)."""

    def filter(self, record):
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_startup(command, dirty):
    folder = page_cache.folder()
    if command != "serve" or folder is None:
        os.environ.pop(page_cache.ENV, None)  # a build is always full and uncached
        return
    os.environ[page_cache.ENV] = str((ROOT / folder).resolve())
    log.info("Serving with the page cache in %s", os.environ[page_cache.ENV])
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())


def _purge_world_modules():
    """Forget the imported modules of the world (fclesson, pagefigure, exercises)."""
    world = [ROOT / name for name in page_cache.WORLD]
    for name, module in list(sys.modules.items()):
        file = getattr(module, "__file__", None)
        if file and any(Path(file).resolve().is_relative_to(w) for w in world):
            del sys.modules[name]


def on_config(config):
    global _world
    _purge_world_modules()
    _world = page_cache.world_digest() if page_cache.folder() is not None else None
    return config


def _page_id(file):
    return f"{file.src_uri} -> {file.dest_uri}"


def _stale(file, cache):
    """Whether a page must be rendered again: a dependency is newer than it."""
    try:
        written = os.path.getmtime(file.abs_dest_path)
    except OSError:
        return True
    dependencies = page_cache.page_dependencies(cache, _page_id(file))
    if dependencies is None:
        return True
    for path in [*SITE_WIDE, *dependencies]:
        try:
            if os.path.getmtime(path) > written:
                return True
        except OSError:  # a dependency deleted
            return True
    return False


@event_priority(-200)  # after the i18n plugin has made each language's files
def on_files(files, config):
    cache = page_cache.folder()
    if cache is None or "--dirty" not in sys.argv:
        return files
    for file in files.documentation_pages():
        if _stale(file, cache):
            file.is_modified = lambda: True
    return files


@event_priority(100)  # before the other hooks and plugins change the markdown
def on_page_markdown(markdown, page, config, files):
    cache = page_cache.folder()
    if cache is not None:
        record = page_cache.PageRecord(cache, _page_id(page.file), _world)
        record.notebook = bool(getattr(page, "nb_url", None))  # mkdocs-jupyter's mark
        page_cache.current = record  # hooks/exec_sessions.py runs fences through it
        page_cache.start_recording()
    return markdown


@event_priority(-100)  # after every plugin has rendered the page
def on_page_content(html, page, config, files):
    record, page_cache.current = page_cache.current, None
    if record is not None:
        record.save(page_cache.stop_recording())
        if record.ran:
            log.info("%s: ran %d of %d exec fences", page.file.src_uri,
                     record.ran, len(record.calls))
    return html


def on_build_error(error):
    record, page_cache.current = page_cache.current, None
    if record is not None:
        record.failed = True
        record.save(page_cache.stop_recording())
