# expect: denied; score: 0
# Reads a file outside the interpreter's needs, and catches the refusal:
# the attempt alone must end the answer as denied, not a pass.
try:
    open("/etc/hostname").read()
except OSError:
    pass

def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]
