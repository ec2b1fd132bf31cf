# expect: timeout
# Ignores the polite signals (SIGXCPU, SIGALRM, SIGTERM, SIGINT), then spins.
import signal

for s in (signal.SIGXCPU, signal.SIGALRM, signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    try:
        signal.signal(s, signal.SIG_IGN)
    except Exception:
        pass

def append_to(x, lst=None):
    while True:
        pass
