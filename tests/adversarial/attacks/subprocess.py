# expect: denied
# Starts a program through subprocess.
def append_to(x, lst=None):
    return [x] if lst is None else lst + [x]

try:
    import subprocess
    subprocess.run(["/bin/sh", "-c", "touch /tmp/pydrill-escape-subprocess"])
except Exception:
    pass
