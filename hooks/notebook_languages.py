"""Notebook pages in both languages (docs/notebooks/NAME.py and NAME.zh.py).

1. Pages, not downloads. mkdocs-static-i18n makes a plain File of every file
   (ultrabug/mkdocs-static-i18n#198), so a notebook, which mkdocs-jupyter had
   marked as a page, would be copied as a download. The hook keeps the mark
   through the i18n plugin's copy.
2. Headings the table of contents reaches. mkdocs-jupyter gives the table of
   contents and the headings their ids with two different slug functions,
   which agree for English and not for Chinese (no id at all). The hook gives
   each heading, and its entry in the table of contents, the id of the English
   notebook's heading, so that anchors are the same in both languages.
"""

import functools
import logging
import re
from pathlib import Path

from mkdocs_jupyter.plugin import get_nb_toc
from mkdocs_static_i18n import suffix

log = logging.getLogger("mkdocs.hooks.notebook_languages")

# A heading of a notebook cell, with its anchor link (nbconvert's markup).
HEADING = re.compile(r'<h(?P<level>[1-6]) id="(?P<id>[^"]*)">.*?</h(?P=level)>', re.DOTALL)


def _keep_notebook_pages(create_i18n_file):
    @functools.wraps(create_i18n_file)
    def create_keeping_pages(file, *args, **kwargs):
        i18n_file = create_i18n_file(file, *args, **kwargs)
        if file.is_documentation_page() and not i18n_file.is_documentation_page():
            i18n_file.is_documentation_page = lambda: True  # a notebook page
        return i18n_file

    return create_keeping_pages


# `mkdocs serve` loads the hooks again on every rebuild: wrap the original.
suffix.create_i18n_file = _keep_notebook_pages(
    getattr(suffix.create_i18n_file, "__wrapped__", suffix.create_i18n_file)
)


def _toc_items(items):
    for item in items:
        yield item
        yield from _toc_items(item.children)


def on_page_content(content, page, config, files):
    """The notebook's headings and table of contents with the English notebook's ids."""
    if not getattr(page, "nb_url", None):
        return content
    entries = list(_toc_items(page.toc))
    english = Path(config.docs_dir) / getattr(page.file, "norm_src_uri", page.file.src_uri)
    ids = [item.id for item in _toc_items(get_nb_toc(str(english), 6)[0])]
    found = len(HEADING.findall(content))
    if not len(ids) == len(entries) == found:
        log.warning("%s: %d headings, %d entries in its table of contents, %d in the "
                    "English notebook's; the links may not reach them.",
                    page.file.src_path, found, len(entries), len(ids))
        return content
    for entry, id_ in zip(entries, ids):
        entry.id = id_
    ids = iter(ids)

    def relink(match):
        new = next(ids)
        return (match[0].replace(f'id="{match["id"]}"', f'id="{new}"', 1)
                .replace(f'href="#{match["id"]}"', f'href="#{new}"', 1))

    return HEADING.sub(relink, content)
