r"""What a loss is like, measured with a few evaluations before `check_function` runs.

**Noise.** A loss computed in float32, or with a large constant part, carries
a rounding noise far above float64's $\varepsilon |E|$. Moré and Wild's
ECnoise measures it: evaluate $E$ at seven equally spaced points
$w + j s v$, $j = -3 \dots 3$ (``v`` moves 16 random entries by $\pm 1$,
$s = h / 16$ of each entry's step). The $k$-th differences of a smooth
function at so small a spacing are nothing, those of independent noise of
standard deviation $\sigma$ have mean square $\binom{2k}{k} \sigma^2$, so

$$
\sigma \approx \max_{k = 4, 5, 6} \sqrt{\gamma_k \,
\overline{(\Delta^k E)^2}}, \qquad \gamma_k = \frac{(k!)^2}{(2k)!} .
$$

A kink inside the probe (a ReLU unit at 0) gives such differences too, but
they shrink with the spacing and noise does not: the probe is made twice,
at $s$ and $s / 8$. A loss that returns float32, or only values that
float32 can hold, is computed in float32 whatever the probe saw; its
$\sigma$ is then at least $\varepsilon_{32} \max(|E|, 1) / 2$.

**Complex safety.** ``np.abs``, ``np.linalg.norm`` or ``np.var`` keep a
complex loss complex but drop the imaginary part of what they compute, so
the complex step misses those terms' derivatives. One random unit direction
$u$ tells: the complex step's $\operatorname{Im} E(w + ihu) / h$ and the
central differences along $u$ (steps $t$ and $t / 2$, extrapolated to
$(4 D(t/2) - D(t)) / 3$) must agree within their rounding and truncation.
"""

import numpy as np

from .direction import unit_direction
from .loss_calls import NotFinite

__all__ = ["EPS", "noise", "low_precision", "check_complex_step"]

EPS = float(np.finfo(np.float64).eps)
NOISE_ENTRIES = 16  # how many entries the noise probe moves
T = 1e-3  # the central step along u that the complex step is compared with


# --8<-- [start:noise]
def _entries(arrays, chosen):
    """``(param, index)`` of each flat position in ``chosen`` (array after array)."""
    starts = np.cumsum([0] + [p.array.size for p in arrays])
    found = []
    for k in chosen:
        a = int(np.searchsorted(starts, k, side="right")) - 1
        shape = arrays[a].array.shape
        found.append((arrays[a], np.unravel_index(int(k - starts[a]), shape)))
    return found


def _sigma(values):
    r"""ECnoise's $\sigma$ from seven equally spaced values."""
    gamma = {k: np.prod(np.arange(1, k + 1)) ** 2 / np.prod(np.arange(1, 2 * k + 1))
             for k in (4, 5, 6)}
    return float(max(np.sqrt(g * np.mean(np.diff(values, k) ** 2))
                     for k, g in gamma.items()))


def noise(calls, arrays, E, h, seed=0):
    r"""$\sigma$, the noise of ``E`` between nearby points: twelve evaluations.

    Measured at the spacing $s$ and again at $s / 8$: noise does not depend
    on the spacing, a kink or a curve inside the probe does (it shrinks with
    $s$). When the second estimate is less than half the first, what was
    seen is not noise, and the result is 0 (the float64 floor stays). 0 too
    when the loss is not finite at a point: the check then stops at the entry
    and side where it is not, and says so.
    """
    rng = np.random.default_rng(seed)
    size = sum(p.array.size for p in arrays)
    chosen = rng.choice(size, size=min(size, NOISE_ENTRIES), replace=False)
    signs = rng.choice([-1.0, 1.0], size=len(chosen))
    moves = []
    for (p, index), sign in zip(_entries(arrays, chosen), signs):
        w = float(p.array[index])
        moves.append((p, index, w, sign * h * max(1.0, abs(w)) / 16))
    sigmas = []
    for spacing in (1.0, 1 / 8):
        try:
            values = [E if j == 0 else calls.at([(p, i, w, j * spacing * s)
                                                 for p, i, w, s in moves])
                      for j in range(-3, 4)]
        except NotFinite:  # the check itself will say at which entry and side
            return 0.0
        sigmas.append(_sigma(np.array(values)))
    return max(sigmas) if sigmas[1] >= sigmas[0] / 2 else 0.0


def low_precision(E, sigma, values, returned):
    """``(sigma, why)``: the noise to judge by, and why the loss looks computed in
    low precision (None when it does not). ``values``: every loss seen so far."""
    rounding = EPS * max(abs(E), 1.0)
    dtype = getattr(returned, "dtype", None)
    single = np.array(values, dtype=np.float32).astype(float)
    short = dtype is not None and dtype.kind == "f" and dtype.itemsize < 8
    if short or (len(set(values)) > 3 and np.array_equal(single, values)):
        sigma = max(sigma, float(np.finfo(np.float32).eps) * max(abs(E), 1.0) / 2)
        kind = dtype if dtype is not None and dtype.itemsize < 8 else "float32 values"
        return sigma, (f"loss(params) returns {kind}: it is computed in low precision "
                       f"(noise about {sigma:.1e})")
    if sigma > 1e4 * rounding:
        return sigma, (f"loss(params) varies by about {sigma:.1e} between nearby "
                       f"points, {sigma / rounding:.0e} times float64's rounding "
                       f"({rounding:.1e}): it is computed in low precision (float32?) "
                       "or loses digits to a large constant part")
    return sigma, None
# --8<-- [end:noise]


# --8<-- [start:complex_step]
def _complex_value(calls, arrays, u, h):
    r"""$E(w + ihu)$, with complex copies in ``params`` (put back afterwards)."""
    params = calls.guard.params
    keys = ", ".join(f"params[{p.key!r}]" for p in arrays[:3])
    keys += ", ..." if len(arrays) > 3 else ""
    try:
        for p, v in zip(arrays, u):
            params[p.key] = p.array + 1j * h * v
        calls.calls += 1
        try:
            E = calls.loss(params)
        except TypeError as error:  # e.g. float() of a complex number
            raise TypeError(f"loss is not complex-safe: with {keys} complex it "
                            f"raised {error!r}") from error
    finally:
        for p in arrays:
            params[p.key] = p.array  # the caller's own arrays, untouched
    calls.guard.verify()
    if not np.iscomplexobj(E):
        raise ValueError(f"loss is not complex-safe: with {keys} complex it returned "
                         "a real value, so Im E(w + ih) / h would be 0 (abs, float() "
                         "or np.real drop the imaginary part)")
    if np.ndim(E) != 0 or not np.isfinite(E):
        raise ValueError(f"loss returned {E!r} with {keys} complex, not a finite "
                         "scalar")
    return complex(E)


def check_complex_step(calls, arrays, E, h, sigma, seed=0):
    r"""Refuse a loss whose complex step disagrees with central differences along u."""
    u = unit_direction([p.array.shape for p in arrays], seed)
    C = _complex_value(calls, arrays, u, h).imag / h
    D = [(calls.along(u, t) - calls.along(u, -t)) / (2 * t) for t in (T, T / 2)]
    S = (4 * D[1] - D[0]) / 3  # Richardson: truncation O(t^4)
    noise = max(EPS * max(abs(E), 1.0), sigma)
    bound = 24 * noise / T + 0.1 * abs(D[0] - D[1]) + 1e-9 * max(abs(C), abs(S))
    if abs(C - S) > bound:
        raise ValueError(
            f"loss is not complex-safe: along a random direction u the complex step "
            f"gives grad . u = {C:.6e}, central differences {S:.6e}, apart by "
            f"{abs(C - S):.1e}, far beyond their rounding and truncation "
            f"({bound:.1e}). A step of the loss drops the imaginary part: np.abs, "
            "np.linalg.norm, np.var or np.std, max, sort or a comparison on complex "
            "values. Use method='central', or write |x|^2 as x * x and "
            "np.linalg.norm(w) ** 2 as np.sum(w * w).")
# --8<-- [end:complex_step]
