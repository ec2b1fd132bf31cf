# expect: timeout
# Never returns.
def append_to(x, lst=None):
    while True:
        pass
