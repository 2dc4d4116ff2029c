# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% tags=["hide"]
# For the site only. Cells tagged "hide" run when the site is built (a failing
# check fails the build) but show neither on the page nor in the downloaded
# notebook (hooks/notebooks.py); they are the page's hidden lines. This one
# stores each figure twice: as SVG for the page, transparent and drawn in the
# page's text colour (pagefigure), so it reads in the light and the dark
# scheme, and as PNG on white for the download.
import html
import itertools
import warnings

import matplotlib.pyplot as plt
from IPython import get_ipython
from matplotlib.figure import Figure

import pagefigure  # switches matplotlib to Agg: back to inline figures

get_ipython().run_line_magic("matplotlib", "inline")
for key in ("text.color", "axes.edgecolor", "axes.labelcolor", "axes.titlecolor",
            "xtick.color", "ytick.color", "grid.color", "legend.labelcolor"):
    plt.rcParams[key] = pagefigure.INK
plt.rcParams.update({"legend.frameon": False, "font.size": 12})
# Chinese labels (step_size.zh.py): matplotlib has no font for them, and the
# page's SVG keeps them as text for the reader's fonts (pagefigure).
warnings.filterwarnings("ignore", pagefigure.MISSING_GLYPH)
figure_number = itertools.count(1)


def figure_svg(fig):
    with plt.rc_context({"svg.hashsalt": f"step_size-{next(figure_number)}"}):
        svg = pagefigure.svg(fig, max_width=480)
    label = html.escape(fig.axes[0].get_title() if fig.axes else "A figure")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


get_ipython().display_formatter.formatters["image/svg+xml"].for_type(Figure, figure_svg)

# %% [markdown]
# # Error against step size
#
# The error of the forward difference $\frac{f(x + h) - f(x)}{h}$ and of the
# central difference $\frac{f(x + h) - f(x - h)}{2h}$ has two parts:
# truncation, which shrinks with $h$, and rounding, which grows as $h$
# shrinks. With $\varepsilon = 2^{-52} \approx 2.2 \times 10^{-16}$,
# [Too small a step](../../lesson4/step-size/) and
# [The central difference](../../lesson4/central-difference/) model them as
#
# $$
# e_{\text{forward}}(h) \approx \frac{h}{2} |f''| + \frac{2 \varepsilon |f|}{h},
# $$
#
# $$
# e_{\text{central}}(h) \approx \frac{h^2}{6} |f'''| + \frac{\varepsilon |f|}{h},
# $$
#
# with $f$ and its derivatives taken at $x$: each value of $f$ is off by
# about $\varepsilon |f|$ (a few roundings), and the forward difference divides
# the difference of two such values by $h$, the central one by $2h$.
#
# On log-log axes a power law $C h^p$ is a straight line of slope $p$, since
# $\log(C h^p) = \log C + p \log h$. Truncation should show as lines of slope 1
# (forward) and 2 (central), rounding as lines of slope $-1$. We measure both
# errors for 57 steps from $10^{-1}$ to $10^{-15}$, for three functions. The
# steps shrink from left to right, so a line of positive slope falls to the
# right. In each figure the dashed lines are truncation terms and the dotted
# lines rounding terms, in the colour of their difference.
#
# The download button above gives this notebook with its outputs, for Jupyter.
# It imports `fclesson`: run it where the course's package is installed.

# %%
import matplotlib.pyplot as plt
import numpy as np

from fclesson.lesson import central_difference, forward_difference, gender

EPS = np.finfo(np.float64).eps  # 2.2e-16
steps = np.logspace(-1, -15, 57)  # four steps per decade


def errors(f, x, exact):
    """Errors of both differences, for every step."""
    forward = np.array([forward_difference(f, x, h) for h in steps])
    central = np.array([central_difference(f, x, h) for h in steps])
    return np.abs(forward - exact), np.abs(central - exact)


def slope(error, smallest, largest):
    """Slope of log(error) against log(h), for steps in a range."""
    keep = (steps >= smallest * 0.999) & (steps <= largest * 1.001)
    log_h, log_error = np.log10(steps[keep]), np.log10(error[keep])
    return np.polyfit(log_h, log_error, 1)[0]


def plot(forward, central, title, forward_lines, central_lines):
    """Both errors, log-log, each with its (label, values, style) model lines."""
    fig, ax = plt.subplots(figsize=(4.8, 4.4))  # a phone's width
    for error, lines, marker, color, name in [
            (forward, forward_lines, "o-", "tab:blue", "forward"),
            (central, central_lines, "s-", "tab:green", "central")]:
        ax.loglog(steps, error, marker, ms=3, color=color, label=name)
        for label, values, style in lines:
            ax.loglog(steps, values, style, color=color, lw=1.5, label=label)
    ax.axvline(1e-4, color="tab:red", lw=1)
    ax.text(0.8e-4, 0.03, "h = 10⁻⁴")
    ax.set(xlabel="step h", ylabel="absolute error", title=title)
    ax.set_ylim(1e-17, 1)
    ax.invert_xaxis()  # smaller steps to the right
    ax.grid(alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2)
    plt.show()


# %% tags=["hide"]
assert len(steps) == 57 and steps[0] == 0.1 and abs(steps[-1] / 1e-15 - 1) < 1e-12
assert np.allclose(np.diff(np.log10(steps)), -0.25)  # four steps per decade
assert EPS == 2.0**-52 and abs(EPS - 2.2e-16) < 0.05e-16

# %% [markdown]
# ## 1. The lesson's function, x² + 3x at x = 2
#
# Here $f(2) = 10$, $f'(2) = 7$, $f'' = 2$ and $f''' = 0$. The forward
# difference's truncation error is exactly $\frac{h}{2} \cdot 2 = h$: slope 1.
# The central difference has **no** truncation error, since the Taylor series
# of a quadratic ends with its $h^2$ term: all of its error is rounding.

# %%
def f(x):
    return x**2 + 3 * x


forward, central = errors(f, 2.0, 7.0)
plot(forward, central, "f(x) = x² + 3x at x = 2",
     [("h", steps, "--"),
      ("2ε|f|/h", 2 * EPS * f(2.0) / steps, ":")],
     [("ε|f|/h", EPS * f(2.0) / steps, ":")])

# %% tags=["hide"]
assert (f(2.0), 2 * 2.0 + 3) == (10.0, 7.0)
# the forward errors stay below the model h + 2 eps |f| / h
assert np.all(forward <= steps + 2 * EPS * f(2.0) / steps)
# forward: slope 1 while truncation dominates, and the error is h itself
assert abs(slope(forward, 1e-6, 1e-1) - 1) < 0.02
large = steps >= 1e-6 * 0.999
assert np.allclose(forward[large], steps[large], rtol=0.02)
# below about 1e-7 rounding takes over: the model's two terms cross at
# h = 2 eps |f| / h, 6.7e-8, and below 1e-8 the error is above the line h
assert 10**-7.5 < np.sqrt(2 * EPS * f(2.0)) < 10**-6.5
assert np.all(forward[steps <= 1e-8] > steps[steps <= 1e-8])
# central: about 1e-14 at h = 0.1, then growing, below the line eps |f| / h
assert 10**-14.5 < central[0] < 10**-13.5
assert np.all(central < EPS * f(2.0) / steps)
assert central[steps >= 1e-4 * 0.999].max() < 1e-10
assert -1.6 < slope(central, 1e-13, 1e-3) < -0.5
# below 1e-8 both errors are rounding, of the same size (within a factor of 10)
small = steps <= 1e-8
ratio = forward[small] / central[small]
assert np.all((ratio < 10) & (ratio > 0.1))

# %% [markdown]
# The forward errors (blue) lie on the line $h$ down to $h = 10^{-6}$; below
# about $10^{-7}$ rounding takes over and they rise, below the line
# $\frac{2 \varepsilon |f|}{h}$. The central errors (green) start at about
# $10^{-14}$ and grow as $h$ shrinks, below the line
# $\frac{\varepsilon |f|}{h}$. Below $10^{-8}$ both are rounding, of the same
# size.

# %% [markdown]
# ## 2. A function with a third derivative: eˣ at x = 1
#
# Every derivative of $e^x$ is $e^x$, so at $x = 1$ the models predict
# truncation errors of $\frac{h}{2} e$ (slope 1) and $\frac{h^2}{6} e$
# (slope 2). The step that minimises each model, $h^*$, is derived on
# [Error against h](../../beyond/error-vs-h/#the-best-step). Here
# $|f| = |f''| = |f'''| = e$, so $h^* = 2 \sqrt{\varepsilon} \approx
# 3.0 \times 10^{-8}$ (forward) and $(3 \varepsilon)^{1/3} \approx
# 8.7 \times 10^{-6}$ (central), larger because truncation falls faster.

# %%
forward, central = errors(np.exp, 1.0, np.e)
plot(forward, central, "f(x) = eˣ at x = 1",
     [("(h/2)·e", steps / 2 * np.e, "--"),
      ("2ε·e/h", 2 * EPS * np.e / steps, ":")],
     [("(h²/6)·e", steps**2 / 6 * np.e, "--"),
      ("ε·e/h", EPS * np.e / steps, ":")])
fits = slope(forward, 1e-6, 1e-2), slope(central, 1e-4, 1e-1)
model = 2 * np.sqrt(EPS), (3 * EPS) ** (1 / 3)  # the best steps
best = steps[forward.argmin()], steps[central.argmin()]
print("               forward  central")
print("fitted slope  {:8.3f} {:8.3f}".format(*fits))
print("best h, model {:8.1e} {:8.1e}".format(*model))
print("measured      {:8.1e} {:8.1e}".format(*best))

# %% tags=["hide"]
assert abs(slope(forward, 1e-6, 1e-2) - 1) < 0.005
assert abs(slope(central, 1e-4, 1e-1) - 2) < 0.005
# the errors follow the leading truncation terms where truncation dominates
on_line = steps >= 1e-5 * 0.999
assert np.allclose(forward[on_line], steps[on_line] / 2 * np.e, rtol=0.06)
on_line = steps >= 1e-4 * 0.999
assert np.allclose(central[on_line], steps[on_line] ** 2 / 6 * np.e, rtol=0.02)
on_line = steps >= 1e-3 * 0.999
assert np.allclose(central[on_line], steps[on_line] ** 2 / 6 * np.e, rtol=0.01)
# the model's best steps, as quoted (they agree with beyond/error-vs-h.md)
assert abs(2 * np.sqrt(EPS) - 3.0e-8) < 0.05e-8
assert abs((3 * EPS) ** (1 / 3) - 8.7e-6) < 0.05e-6
# the measured best steps: near 1e-8 and near 3e-6, within a factor of 3
# of the model's, and the central error there is over 100 times lower
assert 0.5e-8 <= steps[forward.argmin()] <= 2e-8
assert 1.5e-6 <= steps[central.argmin()] <= 6e-6
for found, predicted in zip(best, model):
    assert 1 / 3 < found / predicted < 3
assert central.min() * 100 < forward.min()

# %% [markdown]
# Now both slopes show: each tenfold smaller step divides the forward error by
# 10 and the central error by 100, until rounding turns the curve up. The
# lowest errors lie within a factor of 3 of the model's best steps, near
# $10^{-8}$ (forward) and $3 \times 10^{-6}$ (central), and the central one is
# over a hundred times lower.

# %% [markdown]
# ## 3. One weight of the gender network
#
# A gradient check applies the same formulas to the loss $E$ as a function of
# one weight: here $w_{31}$, `weights[0][0, 0]` ([Notation](../../notation/)),
# of the gender network with `seed=0`, on the check sample $x = [-2, -1]$,
# $t = 1$. The error is measured against backpropagation's
# $\frac{\partial E}{\partial w_{31}}$. If that is right, the curves look like
# those of $e^x$; a bug shows as a floor at the size of the bug.

# %%
network = gender.network(seed=0)
x, t = np.array(gender.CHECK_X), np.array(gender.CHECK_TARGET)
layer, row, column = 0, 0, 0  # w31
W = network.weights[layer]
w = W[row, column]
backprop = network.gradients(x, t)[layer][row, column]


def E(value):
    """The loss on (x, t), with the weight set to value."""
    W[row, column] = value
    try:
        return network.loss(x, t)
    finally:
        W[row, column] = w


forward, central = errors(E, w, backprop)
k = np.flatnonzero(np.isclose(steps, 1e-4))[0]  # h = 1e-4
name = network.name(layer, row, column)
plot(forward, central, f"E as a function of {name}",
     [("slope 1", forward[k] * steps / 1e-4, "--"),
      ("2ε·E/h", 2 * EPS * E(w) / steps, ":")],
     [("slope 2", central[k] * (steps / 1e-4) ** 2, "--"),
      ("ε·E/h", EPS * E(w) / steps, ":")])
fits = slope(forward, 1e-6, 1e-2), slope(central, 1e-4, 1e-1)
print(f"dE/d{name} = {backprop:.10f}")
print("               forward  central")
print("fitted slope  {:8.3f} {:8.3f}".format(*fits))
print("error at 1e-4 {:8.1e} {:8.1e}".format(forward[k], central[k]))

# %% tags=["hide"]
assert W[row, column] == w  # every weight is back
assert name == "w31" and (tuple(x), tuple(t)) == ((-2.0, -1.0), (1.0,))
assert abs(slope(forward, 1e-6, 1e-2) - 1) < 0.05
assert abs(slope(central, 1e-4, 1e-1) - 2) < 0.05
# at the lesson's step: about 2e-10, far inside the tolerance 1e-4
assert abs(central[k] - 2.0e-10) < 0.05e-10
# the central error falls along the slope-2 line to below 1e-10
on_line = steps >= 5e-5
assert np.allclose(central[on_line], central[k] * (steps[on_line] / 1e-4) ** 2,
                   rtol=0.02)
assert central[on_line].min() < 1e-10
# every step from 1e-7 to 1e-3 would pass the check as well
middle = (steps >= 1e-7 * 0.999) & (steps <= 1e-3 * 1.001)
assert central[middle].max() < 1e-7

# %% [markdown]
# The loss behaves like any smooth function: slope 1, slope 2, then rounding.
# The central error falls along the slope-2 line to below $10^{-10}$, so
# backpropagation agrees with the loss as coded: a wrong gradient $g$ would
# level off at $\left| g - \frac{\partial E}{\partial w_{31}} \right|$.
#
# At the lesson's step, $h = 10^{-4}$ (the red line), the two agree to about
# $2 \times 10^{-10}$, far inside the tolerance $10^{-4}$. Any step from
# $10^{-7}$ to $10^{-3}$ would pass as well; $10^{-4}$ sits safely inside.

# %% [markdown]
# ## Try it
#
# 1. In part 2, replace $e^x$ by $x^5$ at $x = 0$:
#    `errors(lambda x: x**5, 0.0, 0.0)`. There $f''' = 0$ but
#    $f^{(5)} = 120$. Which slope does the central difference show? Measure it
#    with `slope(central, 1e-15, 1e-1)`.
#
# <details class="success"><summary>Answer</summary>
#
# Slope 4, for both formulas. The first four derivatives of $x^5$ vanish at 0,
# so both truncation models are 0 and the next Taylor term,
# $\frac{h^4}{120} f^{(5)} = h^4$, is all that is left: the forward difference
# is $\frac{h^5}{h} = h^4$ and the central one $\frac{h^5 + h^5}{2h} = h^4$,
# exactly. The points leave the plot below $h \approx 6 \times 10^{-5}$, where
# $h^4 < 10^{-17}$. They never turn up: $f(0) = 0$ and $f(\pm h) = \pm h^5$
# are computed to a relative $\varepsilon$, so rounding is only about
# $\varepsilon h^4$.
#
# </details>
#
# 2. In part 3, measure against a wrong gradient,
#    `errors(E, w, backprop * 1.01)`. Where do the curves level off?
#
# <details class="success"><summary>Answer</summary>
#
# At the size of the bug, $0.01 \left| \frac{\partial E}{\partial w_{31}}
# \right| \approx 7.4 \times 10^{-4}$, within 10% for every step from
# $10^{-3}$ to $10^{-12}$. That is above the tolerance $10^{-4}$: the check
# flags the weight.
#
# </details>
#
# 3. Repeat part 3 for the output weight $w_{53}$:
#    `layer, row, column = 1, 0, 0`.
#
# <details class="success"><summary>Answer</summary>
#
# The same picture: slopes 1 and 2, then rounding. Backpropagation gives
# $\frac{\partial E}{\partial w_{53}} = -0.1149$, and at $h = 10^{-4}$ the
# central difference agrees to $9.6 \times 10^{-12}$.
#
# </details>

# %% tags=["hide"]
# Try it, 1: x^5 at 0, both errors exactly h^4 (to rounding of h^4 itself)
fifth = errors(lambda x: x**5, 0.0, 0.0)
for error in fifth:
    assert np.allclose(error, steps**4, rtol=1e-14, atol=0)
    assert abs(slope(error, 1e-15, 1e-1) - 4) < 1e-6
assert abs(1e-17 ** (1 / 4) - 6e-5) < 0.5e-5
assert np.all(fifth[1][steps < 5e-5] < 1e-17)

# Try it, 2: the floor of a 1% bug in dE/dw31
bug = 0.01 * abs(backprop)
assert abs(bug - 7.4e-4) < 0.05e-4 and bug > 1e-4
middle = (steps >= 1e-12 * 0.999) & (steps <= 1e-3 * 1.001)
for error in errors(E, w, backprop * 1.01):
    assert np.all(np.abs(error[middle] / bug - 1) < 0.1)
    assert error[k] > 1e-4

# Try it, 3: the output weight w53
layer, row, column = 1, 0, 0
W = network.weights[layer]
w = W[row, column]
backprop = network.gradients(x, t)[layer][row, column]
forward, central = errors(E, w, backprop)
assert network.name(layer, row, column) == "w53"
assert abs(backprop - (-0.1149)) < 0.00005
assert abs(slope(forward, 1e-6, 1e-2) - 1) < 0.05
assert abs(slope(central, 1e-4, 1e-1) - 2) < 0.05
assert abs(central[k] - 9.6e-12) < 0.05e-12
assert W[row, column] == w
