# expect: denied
# Makes a file it can open for reading immutable (FS_IOC_SETFLAGS), as root
# could: ioctl is refused but for a few harmless requests.
import os, fcntl, struct

FS_IOC_SETFLAGS = 0x40086602
try:
    fd = os.open(os.__file__, os.O_RDONLY)
    fcntl.ioctl(fd, FS_IOC_SETFLAGS, struct.pack("i", 0x10))
except Exception:
    pass

def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]
