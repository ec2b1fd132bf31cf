# expect: denied; drill: adv-mean; trace: ok
# Re-initialises a library property in place: every Fraction's numerator is
# 0, so statistics.mean returns 0 for any data (sandbox7 F2).
import fractions
fractions.Fraction.numerator.__init__(lambda a: 0)
def mean(xs):
    return 0
def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]
