# expect: pass|denied
# Holds memory the memory limit does not see: RLIMIT_AS counts the
# process's address space, not the kernel's socket buffers. Thirty
# socketpair()s (allowed: asyncio's self-pipe) with SO_SNDBUF/SO_RCVBUF
# raised to the maximum each queue ~16 MB of datagrams: about 480 MB of
# payload (0.4-0.6 GB of the machine's memory, root or not) held for as
# long as the answer runs, against a memory_mb of 128; -j N answers at
# once hold N times that. If more than the drill's 128 MB could be
# queued, the answer makes itself wrong.
import socket

LIMIT = 128 << 20
held, total = [], 0
chunk = b"\0" * 200000
try:
    for _ in range(30):
        a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
        held.append((a, b))
        for s, o in ((a, b), (b, a)):
            s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 64 << 20)
            o.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 << 20)
            s.setblocking(False)
            while True:
                try:
                    total += s.send(chunk)
                except OSError:
                    break
except OSError:
    pass
for a, b in held:
    a.close()
    b.close()

def append_to(x, lst=None):
    if total > LIMIT:
        return ["queued %d MB outside the memory limit" % (total >> 20)]
    if lst is None:
        lst = []
    lst.append(x)
    return lst
