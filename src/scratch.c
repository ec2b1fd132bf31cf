/* scratch.c - see scratch.h. */
#define _GNU_SOURCE
#include "scratch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sandbox.h"
#include "util.h"


struct scratch {
    char *path;
    int ruleset; /* -1 without Landlock */
    int busy;
    pid_t owner; /* a forked process (a worker) sees its parent's as not its own */
};

static scratch **pool;
static size_t npool;

/* $TMPDIR when set; else /dev/shm, where making and emptying a folder
 * costs no disk journal; else /tmp. */
static const char *scratch_parent(void)
{
    static const char *parent;
    if (parent)
        return parent;
    const char *tmp = getenv("TMPDIR");
    if (tmp && tmp[0] == '/')
        return parent = tmp;
    struct stat st;
    if (stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && access("/dev/shm", W_OK | X_OK) == 0)
        return parent = "/dev/shm";
    return parent = "/tmp";
}

/* Empties the folder open at dfd, through descriptors (never a path an
 * answer's rename could redirect, never a link followed). A folder the
 * answer made unreadable or unwritable to its owner (mkdir(name, 0o300))
 * is opened up first: the answer may not change modes, its owner may.
 * depth bounds the walk (the answer's files are capped anyway). */
#define REMOVE_DEPTH_MAX 64
static void empty_at(int dfd, int depth)
{
    int fd = dup(dfd);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        struct stat st;
        if (fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            if ((st.st_mode & S_IRWXU) != S_IRWXU)
                fchmodat(dfd, e->d_name, S_IRWXU, 0);
            int sub = depth < REMOVE_DEPTH_MAX
                          ? openat(dfd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                          : -1;
            if (sub >= 0) {
                empty_at(sub, depth + 1);
                close(sub);
            }
            unlinkat(dfd, e->d_name, AT_REMOVEDIR);
        } else {
            unlinkat(dfd, e->d_name, 0);
        }
    }
    closedir(d);
}

static void remove_tree(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) {
        empty_at(fd, 0);
        close(fd);
    }
    rmdir(dir);
}

/* 1 when dir holds nothing. Read with getdents64 into a buffer on the
 * stack rather than opendir, whose 32 KiB buffer is malloc'd: this runs
 * after every answer in a process that forks, where each page malloc
 * touches is a copy-on-write fault. */
#define DIRENT_BUF 1024
static int is_empty(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    char buf[DIRENT_BUF] __attribute__((aligned(__alignof__(struct dirent64))));
    int empty = 1;
    ssize_t n = 0;
    while (empty && (n = getdents64(fd, buf, sizeof buf)) > 0)
        for (ssize_t off = 0; empty && off < n;) {
            struct dirent64 *e = (struct dirent64 *)(buf + off);
            empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
            off += e->d_reclen;
        }
    if (n < 0)
        empty = 0;
    close(fd);
    return empty;
}

static void retire(scratch *s)
{
    remove_tree(s->path);
    if (s->ruleset >= 0)
        close(s->ruleset);
    free(s->path);
    free(s);
}

/* Folders are named for the process that made them, so that one left
 * behind by a pydrill that was killed (a closed terminal, SIGKILL) is
 * removed by the next one to start. */
static scratch *make(char **err)
{
    scratch *s = xcalloc(1, sizeof *s);
    s->ruleset = -1;
    s->owner = getpid();
    s->path = xasprintf("%s/pydrill-run-%ld-XXXXXX", scratch_parent(), (long)getpid());
    if (!mkdtemp(s->path)) {
        *err = xasprintf("cannot make a scratch folder in %s: %s", scratch_parent(), strerror(errno));
        free(s->path);
        free(s);
        return NULL;
    }
    if (sandbox_ruleset(s->path, &s->ruleset, err) < 0) {
        retire(s);
        return NULL;
    }
    return s;
}

scratch *scratch_acquire(char **err)
{
    pid_t self = getpid();
    for (size_t i = 0; i < npool; i++)
        if (!pool[i]->busy && pool[i]->owner == self) {
            pool[i]->busy = 1;
            return pool[i];
        }
    scratch *s = make(err);
    if (!s)
        return NULL;
    pool = xrealloc(pool, (npool + 1) * sizeof *pool);
    pool[npool++] = s;
    s->busy = 1;
    return s;
}

int scratch_check(char **err)
{
    char *why = NULL;
    scratch *s = scratch_acquire(&why);
    if (!s) {
        *err = xasprintf("%s (answers run in a folder made there: %s)", why,
                         getenv("TMPDIR") ? "set TMPDIR to a folder you can write to, or unset it"
                                          : "make it writable, or set TMPDIR to a folder you can write to");
        free(why);
        return -1;
    }
    scratch_release(s);
    return 0;
}

void scratch_release(scratch *s)
{
    /* most answers leave nothing behind: look before walking */
    if (!is_empty(s->path)) {
        int fd = open(s->path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd >= 0) {
            empty_at(fd, 0);
            close(fd);
        }
    }
    if (is_empty(s->path)) {
        s->busy = 0;
        return;
    }
    for (size_t i = 0; i < npool; i++)
        if (pool[i] == s) {
            pool[i] = pool[--npool];
            break;
        }
    retire(s);
}

const char *scratch_path(const scratch *s)
{
    return s->path;
}

int scratch_ruleset(const scratch *s)
{
    return s->ruleset;
}

void scratch_remove_stale(void)
{
    const char *parent = scratch_parent();
    DIR *d = opendir(parent);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        long pid;
        char tail[16];
        if (sscanf(e->d_name, "pydrill-run-%ld-%15s", &pid, tail) != 2 || pid <= 0)
            continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue; /* its owner is alive (or not ours to ask) */
        char *path = xasprintf("%s/%s", parent, e->d_name);
        remove_tree(path);
        free(path);
    }
    closedir(d);
}

void scratch_remove_all(void)
{
    pid_t self = getpid();
    for (size_t i = 0; i < npool; i++)
        if (pool[i]->owner == self)
            retire(pool[i]);
    free(pool);
    pool = NULL;
    npool = 0;
}
