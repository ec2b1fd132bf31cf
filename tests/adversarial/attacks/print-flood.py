# expect: output
# 50 MB through print.
def append_to(x, lst=None):
    line = "x" * 1023
    for _ in range(50 * 1024):
        print(line)
    return [x] if lst is None else lst + [x]
