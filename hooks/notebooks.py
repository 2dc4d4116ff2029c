"""Adjust the pages mkdocs-jupyter renders from docs/notebooks/.

1. Hidden cells. A cell tagged ``hide`` runs when the site is built, so a
   failing check in it fails the strict build, but the reader sees it neither
   on the page nor in the download: mkdocs-jupyter's ``remove_tag_config``
   (mkdocs.yml) drops its source, and this hook hides the empty cell left.
   ``remove_cell_tags`` would not do: nbconvert removes such cells before it
   executes the notebook, so their checks would never run.
2. The executed notebook to download. mkdocs-jupyter executes a notebook once,
   with nbconvert's ExecutePreprocessor, and keeps only the HTML. This hook
   keeps the executed notebook as well and writes it next to the page as
   NAME.ipynb, which Jupyter and Colab open as it is (the jupytext source
   NAME.py would need jupytext), with a download button in the style of
   Material's edit/view buttons (a relative link, so the site works under any
   base URL). The download leaves out the hidden cells: they hold checks of
   the numbers the page quotes, which fail as soon as a reader changes a cell
   as the page invites them to, and the site's figure set-up. Its figures keep
   their PNG (shown even in an untrusted notebook) and drop the SVG drawn for
   the page, except figures with Chinese words (see keep_text_figure).
3. Figures in the page's colours. nbconvert shows an SVG output as an
   ``<img>``, in which ``currentColor`` is black; the hook puts the SVG itself
   into the page, so that a figure drawn with pagefigure's ink takes the text
   colour of the light or the dark scheme.
4. No scripts from a CDN. nbconvert's template puts into every notebook page a
   MathJax 2 loader (with an empty URL here) and a module script that imports
   mermaid.js from cdnjs when a diagram is present. The site typesets notebook
   math with its own MathJax 3 (docs/javascripts/mathjax.js), so both go.
5. The copy buttons of the code cells speak the page's language ("Copy to
   Clipboard", "Copied!" are mkdocs-jupyter's English), and neither they nor
   the hidden copy of each cell's code they hold go into the search index.
"""

import base64
import copy
import functools
import html
import logging
import re
import sys
from pathlib import Path

import material
import nbformat
from nbconvert.preprocessors import ExecutePreprocessor

HOOKS = str(Path(__file__).resolve().parent)
if HOOKS not in sys.path:
    sys.path.insert(0, HOOKS)
import page_cache  # noqa: E402  (hooks/page_cache.py, not a hook)

log = logging.getLogger("mkdocs.hooks.notebooks")

HIDE = "hide"  # the cell tag, as in mkdocs.yml's remove_tag_config

ICON = (
    Path(material.__file__).parent / "templates/.icons/material/download.svg"
).read_text(encoding="utf-8")

# From nbconvert's base/mathjax.html.j2 and base/mermaidjs.html.j2.
CDN_SCRIPTS = re.compile(
    r"<!-- Load mathjax -->.*?<!-- End of mermaid configuration -->", re.DOTALL
)
# nbconvert names a cell's tags in its classes (celltag_hide).
HIDDEN_CELL = re.compile(rf'<div (?=[^>]*class="jp-Cell [^"]*\bcelltag_{HIDE}\b)')
CJK = re.compile(r"[\u4e00-\u9fff]")
# nbconvert shows an SVG figure as an image, in which currentColor is black.
SVG_IMAGE = re.compile(r'<img [^>]*src="data:image/svg\+xml;base64,([^"]+)"[^>]*>')

# mkdocs-jupyter's copy button of a code cell, and the copy of the code it holds.
COPY_LABEL = re.compile(r'(<clipboard-copy[^>]*aria-label=")Copy to Clipboard(")')
COPIED = re.compile(r'(<span class="notice" hidden="?"?>)Copied!(</span>)')
SEARCH_EXCLUDED = re.compile(r'<(clipboard-copy|div class="clipboard-copy-txt")')
COPY = {"en": ("Copy to clipboard", "Copied!"), "zh": ("复制到剪贴板", "已复制！")}

# The download button's tooltip, in the page's language.
DOWNLOAD = {
    "en": "Download the notebook ({name}), with its outputs",
    "zh": "下载这个笔记本（{name}），含运行结果",
}

# The notebooks executed while the current page renders (see on_pre_page).
_executed = []


def _keep_executed(preprocess):
    @functools.wraps(preprocess)
    def preprocess_and_keep(self, nb, resources=None, km=None):
        cache = page_cache.folder()  # under `make serve` only
        if cache is None:
            nb, resources = preprocess(self, nb, resources, km)
        else:
            nb, resources = page_cache.notebook(
                cache, page_cache.world_digest(), nb, resources,
                lambda nb, resources: preprocess(self, nb, resources, km))
        _executed.append(copy.deepcopy(nb))
        return nb, resources

    return preprocess_and_keep


# `mkdocs serve` loads the hooks again on every rebuild: wrap the original.
_original = getattr(
    ExecutePreprocessor, "_unwrapped_preprocess", ExecutePreprocessor.preprocess
)
ExecutePreprocessor._unwrapped_preprocess = _original
ExecutePreprocessor.preprocess = _keep_executed(_original)


def download(nb):
    """The executed notebook a reader downloads: no hidden cells, one image a figure."""
    nb = copy.deepcopy(nb)
    nb.cells = [cell for cell in nb.cells if HIDE not in cell.metadata.get("tags", [])]
    nb.metadata.pop("jupytext", None)  # the .py pairing stays in the repository
    count = 0
    for cell in nb.cells:
        cell.metadata.pop("execution", None)  # nbclient's timestamps
        if cell.cell_type != "code":
            continue
        count += 1  # numbered as a fresh "run all" of the cells it holds
        cell.execution_count = count
        for output in cell.outputs:
            if "execution_count" in output:
                output.execution_count = count
            keep_text_figure(output.get("data", {}))
    return nb


def keep_text_figure(data):
    """One image per figure in the download: the PNG, or the SVG for Chinese words.

    matplotlib has no font for Chinese here, so the PNG would show empty boxes
    where the SVG keeps the words as text; a reader's notebook then draws them
    with the reader's own fonts, in black on white.
    """
    svg = data.pop("image/svg+xml", None)
    if svg is not None and CJK.search(svg):
        data.pop("image/png", None)
        data["image/svg+xml"] = svg.replace("currentColor", "#000").replace(
            'style="max-width:', 'style="background: #fff; max-width:', 1)


def on_pre_page(page, config, files):
    _executed.clear()
    return page


def on_page_content(content, page, config, files):
    if not getattr(page, "nb_url", None):
        return content
    source = page.file.src_path
    content, removed = CDN_SCRIPTS.subn("", content)
    if removed != 1:
        log.warning(
            "%s: nbconvert's MathJax/mermaid scripts were not found; "
            "check that the page loads nothing from another host.",
            source,
        )
    content = HIDDEN_CELL.sub("<div hidden ", content)
    copy, copied = COPY[config.theme["language"]]
    content = COPY_LABEL.sub(lambda m: m[1] + copy + m[2], content)
    content = COPIED.sub(lambda m: m[1] + copied + m[2], content)
    content = SEARCH_EXCLUDED.sub(lambda m: f"<{m[1]} data-search-exclude", content)
    content = SVG_IMAGE.sub(lambda m: base64.b64decode(m[1]).decode("utf-8"), content)

    # step_size.ipynb in both languages (not step_size.zh.ipynb)
    name = Path(getattr(page.file, "norm_src_uri", page.file.src_uri)).stem + ".ipynb"
    if len(_executed) != 1:
        log.warning(
            "%s: %d executed notebooks were seen while the page rendered, not 1; "
            "mkdocs-jupyter must execute it (execute: true) to offer %s.",
            source, len(_executed), name,
        )
        return content
    nb = download(_executed.pop())
    try:
        nbformat.validate(nb)
    except nbformat.ValidationError as error:
        log.warning("%s: the notebook to download is not valid: %s", source, error)
    target = Path(page.file.abs_dest_path).parent / name
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
    log.info("Wrote the executed notebook %s", target)

    title = html.escape(DOWNLOAD[config.theme["language"]].format(name=name))
    name = html.escape(name)
    button = (
        f'<a href="{name}" download class="md-content__button md-icon" '
        f'title="{title}">{ICON}</a>'
    )
    return button + content
