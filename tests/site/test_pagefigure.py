"""pagefigure draws figures that read in both colour schemes."""

import matplotlib.pyplot as plt
import pytest

import pagefigure


def line_figure(name, label, xlabel):
    """A figure of one line in the page's ink, with a legend and an axis label."""
    with pagefigure.style(name):
        fig, ax = plt.subplots()
        ax.plot([0, 1], [1, 0], color=pagefigure.INK, label=label)
        ax.set_xlabel(xlabel)
        ax.legend()
    return fig


def test_a_figure_follows_the_page_colour(capsys):
    fig = line_figure("test", "a line", "x < 1")
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
    out = pagefigure.svg(line_figure("test-zh", "实测误差", "步长 h"))
    assert ">步长 h</text>" in out and ">实测误差</text>" in out
    assert "DejaVuSans-" not in out  # the id of every embedded glyph
    assert not [w for w in recwarn if "missing from font" in str(w.message)]


def test_chinese_inside_math_is_refused():
    """matplotlib's mathtext has no Chinese glyphs: 步长 would be drawn as boxes."""
    fig = line_figure("test-zh-math", "实测误差", "步长 $h$")
    with pytest.raises(ValueError, match=r"draws no Chinese: '步长 \$h\$'"):
        pagefigure.svg(fig)
    plt.close(fig)


def test_a_figure_names_only_generic_fonts():
    out = pagefigure.svg(line_figure("test-font", "forward, h|f\u2033|/2", "$w_{53}$"))
    assert set(pagefigure.FONT_FAMILY.findall(out)) == {"sans-serif"}


def test_a_font_the_page_does_not_serve_is_refused():
    """matplotlib draws the prime of $f''$ with cmsy10's glyph "0": without cmsy10,
    a browser shows f⁰⁰."""
    fig = line_figure("test-prime", r"$\frac{h}{2}|f''|$", "h")
    with pytest.raises(ValueError, match="draws text in cmsy10, a font the page does not"):
        pagefigure.svg(fig)
