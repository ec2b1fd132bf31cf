/* sandbox_threads.c - a bound on one answer's threads, of its own.
 *
 * Threads count against the user's process limit (and a container's pids
 * limit), which every answer running at the same time shares: one answer's
 * thread bomb would make the others' forks and threads fail. The kernel
 * offers no per-process thread count limit, and 3.11 has no audit event
 * for starting a thread, so pydrill interposes pthread_create itself: this
 * executable exports the symbol (see the Makefile's LDFLAGS), so libpython
 * calls this one, which counts live threads and refuses past the cap with
 * EAGAIN (Python raises RuntimeError: can't start new thread). An answer
 * cannot load native code, so every thread it can make comes through here.
 * The count also serves the parent: it must have no thread of its own
 * when it forks (see pyembed.c). */
#define _GNU_SOURCE
#include "sandbox.h"
#include "sandbox_impl.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

typedef int (*create_fn)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);

static int cap = -1; /* -1: no cap (the parent) */
static int live;     /* threads started here and not yet ended */
static pthread_key_t exit_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;

static void thread_ended(void *unused)
{
    (void)unused;
    __atomic_sub_fetch(&live, 1, __ATOMIC_SEQ_CST);
}

static void make_key(void)
{
    if (pthread_key_create(&exit_key, thread_ended) != 0)
        abort();
}

typedef struct {
    void *(*fn)(void *);
    void *arg;
} trampoline;

/* The destructor of a thread-specific value runs when the thread ends,
 * by returning or by pthread_exit alike. */
static void *counted_start(void *p)
{
    trampoline t = *(trampoline *)p;
    free(p);
    pthread_setspecific(exit_key, (void *)1);
    return t.fn(t.arg);
}

static create_fn real_create(void)
{
    static create_fn real;
    if (!real)
        real = (create_fn)dlsym(RTLD_NEXT, "pthread_create");
    return real;
}

int pthread_create(pthread_t *th, const pthread_attr_t *attr, void *(*fn)(void *), void *arg)
{
    create_fn real = real_create();
    if (!real)
        return EAGAIN;
    pthread_once(&key_once, make_key);
    int max = __atomic_load_n(&cap, __ATOMIC_SEQ_CST);
    if (__atomic_add_fetch(&live, 1, __ATOMIC_SEQ_CST) > max && max >= 0) {
        __atomic_sub_fetch(&live, 1, __ATOMIC_SEQ_CST);
        sandbox_notify_denied("starting more threads at once than an answer may have");
        return EAGAIN;
    }
    trampoline *t = malloc(sizeof *t);
    if (!t) {
        __atomic_sub_fetch(&live, 1, __ATOMIC_SEQ_CST);
        return EAGAIN;
    }
    t->fn = fn;
    t->arg = arg;
    int rc = real(th, attr, counted_start, t);
    if (rc != 0) {
        free(t);
        __atomic_sub_fetch(&live, 1, __ATOMIC_SEQ_CST);
    }
    return rc;
}

void sandbox_threads_cap(int max)
{
    pthread_once(&key_once, make_key);
    real_create(); /* resolved now, before the sandbox closes anything */
    /* a forked child has one thread, whatever the parent counted */
    __atomic_store_n(&live, 0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&cap, max, __ATOMIC_SEQ_CST);
}

int sandbox_threads_live(void)
{
    return __atomic_load_n(&live, __ATOMIC_SEQ_CST);
}
