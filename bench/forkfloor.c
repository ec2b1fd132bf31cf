/* forkfloor.c - make bench: what forking a warm interpreter costs on this
 * machine with nothing of pydrill's around it (no sandbox, no capture, no
 * grading): the least any grader pays that runs each answer in a process
 * forked from a warm CPython, as SPEC 3.3 asks.
 *
 *   forkfloor N   -> three lines, ms per answer (median of 3 rounds of N):
 *   fork          fork, the child exits at once, the parent reaps it
 *   +compile      the child also compiles a five-line answer
 *   +run          ... and runs it and one test expression
 *
 * The interpreter imports what pydrill's warm sub-interpreter imports
 * (pyembed_warm_modules), so that the process forked is about as big. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pyembed.h"

#define ROUNDS 3

enum { FLOOR_FORK, FLOOR_COMPILE, FLOOR_RUN, FLOOR_MODES };

static const char *const mode_names[FLOOR_MODES] = { "fork", "+compile", "+run" };

static const char answer[] = "def append_to(x, lst=None):\n"
                             "    if lst is None:\n"
                             "        lst = []\n"
                             "    lst.append(x)\n"
                             "    return lst\n";

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void child(int mode)
{
    if (mode >= FLOOR_COMPILE) {
        PyObject *code = Py_CompileString(answer, "answer.py", Py_file_input);
        if (!code)
            _exit(1);
        if (mode >= FLOOR_RUN) {
            PyObject *ns = PyDict_New();
            PyObject *test = Py_CompileString("append_to(1)", "<test>", Py_eval_input);
            if (!ns || !test || PyDict_SetItemString(ns, "__builtins__", PyEval_GetBuiltins()) < 0)
                _exit(1);
            PyObject *r = PyEval_EvalCode(code, ns, ns);
            Py_XDECREF(r);
            r = PyEval_EvalCode(test, ns, ns);
            if (!r)
                _exit(1);
        }
    }
    _exit(0);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 0;
    if (n <= 0) {
        fprintf(stderr, "usage: forkfloor N\n");
        return 2;
    }
    Py_InitializeEx(0);
    size_t nwarm;
    const char *const *warm = pyembed_warm_modules(&nwarm);
    for (size_t i = 0; i < nwarm; i++) {
        PyObject *m = PyImport_ImportModule(warm[i]);
        if (!m) {
            PyErr_Print();
            return 1;
        }
        Py_DECREF(m);
    }
    if (PyRun_SimpleString("import gc\ngc.collect()\ngc.freeze()\n") < 0)
        return 1;
    fflush(NULL);
    for (int mode = 0; mode < FLOOR_MODES; mode++) {
        double per[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            double t0 = now_ms();
            for (int i = 0; i < n; i++) {
                pid_t pid = fork();
                if (pid < 0) {
                    perror("fork");
                    return 1;
                }
                if (pid == 0)
                    child(mode);
                int st;
                if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
                    fprintf(stderr, "forkfloor: a child failed\n");
                    return 1;
                }
            }
            per[r] = (now_ms() - t0) / n;
        }
        qsort(per, ROUNDS, sizeof per[0], cmp_double);
        printf("%s %.3f\n", mode_names[mode], per[ROUNDS / 2]);
    }
    return 0;
}
