# expect: denied; drill: adv-mean; trace: ok
# Re-initialises a library classmethod in place (Fraction.from_float, which
# the fractions test compares with), as property-reinit does a property.
import fractions
vars(fractions.Fraction)["from_float"].__init__(lambda cls, f: cls(0))
def mean(xs):
    return 0
def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]
