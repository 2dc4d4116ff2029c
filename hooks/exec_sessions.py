"""How the site runs exec fences: fresh sessions per page, each fence once.

1. Fresh sessions. markdown-exec keeps the namespace of each
   ``session="..."`` for the whole build (and across rebuilds of
   ``mkdocs serve``). The pages use sessions like the cells of a notebook, one
   page at a time, and pytest runs them the same way (conftest.py), so each
   page starts with no session state from another page.
2. What a fence prints reaches the page, whoever prints it. markdown-exec
   collects the output of a fence through a ``print`` of its own, in the
   fence's namespace; a function of the package that prints (``print_checks``)
   calls the built-in one. Both write to ``sys.stdout`` here, which is
   captured while the fence runs, in the order they print.
3. One place that runs a fence. Under ``make serve`` a fence's output may come
   from the page cache (hooks/serve_cache.py, hooks/page_cache.py); in the
   test suite's build, what each fence gave is written to the file named by
   ``FCLESSON_FENCE_LOG``, one JSON line a fence (the page, its session, its
   code, the error it raised or null, and what it printed), so that pytest
   reports every exec fence from the build instead of running it a second
   time (conftest.py), and reads what the Chinese pages print (test_build.py).
"""

import contextlib
import io
import json
import logging
import os
import sys
from pathlib import Path

HOOKS = str(Path(__file__).resolve().parent)
if HOOKS not in sys.path:
    sys.path.insert(0, HOOKS)
import page_cache  # noqa: E402  (hooks/page_cache.py, not a hook)

log = logging.getLogger("mkdocs.hooks.exec_sessions")
FENCE_LOG = "FCLESSON_FENCE_LOG"

_page = None  # the source file of the page being rendered


def _install():
    """Run markdown-exec's Python fences through ``_run`` (once per process)."""
    from markdown_exec._internal.formatters import python

    original = getattr(python, "_fclesson_unwrapped_run", python._run_python)
    python._fclesson_unwrapped_run = original

    def print_to_stdout(buffer, *texts, end="\n", **kwargs):  # markdown-exec's signature
        sys.stdout.write(" ".join(str(text) for text in texts) + end)

    python._fclesson_unwrapped_print = getattr(python, "_fclesson_unwrapped_print",
                                               python._buffer_print)
    python._buffer_print = print_to_stdout

    def run_capturing(code, **options):
        with contextlib.redirect_stdout(io.StringIO()) as out:
            original(code, **options)
        return out.getvalue()

    def run(code, returncode=None, session=None, id=None, **extra):  # noqa: A002
        options = dict(returncode=returncode, id=id, **extra)
        record = page_cache.current
        try:
            if record is None:
                output = run_capturing(code, session=session, **options)
            else:
                output = record.fence(run_capturing, code, session, **options)
        except Exception as error:
            _log_fence(code, session, str(error), None)
            raise
        _log_fence(code, session, None, output)
        return output

    python._run_python = run
    return python


def _log_fence(code, session, error, output):
    path = os.environ.get(FENCE_LOG)
    if path and _page is not None:
        line = json.dumps({"page": _page, "session": session, "code": code,
                           "error": error, "output": output})
        with open(path, "a", encoding="utf-8") as log_file:
            log_file.write(line + "\n")


try:
    _python = _install()
except ImportError:  # the module moved: sessions would leak across pages
    _python = None


def on_page_markdown(markdown, page, config, files):
    global _page
    _page = page.file.abs_src_path
    # What the page's code prints comes out in the page's language.
    from fclesson.lesson import language

    language.set_language(config.theme.get("language", "en"))
    if _python is None:
        log.warning("markdown-exec's session store was not found; sessions are not reset")
        return markdown
    _python._sessions_globals.clear()
    return markdown
