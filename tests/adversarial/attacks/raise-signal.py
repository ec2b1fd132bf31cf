# expect: crash|denied
# Kills itself without os.kill: signal.raise_signal is not os.kill.
import signal

def append_to(x, lst=[]):
    lst.append(x)
    return lst

signal.raise_signal(signal.SIGKILL)
