# expect: denied
# Looks for a terminal to push keystrokes into (TIOCSTI), through the
# controlling terminal, any pts, and its own descriptors.
import os, fcntl, termios

for path in ["/dev/tty", "/dev/console"] + ["/dev/pts/%d" % i for i in range(8)]:
    try:
        fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
        for ch in b"touch /tmp/pydrill-escape-tty\n":
            fcntl.ioctl(fd, termios.TIOCSTI, bytes([ch]))
    except OSError:
        pass
for fd in range(3):
    try:
        fcntl.ioctl(fd, termios.TIOCSTI, b"x")
    except OSError:
        pass

def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]
