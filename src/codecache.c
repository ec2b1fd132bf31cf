/* codecache.c - the tests' trusted code (each setup and expression),
 * compiled once per worker rather than once per answer: a worker fills the
 * cache in the warm sub-interpreter before its first child, and every child
 * inherits it. Compiling five lines costs a child about 110 copy-on-write
 * faults (bench/forkfloor), more than running them. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "codecache.h"

#include <stdint.h>

#include "pyembed.h"
#include "util.h"

PyObject *codecache_compile(const char *src, const char *filename, int start)
{
    PyCompilerFlags flags = { .cf_flags = 0, .cf_feature_version = PY_MINOR_VERSION };
    return Py_CompileStringExFlags(src, filename, start, &flags, -1);
}

/* Test code compiled once, in a worker before its first child
 * (codecache_fill), keyed by the address of its source in the catalog
 * (inherited by every child, so the key holds there). Open addressing. */
typedef struct {
    const char *src;
    PyObject *code;
} compiled;

static compiled *cache;
static size_t cache_cap;

static size_t cache_slot(const char *src)
{
    size_t h = ((size_t)(uintptr_t)src >> 4) * 0x9E3779B97F4A7C15ull;
    return h & (cache_cap - 1);
}

static PyObject *cached_code(const char *src)
{
    if (!cache_cap)
        return NULL;
    for (size_t i = cache_slot(src);; i = (i + 1) & (cache_cap - 1)) {
        if (!cache[i].src)
            return NULL;
        if (cache[i].src == src)
            return cache[i].code;
    }
}

static void cache_put(const char *src, PyObject *code)
{
    size_t i = cache_slot(src);
    while (cache[i].src && cache[i].src != src)
        i = (i + 1) & (cache_cap - 1);
    if (!cache[i].src) {
        cache[i].src = src;
        cache[i].code = code;
    } else {
        Py_DECREF(code);
    }
}

PyObject *codecache_get(const char *src, const char *filename, int start)
{
    PyObject *code = cached_code(src);
    if (code) {
        Py_INCREF(code);
        return code;
    }
    return codecache_compile(src, filename, start);
}

static int precompile(void *arg)
{
    const catalog *c = arg;
    size_t n = 0;
    for (size_t d = 0; d < c->ndrills; d++)
        n += 2 * c->drills[d].ntests;
    cache_cap = 64;
    while (cache_cap < 2 * n)
        cache_cap *= 2;
    cache = xcalloc(cache_cap, sizeof *cache);
    for (size_t d = 0; d < c->ndrills; d++)
        for (size_t i = 0; i < c->drills[d].ntests; i++) {
            const drill_test *t = &c->drills[d].tests[i];
            PyObject *code = t->expr ? codecache_compile(t->expr, "<test>", Py_eval_input) : NULL;
            if (code)
                cache_put(t->expr, code);
            code = t->setup ? codecache_compile(t->setup, "<setup>", Py_file_input) : NULL;
            if (code)
                cache_put(t->setup, code);
            PyErr_Clear(); /* what does not compile is compiled (and fails) in the child */
        }
    return 0;
}

void codecache_fill(const catalog *c)
{
    if (pyembed_in_sub(precompile, (void *)c) == 0)
        pyembed_refreeze();
}
