"""Figures for the course's pages: matplotlib drawn as inline SVG in both colour schemes.

A page draws a figure in an exec fence (``python exec="on" html="true"``) and
ends with ``pagefigure.show(fig, caption)``. Axes, text and every line drawn
in `INK` take the page's text colour (``currentColor``): dark on the light
scheme, light on the dark one. The background is transparent, and the other
colours (`RED`, `BLUE`, `GREEN`, `ORANGE`, `PURPLE`, `GRAY`) read on both.

This module belongs to the site, not to the package: fclesson needs NumPy only.
"""

import builtins
import contextlib
import html
import io
import re
import sys
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import cbook  # noqa: E402
from matplotlib.text import Text  # noqa: E402

INK = "#010203"  # a placeholder colour, replaced by currentColor in the SVG
CJK = re.compile(r"[\u4e00-\u9fff]")
# The site serves no font for figures: matplotlib's text font becomes the
# reader's sans-serif; any other font a figure names (the Computer Modern fonts
# of matplotlib's math, cmsy10 for the prime of $f''$) is refused.
FONT_FAMILY = re.compile(r"font-family: ?([^;\"]+)")
GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
TEXT_FONT = "'DejaVu Sans'"  # matplotlib's, first of the list it writes
MISSING_GLYPH = r"Glyph \d+ .* missing from font"
RED, BLUE, GREEN = "#e53935", "#1e88e5", "#43a047"
ORANGE, PURPLE, GRAY = "#fb8c00", "#ab47bc", "#9e9e9e"


@contextlib.contextmanager
def style(name, font_size=13):
    """matplotlib settings for one figure; ``name`` makes its SVG ids stable."""
    settings = {
        "text.color": INK, "axes.edgecolor": INK, "axes.labelcolor": INK,
        "xtick.color": INK, "ytick.color": INK, "axes.titlecolor": INK,
        "legend.frameon": False, "legend.labelcolor": INK,
        "axes.spines.top": False, "axes.spines.right": False,
        "font.size": font_size, "svg.hashsalt": name,
    }
    with plt.rc_context(settings), warnings.catch_warnings():
        warnings.filterwarnings("ignore", MISSING_GLYPH)  # see svg()
        yield


def svg(fig, max_width=640):
    """The figure as an SVG element that scales with the page, in the page's colours."""
    for text in fig.findobj(Text):
        words = text.get_text()
        if CJK.search(words) and cbook.is_math_text(words):
            raise ValueError(
                f"matplotlib's math ($...$) draws no Chinese: {words!r}; write the "
                "formula in plain text (h|f''|/2) or keep the Chinese out of $...$'s label"
            )
    buffer = io.StringIO()
    # Text stays text, drawn by the reader's own fonts: a Chinese label needs
    # no font file in the repository and none downloaded. matplotlib measures
    # a character it has no font for as a box 1.6 em wide, wider than the
    # reader's font draws it (1 em), so the figure keeps room for its labels.
    with plt.rc_context({"svg.fonttype": "none"}), warnings.catch_warnings():
        warnings.filterwarnings("ignore", MISSING_GLYPH)
        fig.savefig(buffer, format="svg", transparent=True, bbox_inches="tight",
                    metadata={"Date": None})
    plt.close(fig)
    text = buffer.getvalue()
    text = text[text.index("<svg"):].replace(INK, "currentColor")
    text = FONT_FAMILY.sub(lambda m: "font-family: sans-serif"
                           if m[1].startswith(TEXT_FONT) else m[0], text)
    others = sorted({f.strip("'") for f in FONT_FAMILY.findall(text)} - GENERIC)
    if others:
        raise ValueError(
            f"the figure draws text in {', '.join(others)}, a font the page does not "
            "serve (matplotlib's math draws the prime of $f''$ in cmsy10): write "
            "f\u2033 or f'' as plain text instead of math")
    text, found = re.subn(r'width="[\d.]+pt" height="[\d.]+pt"',
                          f'width="100%" style="max-width: {max_width}px; height: auto"',
                          text, count=1)
    assert found == 1, "matplotlib's SVG header changed"
    return text


def html_figure(fig, caption, max_width=640):
    """The figure with its caption, as the HTML of a ``<figure>``."""
    image = svg(fig, max_width).replace(
        "<svg ", f'<svg role="img" aria-label="{html.escape(caption)}" ', 1)
    return "\n".join([
        '<figure markdown="0" class="course-figure">',
        image,
        f"<figcaption>{html.escape(caption)}</figcaption>",
        "</figure>",
    ])


def show(fig, caption, max_width=640):
    """Print the figure with its caption, as HTML for the page.

    markdown-exec collects what a fence prints through a ``print`` of its own,
    which it puts in the fence's namespace; the caller's ``print`` is used
    here, so that the figure reaches the page (and pytest's capture, where the
    fence's ``print`` is the built-in one).
    """
    caller = sys._getframe(1).f_globals
    caller.get("print", builtins.print)(html_figure(fig, caption, max_width))
