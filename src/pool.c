/* pool.c - see pool.h.
 *
 * Coordinator and worker talk over a socket pair, in messages of a fixed
 * header and a payload: a job carries a drill's index and an answer's
 * text; a verdict carries the drill_verdict as compact JSON. Both sides are
 * pydrill's own code; what crosses is data an answer cannot reach (the
 * child talks to its worker over the secret-framed result channel). */
#define _GNU_SOURCE
#include "pool.h"

#include <errno.h>
#include <malloc.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "child.h"
#include "codecache.h"
#include "runner.h"
#include "sandbox.h"
#include "util.h"

#define POOL_MAGIC 0x70796472u /* "pydr" */
#define MSG_JOB 1u
#define MSG_VERDICT 2u
/* Jobs a worker holds at once: one running, one waiting, so that it never
 * waits for the coordinator between two answers. */
#define WORKER_DEPTH 2
/* Workers that may die and be replaced in one batch before the rest of its
 * answers are failed rather than retried. */
#define MAX_RESTARTS 16
#define MAX_PAYLOAD (64u << 20)
#define READ_CHUNK 65536

typedef struct {
    uint32_t magic;
    uint32_t type;
    uint64_t ticket;
    uint32_t drill;
    uint32_t len;
} msg_head;

typedef struct {
    size_t ticket, drill;
    char *answer;
} job;

typedef struct {
    pid_t pid;
    int fd;             /* -1 once dead */
    sbuf out;           /* bytes to send */
    size_t out_off;
    sbuf in;            /* bytes received, not yet a whole message */
    job held[WORKER_DEPTH]; /* sent, no verdict yet, in order */
    size_t nheld;
} worker;

struct pool {
    const catalog *c;
    worker *w;
    int n;
    job *queue;         /* waiting for a worker, FIFO */
    size_t qhead, qlen, qcap;
    size_t pending;
    int restarts;
    /* verdicts made here (a worker died) waiting to be taken */
    pool_result *made;
    size_t nmade, made_cap;
};

/* ---- the verdict's wire form ------------------------------------------ */

static void add_str(cJSON *o, const char *k, const char *v)
{
    if (v)
        cJSON_AddStringToObject(o, k, v);
}

static char *verdict_to_json(const drill_verdict *v)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "st", v->st);
    cJSON_AddNumberToObject(o, "score", v->score);
    cJSON_AddNumberToObject(o, "time", v->time_ms);
    if (v->internal)
        cJSON_AddTrueToObject(o, "int");
    add_str(o, "msg", v->message);
    add_str(o, "out", v->out);
    add_str(o, "err", v->err);
    cJSON *ts = cJSON_AddArrayToObject(o, "tests");
    for (size_t i = 0; i < v->ntests; i++) {
        const test_verdict *t = &v->tests[i];
        cJSON *to = cJSON_CreateObject();
        add_str(to, "name", t->name);
        cJSON_AddNumberToObject(to, "st", t->st);
        cJSON_AddBoolToObject(to, "hidden", t->hidden);
        add_str(to, "exp", t->expected);
        add_str(to, "got", t->got);
        add_str(to, "msg", t->message);
        cJSON_AddItemToArray(ts, to);
    }
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return s;
}

static char *get_str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? xstrdup(v->valuestring) : NULL;
}

static status get_status(const cJSON *o)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "st");
    int s = cJSON_IsNumber(v) ? v->valueint : (int)ST_CRASH;
    return s >= (int)ST_PASS && s <= (int)ST_MISSING ? (status)s : ST_CRASH;
}

static int verdict_from_json(const char *text, size_t len, drill_verdict *v)
{
    cJSON *o = cJSON_ParseWithLength(text, len);
    if (!cJSON_IsObject(o)) {
        cJSON_Delete(o);
        return -1;
    }
    v->st = get_status(o);
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(o, "score");
    v->score = cJSON_IsNumber(n) ? n->valuedouble : 0;
    n = cJSON_GetObjectItemCaseSensitive(o, "time");
    v->time_ms = cJSON_IsNumber(n) ? n->valuedouble : 0;
    v->message = get_str(o, "msg");
    v->internal = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "int"));
    v->out = get_str(o, "out");
    v->err = get_str(o, "err");
    const cJSON *ts = cJSON_GetObjectItemCaseSensitive(o, "tests");
    if (!cJSON_IsArray(ts)) /* what is walked below must be what was counted */
        ts = NULL;
    int nt = ts ? cJSON_GetArraySize(ts) : 0;
    v->tests = xcalloc(nt ? (size_t)nt : 1, sizeof *v->tests);
    const cJSON *to;
    cJSON_ArrayForEach(to, ts)
    {
        test_verdict *t = &v->tests[v->ntests++];
        t->name = get_str(to, "name");
        t->st = get_status(to);
        t->hidden = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(to, "hidden"));
        t->expected = get_str(to, "exp");
        t->got = get_str(to, "got");
        t->message = get_str(to, "msg");
    }
    cJSON_Delete(o);
    return 0;
}

/* ---- the worker's side ------------------------------------------------- */

static int read_full(int fd, void *buf, size_t n)
{
    size_t done = 0;
    while (done < n) {
        ssize_t r = read(fd, (char *)buf + done, n - done);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        done += (size_t)r;
    }
    return 0;
}

static int write_full(int fd, const void *buf, size_t n)
{
    size_t done = 0;
    while (done < n) {
        ssize_t w = write(fd, (const char *)buf + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        done += (size_t)w;
    }
    return 0;
}

static void worker_send(int fd, uint64_t ticket, uint32_t drill, const drill_verdict *v)
{
    char *json = verdict_to_json(v);
    size_t len = json ? strlen(json) : 0;
    msg_head h = { POOL_MAGIC, MSG_VERDICT, ticket, drill, (uint32_t)len };
    if (!json || write_full(fd, &h, sizeof h) < 0 || write_full(fd, json, len) < 0)
        _exit(1);
    /* it carries the answer's output and values: see worker_main */
    explicit_bzero(json, len);
    free(json);
}

/* The coordinator is done: reap this worker's children and free its
 * folders, then leave without the exit handlers of the coordinator it was
 * forked from (and without a leak checker that needs ptrace, which the
 * worker's own filter refuses). */
static void worker_exit(void) __attribute__((noreturn));
static void worker_exit(void)
{
    runner_finish();
    _exit(0);
}

/* The worker's heap after loading is live data with holes in it (what
 * loading freed). Each fork write-protects every page, so every page the
 * worker then writes faults once per answer; and malloc, serving an answer's
 * small blocks from those holes, writes chunk headers on pages all over the
 * heap. Taking the holes once, for good, makes each answer's blocks come
 * from the same few pages at the top: about 30 fewer faults per answer in
 * the worker. Bounded by what malloc says is free, so that an allocator
 * that reports nothing (ASan, valgrind) is left alone. */
#define TCACHE_MAX_BLOCK 1024 /* glibc's per-thread cache: sizes up to ~1 KiB, */
#define TCACHE_PER_SIZE 7     /* seven blocks each */
#define HOLE_MIN_BLOCK 32
#define HOLE_MAX_BLOCK (128 * 1024)

static void **held;
static size_t nheld, held_cap;

static void hold(void *p)
{
    if (nheld == held_cap) {
        held_cap = held_cap ? held_cap * 2 : 1024;
        held = xrealloc(held, held_cap * sizeof *held);
    }
    held[nheld++] = p;
}

/* Where the top chunk (the never-used end of the heap) starts. */
static char *heap_top(void)
{
    return (char *)sbrk(0) - mallinfo2().keepcost;
}

static void take_heap_holes(void)
{
    struct mallinfo2 mi = mallinfo2();
    size_t budget = mi.fordblks > mi.keepcost ? mi.fordblks - mi.keepcost : 0, taken = 0;
    if (budget == 0)
        return;
    for (size_t sz = 16; sz <= TCACHE_MAX_BLOCK; sz += 16)
        for (int i = 0; i < TCACHE_PER_SIZE; i++)
            hold(xmalloc(sz));
    for (size_t sz = HOLE_MAX_BLOCK; sz >= HOLE_MIN_BLOCK; sz /= 2) {
        /* blocks taken from holes leave the top where it is; one from the
         * top ends this size (and freeing it may move the top back) */
        char *top = heap_top();
        while (taken < budget) {
            char *p = xmalloc(sz);
            if (p >= top) {
                free(p);
                break;
            }
            hold(p);
            taken += sz;
        }
    }
}

/* Never returns. The coordinator closing its end is the signal to end. */
static void worker_main(const catalog *c, int fd) __attribute__((noreturn));
static void worker_main(const catalog *c, int fd)
{
    char *err = NULL;
    util_wipe_freed(0);
    runner_after_fork_worker();
    if (sandbox_worker_confine(&err) < 0) {
        /* Every answer this worker would take is failed by the coordinator
         * once it sees the worker gone. */
        fprintf(stderr, "pydrill: worker: %s\n", err);
        _exit(1);
    }
    codecache_fill(c);
    /* What loading and planning freed goes back now: every page this
     * worker still maps is a page each child's fork copies the entry of,
     * and a free chunk malloc walks is a page a child's malloc writes to. */
    malloc_trim(0);
    take_heap_holes();
    /* The coordinator wipes what it frees (pool_start); the holes above
     * were taken without, and from here the worker wipes again: a child's
     * frames and the verdict made of them carry an answer's output and
     * values, and the next student's child is forked from this heap.
     * Each child stops wiping at once (runner.c): its heap dies with it. */
    util_wipe_freed(1);
    /* The coordinator's own dispositions mean nothing here, and the
     * children need the defaults: once, for all of them. (A worker whose
     * coordinator is gone dies of SIGPIPE, or of its parent-death signal.) */
    child_reset_signals();
    for (;;) {
        msg_head h;
        if (read_full(fd, &h, sizeof h) < 0)
            worker_exit();
        if (h.magic != POOL_MAGIC || h.type != MSG_JOB || h.len > MAX_PAYLOAD || h.drill >= c->ndrills)
            _exit(1);
        char *answer = xmalloc((size_t)h.len + 1);
        if (read_full(fd, answer, h.len) < 0)
            worker_exit();
        answer[h.len] = '\0';
        const drill *d = &c->drills[h.drill];
        runner_job jb;
        run_result r;
        drill_verdict v;
        drill_verdict_init(&v, d);
        grade_make_job(d, answer, NULL, &jb);
        runner_run(&jb, &r);
        grade_tests(d, &r, NULL, &v);
        run_result_free(&r);
        worker_send(fd, h.ticket, h.drill, &v);
        drill_verdict_free(&v);
        /* The next child inherits this heap: a freed answer left in it is
         * one native code could read (another student's work). */
        explicit_bzero(answer, h.len);
        free(answer);
    }
}

/* ---- the coordinator's side -------------------------------------------- */

static void scrub_sbuf(sbuf *b)
{
    if (b->buf)
        explicit_bzero(b->buf, b->cap);
}

/* A worker that replaces a dead one is forked from the coordinator in the
 * middle of the batch: the answers it holds (queued, in flight, in the
 * buffers to and from the workers) would be in every child this worker
 * forks. They are another student's: gone before the first child. (What
 * the coordinator freed is wiped already: pool_start.) */
static void scrub_inherited(pool *p)
{
    for (size_t i = 0; i < p->qlen; i++) {
        job *j = &p->queue[(p->qhead + i) % p->qcap];
        if (j->answer)
            explicit_bzero(j->answer, strlen(j->answer));
    }
    for (int i = 0; i < p->n; i++) {
        worker *w = &p->w[i];
        for (size_t h = 0; h < w->nheld; h++)
            if (w->held[h].answer)
                explicit_bzero(w->held[h].answer, strlen(w->held[h].answer));
        scrub_sbuf(&w->out);
        scrub_sbuf(&w->in);
    }
}

static int spawn_worker(pool *p, int k, char **err)
{
    worker *w = &p->w[k];
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
        *err = xasprintf("cannot make a socket for a worker: %s", strerror(errno));
        return -1;
    }
    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        close(sv[0]);
        close(sv[1]);
        *err = xasprintf("cannot fork a worker: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        /* A worker dies with its coordinator, and holds no other worker's
         * socket (it would keep that worker from seeing the end). */
        if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
            _exit(1);
        close(sv[0]);
        for (int i = 0; i < p->n; i++)
            if (i != k && p->w[i].fd >= 0)
                close(p->w[i].fd);
        scrub_inherited(p);
        worker_main(p->c, sv[1]);
    }
    close(sv[1]);
    w->pid = pid;
    w->fd = sv[0];
    fcntl(w->fd, F_SETFL, fcntl(w->fd, F_GETFL) | O_NONBLOCK);
    sbuf_reset(&w->out);
    w->out_off = 0;
    sbuf_reset(&w->in);
    return 0;
}

pool *pool_start(const catalog *c, int n, char **err)
{
    /* answers pass through here too, and a worker that replaces a dead one
     * is forked from here mid-batch (scrub_inherited); a child's frames
     * and the verdicts sent back are parsed with cJSON, whose nodes are
     * small blocks util_wipe_freed does not reach */
    util_wipe_freed(1);
    static cJSON_Hooks wiped = { malloc, util_free_wiped };
    cJSON_InitHooks(&wiped);
    pool *p = xcalloc(1, sizeof *p);
    p->c = c;
    p->n = n > 0 ? n : 1;
    p->w = xcalloc((size_t)p->n, sizeof *p->w);
    for (int k = 0; k < p->n; k++) {
        p->w[k].fd = -1;
        sbuf_init(&p->w[k].out);
        sbuf_init(&p->w[k].in);
    }
    int started = 0;
    char *why = NULL;
    for (int k = 0; k < p->n; k++) {
        free(why);
        why = NULL;
        started += spawn_worker(p, k, &why) == 0;
    }
    if (!started) {
        *err = why;
        pool_stop(p);
        return NULL;
    }
    free(why);
    return p;
}

static void enqueue(pool *p, job j)
{
    if (p->qlen == p->qcap) {
        size_t cap = p->qcap ? p->qcap * 2 : 64;
        job *q = xcalloc(cap, sizeof *q);
        for (size_t i = 0; i < p->qlen; i++)
            q[i] = p->queue[(p->qhead + i) % p->qcap];
        free(p->queue);
        p->queue = q;
        p->qhead = 0;
        p->qcap = cap;
    }
    p->queue[(p->qhead + p->qlen) % p->qcap] = j;
    p->qlen++;
}

static job dequeue(pool *p)
{
    job j = p->queue[p->qhead];
    p->qhead = (p->qhead + 1) % p->qcap;
    p->qlen--;
    return j;
}

void pool_submit(pool *p, size_t ticket, size_t drill, const char *answer)
{
    job j = { ticket, drill, xstrdup(answer ? answer : "") };
    enqueue(p, j);
    p->pending++;
}

size_t pool_pending(const pool *p)
{
    return p->pending;
}

static void made_verdict(pool *p, const job *j, status st, const char *msg)
{
    if (p->nmade == p->made_cap) {
        p->made_cap = p->made_cap ? p->made_cap * 2 : 8;
        p->made = xrealloc(p->made, p->made_cap * sizeof *p->made);
    }
    pool_result *r = &p->made[p->nmade++];
    r->ticket = j->ticket;
    r->drill = j->drill;
    drill_verdict_init(&r->v, &p->c->drills[j->drill]);
    r->v.st = st;
    r->v.message = xstrdup(msg);
    /* a crash made here is a worker lost, not anything the answer did */
    r->v.internal = st == ST_CRASH;
}

/* Hands waiting jobs to workers with room, as messages in their buffers. */
static void dispatch(pool *p)
{
    for (int k = 0; k < p->n && p->qlen; k++) {
        worker *w = &p->w[k];
        while (w->fd >= 0 && w->nheld < WORKER_DEPTH && p->qlen) {
            job j = dequeue(p);
            size_t len = strlen(j.answer);
            if (len > MAX_PAYLOAD) {
                made_verdict(p, &j, ST_ERROR, "the answer is too large to grade");
                free(j.answer);
                continue;
            }
            msg_head h = { POOL_MAGIC, MSG_JOB, j.ticket, (uint32_t)j.drill, (uint32_t)len };
            sbuf_add(&w->out, &h, sizeof h);
            sbuf_add(&w->out, j.answer, len);
            w->held[w->nheld++] = j;
        }
    }
}

int pool_pollfds(pool *p, struct pollfd *pfds, int max)
{
    dispatch(p);
    int n = 0;
    for (int k = 0; k < p->n && n < max; k++) {
        worker *w = &p->w[k];
        if (w->fd < 0)
            continue;
        pfds[n].fd = w->fd;
        pfds[n].events = POLLIN | (w->out_off < w->out.len ? POLLOUT : 0);
        pfds[n].revents = 0;
        n++;
    }
    return n;
}

/* A worker is gone: its held answers are failed (a crash of the grader,
 * not of the answer, but never a pass), and another takes its place. */
static void worker_died(pool *p, int k)
{
    worker *w = &p->w[k];
    if (w->fd >= 0)
        close(w->fd);
    w->fd = -1;
    if (w->pid > 0) {
        kill(w->pid, SIGKILL);
        while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    w->pid = 0;
    for (size_t i = 0; i < w->nheld; i++) {
        made_verdict(p, &w->held[i], ST_CRASH, "the worker grading this answer died");
        free(w->held[i].answer);
    }
    w->nheld = 0;
    char *err = NULL;
    if (p->restarts++ < MAX_RESTARTS && spawn_worker(p, k, &err) == 0)
        return;
    free(err);
    int alive = 0;
    for (int i = 0; i < p->n; i++)
        alive += p->w[i].fd >= 0;
    if (!alive)
        while (p->qlen) {
            job j = dequeue(p);
            made_verdict(p, &j, ST_CRASH, "no worker could be started to grade this answer");
            free(j.answer);
        }
}

static void flush_out(pool *p, int k)
{
    worker *w = &p->w[k];
    while (w->fd >= 0 && w->out_off < w->out.len) {
        ssize_t r = write(w->fd, w->out.buf + w->out_off, w->out.len - w->out_off);
        if (r > 0) {
            w->out_off += (size_t)r;
            continue;
        }
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        worker_died(p, k);
        return;
    }
    if (w->fd >= 0 && w->out_off == w->out.len) {
        sbuf_reset(&w->out);
        w->out_off = 0;
    }
}

/* Takes whole messages from a worker's input: each a verdict for the
 * oldest job it holds. */
static size_t take_verdicts(pool *p, int k, pool_result *out, size_t max)
{
    worker *w = &p->w[k];
    size_t n = 0, off = 0;
    while (n < max && w->in.len - off >= sizeof(msg_head)) {
        msg_head h;
        memcpy(&h, w->in.buf + off, sizeof h);
        if (h.magic != POOL_MAGIC || h.type != MSG_VERDICT || h.len > MAX_PAYLOAD || !w->nheld ||
            h.ticket != w->held[0].ticket || h.drill != w->held[0].drill) {
            sbuf_reset(&w->in);
            worker_died(p, k);
            return n;
        }
        if (w->in.len - off - sizeof h < h.len)
            break;
        job j = w->held[0];
        memmove(w->held, w->held + 1, (w->nheld - 1) * sizeof *w->held);
        w->nheld--;
        pool_result *r = &out[n++];
        r->ticket = j.ticket;
        r->drill = j.drill;
        drill_verdict_init(&r->v, &p->c->drills[j.drill]);
        if (verdict_from_json(w->in.buf + off + sizeof h, h.len, &r->v) < 0) {
            r->v.st = ST_CRASH;
            r->v.message = xstrdup("the worker sent a verdict that could not be read");
        }
        free(j.answer);
        off += sizeof h + h.len;
    }
    if (off) {
        memmove(w->in.buf, w->in.buf + off, w->in.len - off);
        w->in.len -= off;
        w->in.buf[w->in.len] = '\0';
    }
    return n;
}

size_t pool_step(pool *p, pool_result *out, size_t max)
{
    size_t n = 0;
    while (p->nmade && n < max) {
        out[n++] = p->made[--p->nmade];
        p->pending--;
    }
    dispatch(p);
    for (int k = 0; k < p->n && n < max; k++) {
        worker *w = &p->w[k];
        flush_out(p, k);
        char chunk[READ_CHUNK];
        while (w->fd >= 0) {
            ssize_t r = read(w->fd, chunk, sizeof chunk);
            if (r > 0) {
                sbuf_add(&w->in, chunk, (size_t)r);
                continue;
            }
            if (r < 0 && errno == EINTR)
                continue;
            if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                break;
            size_t got = take_verdicts(p, k, out + n, max - n);
            n += got;
            p->pending -= got;
            worker_died(p, k); /* end of file, or an error */
            break;
        }
        if (w->fd >= 0) {
            size_t got = take_verdicts(p, k, out + n, max - n);
            n += got;
            p->pending -= got;
        }
    }
    while (p->nmade && n < max) {
        out[n++] = p->made[--p->nmade];
        p->pending--;
    }
    return n;
}

void pool_stop(pool *p)
{
    if (!p)
        return;
    for (int k = 0; k < p->n; k++) {
        worker *w = &p->w[k];
        if (w->fd >= 0)
            close(w->fd); /* the worker sees the end and exits */
        w->fd = -1;
    }
    for (int k = 0; k < p->n; k++) {
        worker *w = &p->w[k];
        if (w->pid > 0)
            while (waitpid(w->pid, NULL, 0) < 0 && errno == EINTR)
                ;
        for (size_t i = 0; i < w->nheld; i++)
            free(w->held[i].answer);
        sbuf_release(&w->out);
        sbuf_release(&w->in);
    }
    while (p->qlen) {
        job j = dequeue(p);
        free(j.answer);
    }
    for (size_t i = 0; i < p->nmade; i++)
        drill_verdict_free(&p->made[i].v);
    free(p->made);
    free(p->queue);
    free(p->w);
    free(p);
}
