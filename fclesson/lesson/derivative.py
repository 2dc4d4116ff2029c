r"""The derivative of lesson 4, estimated with a small step h.

$$
f'(x) = \lim_{h \to 0} \frac{f(x + h) - f(x)}{h}
\approx \frac{f(x + h) - f(x - h)}{2h}
$$
"""


# --8<-- [start:forward_difference]
def forward_difference(f, x, h=1e-4):
    """f'(x) from the definition of the derivative, stopped at the step h."""
    return (f(x + h) - f(x)) / h
# --8<-- [end:forward_difference]


# --8<-- [start:central_difference]
def central_difference(f, x, h=1e-4):
    """f'(x) from the secant through x - h and x + h."""
    return (f(x + h) - f(x - h)) / (2 * h)
# --8<-- [end:central_difference]
