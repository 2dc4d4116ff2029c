"""Start every page with fresh markdown-exec sessions.

markdown-exec keeps the namespace of each ``session="..."`` for the whole
build (and across rebuilds of ``mkdocs serve``). The pages use sessions like
the cells of a notebook, one page at a time, and pytest runs them the same way
(conftest.py), so each page starts with no session state from another page.
"""

import logging

log = logging.getLogger("mkdocs.hooks.exec_sessions")


def on_page_markdown(markdown, page, config, files):
    try:
        from markdown_exec._internal.formatters import python
    except ImportError:  # the module moved: sessions would leak across pages
        log.warning("markdown-exec's session store was not found; sessions are not reset")
        return markdown
    python._sessions_globals.clear()
    return markdown
