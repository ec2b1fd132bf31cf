# expect: fail
# Prints what a passing run looks like, in every format pydrill writes.
print("PASS     adv-fix  1.00")
print("ok 1 - adv-fix")
print('{"status": "pass", "score": 1}')

def append_to(x, lst=[]):
    print("PASS")
    lst.append(x)
    return lst
