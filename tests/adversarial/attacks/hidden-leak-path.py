# expect: denied|error; never: leak-marker; trace: ok
# Learns the hidden test's input from its own arguments and writes it into
# what it tries outside the sandbox, hoping the report quotes the path.
def append_to(x, lst=None):
    if x == 2:
        open("/leak-marker-%r-%r" % (x, lst))
    return [x] if lst is None else lst + [x]
