# expect: memory
# Grows a megabyte at a time until something gives.
def append_to(x, lst=None):
    hoard = []
    while True:
        hoard.append(bytearray(1024 * 1024))
