/* runner.c - forks a child per job from the warm process and reads its
 * verdict-free results back.
 *
 * The parent trusts nothing the child says about passing: it accepts only
 * frames that carry the per-child secret, only well-formed records, and
 * only one outcome per item. A child that ends without its "done" record
 * did not finish, whatever its exit status (os._exit(0) ends the whole
 * process with status 0). */
#define _GNU_SOURCE
#include "runner.h"
#include <sched.h>

#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "channel.h"
#include "child.h"
#include "libguard.h"
#include "pyembed.h"
#include "runlimits.h"
#include "sandbox.h"
#include "scratch.h"
#include "util.h"

/* A child that closed its result channel without its last record gets
 * this long to exit on its own (so that the signal that ended it can be
 * read); the parent keeps serving the others meanwhile. */
#define CLOSE_GRACE_MS 500
/* Without pidfd (Linux < 5.3) such a child is polled this often. */
#define CLOSE_POLL_MS 5
/* of what a killed child printed, this much is kept */
#define MAX_KILLED_OUTPUT (64 * 1024)

/* Children forked between two readings of this process's size. */
#define BASE_REFRESH 64
/* fork failing for want of processes or memory is tried again, waiting
 * 10, 20, ... 640 ms (about 1.3 s in all) */
#define FORK_RETRIES 7
#define FORK_RETRY_FIRST_MS 10

static pid_t base_pid;

struct runner_task {
    pid_t pid;
    int fd;                /* read end of the result channel, -1 at EOF */
    char secret[CHANNEL_SECRET_LEN + 1];
    scratch *sc;
    const runner_job *job;
    run_limits limits;
    size_t nitems;
    channel chan;
    double start, deadline;
    int timed_out, exited;
    int closing;           /* channel closed early: waiting for the exit */
    int closed_early;      /* ... and it did not exit in time */
    int pidfd;             /* while closing, -1 when the kernel has none */
    double close_deadline;
    int wstatus;
    struct rusage ru;
    int out_cap;           /* the child's stdout capture, read when it is killed before its "done" */
    run_result res;
};

static int started;


static long long time_scale = 1;
static pid_t corpses_owner;
static void reap_all_corpses(void);

/* Only for running the suite under valgrind, where everything is tens of
 * times slower: PYDRILL_TIME_SCALE multiplies every time limit. Read once. */
/* A scale that is not one is an error, not 1: whoever set it expects
 * the limits scaled, and verdicts depend on them. */
static int read_time_scale(char **err)
{
    const char *e = getenv("PYDRILL_TIME_SCALE");
    if (!e || !*e)
        return 0;
    long v;
    if (util_parse_long(e, 1, RUNLIMITS_MAX_SCALE, &v) < 0) {
        *err = xasprintf("PYDRILL_TIME_SCALE must be a whole number from 1 to %d, not \"%.40s\"",
                         RUNLIMITS_MAX_SCALE, e);
        return -1;
    }
    time_scale = v;
    return 0;
}


int runner_start(char **err, char **warning)
{
    *warning = NULL;
    if (started)
        return 0;
    if (read_time_scale(err) < 0 || pyembed_start(err) < 0 || sandbox_prepare(err, warning) < 0)
        return -1;
    if (libguard_snapshot() < 0) {
        *err = xstrdup("cannot take the library as loaded (libguard)");
        return -1;
    }
    /* What preparing made in the sub-interpreter is hidden from gc too. */
    if (pyembed_refreeze() < 0) {
        *err = xstrdup("cannot freeze the prepared sub-interpreter");
        return -1;
    }
    /* Answers run in folders made there: one that cannot be made is the
     * environment's problem, said once now rather than as every answer's
     * failure later. */
    if (scratch_check(err) < 0)
        return -1;
    started = 1;
    corpses_owner = getpid();
    atexit(reap_all_corpses);
    scratch_remove_stale();
    return 0;
}

const char *runner_python_version(void)
{
    return pyembed_version();
}

unsigned long runner_python_hexversion(void)
{
    return pyembed_hexversion();
}

void runner_test_order(const drill_test *tests, size_t n, size_t *order)
{
    size_t k = 0;
    for (int hidden = 0; hidden <= 1; hidden++)
        for (size_t i = 0; i < n; i++)
            if (!tests[i].hidden == !hidden)
                order[k++] = i;
}

static size_t job_items(const runner_job *job)
{
    switch (job->kind) {
    case JOB_TESTS:
        return job->ntests;
    case JOB_EVAL:
    case JOB_PROBE:
        return job->nexprs;
    default:
        return 0;
    }
}

/* Children that sent their last record and were killed, not reaped yet:
 * tearing down a process takes longer than grading its answer, and need
 * not hold the next answer up. Their scratch folders are freed once they
 * are gone (a dying child could still be finishing a write). */
typedef struct {
    pid_t pid;
    scratch *sc;
} corpse;

static corpse *corpses;
static size_t ncorpses, corpses_cap;

static void reap_corpses(int block)
{
    size_t k = 0;
    for (size_t i = 0; i < ncorpses; i++) {
        pid_t r;
        while ((r = waitpid(corpses[i].pid, NULL, block ? 0 : WNOHANG)) < 0 && errno == EINTR)
            ;
        if (r == 0) {
            corpses[k++] = corpses[i];
            continue;
        }
        if (corpses[i].sc)
            scratch_release(corpses[i].sc);
    }
    ncorpses = k;
}

/* At exit: a forked worker inherits its parent's corpses, which are not
 * its to reap. */
static void reap_all_corpses(void)
{
    if (getpid() != corpses_owner)
        return;
    reap_corpses(1);
    scratch_remove_all();
}

void runner_finish(void)
{
    reap_all_corpses();
}

void runner_after_fork_worker(void)
{
    /* the parent's children are not ours to reap, nor its folders to free */
    free(corpses);
    corpses = NULL;
    ncorpses = corpses_cap = 0;
    corpses_owner = getpid();
}


static size_t internal_failures;
static char internal_last[RUNNER_WHY_MAX];

static void fail_task(runner_task *t, const char *msg)
{
    t->res.status = RUN_CRASH;
    t->res.internal = 1;
    free(t->res.message);
    t->res.message = xstrdup(msg);
    internal_failures++;
    snprintf(internal_last, sizeof internal_last, "%s", msg);
}

size_t runner_internal_failures(const char **last)
{
    if (last)
        *last = internal_last;
    return internal_failures;
}

/* fork, tried again for a while when the system is out of processes or
 * memory for a moment (answers still exiting count against RLIMIT_NPROC
 * until they are reaped). */
static pid_t fork_patiently(void)
{
    int wait_ms = FORK_RETRY_FIRST_MS;
    for (int tries = 0;; tries++) {
        pid_t pid = fork();
        if (pid >= 0 || (errno != EAGAIN && errno != ENOMEM) || tries == FORK_RETRIES)
            return pid;
        reap_corpses(0);
        struct timespec ts = { wait_ms / 1000, (long)(wait_ms % 1000) * 1000000L };
        nanosleep(&ts, NULL);
        wait_ms *= 2;
    }
}

/* A child is born on the CPU this process is running on, and is free to
 * move from there: it reads what this process has just touched (warm in
 * that CPU's caches), and this process sleeps while it runs. Left to the
 * scheduler, a fork goes to another (idle) CPU, and every answer crossed
 * between CPUs: on a two-CPU VM that cost about a sixth of the CPU time
 * of a batch (make bench). A process allowed one CPU, or one whose mask
 * cannot be read, forks as before. */
typedef struct {
    cpu_set_t mask; /* as it was before the fork */
    int narrowed;
} birth_cpu;

static void birth_cpu_narrow(birth_cpu *b)
{
    b->narrowed = 0;
    int cpu = sched_getcpu();
    if (cpu < 0 || cpu >= CPU_SETSIZE || sched_getaffinity(0, sizeof b->mask, &b->mask) < 0 ||
        CPU_COUNT(&b->mask) < 2 || !CPU_ISSET(cpu, &b->mask))
        return;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    b->narrowed = sched_setaffinity(0, sizeof one, &one) == 0;
}

/* In the parent and in the child after the fork. */
static void birth_cpu_restore(const birth_cpu *b)
{
    if (b->narrowed)
        sched_setaffinity(0, sizeof b->mask, &b->mask);
}

runner_task *runner_spawn(const runner_job *job)
{
    reap_corpses(0);
    runner_task *t = xcalloc(1, sizeof *t);
    run_result_init(&t->res);
    t->job = job;
    t->fd = -1;
    t->pid = -1;
    t->nitems = job_items(job);
    t->res.noutcomes = t->nitems;
    t->res.outcomes = xcalloc(t->nitems ? t->nitems : 1, sizeof *t->res.outcomes);
    t->pidfd = -1;
    t->out_cap = -1;
    runlimits_compute(&job->limits, t->nitems, time_scale, &t->limits);
    t->start = util_now_ms();
    t->deadline = t->start + (double)t->limits.item_ms + (double)t->limits.startup_ms;

    unsigned char raw[16];
    if (getrandom(raw, sizeof raw, 0) != (ssize_t)sizeof raw) {
        fail_task(t, "no randomness for the result channel");
        return t;
    }
    for (size_t i = 0; i < sizeof raw; i++)
        snprintf(t->secret + 2 * i, 3, "%02x", raw[i]);
    explicit_bzero(raw, sizeof raw);
    channel_init(&t->chan, t->secret, job->kind, t->nitems, &t->res);

    if (!started) {
        fail_task(t, "the runner was not started");
        return t;
    }
    char *why = NULL;
    t->sc = scratch_acquire(&why);
    if (!t->sc) {
        fail_task(t, why);
        free(why);
        return t;
    }
    /* The base of the children's memory limit: this process's size, read
     * now and then rather than by every child. */
    static unsigned spawns;
    static long long base;
    if (spawns++ % BASE_REFRESH == 0 || getpid() != base_pid) {
        base = sandbox_vm_size();
        base_pid = getpid();
    }
    t->limits.base_bytes = base;
    if (pyembed_fork_check(&why) < 0) {
        fail_task(t, why);
        free(why);
        return t;
    }
    int p[2];
    if (pipe2(p, O_CLOEXEC) < 0) {
        fail_task(t, "cannot create the result channel");
        return t;
    }
    /* made here, so that what the answer printed can be read even when the
     * child is killed before it sends it (a timeout); -1 when not possible */
    t->out_cap = memfd_create("pydrill-stdout", MFD_CLOEXEC);
    fflush(NULL);
    pid_t parent = getpid();
    birth_cpu born;
    birth_cpu_narrow(&born);
    pid_t pid = fork_patiently();
    birth_cpu_restore(&born);
    if (pid < 0) {
        char *why = xasprintf("cannot start a process for the answer: %s", strerror(errno));
        close(p[0]);
        close(p[1]);
        fail_task(t, why);
        free(why);
        return t;
    }
    if (pid == 0) {
        /* the worker wipes what it frees (pool.c); an answer's own heap
         * dies with it, and wiping would only cost the answer time */
        util_wipe_freed(0);
        close(p[0]);
        /* A session (and so a process group) of its own: the deadline
         * kills everything the answer managed to start, kill(0, ...)
         * reaches only itself, and it has no controlling terminal to read
         * or to push keys into. (Until setsid runs, the parent's kill of
         * the group misses, and its kill of the pid itself does not.) */
        setsid();
        child_main(job, &t->limits, parent, p[1], t->secret, scratch_path(t->sc), scratch_ruleset(t->sc),
                   t->out_cap);
    }
    close(p[1]);
    t->pid = pid;
    t->fd = p[0];
    fcntl(t->fd, F_SETFL, fcntl(t->fd, F_GETFL) | O_NONBLOCK);
    return t;
}

int runner_task_pollfds(runner_task *t, struct pollfd *pfds, int max)
{
    int fd = t->closing ? t->pidfd : t->fd;
    if (fd < 0 || max < 1)
        return 0;
    pfds[0].fd = fd;
    pfds[0].events = POLLIN;
    pfds[0].revents = 0;
    return 1;
}

int runner_task_timeout(runner_task *t)
{
    if (t->pid < 0 || t->exited)
        return 0;
    double until = t->deadline;
    if (t->closing && t->close_deadline < until)
        until = t->close_deadline;
    double left = until - util_now_ms();
    int ms = left <= 0 ? 0 : (int)left + 1;
    if (t->closing && t->pidfd < 0 && ms > CLOSE_POLL_MS)
        ms = CLOSE_POLL_MS;
    return ms;
}

/* The child's verdict is in, or it has nothing more to say (it ran out of
 * time, or wrote garbage): kill it and its group now, and leave the reaping
 * for later (reap_corpses): tearing down a process takes longer than
 * grading its answer, and must not hold the parent up. */
static void bury(runner_task *t)
{
    kill(-t->pid, SIGKILL);
    kill(t->pid, SIGKILL);
    if (ncorpses == corpses_cap) {
        corpses_cap = corpses_cap ? corpses_cap * 2 : 16;
        corpses = xrealloc(corpses, corpses_cap * sizeof *corpses);
    }
    corpses[ncorpses++] = (corpse){ t->pid, t->sc };
    t->sc = NULL;
    t->exited = 1;
}

static void close_channel(runner_task *t)
{
    if (t->fd >= 0)
        close(t->fd);
    t->fd = -1;
}

static void stop_closing(runner_task *t)
{
    if (t->pidfd >= 0)
        close(t->pidfd);
    t->pidfd = -1;
    t->closing = 0;
}

/* The channel closed without the last record: the child is exiting (a
 * signal, os._exit), or the answer closed the channel and lives on. Its
 * exit is awaited without blocking: the pidfd joins the poll set. */
static void start_closing(runner_task *t)
{
    t->closing = 1;
    t->close_deadline = util_now_ms() + CLOSE_GRACE_MS;
    t->pidfd = (int)syscall(SYS_pidfd_open, t->pid, 0);
}

/* 1 once a closing child has exited (its status read) or its grace ran out
 * (it is killed: it closed the channel and stayed). */
static int step_closing(runner_task *t)
{
    pid_t r;
    while ((r = wait4(t->pid, &t->wstatus, WNOHANG, &t->ru)) < 0 && errno == EINTR)
        ;
    if (r == t->pid) {
        t->exited = 1;
        kill(-t->pid, SIGKILL); /* stragglers in its group */
        stop_closing(t);
        return 1;
    }
    double now = util_now_ms();
    if (now >= t->close_deadline || now >= t->deadline) {
        t->closed_early = 1;
        stop_closing(t);
        bury(t);
        return 1;
    }
    return 0;
}

int runner_task_step(runner_task *t)
{
    if (t->pid < 0 || t->exited)
        return 1;
    if (t->closing)
        return step_closing(t);
    char chunk[65536];
    for (;;) {
        ssize_t r = read(t->fd, chunk, sizeof chunk);
        if (r > 0) {
            int bad = channel_feed(&t->chan, chunk, (size_t)r) < 0;
            explicit_bzero(chunk, (size_t)r); /* the answer's words, on this stack */
            if (bad)
                break;
            if (t->chan.item_done) {
                /* Each finished item earns the next one its own time. */
                t->chan.item_done = 0;
                t->deadline = util_now_ms() + (double)t->limits.item_ms;
            }
            continue;
        }
        if (r == 0) {
            close_channel(t);
            if (t->chan.done) {
                bury(t);
                return 1;
            }
            start_closing(t);
            return step_closing(t);
        }
        if (errno == EINTR)
            continue;
        break; /* EAGAIN */
    }
    if (t->chan.corrupt || t->chan.done) {
        /* Threads the answer left behind must not hold the verdict up. */
        close_channel(t);
        bury(t);
        return 1;
    }
    if (util_now_ms() >= t->deadline) {
        t->timed_out = 1;
        close_channel(t);
        bury(t);
        return 1;
    }
    return 0;
}

static double cpu_seconds(const struct rusage *ru)
{
    return (double)ru->ru_utime.tv_sec + (double)ru->ru_utime.tv_usec / 1e6 +
           (double)ru->ru_stime.tv_sec + (double)ru->ru_stime.tv_usec / 1e6;
}

static void classify(runner_task *t)
{
    run_result *r = &t->res;
    const run_limits *lim = &t->limits;
    if (r->status == RUN_CRASH && r->message)
        return; /* never started */
    int sig = t->exited && WIFSIGNALED(t->wstatus) ? WTERMSIG(t->wstatus) : 0;
    double cpu_limit = (double)lim->cpu_seconds;
    const channel *c = &t->chan;
    /* A refusal in a test that finished (the answer caught it and went on)
     * is that test's (its outcome says so): a process that dies later
     * died of what came later. */
    int denial_ended_it = c->denied && (c->done || c->denied_at >= c->items);
    if (c->corrupt) {
        r->status = RUN_CRASH;
        r->message = xstrdup("the result channel carried data that did not come from the grader");
    } else if (denial_ended_it) {
        r->status = RUN_DENIED;
        r->message = xasprintf("denied: %s", c->denied);
    } else if (c->fatal) {
        r->status = RUN_CRASH;
        r->message = xasprintf("the sandbox could not be set up: %s", c->fatal);
    } else if (c->memory) {
        r->status = RUN_MEMORY;
        r->message = xasprintf("over the memory limit of %d MB", lim->memory_mb);
    } else if (c->done) {
        r->status = RUN_OK;
    } else if (sig == SIGXFSZ) {
        r->status = RUN_OUTPUT;
        r->message = xasprintf("printed more than the output limit of %d KB", lim->output_kb);
    } else if (t->timed_out || sig == SIGXCPU || (sig == SIGKILL && cpu_seconds(&t->ru) >= cpu_limit - 0.05)) {
        r->status = RUN_TIMEOUT;
        r->message = time_scale > 1 ? xasprintf("over the time limit of %d ms (x%lld: PYDRILL_TIME_SCALE)",
                                                lim->timeout_ms, time_scale)
                                    : xasprintf("over the time limit of %d ms", lim->timeout_ms);
    } else if (sig == SIGSYS) {
        r->status = RUN_DENIED;
        r->message = xstrdup("denied: a system call outside the sandbox");
    } else if (t->closed_early) {
        r->status = RUN_CRASH;
        r->message = xstrdup("closed its result channel without finishing");
    } else if (sig) {
        r->status = RUN_CRASH;
        r->message = xasprintf("killed by signal %d (%s)", sig, strsignal(sig));
    } else {
        r->status = RUN_CRASH;
        r->message = xasprintf("exited with status %d before sending its result",
                               t->exited && WIFEXITED(t->wstatus) ? WEXITSTATUS(t->wstatus) : -1);
    }
}

/* What a child killed before its final record had printed (the head, as
 * the final record would have sent it). */
static void read_killed_output(runner_task *t)
{
    /* once hidden tests began, the hidden record brought what is shown */
    if (t->out_cap < 0 || t->res.status == RUN_OK || t->res.out || t->chan.hidden)
        return;
    struct stat st;
    if (fstat(t->out_cap, &st) < 0 || st.st_size <= 0)
        return;
    size_t n = st.st_size > MAX_KILLED_OUTPUT ? MAX_KILLED_OUTPUT : (size_t)st.st_size;
    if (n == 0)
        return;
    char *buf = xmalloc(n + 1);
    ssize_t r = pread(t->out_cap, buf, n, 0);
    if (r <= 0) {
        free(buf);
        return;
    }
    buf[r] = '\0';
    t->res.out = buf;
    t->res.out_len = (size_t)r;
}

void runner_task_finish(runner_task *t, run_result *res)
{
    if (t->pid >= 0 && !t->exited) {
        close_channel(t);
        stop_closing(t);
        bury(t);
    }
    classify(t);
    read_killed_output(t);
    if (t->out_cap >= 0)
        close(t->out_cap);
    t->out_cap = -1;
    t->res.time_ms = util_now_ms() - t->start;
    if (t->sc) /* its child is reaped (or never was) */
        scratch_release(t->sc);
    close_channel(t);
    channel_free(&t->chan);
    *res = t->res;
    explicit_bzero(t->secret, sizeof t->secret);
    free(t);
}

void runner_task_cancel(runner_task *t)
{
    run_result r;
    runner_task_finish(t, &r);
    run_result_free(&r);
}

int runner_wait_any(runner_task **tasks, size_t n, int timeout_ms)
{
    struct pollfd *pfds = xcalloc(n ? n : 1, sizeof *pfds);
    double until = timeout_ms < 0 ? -1 : util_now_ms() + timeout_ms;
    int found = -1;
    for (;;) {
        int wait = timeout_ms < 0 ? -1 : (int)(until - util_now_ms());
        if (timeout_ms >= 0 && wait < 0)
            wait = 0;
        int nfds = 0;
        for (size_t i = 0; i < n; i++) {
            int tw = runner_task_timeout(tasks[i]);
            if (wait < 0 || tw < wait)
                wait = tw;
            if (runner_task_pollfds(tasks[i], &pfds[nfds], 1))
                nfds++;
            else
                wait = 0;
        }
        if (poll(pfds, (nfds_t)nfds, wait) < 0 && errno != EINTR)
            break;
        for (size_t i = 0; i < n; i++)
            if (runner_task_step(tasks[i]) && found < 0)
                found = (int)i;
        if (found >= 0 || (timeout_ms >= 0 && util_now_ms() >= until))
            break;
    }
    free(pfds);
    return found;
}

static void run_once(const runner_job *job, run_result *res)
{
    runner_task *t = runner_spawn(job);
    while (runner_wait_any(&t, 1, -1) < 0)
        ;
    runner_task_finish(t, res);
}

void runner_run(const runner_job *job, run_result *res)
{
    run_once(job, res);
    unsigned char *mask;
    int more_to_do = runner_tests_resume(job, res, &mask);
    while (more_to_do) {
        runner_job rest = *job;
        rest.run_mask = mask;
        run_result more;
        run_once(&rest, &more);
        unsigned char *next = NULL;
        more_to_do = runner_tests_resume(&rest, &more, &next);
        runner_tests_merge(res, &more, job, mask);
        run_result_free(&more);
        free(mask);
        mask = next;
    }
}

/* An ending the next test need not share: the process died of what one
 * test did. (Denied is an attempt, and ends the answer.) */
static int resumable(const run_result *r)
{
    return !r->syntax && !r->internal &&
           (r->status == RUN_TIMEOUT || r->status == RUN_MEMORY || r->status == RUN_OUTPUT || r->status == RUN_CRASH);
}

int runner_tests_resume(const runner_job *job, run_result *r, unsigned char **mask)
{
    *mask = NULL;
    if (job->kind != JOB_TESTS || r->noutcomes < job->ntests || !resumable(r))
        return 0;
    size_t *order = xcalloc(job->ntests ? job->ntests : 1, sizeof *order);
    runner_test_order(job->tests, job->ntests, order);
    unsigned char *rest = xcalloc(job->ntests ? job->ntests : 1, 1);
    int died_in = 0, any = 0;
    for (size_t k = 0; k < job->ntests; k++) {
        size_t i = order[k];
        test_outcome *o = &r->outcomes[i];
        if ((job->run_mask && !job->run_mask[i]) || o->kind != OUT_NOTRUN || o->ended != RUN_OK)
            continue;
        if (!died_in) {
            died_in = 1;
            o->ended = r->status;
            o->ended_msg = xstrdup(r->message ? r->message : "");
        } else {
            rest[i] = 1;
            any = 1;
        }
    }
    free(order);
    if (!any) {
        free(rest);
        return 0;
    }
    *mask = rest;
    return 1;
}

/* SPEC 3.1's order of the endings that stop a run: the worse one names it */
static int run_rank(run_status s)
{
    switch (s) {
    case RUN_DENIED: return 5;
    case RUN_CRASH: return 4;
    case RUN_MEMORY: return 3;
    case RUN_TIMEOUT: return 2;
    case RUN_OUTPUT: return 1;
    default: return 0;
    }
}

static void append(char **dst, size_t *len, const char *src, size_t n)
{
    if (!src || !n)
        return;
    *dst = xrealloc(*dst, *len + n + 1);
    memcpy(*dst + *len, src, n);
    *len += n;
    (*dst)[*len] = '\0';
}

void runner_tests_merge(run_result *into, run_result *from, const runner_job *job, const unsigned char *mask)
{
    for (size_t i = 0; i < job->ntests && i < into->noutcomes && i < from->noutcomes; i++) {
        if (!mask[i])
            continue;
        test_outcome *o = &from->outcomes[i];
        /* a test this run did not reach, and no run will, ended with it */
        if (o->kind == OUT_NOTRUN && o->ended == RUN_OK && from->status != RUN_OK && !resumable(from)) {
            o->ended = from->status;
            o->ended_msg = xstrdup(from->message ? from->message : "");
        }
        into->outcomes[i] = *o;
        memset(o, 0, sizeof *o);
    }
    if (run_rank(from->status) > run_rank(into->status)) {
        into->status = from->status;
        free(into->message);
        into->message = from->message;
        from->message = NULL;
    }
    into->internal |= from->internal;
    into->time_ms += from->time_ms;
    append(&into->out, &into->out_len, from->out, from->out_len);
    append(&into->err, &into->err_len, from->err, from->err_len);
}
