# expect: denied
# Opens a network socket (quietly, swallowing the error).
def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]

try:
    import socket
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect(("127.0.0.1", 9))
except Exception:
    pass
