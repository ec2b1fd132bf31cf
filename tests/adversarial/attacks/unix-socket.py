# expect: denied
# An AF_UNIX socket to a local service (the system bus, a Docker socket):
# the audit hook lets AF_UNIX through for asyncio's socketpair, so this is
# the seccomp filter's to stop.
import socket

def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]

for path in ("/run/dbus/system_bus_socket", "/var/run/docker.sock"):
    try:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(path)
    except Exception:
        pass
