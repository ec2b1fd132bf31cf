# expect: timeout
# A loop that swallows every exception, KeyboardInterrupt and SystemExit too.
def append_to(x, lst=None):
    while True:
        try:
            while True:
                pass
        except BaseException:
            pass
