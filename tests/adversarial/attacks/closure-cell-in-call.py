# expect: denied; drill: adv-mean; trace: ok
# Swaps the closure cell not as the answer loads but from inside the
# answer's mean, which the test's expression calls just before it calls
# statistics.mean: the change is made while the test's own code runs.
import fractions
cells = [c for n in ("__truediv__", "__rtruediv__") for c in getattr(fractions.Fraction, n).__closure__
         if getattr(c.cell_contents, "__name__", "") == "_div"]
def mean(xs):
    for c in cells:
        c.cell_contents = lambda a, b, F=fractions.Fraction: F(0)
    return 0
def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]
