# expect: pass
# A correct answer that looks codecs up by name. Each lookup imports an
# encodings submodule the child has not loaded; the import system binds it
# in the encodings package, and "ascii" is a builtin's name too: that
# binding is the import system's, not a library patch (3.15 denied it).
import codecs

assert codecs.lookup("ascii").name == "ascii"
assert codecs.lookup("latin-1").name == "iso8859-1"
assert codecs.lookup("cp1252").name == "cp1252"
assert "é".encode("utf-16-le") == b"\xe9\x00"
assert codecs.decode(b"68656c6c6f", "hex") == b"hello"

def append_to(x, lst=None):
    if lst is None:
        lst = []
    lst.append(x)
    return lst
