# expect: fail
# Returns a list and a dict that contain themselves: encoding must end (the
# depth limit), and the value is refused rather than matched.
def append_to(x, lst=None):
    out = [x] if lst is None else lst + [x]
    d = {}
    d["self"] = d
    out.append(out)
    out.append(d)
    return out
