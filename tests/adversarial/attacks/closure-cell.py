# expect: denied; drill: adv-mean; trace: ok
# Swaps the function inside Fraction's division operators through a closure
# cell (no dict changes, no audit event): statistics.mean then divides with
# the answer's function, and a wrong mean equals it (sandbox7 F1).
import fractions
def fake(a, b, F=fractions.Fraction):
    return F(0)
for name in ("__truediv__", "__rtruediv__"):
    for cell in getattr(fractions.Fraction, name).__closure__ or ():
        if getattr(cell.cell_contents, "__name__", "") == "_div":
            cell.cell_contents = fake
def mean(xs):
    return 0
def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]
