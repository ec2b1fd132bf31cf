# expect: denied; drill: adv-mean; trace: ok
# Re-initialises enum.Enum's `value`, an enum.property (a descriptor written
# in Python, its getter in its own dict): every member's value is then 0.
import enum
vars(enum.Enum)["value"].__init__(lambda self: 0)
def mean(xs):
    return 0
def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]
