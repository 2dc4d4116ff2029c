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
# 只为网站而设。标记为 "hide" 的单元格在构建网站时运行（其中的检查失败，构建
# 就失败），但既不显示在页面上，也不出现在下载的笔记本里（hooks/notebooks.py）；
# 它们相当于页面的隐藏行。本单元格让每张图保存两份：一份是给页面用的 SVG，
# 背景透明，用页面的文字颜色绘制（pagefigure），在浅色和深色主题下都清晰可读；
# 另一份是给下载用的白底 PNG。
import html
import itertools
import warnings

import matplotlib.pyplot as plt
from IPython import get_ipython
from matplotlib.figure import Figure

import pagefigure  # 会把 matplotlib 切换到 Agg：下面再切回 inline 图像

get_ipython().run_line_magic("matplotlib", "inline")
for key in ("text.color", "axes.edgecolor", "axes.labelcolor", "axes.titlecolor",
            "xtick.color", "ytick.color", "grid.color", "legend.labelcolor"):
    plt.rcParams[key] = pagefigure.INK
plt.rcParams.update({"legend.frameon": False, "font.size": 12})
# 中文标签（本笔记本）：matplotlib 没有能画它们的字体；页面上的 SVG 把它们
# 保留为文字，由读者自己的字体来画（pagefigure）。
warnings.filterwarnings("ignore", pagefigure.MISSING_GLYPH)
figure_number = itertools.count(1)


def figure_svg(fig):
    with plt.rc_context({"svg.hashsalt": f"step_size-{next(figure_number)}"}):
        svg = pagefigure.svg(fig, max_width=480)
    label = html.escape(fig.axes[0].get_title() if fig.axes else "一张图")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


get_ipython().display_formatter.formatters["image/svg+xml"].for_type(Figure, figure_svg)

# %% [markdown]
# # 误差与步长
#
# 前向差分 $\frac{f(x + h) - f(x)}{h}$ 和中心差分 $\frac{f(x + h) - f(x - h)}{2h}$ 的误差都由两部分组成：截断误差随 $h$ 变小而减小，舍入误差则随 $h$ 变小而增大。记 $\varepsilon = 2^{-52} \approx 2.2 \times 10^{-16}$，[步长太小](../../lesson4/step-size/)和[中心差分](../../lesson4/central-difference/)两页给出的误差模型是
#
# $$
# e_{\text{forward}}(h) \approx \frac{h}{2} |f''| + \frac{2 \varepsilon |f|}{h},
# $$
#
# $$
# e_{\text{central}}(h) \approx \frac{h^2}{6} |f'''| + \frac{\varepsilon |f|}{h},
# $$
#
# 其中 $f$ 及其各阶导数都在 $x$ 处取值：每个 $f$ 值都有大约 $\varepsilon |f|$ 的误差（经过了几次舍入），前向差分把两个这样的值之差除以 $h$，中心差分则除以 $2h$。
#
# 在双对数坐标中，幂律 $C h^p$ 是一条斜率为 $p$ 的直线，因为 $\log(C h^p) = \log C + p \log h$。截断误差应当呈现为斜率 1（前向差分）和斜率 2（中心差分）的直线，舍入误差则是斜率 $-1$ 的直线。我们取三个函数，在 $10^{-1}$ 到 $10^{-15}$ 之间取 57 个步长，测量两种差分的误差。步长从左到右逐渐变小，所以斜率为正的直线向右下降。每幅图中，虚线是截断误差项，点线是舍入误差项，颜色与对应的差分相同。
#
# 上方的下载按钮提供这个笔记本（含输出），可以在 Jupyter 中打开。它导入了 `fclesson`：请在安装了本课程软件包的环境中运行。

# %%
import matplotlib.pyplot as plt
import numpy as np

from fclesson.lesson import central_difference, forward_difference, gender

EPS = np.finfo(np.float64).eps  # 2.2e-16
steps = np.logspace(-1, -15, 57)  # 每个数量级四个步长


def errors(f, x, exact):
    """两种差分在每个步长下的误差。"""
    forward = np.array([forward_difference(f, x, h) for h in steps])
    central = np.array([central_difference(f, x, h) for h in steps])
    return np.abs(forward - exact), np.abs(central - exact)


def slope(error, smallest, largest):
    """在一段步长范围内，log(error) 对 log(h) 的斜率。"""
    keep = (steps >= smallest * 0.999) & (steps <= largest * 1.001)
    log_h, log_error = np.log10(steps[keep]), np.log10(error[keep])
    return np.polyfit(log_h, log_error, 1)[0]


def plot(forward, central, title, forward_lines, central_lines):
    """双对数坐标画出两种误差，各带 (label, values, style) 给出的模型线。"""
    fig, ax = plt.subplots(figsize=(4.8, 4.4))  # 手机屏幕的宽度
    for error, lines, marker, color, name in [
            (forward, forward_lines, "o-", "tab:blue", "前向差分"),
            (central, central_lines, "s-", "tab:green", "中心差分")]:
        ax.loglog(steps, error, marker, ms=3, color=color, label=name)
        for label, values, style in lines:
            ax.loglog(steps, values, style, color=color, lw=1.5, label=label)
    ax.axvline(1e-4, color="tab:red", lw=1)
    ax.text(0.8e-4, 0.03, "h = 10⁻⁴")
    ax.set(xlabel="步长 h", ylabel="绝对误差", title=title)
    ax.set_ylim(1e-17, 1)
    ax.invert_xaxis()  # 步长越小越靠右
    ax.grid(alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2)
    plt.show()


# %% tags=["hide"]
assert len(steps) == 57 and steps[0] == 0.1 and abs(steps[-1] / 1e-15 - 1) < 1e-12
assert np.allclose(np.diff(np.log10(steps)), -0.25)  # 每个数量级四个步长
assert EPS == 2.0**-52 and abs(EPS - 2.2e-16) < 0.05e-16

# %% [markdown]
# ## 1. 课上的函数：x² + 3x 在 x = 2 处
#
# 这里 $f(2) = 10$，$f'(2) = 7$，$f'' = 2$，$f''' = 0$。前向差分的截断误差恰好是 $\frac{h}{2} \cdot 2 = h$：斜率为 1。中心差分**没有**截断误差，因为二次函数的泰勒级数到 $h^2$ 项就结束了：它的误差全部是舍入误差。

# %%
def f(x):
    return x**2 + 3 * x


forward, central = errors(f, 2.0, 7.0)
plot(forward, central, "f(x) = x² + 3x，在 x = 2 处",
     [("h", steps, "--"),
      ("2ε|f|/h", 2 * EPS * f(2.0) / steps, ":")],
     [("ε|f|/h", EPS * f(2.0) / steps, ":")])

# %% tags=["hide"]
assert (f(2.0), 2 * 2.0 + 3) == (10.0, 7.0)
# 前向差分的误差都在模型 h + 2 eps |f| / h 之下
assert np.all(forward <= steps + 2 * EPS * f(2.0) / steps)
# 前向差分：截断误差占主导时斜率为 1，误差就是 h 本身
assert abs(slope(forward, 1e-6, 1e-1) - 1) < 0.02
large = steps >= 1e-6 * 0.999
assert np.allclose(forward[large], steps[large], rtol=0.02)
# 大约 1e-7 以下舍入误差占上风：模型的两项在 h = 2 eps |f| / h 处相交，
# 即 6.7e-8；1e-8 以下误差在直线 h 之上
assert 10**-7.5 < np.sqrt(2 * EPS * f(2.0)) < 10**-6.5
assert np.all(forward[steps <= 1e-8] > steps[steps <= 1e-8])
# 中心差分：h = 0.1 时约为 1e-14，之后增大，但始终在直线 eps |f| / h 之下
assert 10**-14.5 < central[0] < 10**-13.5
assert np.all(central < EPS * f(2.0) / steps)
assert central[steps >= 1e-4 * 0.999].max() < 1e-10
assert -1.6 < slope(central, 1e-13, 1e-3) < -0.5
# 1e-8 以下两种误差都是舍入误差，大小相当（相差不到 10 倍）
small = steps <= 1e-8
ratio = forward[small] / central[small]
assert np.all((ratio < 10) & (ratio > 0.1))

# %% [markdown]
# 前向差分的误差（蓝色）在 $h = 10^{-6}$ 之前都落在直线 $h$ 上；大约 $10^{-7}$ 以下，舍入误差占了上风，误差转而上升，但仍在直线 $\frac{2 \varepsilon |f|}{h}$ 之下。中心差分的误差（绿色）从约 $10^{-14}$ 开始，随 $h$ 变小而增大，始终在直线 $\frac{\varepsilon |f|}{h}$ 之下。$10^{-8}$ 以下两者都是舍入误差，大小相当。

# %% [markdown]
# ## 2. 有三阶导数的函数：eˣ 在 x = 1 处
#
# $e^x$ 的各阶导数都是 $e^x$，所以在 $x = 1$ 处，模型预测的截断误差是 $\frac{h}{2} e$（斜率 1）和 $\frac{h^2}{6} e$（斜率 2）。使每个模型误差最小的步长 $h^*$ 在[误差与 h 的关系及其理论](../../beyond/error-vs-h/#the-best-step)一页推导。这里 $|f| = |f''| = |f'''| = e$，所以 $h^* = 2 \sqrt{\varepsilon} \approx 3.0 \times 10^{-8}$（前向）和 $(3 \varepsilon)^{1/3} \approx 8.7 \times 10^{-6}$（中心）；中心差分的最佳步长更大，因为它的截断误差下降得更快。

# %%
forward, central = errors(np.exp, 1.0, np.e)
plot(forward, central, "f(x) = eˣ，在 x = 1 处",
     [("(h/2)·e", steps / 2 * np.e, "--"),
      ("2ε·e/h", 2 * EPS * np.e / steps, ":")],
     [("(h²/6)·e", steps**2 / 6 * np.e, "--"),
      ("ε·e/h", EPS * np.e / steps, ":")])
fits = slope(forward, 1e-6, 1e-2), slope(central, 1e-4, 1e-1)
model = 2 * np.sqrt(EPS), (3 * EPS) ** (1 / 3)  # 最佳步长
best = steps[forward.argmin()], steps[central.argmin()]
print("    前向     中心")
print("{:8.3f} {:8.3f}  拟合的斜率".format(*fits))
print("{:8.1e} {:8.1e}  最佳 h（模型）".format(*model))
print("{:8.1e} {:8.1e}  最佳 h（实测）".format(*best))

# %% tags=["hide"]
assert abs(slope(forward, 1e-6, 1e-2) - 1) < 0.005
assert abs(slope(central, 1e-4, 1e-1) - 2) < 0.005
# 在截断误差占主导的范围内，误差与截断误差的首项吻合
on_line = steps >= 1e-5 * 0.999
assert np.allclose(forward[on_line], steps[on_line] / 2 * np.e, rtol=0.06)
on_line = steps >= 1e-4 * 0.999
assert np.allclose(central[on_line], steps[on_line] ** 2 / 6 * np.e, rtol=0.02)
on_line = steps >= 1e-3 * 0.999
assert np.allclose(central[on_line], steps[on_line] ** 2 / 6 * np.e, rtol=0.01)
# 模型的最佳步长，与正文所引一致（也与 beyond/error-vs-h.md 一致）
assert abs(2 * np.sqrt(EPS) - 3.0e-8) < 0.05e-8
assert abs((3 * EPS) ** (1 / 3) - 8.7e-6) < 0.05e-6
# 实测的最佳步长：在 1e-8 和 3e-6 附近，与模型的相差不到 3 倍，
# 且中心差分在该处的误差要低 100 倍以上
assert 0.5e-8 <= steps[forward.argmin()] <= 2e-8
assert 1.5e-6 <= steps[central.argmin()] <= 6e-6
for found, predicted in zip(best, model):
    assert 1 / 3 < found / predicted < 3
assert central.min() * 100 < forward.min()

# %% [markdown]
# 这一次两种斜率都显现出来了：步长每缩小 10 倍，前向差分的误差就缩小 10 倍，中心差分的误差缩小 100 倍，直到舍入误差让曲线折返向上。误差最低点所在的步长与模型的最佳步长相差不到 3 倍，分别在 $10^{-8}$（前向）和 $3 \times 10^{-6}$（中心）附近，而中心差分的最低误差要低一百多倍。

# %% [markdown]
# ## 3. 性别预测网络的一个权重
#
# 梯度检查把同样的公式用在损失 $E$ 上，把 $E$ 看成某一个权重的函数。这里取 `seed=0` 的性别预测网络中的 $w_{31}$，即 `weights[0][0, 0]`（见[符号](../../notation/)），样本是用于检查的 $x = [-2, -1]$，$t = 1$。误差相对于反向传播算出的 $\frac{\partial E}{\partial w_{31}}$ 来测量。如果反向传播是对的，曲线应当和 $e^x$ 的相似；如果有错误，曲线会停在与错误大小相当的一个平台上。

# %%
network = gender.network(seed=0)
x, t = np.array(gender.CHECK_X), np.array(gender.CHECK_TARGET)
layer, row, column = 0, 0, 0  # w31
W = network.weights[layer]
w = W[row, column]
backprop = network.gradients(x, t)[layer][row, column]


def E(value):
    """把这个权重设为 value 时，(x, t) 上的损失。"""
    W[row, column] = value
    try:
        return network.loss(x, t)
    finally:
        W[row, column] = w


forward, central = errors(E, w, backprop)
k = np.flatnonzero(np.isclose(steps, 1e-4))[0]  # h = 1e-4
name = network.name(layer, row, column)
plot(forward, central, f"E 作为 {name} 的函数",
     [("斜率 1", forward[k] * steps / 1e-4, "--"),
      ("2ε·E/h", 2 * EPS * E(w) / steps, ":")],
     [("斜率 2", central[k] * (steps / 1e-4) ** 2, "--"),
      ("ε·E/h", EPS * E(w) / steps, ":")])
fits = slope(forward, 1e-6, 1e-2), slope(central, 1e-4, 1e-1)
print(f"dE/d{name} = {backprop:.10f}")
print("    前向     中心")
print("{:8.3f} {:8.3f}  拟合的斜率".format(*fits))
print("{:8.1e} {:8.1e}  h = 1e-4 处的误差".format(forward[k], central[k]))

# %% tags=["hide"]
assert W[row, column] == w  # 每个权重都已复原
assert name == "w31" and (tuple(x), tuple(t)) == ((-2.0, -1.0), (1.0,))
assert abs(slope(forward, 1e-6, 1e-2) - 1) < 0.05
assert abs(slope(central, 1e-4, 1e-1) - 2) < 0.05
# 在课上的步长处：约 2e-10，远小于容差 1e-4
assert abs(central[k] - 2.0e-10) < 0.05e-10
# 中心差分的误差沿斜率为 2 的直线下降到 1e-10 以下
on_line = steps >= 5e-5
assert np.allclose(central[on_line], central[k] * (steps[on_line] / 1e-4) ** 2,
                   rtol=0.02)
assert central[on_line].min() < 1e-10
# 从 1e-7 到 1e-3 的每个步长也都能通过检查
middle = (steps >= 1e-7 * 0.999) & (steps <= 1e-3 * 1.001)
assert central[middle].max() < 1e-7

# %% [markdown]
# 损失函数的表现和任何光滑函数一样：先是斜率 1、斜率 2，然后是舍入误差。中心差分的误差沿斜率为 2 的直线一直降到 $10^{-10}$ 以下，说明反向传播与代码中写出的损失函数一致：如果梯度 $g$ 算错了，误差会停在 $\left| g - \frac{\partial E}{\partial w_{31}} \right|$ 处。
#
# 在课上的步长 $h = 10^{-4}$（红线）处，两者相差约 $2 \times 10^{-10}$，远小于容差 $10^{-4}$。从 $10^{-7}$ 到 $10^{-3}$ 的任何步长也都能通过；$10^{-4}$ 稳稳地位于这个范围之内。

# %% [markdown]
# ## 动手试试
#
# 1. 在第 2 部分中，把 $e^x$ 换成 $x = 0$ 处的 $x^5$：`errors(lambda x: x**5, 0.0, 0.0)`。这里 $f''' = 0$，但 $f^{(5)} = 120$。中心差分呈现出什么斜率？用 `slope(central, 1e-15, 1e-1)` 测一测。
#
# <details class="success"><summary>参考答案</summary>
#
# 斜率为 4，两个公式都是。$x^5$ 的前四阶导数在 0 处都为零，所以两个截断误差模型都是 0，只剩下泰勒级数的下一项 $\frac{h^4}{120} f^{(5)} = h^4$：前向差分恰好是 $\frac{h^5}{h} = h^4$，中心差分恰好是 $\frac{h^5 + h^5}{2h} = h^4$。在 $h \approx 6 \times 10^{-5}$ 以下，数据点落到图外，因为那里 $h^4 < 10^{-17}$。曲线始终不会折返向上：$f(0) = 0$，$f(\pm h) = \pm h^5$ 的计算都只有相对 $\varepsilon$ 的误差，所以舍入误差只有约 $\varepsilon h^4$。
#
# </details>
#
# 2. 在第 3 部分中，改用一个错误的梯度来测量：`errors(E, w, backprop * 1.01)`。曲线停在哪里？
#
# <details class="success"><summary>参考答案</summary>
#
# 停在错误的大小上：$0.01 \left| \frac{\partial E}{\partial w_{31}} \right| \approx 7.4 \times 10^{-4}$，对从 $10^{-3}$ 到 $10^{-12}$ 的每个步长，误差与它的差别都在 10% 以内。它大于容差 $10^{-4}$：检查会把这个权重标出来。
#
# </details>
#
# 3. 对输出层的权重 $w_{53}$ 重做第 3 部分：`layer, row, column = 1, 0, 0`。
#
# <details class="success"><summary>参考答案</summary>
#
# 图像相同：先是斜率 1 和 2，然后是舍入误差。反向传播给出 $\frac{\partial E}{\partial w_{53}} = -0.1149$，在 $h = 10^{-4}$ 处中心差分与它相差 $9.6 \times 10^{-12}$。
#
# </details>

# %% tags=["hide"]
# 动手试试 1：x^5 在 0 处，两种误差都恰好是 h^4（只差 h^4 本身的舍入）
fifth = errors(lambda x: x**5, 0.0, 0.0)
for error in fifth:
    assert np.allclose(error, steps**4, rtol=1e-14, atol=0)
    assert abs(slope(error, 1e-15, 1e-1) - 4) < 1e-6
assert abs(1e-17 ** (1 / 4) - 6e-5) < 0.5e-5
assert np.all(fifth[1][steps < 5e-5] < 1e-17)

# 动手试试 2：dE/dw31 有 1% 错误时误差的平台
bug = 0.01 * abs(backprop)
assert abs(bug - 7.4e-4) < 0.05e-4 and bug > 1e-4
middle = (steps >= 1e-12 * 0.999) & (steps <= 1e-3 * 1.001)
for error in errors(E, w, backprop * 1.01):
    assert np.all(np.abs(error[middle] / bug - 1) < 0.1)
    assert error[k] > 1e-4

# 动手试试 3：输出层的权重 w53
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
