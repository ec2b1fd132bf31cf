# expect: !pass
# SystemExit raised from inside the function under test.
def append_to(x, lst=[]):
    raise SystemExit
