# The process-per-answer baseline: what a grader that starts one Python per
# answer does. Run as: python3 -I -S harness.py JOB.json (one answer).
# It does the same work as a pydrill child: a fresh namespace per test, the
# answer executed with __name__ == "answer", setup, expr, and the value
# compared with the expected one.
import json
import sys


def main():
    with open(sys.argv[1]) as f:
        job = json.load(f)
    results = []
    try:
        code = compile(job["answer"], "answer.py", "exec")
    except SyntaxError as e:
        print(json.dumps({"syntax": str(e)}))
        return
    for t in job["tests"]:
        ns = {"__name__": "answer"}
        try:
            exec(code, ns)
            if t.get("setup"):
                exec(t["setup"], ns)
            got = eval(t["expr"], ns)
            if "raises" in t:
                results.append("fail")
            else:
                want = eval(t["expect"], {})
                results.append("pass" if type(got) is type(want) and got == want else "fail")
        except BaseException as e:
            results.append("pass" if type(e).__name__ == t.get("raises") else "error")
    print(json.dumps({"tests": results}))


main()
