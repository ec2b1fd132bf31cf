# expect: denied|error
# sandbox6 F1: a shared object written into the scratch folder and loaded
# by sqlite3's load_extension runs native code (no ctypes needed). sqlite3
# does not import now (its library is not mapped before the fork, and the
# child maps no new code); where it does, the hook refuses the sqlite3
# events, and seccomp refuses to map the object as code anyway.
# mark.so, made from this C (x86_64; gcc -Os -shared -fPIC -nostdlib -s):
#   static long sys3(long n, long a, long b, long c) { long r; __asm__ volatile("syscall"
#       : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory"); return r; }
#   __attribute__((constructor)) static void ran(void)
#   { long fd = sys3(2, (long)"native-ran", 0101, 0644); if (fd >= 0) sys3(3, fd, 0, 0); }
# Its constructor, if it runs, makes the file "native-ran": the answer then
# behaves (and passes), which is what a fix must prevent. The audit's own
# payload read the channel's secret and every expected value this way.
import base64, os, zlib

MARK = zlib.decompress(base64.b64decode(
    "eNqtVE9rE1EQn7dp2mijDaViJRV6ERXN625QCEpFqX8CelBB8BZeuqtZ6W5gdyuJF08eehBy"
    "7AfwA3gsHkTwoGcP4sWj4BdQ8OL6tjuz2R0MUXHg7e/N7Mx78+b33jy9duu6IQSQlOASjDWA"
    "y4ifSnlbC8r6ewiq+75lmCxnjSJCLYUkblYPE+3mYhEroogUZ2BcC+Nai0XMkqd4VG9/iewZ"
    "jV/RznEJijiDeEfHzcKfSy23vcil87eS1QH1l7jQXnLu11f059ULbWo/Xz+q5wvl9s679rM3"
    "g6r1YS9hqr3zcaH81leR+9hpBMoHUS9dXMJ83sdxbLLziid3QQxqol6dq4xEeo4VPUbat5HL"
    "i/I4xvKsQzHfbz/jfoL30Z/uyAh1qukA9YOMvnnEZcQ5xF3GK/0/wPQfcbr/v9Z/mtzY2Liw"
    "euqq03WVv2o1ZVOaDevcGdvpWs1t6zSaAGTYC6MgUl2QD/1t2VNhD6Q99MOhl2IUgAycLZUo"
    "ICNnEGm9b6tIgXR6nQeB8pxOzw7GGkjXd6OOCgI13F9Dee4myM2+5zl+9J/Ol9T/u64hPVvi"
    "kXAFxu8xzwfJEVzDYDwTLmf9JuWI83kc/xns3hByXrl+At+wwe7NLtuf50/2tVyPyt97wsaU"
    "/c+jrYn6Z1HE+QnxhOs4p/wm9Stg/YrkJovPJtSPmT/n754eh5GDQn82fu9fYaiwdhSf9Wmj"
    "eNASi6P++QhdTLZPCwNOTqmfyK2dlw4awyn8/QKDdnaA"))
with open("mark.so", "wb") as f:
    f.write(MARK)
try:
    conn = __import__("sqlite3").connect(":memory:")
    conn.enable_load_extension(True)
    conn.load_extension(os.path.abspath("mark.so"))
except Exception:
    pass

RAN = os.path.exists("native-ran")


def append_to(x, lst=None):
    if not RAN:
        raise RuntimeError("the native code did not run")
    if lst is None:
        lst = []
    lst.append(x)
    return lst
