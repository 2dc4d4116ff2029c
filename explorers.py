"""The explorers of the step h: markup and data for docs/javascripts/explorers.js.

A page prints an explorer in an exec fence (``python exec="on" html="true"``):

- ``explorers.step_size("en")``: the forward and the central difference of
  x² + 3x at x = 2 for h = 10^-k, k = 1 .. 16, and a ring on the page's
  figure. The figure is the page's own: its series of measured errors drawn
  with ``gid="step-size-forward"`` (and ``"step-size-central"``), one marker
  per k.
- ``explorers.one_weight(net, x, t, "en")``: the central difference of E for
  one weight of the output layer, and backpropagation's value. The network's
  weights, the input and the target are written into the page as JSON while
  the site is built, so a change in fclesson changes the explorer.

The script computes every number in the reader's browser. The markup carries
its labels in the page's language ("en" or "zh"), and stays hidden until the
script runs: without JavaScript the page keeps its table and figure, and shows
no slider that does nothing.

This module belongs to the site, not to the package.
"""

import builtins
import html
import json
import sys

STEPS = range(1, 17)  # h = 10^-k
DEFAULT_K = 4  # the lesson's h = 1e-4

# The words of the explorers, in each language of the site (HTML).
LABELS = {
    "en": {
        "step-size": "Move k: your browser computes both differences for "
                     "h = 10<sup>−k</sup> in float64, as Python does, and rings the "
                     "step on the figure.",
        "central-next": " The central difference is the next page's.",
        "one-weight": "Pick a weight and k: your browser runs the network on the "
                      "test point with w&nbsp;+&nbsp;h and w&nbsp;−&nbsp;h, as "
                      "fclesson does, and compares the central difference with "
                      "backpropagation.",
        "step": "Step h = 10<sup>−k</sup>, k = {k} (h = {h})",
        "estimate": "estimate",
        "error": "error",
        "forward": "forward",
        "central": "central",
        "lost": "2 + h rounds to 2: the step is lost.",
        "weight": "Weight",
        "E-plus": "E(w&nbsp;+&nbsp;h)",
        "E-minus": "E(w&nbsp;−&nbsp;h)",
        "numerical": "central difference",
        "backprop": "backpropagation",
        "abs-error": "absolute error",
        "result": "result, tol = 10<sup>−4</sup>",
        "pass": "pass",
        "fail": "FAIL",
        "exp": "Your browser computes e<sup>x</sup> its own way. It may differ from "
               "NumPy's in the last bit; for the smallest steps the last digits "
               "can then differ from Python's.",
    },
    "zh": {
        "step-size": "拖动 k：浏览器像 Python 一样用 float64 计算 "
                     "h = 10<sup>−k</sup> 时的两种差分，并在图上圈出这个步长。",
        "central-next": "中心差分是下一页的内容。",
        "one-weight": "选一个权重和 k：浏览器像 fclesson 一样，在测试点上分别用 "
                      "w&nbsp;+&nbsp;h 和 w&nbsp;−&nbsp;h 做前向传播，"
                      "再把中心差分与反向传播的结果比较。",
        "step": "步长 h = 10<sup>−k</sup>，k = {k}（h = {h}）",
        "estimate": "估计值",
        "error": "误差",
        "forward": "前向差分",
        "central": "中心差分",
        "lost": "2 + h 舍入后就是 2：步长丢失了。",
        "weight": "权重",
        "E-plus": "E(w&nbsp;+&nbsp;h)",
        "E-minus": "E(w&nbsp;−&nbsp;h)",
        "numerical": "中心差分",
        "backprop": "反向传播",
        "abs-error": "绝对误差",
        "result": "结果（tol = 10<sup>−4</sup>）",
        "pass": "通过",
        "fail": "失败",
        "exp": "浏览器用自己的方法计算 e<sup>x</sup>，最后一位可能与 NumPy 的不同；"
               "步长很小时，最后几位数字就可能与 Python 算出的不同。",
    },
}


def _print_to_page(markup):
    """Print with the fence's ``print``, as pagefigure.show does (see there)."""
    caller = sys._getframe(2).f_globals
    caller.get("print", builtins.print)(markup)


def _slider(name, text):
    """A labelled range input for k; its label shows k and h (the script fills them in)."""
    label = text["step"].format(k='<span data-quantity="k"></span>',
                                h='<span data-quantity="h"></span>')
    return (
        f'<p class="course-explorer__control"><label for="{name}-k">{label}</label>'
        f'<input type="range" id="{name}-k" min="{STEPS[0]}" max="{STEPS[-1]}"'
        f' step="1" value="{DEFAULT_K}"></p>'
    )


def _row(label, *quantities):
    cells = "".join(f'<td data-quantity="{q}"></td>' for q in quantities)
    return f'<tr><th scope="row">{label}</th>{cells}</tr>'


def step_size_html(language="en", central_is_next=False):
    """The step-size explorer's markup; ``central_is_next`` before the page that
    introduces the central difference."""
    text = LABELS[language]
    intro = text["step-size"] + (text["central-next"] if central_is_next else "")
    return "\n".join([
        '<div class="course-explorer" data-explorer="step-size" hidden>',
        f'<p>{intro}</p>',
        _slider("step-size", text),
        '<div aria-live="polite" aria-atomic="true">',
        '<table class="course-explorer__numbers">',
        f'<tr><td></td><th scope="col">{text["estimate"]}</th>'
        f'<th scope="col">{text["error"]}</th></tr>',
        _row(text["forward"], "forward", "forward-error"),
        _row(text["central"], "central", "central-error"),
        "</table>",
        f'<p data-quantity="lost" hidden>{text["lost"]}</p>',
        "</div>",
        "</div>",
    ])


def step_size(language="en", central_is_next=False):
    """Print the step-size explorer into the page."""
    _print_to_page(step_size_html(language, central_is_next))


def _layers(net):
    """(activation names, weight matrices, weight names) of a network of the
    lesson (`fclesson.lesson.Network`) or of the toolkit (`fclesson.Network`)."""
    if hasattr(net, "activation_names"):  # the toolkit's
        return list(net.activation_names), list(net.weights), net.weight_names or {}
    return list(net.activations), list(net.weights), net.names or {}


def one_weight_data(net, x, target):
    """What the script needs, as plain lists of float64 (JSON keeps every bit)."""
    activations, weights, names = _layers(net)
    if any(name != "sigmoid" for name in activations):
        raise ValueError("the one-weight explorer's script knows only sigmoid layers, "
                         f"got {activations}")
    layer = len(weights) - 1  # the output layer: backpropagation's delta_k y_j there
    rows, columns = weights[layer].shape
    return {
        "activations": activations,
        "weights": [W.tolist() for W in weights],
        "x": [float(v) for v in x],
        "target": [float(v) for v in target],
        "choices": [[names.get((layer, j, i), f"weights[{layer}][{j}, {i}]"), j, i]
                    for j in range(rows) for i in range(columns)],
    }


def one_weight_html(net, x, target, language="en"):
    """The one-weight explorer's markup, with the network as JSON."""
    text = LABELS[language]
    data = one_weight_data(net, x, target)
    options = "".join(f'<option value="{j},{i}">{html.escape(name)}</option>'
                      for name, j, i in data["choices"])
    # "</" cannot end the script early: JSON of numbers and names has none
    payload = json.dumps(data).replace("</", "<\\/")
    return "\n".join([
        '<div class="course-explorer" data-explorer="one-weight" hidden>',
        f'<p>{text["one-weight"]}</p>',
        f'<script type="application/json">{payload}</script>',
        f'<p class="course-explorer__control"><label for="one-weight-w">{text["weight"]}'
        f'</label> <select id="one-weight-w">{options}</select></p>',
        _slider("one-weight", text),
        '<div aria-live="polite" aria-atomic="true">',
        '<table class="course-explorer__numbers">',
        *(_row(text[q], q) for q in ("E-plus", "E-minus", "numerical", "backprop",
                                     "abs-error")),
        f'<tr><th scope="row">{text["result"]}</th><td data-quantity="result" '
        f'data-pass="{text["pass"]}" data-fail="{text["fail"]}"></td></tr>',
        "</table>",
        "</div>",
        f'<p class="course-explorer__note">{text["exp"]}</p>',
        "</div>",
    ])


def one_weight(net, x, target, language="en"):
    """Print the one-weight explorer into the page."""
    _print_to_page(one_weight_html(net, x, target, language))
