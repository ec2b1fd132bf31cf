# expect: pass; drill: adv-mean
# An honest mean, graded by tests that compare it with the library's.
def mean(xs):
    return sum(xs) / len(xs)
def append_to(x, lst=None):
    if lst is None:
        lst = []
    lst.append(x)
    return lst
