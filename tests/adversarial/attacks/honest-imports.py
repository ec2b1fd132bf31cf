# expect: pass
# A correct answer that imports modules no answer ran before it: frozen
# ones (runpy, importlib.util, and __phello__, which no program loads, so
# its code is unmarshalled here) and ones read from the standard library's
# .pyc files. The hook checks what each marshal.loads is given (a frozen
# module's own data, a .pyc's own bytes): the real ones must pass.
import colorsys, textwrap, runpy, importlib.util, __phello__.spam
import xml.etree.ElementTree as ET, csv, html, difflib, fnmatch, shlex

assert colorsys.rgb_to_hsv(1, 0, 0)[0] == 0
assert html.escape("<") == "&lt;"
assert ET.fromstring("<a>1</a>").text == "1"
assert callable(runpy.run_path) and callable(importlib.util.find_spec)

def append_to(x, lst=None):
    if lst is None:
        lst = []
    lst.append(x)
    return lst
