"""pagefigure draws figures that read in both colour schemes."""

import matplotlib.pyplot as plt
import pytest

import pagefigure


def test_a_figure_follows_the_page_colour(capsys):
    with pagefigure.style("test"):
        fig, ax = plt.subplots()
        ax.plot([0, 1], [1, 0], color=pagefigure.INK, label="a line")
        ax.set_xlabel("x < 1")
        ax.legend()
    pagefigure.show(fig, "A line & its label")
    out = capsys.readouterr().out
    assert out.count("<svg") == 1 and "currentColor" in out
    assert pagefigure.INK not in out
    assert "#000000" not in out and "#ffffff" not in out  # no black ink, no white box
    assert 'role="img" aria-label="A line &amp; its label"' in out
    assert "<figcaption>A line &amp; its label</figcaption>" in out
    assert 'width="100%"' in out


def test_chinese_labels_stay_text_for_the_readers_fonts(recwarn):
    """No glyph of a font is embedded: the browser draws 步长 with the reader's font."""
    with pagefigure.style("test-zh"):
        fig, ax = plt.subplots()
        ax.plot([0, 1], [1, 0], color=pagefigure.INK, label="实测误差")
        ax.set_xlabel("步长 h")
        ax.legend()
    out = pagefigure.svg(fig)
    assert ">步长 h</text>" in out and ">实测误差</text>" in out
    assert "DejaVuSans-" not in out  # the id of every embedded glyph
    assert not [w for w in recwarn if "missing from font" in str(w.message)]


def test_chinese_inside_math_is_refused():
    """matplotlib's mathtext has no Chinese glyphs: 步长 would be drawn as boxes."""
    with pagefigure.style("test-zh-math"):
        fig, ax = plt.subplots()
        ax.set_xlabel("步长 $h$")
    with pytest.raises(ValueError, match=r"draws no Chinese: '步长 \$h\$'"):
        pagefigure.svg(fig)
    plt.close(fig)
