# expect: pass
# The control: a correct answer must pass next to all the attacks.
def append_to(x, lst=None):
    if lst is None:
        lst = []
    lst.append(x)
    return lst
