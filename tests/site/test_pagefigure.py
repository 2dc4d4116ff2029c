"""pagefigure draws figures that read in both colour schemes."""

import matplotlib.pyplot as plt

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
