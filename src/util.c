/* util.c - allocation wrappers, sbuf, diag, small file helpers. */
#define _GNU_SOURCE
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void oom(size_t n)
{
    fprintf(stderr, "pydrill: out of memory allocating %zu bytes\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n);
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        oom(n * size);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n);
    return q;
}

char *xstrdup(const char *s)
{
    return xmemdup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    return xmemdup(s, strnlen(s, n));
}

char *xmemdup(const void *p, size_t n)
{
    char *q = xmalloc(n + 1);
    if (n)
        memcpy(q, p, n);
    q[n] = '\0';
    return q;
}

char *xvasprintf(const char *fmt, va_list ap)
{
    char *s;
    if (vasprintf(&s, fmt, ap) < 0)
        oom(0);
    return s;
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    return s;
}

void sbuf_init(sbuf *sb)
{
    sb->cap = 64;
    sb->len = 0;
    sb->buf = xmalloc(sb->cap);
    sb->buf[0] = '\0';
}

void sbuf_release(sbuf *sb)
{
    free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
}

static void sbuf_grow(sbuf *sb, size_t extra)
{
    if (!sb->buf)
        sbuf_init(sb);
    if (sb->len + extra + 1 <= sb->cap)
        return;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < sb->len + extra + 1)
        cap *= 2;
    sb->buf = xrealloc(sb->buf, cap);
    sb->cap = cap;
}

void sbuf_add(sbuf *sb, const void *data, size_t n)
{
    sbuf_grow(sb, n);
    if (n)
        memcpy(sb->buf + sb->len, data, n);
    sb->len += n;
    sb->buf[sb->len] = '\0';
}

void sbuf_addstr(sbuf *sb, const char *s)
{
    sbuf_add(sb, s, strlen(s));
}

void sbuf_addch(sbuf *sb, char c)
{
    sbuf_add(sb, &c, 1);
}

void sbuf_addf(sbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    sbuf_addstr(sb, s);
    free(s);
}

void sbuf_reset(sbuf *sb)
{
    sbuf_grow(sb, 0);
    sb->len = 0;
    sb->buf[0] = '\0';
}

char *sbuf_detach(sbuf *sb, size_t *len)
{
    sbuf_grow(sb, 0);
    char *s = sb->buf;
    if (len)
        *len = sb->len;
    /* Left empty, not re-initialised: sbuf_grow allocates on next use, so
     * "return sbuf_detach(&sb, NULL);" leaks nothing. */
    sb->buf = NULL;
    sb->len = sb->cap = 0;
    return s;
}

void diag_init(diag *d)
{
    d->msgs = NULL;
    d->n = d->cap = 0;
}

void diag_free(diag *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->msgs[i]);
    free(d->msgs);
    diag_init(d);
}

void diag_take(diag *d, char *msg)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 8;
        d->msgs = xrealloc(d->msgs, d->cap * sizeof(*d->msgs));
    }
    d->msgs[d->n++] = msg;
}

void diag_add(diag *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    diag_take(d, s);
}

int util_slurp(const char *path, char **data, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return EISDIR;
    }
    sbuf sb;
    sbuf_init(&sb);
    char chunk[65536];
    for (;;) {
        ssize_t r = read(fd, chunk, sizeof chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            close(fd);
            sbuf_release(&sb);
            return e;
        }
        if (r == 0)
            break;
        sbuf_add(&sb, chunk, (size_t)r);
    }
    close(fd);
    *data = sbuf_detach(&sb, len);
    return 0;
}

int util_read_file(const char *path, char **data, size_t *len, char **err)
{
    int e = util_slurp(path, data, len);
    if (e == EISDIR)
        *err = xasprintf("%s: error: is a folder, not a file", path);
    else if (e)
        *err = xasprintf("%s: error: cannot open: %s", path, strerror(e));
    return e ? -1 : 0;
}

int util_write_atomic(const char *path, const char *data, size_t len, char **err)
{
    char *tmp = xasprintf("%s.tmp.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        *err = xasprintf("%s: error: cannot create: %s", tmp, strerror(errno));
        free(tmp);
        return -1;
    }
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            goto fail;
        }
        off += (size_t)w;
    }
    if (fsync(fd) < 0)
        goto fail;
    if (close(fd) < 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) < 0)
        goto fail;
    free(tmp);
    return 0;
fail:
    *err = xasprintf("%s: error: cannot write: %s", path, strerror(errno));
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    return -1;
}

double util_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

size_t util_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp, int surrogates)
{
    if (n == 0)
        return 0;
    uint32_t c = s[0], min;
    size_t k;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        k = 1, min = 0x80, c &= 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        k = 2, min = 0x800, c &= 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        k = 3, min = 0x10000, c &= 0x07;
    } else {
        return 0;
    }
    if (n <= k)
        return 0;
    for (size_t i = 1; i <= k; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = (c << 6) | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (!surrogates && c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return k + 1;
}

int util_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t cp;
    for (size_t i = 0; i < n;) {
        size_t k = util_utf8_decode(p + i, n - i, &cp, 0);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

char *util_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

char *util_path_join(const char *dir, const char *rel)
{
    if (rel[0] == '/' || !dir[0] || strcmp(dir, ".") == 0)
        return xstrdup(rel);
    return xasprintf("%s/%s", dir, rel);
}

char *util_utf8_sanitize(const char *s, size_t n, size_t *outlen)
{
    sbuf sb;
    sbuf_init(&sb);
    const unsigned char *p = (const unsigned char *)s;
    uint32_t cp;
    for (size_t i = 0; i < n;) {
        size_t k = p[i] ? util_utf8_decode(p + i, n - i, &cp, 0) : 0;
        if (k == 0) {
            sbuf_add(&sb, "\xEF\xBF\xBD", 3);
            i++;
        } else {
            sbuf_add(&sb, p + i, k);
            i += k;
        }
    }
    char *r = sbuf_detach(&sb, outlen);
    sbuf_release(&sb);
    return r;
}
