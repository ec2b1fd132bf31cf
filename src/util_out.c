/* util_out.c - outputs (util.h): standard output, or a file replaced
 * whole through a temporary file beside it. */
#define _GNU_SOURCE
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

/* How many times a fresh temporary name is drawn before giving up: a
 * collision of 64 random bits means someone is guessing. */
#define OUT_TMP_TRIES 16
/* Buffered bytes that make a write. */
#define OUT_BUFFER 65536
/* links followed to find a stream's name, as the kernel's own limit */
#define OUT_LINK_HOPS 40

static void out_reset(util_out *o)
{
    o->fd = -1;
    o->path = NULL;
    o->tmp = NULL;
    o->anon = 0;
    o->err = 0;
    o->memory = 0;
    /* an empty sbuf: it allocates on first use */
    o->buf.buf = NULL;
    o->buf.len = o->buf.cap = 0;
}

void util_out_open_memory(util_out *o)
{
    out_reset(o);
    o->memory = 1;
}

/* A temporary file beside path: ".NAME.<16 hex digits>.tmp", created with
 * O_EXCL (which never follows a link planted at that name) and mode 0666
 * less the umask, as the report itself should be. */
static void out_pending_add(char *tmp);

static char *temp_name(const char *path)
{
    char *dir = util_dirname(path);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    unsigned long long r = 0;
    if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r)
        r ^= (unsigned long long)getpid() * 0x9E3779B97F4A7C15ULL ^ (unsigned long long)util_now_ms();
    /* a long name is cut so that the temporary name stays legal */
    char *name = xasprintf("%s/.%.200s.%016llx.tmp", dir, base, r);
    free(dir);
    return name;
}

static int create_temp(const char *path, char **tmp)
{
    for (int i = 0; i < OUT_TMP_TRIES; i++) {
        char *name = temp_name(path);
        int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0666);
        if (fd >= 0) {
            *tmp = name;
            return fd;
        }
        int e = errno;
        free(name);
        if (e != EEXIST) {
            errno = e;
            return -1;
        }
    }
    errno = EEXIST;
    return -1;
}

/* The report is written into a file with no name yet (O_TMPFILE) where
 * the file system can: a run killed with SIGKILL, or a machine that goes
 * down, then leaves nothing beside the target. It gets its temporary name
 * only when whole (name_anon), and is renamed over the target at once.
 * -1 where it cannot be (no O_TMPFILE here, no /proc to link it from). */
static int create_anon(const char *path)
{
    char *dir = util_dirname(path);
    int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    free(dir);
    if (fd < 0)
        return -1;
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    if (access(proc, F_OK) < 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Gives the unnamed file its temporary name (linkat never replaces a name
 * that exists, so a link planted there is not followed either). */
static int name_anon(util_out *o)
{
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", o->fd);
    for (int i = 0; i < OUT_TMP_TRIES; i++) {
        char *name = temp_name(o->path);
        if (linkat(AT_FDCWD, proc, AT_FDCWD, name, AT_SYMLINK_FOLLOW) == 0) {
            o->tmp = name;
            out_pending_add(name);
            return 0;
        }
        int e = errno;
        free(name);
        if (e != EEXIST) {
            errno = e;
            return -1;
        }
    }
    errno = EEXIST;
    return -1;
}

/* A file replaced keeps its mode, and its owner and group where this user
 * may give them: a gradebook kept at 0600 must not come back 0644 (cp and
 * a shell's > keep them too). */
static void keep_owner_and_mode(int fd, const struct stat *old)
{
    if (!old || !S_ISREG(old->st_mode))
        return;
    if (fchown(fd, old->st_uid, old->st_gid) < 0)
        (void)fchown(fd, (uid_t)-1, old->st_gid); /* a group of one's own, at least */
    (void)fchmod(fd, old->st_mode & 07777);
}

/* The temporary files of outputs not closed yet: removed when Ctrl-C or
 * a kill ends the process first, so that an interrupted run leaves no
 * .NAME.XXXXXX.tmp beside the report it never wrote. (The report itself
 * is only ever renamed into place whole.) */
#define OUT_PENDING_MAX 8
static char *volatile out_pending[OUT_PENDING_MAX];
static const int out_fatal[] = { SIGINT, SIGTERM, SIGHUP };
static struct sigaction out_saved[ARRAY_SIZE(out_fatal)];
static int out_handlers;

static void out_on_fatal(int sig)
{
    for (int i = 0; i < OUT_PENDING_MAX; i++)
        if (out_pending[i])
            unlink(out_pending[i]);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void out_pending_add(char *tmp)
{
    for (int i = 0; i < OUT_PENDING_MAX; i++)
        if (!out_pending[i]) {
            out_pending[i] = tmp;
            break;
        }
    if (out_handlers)
        return;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = out_on_fatal;
    sigemptyset(&sa.sa_mask);
    for (size_t k = 0; k < ARRAY_SIZE(out_fatal); k++) {
        sigaction(out_fatal[k], NULL, &out_saved[k]);
        /* a signal ignored (nohup) stays ignored */
        if (out_saved[k].sa_handler != SIG_IGN)
            sigaction(out_fatal[k], &sa, NULL);
    }
    out_handlers = 1;
}

static void out_pending_drop(const char *tmp)
{
    int left = 0;
    for (int i = 0; i < OUT_PENDING_MAX; i++) {
        if (out_pending[i] == tmp)
            out_pending[i] = NULL;
        left |= out_pending[i] != NULL;
    }
    if (out_handlers && !left) {
        for (size_t k = 0; k < ARRAY_SIZE(out_fatal); k++)
            sigaction(out_fatal[k], &out_saved[k], NULL);
        out_handlers = 0;
    }
}

/* The descriptor a name stands for, when it names one of this process's
 * own streams: /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N,
 * /proc/<our pid>/fd/N. -1 otherwise. */
static int fd_named(const char *p)
{
    if (!strcmp(p, "/dev/stdout"))
        return STDOUT_FILENO;
    if (!strcmp(p, "/dev/stderr"))
        return STDERR_FILENO;
    char self[32];
    snprintf(self, sizeof self, "/proc/%ld/fd/", (long)getpid());
    const char *const prefixes[] = { "/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/", self };
    for (size_t i = 0; i < ARRAY_SIZE(prefixes); i++) {
        size_t n = strlen(prefixes[i]);
        if (strncmp(p, prefixes[i], n) != 0 || p[n] < '0' || p[n] > '9')
            continue;
        char *end;
        long fd = strtol(p + n, &end, 10);
        return *end || fd > INT_MAX ? -1 : (int)fd;
    }
    return -1;
}

/* -o /dev/stdout with stdout sent to a file (> gradebook.csv), or a link
 * to one of those names: the stream the shell opened, written where it
 * stands (its O_APPEND kept), not the link replaced by a file of the
 * report (which, as root, replaced the system's /dev/stdout). Follows the
 * chain of links by hand, since the last one (/proc/self/fd/1) leads to
 * the file itself. */
static int out_stream_fd(const char *path)
{
    char cur[PATH_MAX], next[PATH_MAX];
    if (snprintf(cur, sizeof cur, "%s", path) >= (int)sizeof cur)
        return -1;
    for (int hop = 0; hop < OUT_LINK_HOPS; hop++) {
        int fd = fd_named(cur);
        if (fd >= 0)
            return fd;
        ssize_t n = readlink(cur, next, sizeof next - 1);
        if (n < 0)
            return -1;
        next[n] = '\0';
        if (next[0] == '/') {
            memcpy(cur, next, (size_t)n + 1);
        } else {
            char *slash = strrchr(cur, '/');
            size_t keep = slash ? (size_t)(slash - cur) + 1 : 0;
            if (keep + (size_t)n + 1 > sizeof cur)
                return -1;
            memcpy(cur + keep, next, (size_t)n + 1);
        }
    }
    return -1;
}

/* The folders of the system's devices and kernel views: a report renamed
 * over a name there (-o /dev/core, a link to /proc/kcore) would replace a
 * part of the system, as root. */
static int in_system_folder(const char *path)
{
    char *dir = util_dirname(path);
    char real[PATH_MAX];
    int r = 0;
    if (realpath(dir, real)) {
        /* /dev itself, not /dev/shm, a file system of files */
        const char *const sys[] = { "/proc", "/sys" };
        r = !strcmp(real, "/dev");
        for (size_t i = 0; i < ARRAY_SIZE(sys); i++) {
            size_t n = strlen(sys[i]);
            r |= !strncmp(real, sys[i], n) && (real[n] == '\0' || real[n] == '/');
        }
    }
    free(dir);
    return r;
}

int util_out_open(util_out *o, const char *path, char **err)
{
    out_reset(o);
    if (!path || !strcmp(path, "-")) {
        o->fd = STDOUT_FILENO;
        return 0;
    }
    if (!path[0]) {
        *err = xstrdup("pydrill: error: the output file name is empty");
        return -1;
    }
    o->path = xstrdup(path);
    int stream = out_stream_fd(path);
    if (stream >= 0) {
        o->fd = fcntl(stream, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
        if (o->fd < 0) {
            *err = xasprintf("%s: error: cannot write: %s", path,
                             errno == EBADF ? "that descriptor is not open" : strerror(errno));
            goto fail;
        }
        return 0;
    }
    struct stat st;
    /* Follows links on purpose: -o /dev/stdout names a device. */
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) {
            *err = xasprintf("%s: error: cannot write: is a folder", path);
            goto fail;
        }
        /* a FIFO nobody reads would block here for ever, before anything
         * is graded: it is an error at once (ENXIO), like any other */
        o->fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | (S_ISFIFO(st.st_mode) ? O_NONBLOCK : 0));
        if (o->fd < 0) {
            *err = errno == ENXIO && S_ISFIFO(st.st_mode)
                       ? xasprintf("%s: error: cannot write: a FIFO with no reader (start its reader first)", path)
                       : xasprintf("%s: error: cannot write: %s", path, strerror(errno));
            goto fail;
        }
        if (S_ISFIFO(st.st_mode)) {
            int fl = fcntl(o->fd, F_GETFL);
            if (fl >= 0)
                fcntl(o->fd, F_SETFL, fl & ~O_NONBLOCK);
        }
        return 0;
    }
    if (in_system_folder(path)) {
        *err = xasprintf("%s: error: will not replace a file in a system folder (/dev, /proc, /sys): name a "
                         "file elsewhere", path);
        goto fail;
    }
    /* a file this user may not write is not replaced behind its mode's
     * back (a shell's >, cp and sort -o refuse it too) */
    struct stat cur;
    const struct stat *old = lstat(path, &cur) == 0 ? &cur : NULL;
    if (old && S_ISREG(old->st_mode) && access(path, W_OK) < 0 && errno == EACCES) {
        *err = xasprintf("%s: error: cannot write: Permission denied (the file is read-only to you)", path);
        goto fail;
    }
    o->fd = create_anon(path);
    if (o->fd >= 0) {
        o->anon = 1;
        keep_owner_and_mode(o->fd, old);
        return 0;
    }
    o->fd = create_temp(path, &o->tmp);
    if (o->fd >= 0)
        keep_owner_and_mode(o->fd, old);
    if (o->fd < 0) {
        /* the file is written beside its target and renamed over it: say
         * where, when it is that folder that refuses (-o /proc/version) */
        int e = errno;
        char *dir = util_dirname(path);
        struct stat ds;
        if (stat(dir, &ds) == 0 && S_ISDIR(ds.st_mode))
            *err = xasprintf("%s: error: cannot write: %s (no file can be made in %s)", path, strerror(e), dir);
        else
            *err = xasprintf("%s: error: cannot write: %s", path, strerror(e));
        free(dir);
        goto fail;
    }
    out_pending_add(o->tmp);
    return 0;
fail:
    free(o->path);
    out_reset(o);
    return -1;
}

static void out_send(util_out *o, const char *p, size_t n)
{
    while (n > 0 && !o->err) {
        ssize_t w = write(o->fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            o->err = errno;
            return;
        }
        p += w;
        n -= (size_t)w;
    }
}

int util_out_flush(util_out *o)
{
    if (o->memory)
        return 0;
    if (o->buf.len) {
        out_send(o, o->buf.buf, o->buf.len);
        sbuf_reset(&o->buf);
    }
    return o->err ? -1 : 0;
}

void util_out_write(util_out *o, const void *data, size_t n)
{
    if (o->err)
        return;
    sbuf_add(&o->buf, data, n);
    if (!o->memory && o->buf.len >= OUT_BUFFER)
        util_out_flush(o);
}

void util_out_puts(util_out *o, const char *s)
{
    util_out_write(o, s, strlen(s));
}

void util_out_printf(util_out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    util_out_puts(o, s);
    free(s);
}

void util_out_abandon(util_out *o)
{
    if (o->tmp) {
        unlink(o->tmp);
        out_pending_drop(o->tmp);
        free(o->tmp);
    }
    if (o->fd > STDERR_FILENO)
        close(o->fd);
    free(o->path);
    sbuf_release(&o->buf);
    out_reset(o);
}

int util_out_close(util_out *o, char **err)
{
    if (o->memory) {
        util_out_abandon(o);
        return 0;
    }
    util_out_flush(o);
    if (!o->err && (o->tmp || o->anon) && fsync(o->fd) < 0)
        o->err = errno;
    if (!o->err && o->anon && name_anon(o) < 0)
        o->err = errno;
    if (o->fd > STDERR_FILENO && close(o->fd) < 0 && !o->err)
        o->err = errno;
    if (o->fd > STDERR_FILENO)
        o->fd = -1;
    if (!o->err && o->tmp && rename(o->tmp, o->path) < 0)
        o->err = errno;
    if (!o->err && o->tmp) {
        out_pending_drop(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
    }
    int e = o->err;
    /* A report is useful whole or not at all: a reader that went away
     * (grade | uploader) is as much a failure as a full disk. */
    if (e)
        *err = o->path ? xasprintf("%s: error: cannot write: %s", o->path,
                                   e == EISDIR ? "is a folder" : strerror(e))
               : e == EPIPE
                   ? xstrdup("pydrill: error: cannot write to standard output: its reader went away before the "
                             "report was whole")
                   : xasprintf("pydrill: error: cannot write to standard output: %s", strerror(e));
    util_out_abandon(o);
    return e ? -1 : 0;
}

char *util_out_take(util_out *o, size_t *len)
{
    char *s = sbuf_detach(&o->buf, len);
    util_out_abandon(o);
    return s;
}

int util_write_atomic(const char *path, const char *data, size_t len, char **err)
{
    util_out o;
    if (util_out_open(&o, path, err) < 0)
        return -1;
    util_out_write(&o, data, len);
    return util_out_close(&o, err);
}

