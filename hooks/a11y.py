"""Markup that makes the pages usable with a keyboard (WCAG 2.1.1).

A box that scrolls sideways must be reachable with the Tab key, or a reader
without a mouse cannot scroll it. Material makes its own code blocks
focusable when they overflow, but nothing else:

- the code cells of notebook pages (nbconvert's ``div.highlight-ipynb``)
  scroll when a line is longer than the column: they get ``tabindex="0"``;
- a table (Markdown's, or the API reference's) is too wide for a phone.
  Material wraps it, in the browser, in a scrolling ``div`` it makes itself,
  and a ``tabindex`` on the table would not do: Material's focus-visible
  script gives the focused table a class, and Material styles only tables
  without one. So each table goes into a ``div.course-scroll`` with
  ``tabindex="0"``, which docs/stylesheets/course.css makes the box that
  scrolls (Material's own wrapper, inside it, no longer does).

``tests/site/test_browser.py`` runs axe-core on every page and fails on the
rule this fixes (scrollable-region-focusable); its phone check opens every
page 390 px wide.
"""

import re

# The opening tag of a notebook code cell, unless it already has a tabindex.
NOTEBOOK_CODE = re.compile(r'<div class="highlight-ipynb\b(?![^>]*\btabindex=)([^>]*)>')
# Tables without a class are the ones Material wraps and styles (code with
# line numbers is a table with a class).
PLAIN_TABLE = "<table>"
TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>")
WRAPPER = '<div class="course-scroll" tabindex="0">'


def wrap_tables(html):
    """Put every plain table, with whatever it holds, into the wrapper."""
    out, pos = [], 0
    while (start := html.find(PLAIN_TABLE, pos)) != -1:
        depth = 0
        for tag in TABLE_TAG.finditer(html, start):
            depth += -1 if tag.group(1) else 1
            if depth == 0:
                break
        else:
            break  # unbalanced: leave the rest alone
        out += [html[pos:start], WRAPPER, html[start:tag.end()], "</div>"]
        pos = tag.end()
    return "".join(out) + html[pos:]


def on_post_page(output, page, config):
    output = NOTEBOOK_CODE.sub(r'<div class="highlight-ipynb\1 tabindex="0">', output)
    return wrap_tables(output)
