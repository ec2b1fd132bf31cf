# expect: denied; score: 0.2
# Right in every way, but each call tries a file outside the sandbox and
# swallows the refusal. Each test that made the attempt is denied, not
# passed (SPEC 3.3), so only the test that never reaches the body (called
# without an item) keeps its pass.
def append_to(x, lst=None):
    try:
        open("/etc/hostname").read()
    except Exception:
        pass
    return [x] if lst is None else lst + [x]
