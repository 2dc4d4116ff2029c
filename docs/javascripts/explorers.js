// Explorers of the step h (lesson 4): the reader moves k, h = 10^-k, and the
// page computes the lesson's numbers in the browser. A browser's numbers are
// IEEE 754 float64, as NumPy's are: the same operations give the same digits.
//
// explorers.py writes the markup while the site is built, hidden until this
// script shows it (a page read without JavaScript keeps its table and figure):
//
// - data-explorer="step-size": the forward and the central difference of
//   f(x) = x^2 + 3x at x = 2, their errors, and a ring on the page's figure at
//   this h. The figure's series are the <g> elements that matplotlib drew
//   with gid "step-size-forward" and "step-size-central", one marker (<use>)
//   per k from 1.
// - data-explorer="one-weight": the central difference of the loss E for one
//   weight of the network that the build wrote into the page (JSON), and
//   backpropagation's value for it.
//
// The numbers are text in cells marked data-quantity; each cell also keeps
// the float64 it shows in data-number (JavaScript's shortest repr, which
// Python's float() reads back exactly), for tests/site/test_explorers.py.

(function () {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";

  // h = 10^-k: the decimal 1e-k rounded to float64, as Python's 10.0**-k.
  const step = (k) => Number(`1e-${k}`);

  // Python's f"{x:.15f}" and f"{x:.1e}" (1.0e-04: two digits of exponent); a
  // loss with f"{x:.17f}": at the smallest steps E(w + h) and E(w - h) differ
  // only in their 16th and 17th decimals.
  const fixed = (x) => x.toFixed(15);
  const fixed17 = (x) => x.toFixed(17);
  const scientific = (x) => {
    const [mantissa, exponent] = x.toExponential(1).split("e");
    const sign = exponent[0] === "-" ? "-" : "+";
    return `${mantissa}e${sign}${exponent.replace(/^[+-]/, "").padStart(2, "0")}`;
  };

  function show(root, quantity, value, format) {
    const cell = root.querySelector(`[data-quantity="${quantity}"]`);
    cell.textContent = format(value);
    cell.dataset.number = String(value);
  }

  // ---------------------------------------------------------------- step size

  const X = 2; // the lesson's point; f'(2) = 2 * 2 + 3
  const EXACT = 7;
  const f = (x) => x * x + 3 * x; // x**2 + 3 * x (x * x is the same float64)

  // fclesson/derivative.py
  const forwardDifference = (f, x, h) => (f(x + h) - f(x)) / h;
  const centralDifference = (f, x, h) => (f(x + h) - f(x - h)) / (2 * h);

  // A ring around the series' marker of step k, or none if it has no such marker.
  function ring(series, k) {
    const marker = series.querySelectorAll("use")[k - 1];
    let circle = series.querySelector("circle.course-explorer__ring");
    if (!circle) {
      circle = document.createElementNS(SVG, "circle");
      circle.setAttribute("class", "course-explorer__ring");
      circle.setAttribute("r", "9");
      series.append(circle);
    }
    circle.style.display = marker ? "" : "none";
    if (marker) {
      circle.setAttribute("cx", marker.getAttribute("x"));
      circle.setAttribute("cy", marker.getAttribute("y"));
    }
  }

  function stepSize(root) {
    const slider = root.querySelector('input[type="range"]');
    const lost = root.querySelector('[data-quantity="lost"]');
    const series = ["forward", "central"]
      .map((name) => document.getElementById(`step-size-${name}`))
      .filter(Boolean);
    const update = () => {
      const k = Number(slider.value);
      const h = step(k);
      const forward = forwardDifference(f, X, h);
      const central = centralDifference(f, X, h);
      show(root, "k", k, String);
      show(root, "h", h, () => `1e-${k}`);
      show(root, "forward", forward, fixed);
      show(root, "forward-error", Math.abs(forward - EXACT), scientific);
      show(root, "central", central, fixed);
      show(root, "central-error", Math.abs(central - EXACT), scientific);
      lost.hidden = X + h !== X;
      slider.setAttribute("aria-valuetext", `k = ${k}, h = 1e-${k}`);
      series.forEach((g) => ring(g, k));
    };
    slider.addEventListener("input", update);
    update();
  }

  // --------------------------------------------------------------- one weight

  // fma(a, b, c): a * b + c with one rounding. NumPy's matrix product
  // (OpenBLAS) adds each product w_ji y_i to its sum this way, a fused
  // multiply-add; JavaScript has none, so it is computed here exactly, with
  // integers (BigInt), and rounded to the nearest float64, ties to even.
  // For the normal numbers of a network (not for overflow or subnormals).
  const view = new DataView(new ArrayBuffer(8));

  function parts(x) { // [m, e] with x = m 2^e, m an integer
    view.setFloat64(0, x);
    const bits = view.getBigUint64(0);
    const sign = bits >> 63n ? -1n : 1n;
    const biased = Number((bits >> 52n) & 0x7ffn);
    const fraction = bits & 0xfffffffffffffn;
    if (biased === 0) return [sign * fraction, -1074];
    return [sign * (fraction | (1n << 52n)), biased - 1075];
  }

  function nearest(m, e) { // m 2^e rounded to float64
    if (m === 0n) return 0;
    let magnitude = m < 0n ? -m : m;
    const extra = magnitude.toString(2).length - 53;
    if (extra > 0) {
      const rest = magnitude & ((1n << BigInt(extra)) - 1n);
      const half = 1n << BigInt(extra - 1);
      magnitude >>= BigInt(extra);
      e += extra;
      if (rest > half || (rest === half && (magnitude & 1n))) magnitude += 1n;
    }
    const x = Number(magnitude) * 2 ** e;
    return m < 0n ? -x : x;
  }

  function fma(a, b, c) {
    const [ma, ea] = parts(a);
    const [mb, eb] = parts(b);
    const [mc, ec] = parts(c);
    const e = Math.min(ea + eb, ec);
    return nearest(((ma * mb) << BigInt(ea + eb - e)) + (mc << BigInt(ec - e)), e);
  }

  // fclesson/network.py and fclesson/losses.py, for sigmoid layers and the MSE
  const sigmoid = (net) => 1 / (1 + Math.exp(-net));

  function propagate(weights, x) { // y of every layer: y[0] = x, y[l + 1] = f(W [y[l]; 1])
    const y = [x];
    for (const W of weights) {
      const below = [...y[y.length - 1], 1];
      y.push(W.map((row) => sigmoid(row.reduce((net, w, i) => fma(w, below[i], net), 0))));
    }
    return y;
  }

  // E = sum_k (t_k - y_k)^2 on one sample (n = 1)
  const loss = (y, t) => y.reduce((E, yk, k) => E + (t[k] - yk) * (t[k] - yk), 0);

  // fclesson/gradient_check.py: numerical_gradient
  function numericalGradient(weights, x, t, layer, row, column, h) {
    const W = weights.map((M) => M.map((r) => r.slice()));
    const w = W[layer][row][column];
    W[layer][row][column] = w + h;
    const Eplus = loss(propagate(W, x).pop(), t); // E(w + h)
    W[layer][row][column] = w - h;
    const Eminus = loss(propagate(W, x).pop(), t); // E(w - h)
    return { Eplus, Eminus, estimate: (Eplus - Eminus) / (2 * h) };
  }

  // Backpropagation for a weight of the output layer: dE/dw_kj = delta_k y_j,
  // delta_k = dE/dy_k f'(net_k) = -2 (t_k - y_k) y_k (1 - y_k).
  function backprop(weights, x, t, row, column) {
    const y = propagate(weights, x);
    const out = y[y.length - 1][row];
    const below = [...y[y.length - 2], 1][column];
    const delta = -2 * (t[row] - out) * (out * (1 - out));
    return delta * below;
  }

  function oneWeight(root) {
    const data = JSON.parse(root.querySelector('script[type="application/json"]').textContent);
    if (data.activations.some((name) => name !== "sigmoid")) {
      throw new Error("the one-weight explorer knows only sigmoid layers");
    }
    const slider = root.querySelector('input[type="range"]');
    const choice = root.querySelector("select");
    const layer = data.weights.length - 1; // the output layer
    const update = () => {
      const k = Number(slider.value);
      const h = step(k);
      const [row, column] = choice.value.split(",").map(Number);
      const { Eplus, Eminus, estimate } = numericalGradient(
        data.weights, data.x, data.target, layer, row, column, h);
      const gradient = backprop(data.weights, data.x, data.target, row, column);
      show(root, "k", k, String);
      show(root, "h", h, () => `1e-${k}`);
      show(root, "E-plus", Eplus, fixed17);
      show(root, "E-minus", Eminus, fixed17);
      show(root, "numerical", estimate, fixed);
      show(root, "backprop", gradient, fixed);
      const error = Math.abs(gradient - estimate);
      show(root, "abs-error", error, scientific);
      // the lesson's rule, |g - g_hat| < tol = 1e-4: 1 passes, 0 fails
      const result = root.querySelector('[data-quantity="result"]');
      show(root, "result", error < 1e-4 ? 1 : 0,
           (passed) => (passed ? result.dataset.pass : result.dataset.fail));
      slider.setAttribute("aria-valuetext", `k = ${k}, h = 1e-${k}`);
    };
    slider.addEventListener("input", update);
    choice.addEventListener("change", update);
    update();
  }

  // The exact fused multiply-add, for its own test (tests/site/test_explorers.py).
  window.courseExplorers = { fma };

  // ------------------------------------------------------------------ start

  const EXPLORERS = { "step-size": stepSize, "one-weight": oneWeight };

  function start() {
    document.querySelectorAll("[data-explorer]:not([data-explorer-ready])").forEach((root) => {
      EXPLORERS[root.dataset.explorer](root);
      root.dataset.explorerReady = "";
      root.hidden = false;
    });
  }

  // Material's document$ emits each page, also after instant navigation.
  if (window.document$) {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
