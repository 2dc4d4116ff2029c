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

# %% [markdown]
# # Error against step size
#
# Lesson 4 estimates derivatives with two formulas, the forward difference and
# the central difference:
#
# $$
# D^{+}_h f(x) = \frac{f(x + h) - f(x)}{h},
# \qquad
# D^{0}_h f(x) = \frac{f(x + h) - f(x - h)}{2h}.
# $$
#
# Their error has two parts. Truncation, from stopping the limit at a finite
# $h$, shrinks with $h$. Rounding, from the 16 digits of a float64 number,
# grows as $h$ shrinks. With $\varepsilon = 2^{-52} \approx 2.2 \times 10^{-16}$,
# the models of the pages [Too small a step](../../lesson4/step-size/) and
# [The central difference](../../lesson4/central-difference/) are
#
# $$
# \left| D^{+}_h f(x) - f'(x) \right| \lesssim \frac{h}{2} |f''(x)| + \frac{2 \varepsilon |f(x)|}{h},
# $$
#
# $$
# \left| D^{0}_h f(x) - f'(x) \right| \lesssim \frac{h^2}{6} |f'''(x)| + \frac{\varepsilon |f(x)|}{h}.
# $$
#
# On log-log axes a power law $C h^p$ is a straight line of slope $p$, since
# $\log(C h^p) = \log C + p \log h$. So the truncation parts should appear as
# lines of slope 1 (forward) and 2 (central), and the rounding parts as lines
# of slope $-1$. This notebook measures the errors for every step from
# $10^{-1}$ to $10^{-15}$, for three functions, and checks those slopes.

# %%
import matplotlib.pyplot as plt
import numpy as np

from fclesson import central_difference, forward_difference, gender

EPS = np.finfo(np.float64).eps  # 2.2e-16
steps = np.logspace(-1, -15, 57)  # four steps per decade, from 1e-1 down to 1e-15


def errors(f, x, exact):
    """Absolute errors of the forward and central differences, for every step."""
    forward = np.array([abs(forward_difference(f, x, h) - exact) for h in steps])
    central = np.array([abs(central_difference(f, x, h) - exact) for h in steps])
    return forward, central


def slope(error, smallest, largest):
    """Slope of log(error) against log(h), fitted on steps in [smallest, largest]."""
    keep = (steps >= smallest * 0.999) & (steps <= largest * 1.001)
    return np.polyfit(np.log10(steps[keep]), np.log10(error[keep]), 1)[0]


def plot(forward, central, title, references=()):
    """Both errors on log-log axes, with dashed reference lines (label, values)."""
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.loglog(steps, forward, "o-", color="#1e88e5", ms=4, label="forward difference")
    ax.loglog(steps, central, "s-", color="#43a047", ms=4, label="central difference")
    for (label, values), style in zip(references, ["--", ":", "-."]):
        ax.loglog(steps, values, linestyle=style, color="gray", lw=1.2, label=label)
    ax.axvline(1e-4, color="#e53935", lw=1, alpha=0.6)
    ax.text(0.8e-4, 0.1, "the lesson's $h = 10^{-4}$", color="#e53935", ha="left", fontsize=9)
    ax.set_ylim(1e-17, 1)
    ax.invert_xaxis()  # smaller steps to the right
    ax.set_xlabel("step $h$")
    ax.set_ylabel("absolute error")
    ax.set_title(title)
    ax.legend(fontsize=9, loc="lower left")
    ax.grid(True, which="major", alpha=0.3)
    plt.show()


assert len(steps) == 57 and steps[0] == 0.1 and abs(steps[-1] / 1e-15 - 1) < 1e-12
assert abs(EPS - 2.2e-16) < 0.05e-16

# %% [markdown]
# ## 1. The lesson's function, x² + 3x at x = 2
#
# Here $f(2) = 10$, $f'(2) = 7$, $f'' = 2$ and $f''' = 0$. The forward
# difference's truncation error is exactly $\frac{h}{2} \cdot 2 = h$: a line of
# slope 1. The central difference has **no** truncation error at all, since
# $f''' = 0$ (the Taylor series of a quadratic ends with its $h^2$ term): all
# of its error is rounding. It cannot show slope 2.

# %%
def f(x):
    return x**2 + 3 * x


forward, central = errors(f, 2.0, 7.0)
plot(
    forward,
    central,
    r"$f(x) = x^2 + 3x$ at $x = 2$",
    [("slope 1: $h$", steps), (r"slope $-1$: $\varepsilon |f| / h$", EPS * f(2.0) / steps)],
)

# %%
# forward: slope 1 while truncation dominates, and the error is h itself
assert abs(slope(forward, 1e-6, 1e-1) - 1) < 0.02
large = steps >= 1e-6
assert np.allclose(forward[large], steps[large], rtol=0.02)
# central: pure rounding, far below 1e-10 for every h >= 1e-4 ...
assert central[steps >= 1e-4].max() < 1e-10
# ... starting near 1e-14 at h = 0.1 ...
assert central[0] < 1e-13
# ... and growing as h shrinks, roughly like 1/h (slope about -1)
assert -1.6 < slope(central, 1e-13, 1e-3) < -0.5
# below 1e-8 rounding dominates both: errors of the same size (within a factor of 10)
small = steps <= 1e-8
assert np.all(np.maximum(forward[small] / central[small], central[small] / forward[small]) < 10)

# %% [markdown]
# The forward errors (blue) lie on the line $h$ down to about $10^{-7}$, then
# rise. The central errors (green) start at the level of rounding, about
# $10^{-14}$, and only rise: the smaller $h$, the more rounding, along the line
# $\frac{\varepsilon |f|}{h}$. Below $10^{-8}$ rounding dominates both
# formulas, and their errors are of the same size.

# %% [markdown]
# ## 2. A function with a third derivative: eˣ at x = 1
#
# For $f(x) = e^x$ every derivative equals $e^x$, so at $x = 1$ the models
# predict truncation errors of $\frac{h}{2} e$ (slope 1) and
# $\frac{h^2}{6} e$ (slope 2).
#
# Where is the best step? For the forward difference,
# $h^* = 2 \sqrt{\varepsilon |f| / |f''|} = 2 \sqrt{\varepsilon} \approx 3 \times 10^{-8}$.
# For the central difference, set the derivative of
# $\frac{h^2}{6} M + \frac{\varepsilon F}{h}$ to zero:
#
# $$
# \frac{h M}{3} - \frac{\varepsilon F}{h^2} = 0
# \quad \Longrightarrow \quad
# h^* = \left( \frac{3 \varepsilon F}{M} \right)^{1/3},
# $$
#
# here $(3 \varepsilon)^{1/3} \approx 9 \times 10^{-6}$: a larger step, because
# the truncation error falls faster.

# %%
forward, central = errors(np.exp, 1.0, np.e)
plot(
    forward,
    central,
    r"$f(x) = e^x$ at $x = 1$",
    [
        (r"slope 1: $\frac{h}{2} e$", steps / 2 * np.e),
        (r"slope 2: $\frac{h^2}{6} e$", steps**2 / 6 * np.e),
        (r"slope $-1$: $\varepsilon e / h$", EPS * np.e / steps),
    ],
)

# %%
forward_slope = slope(forward, 1e-6, 1e-2)
central_slope = slope(central, 1e-4, 1e-1)
print(f"fitted slopes: forward {forward_slope:.3f}, central {central_slope:.3f}")
assert abs(forward_slope - 1) < 0.05
assert abs(central_slope - 2) < 0.05
# the errors match the leading truncation terms where truncation dominates
assert np.allclose(forward[steps >= 1e-5], steps[steps >= 1e-5] / 2 * np.e, rtol=0.06)
assert np.allclose(central[steps >= 1e-3], steps[steps >= 1e-3] ** 2 / 6 * np.e, rtol=0.01)
# the predicted best steps, and where the measured minima are
assert abs(2 * np.sqrt(EPS) - 3e-8) < 0.1e-8
assert abs((3 * EPS) ** (1 / 3) - 9e-6) < 0.5e-6
assert 1e-9 <= steps[forward.argmin()] <= 1e-7
assert 1e-7 <= steps[central.argmin()] <= 1e-4
# the best central error is about a thousand times smaller than the best forward one
assert central.min() * 100 < forward.min()

# %% [markdown]
# Now both slopes are visible. From $h = 10^{-1}$ the blue points follow the
# slope-1 line and the green points the slope-2 line: each tenfold smaller step
# divides the forward error by 10 and the central error by 100. Each curve then
# meets the rounding line and turns up. The turn comes earlier for the central
# difference (near $10^{-5}$) than for the forward one (near $10^{-8}$), but at
# a much lower error.

# %% [markdown]
# ## 3. One weight of the gender network
#
# A gradient check applies the same formulas to the loss $E$ as a function of
# one weight. Take the hidden weight $w_{31}$ (in the code `weights[0][0, 0]`:
# layer 0 is the hidden layer, row 0 is neuron 3, column 0 the input $x_1$) of
# the gender network with the initial weights of `seed=0`, on the course's test
# sample $x = [-2, -1]$, $t = 1$.
#
# The exact derivative is unknown, so the error is measured against the value
# of backpropagation, $\frac{\partial E}{\partial w_{31}} = \delta_3 x_1$. If
# backpropagation is right, the curves look like those of $e^x$; a bug would
# show as a flat floor of errors at the size of the bug.

# %%
net = gender.network(seed=0)
x, t = np.array(gender.CHECK_X), np.array(gender.CHECK_TARGET)
W = net.weights[0]  # the hidden layer: [[w31, w32, b3], [w41, w42, b4]]
w31 = W[0, 0]
backprop = net.gradients(x, t)[0][0, 0]  # dE/dw31


def E(value):
    """E on the sample with w31 = value; every other weight unchanged."""
    W[0, 0] = value
    try:
        return net.loss(x, t)
    finally:
        W[0, 0] = w31


forward, central = errors(E, w31, backprop)
assert W[0, 0] == w31  # every weight is back
plot(
    forward,
    central,
    r"$E$ as a function of $w_{31}$ (gender network, seed 0)",
    [
        ("slope 1", forward[steps >= 1e-6][-1] * steps / 1e-6),
        ("slope 2", central[steps >= 1e-3][-1] * (steps / 1e-3) ** 2),
        (r"slope $-1$: $\varepsilon E / h$", EPS * E(w31) / steps),
    ],
)

# %%
forward_slope = slope(forward, 1e-6, 1e-2)
central_slope = slope(central, 1e-4, 1e-1)
print(f"dE/dw31 from backpropagation: {backprop:.10f}")
print(f"fitted slopes: forward {forward_slope:.3f}, central {central_slope:.3f}")
print(f"central difference at h = 1e-4: error {central[steps == 1e-4][0]:.1e}")
assert abs(forward_slope - 1) < 0.05
assert abs(central_slope - 2) < 0.05
# at the lesson's step the central estimate agrees with backpropagation to about
# 2e-10, six orders of magnitude inside the tolerance 1e-4
at_lesson_step = central[np.isclose(steps, 1e-4)][0]
assert at_lesson_step < 1e-4
assert 1e-10 < at_lesson_step < 3e-10
# the central error falls below 1e-10: no floor from a wrong gradient
assert central.min() < 1e-10
# every step from 1e-7 to 1e-3 would pass the check as well
middle = (steps >= 1e-7 * 0.999) & (steps <= 1e-3 * 1.001)
assert central[middle].max() < 1e-7

# %% [markdown]
# The network's loss behaves like any smooth function: slope 1 for the forward
# difference, slope 2 for the central one, then rounding. That the central error
# keeps falling along the slope-2 line to below $10^{-10}$ is itself evidence
# that backpropagation is right: a wrong gradient $g$ would make the error level off at
# $\left| g - \frac{\partial E}{\partial w_{31}} \right|$ instead of falling.
#
# At the lesson's step, $h = 10^{-4}$ (the red line), the central difference
# agrees with backpropagation to about $2 \times 10^{-10}$, far inside the
# lesson's tolerance of $10^{-4}$. Any step from about $10^{-3}$ to $10^{-7}$
# would do as well here; $10^{-4}$ sits safely in the middle.

# %% [markdown]
# ## Try it
#
# - Replace $e^x$ by $\sin x$ at $x = \pi / 2$, where $f''' = 0$ but
#   $f^{(5)} \neq 0$. Which slope does the central difference show?
# - Introduce a bug: measure the error against `backprop * 1.01`. Where do the
#   curves level off?
# - Repeat part 3 for the output weight $w_{53}$, `weights[1][0, 0]`.
