"""Adjust the pages mkdocs-jupyter renders from docs/notebooks/.

1. A download button. ``include_source: true`` copies each notebook next to its
   page and sets ``page.nb_url``, but Material shows no button for it; this adds
   one in the style of Material's edit/view buttons, with a relative link so the
   site works under any base URL.
2. No scripts from a CDN. nbconvert's template puts into every notebook page a
   MathJax 2 loader (with an empty URL here) and a module script that imports
   mermaid.js from cdnjs when a diagram is present. The site typesets notebook
   math with its own MathJax 3 (docs/javascripts/mathjax.js), so both go.
"""

import html
import logging
import re
from pathlib import Path

import material

log = logging.getLogger("mkdocs.hooks.notebooks")

ICON = (
    Path(material.__file__).parent / "templates/.icons/material/download.svg"
).read_text(encoding="utf-8")

# From nbconvert's base/mathjax.html.j2 and base/mermaidjs.html.j2.
CDN_SCRIPTS = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mermaid configuration -->", re.DOTALL
)


def on_page_content(content, page, config, files):
    if not getattr(page, "nb_url", None):
        return content
    content, removed = CDN_SCRIPTS.subn("", content)
    if removed != 1:
        log.warning(
            "%s: nbconvert's MathJax/mermaid scripts were not found; "
            "check that the page loads nothing from another host.",
            page.file.src_path,
        )
    name = html.escape(Path(page.file.abs_src_path).name)
    button = (
        f'<a href="{name}" download class="md-content__button md-icon" '
        f'title="Download the notebook ({name})">{ICON}</a>'
    )
    return button + content
