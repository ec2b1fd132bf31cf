# expect: denied; score: 0.4; trace: denied|timeout
# Tries a file in one test and swallows the refusal, then hangs in another.
# The attempt costs the tests that made it (the first call, and the hidden
# test whose setup calls it with 1); the hang costs its own test; the
# tests after the hang run in a fresh process and pass: 2 of 5.
def append_to(x, lst=None):
    if x == 1:
        try:
            open("/etc/hostname").read()
        except OSError:
            pass
    if x == 3:
        while True:
            pass
    return [x] if lst is None else lst + [x]
