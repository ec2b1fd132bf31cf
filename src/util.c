/* util.c - allocation wrappers, sbuf, diag, small file helpers. */
#define _GNU_SOURCE
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <malloc.h>
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

/* any byte but 0: a block read after its free shows as this, not as a
 * string's end */
#define UTIL_WIPE_BYTE 0xA5

void util_wipe_freed(int on)
{
#ifdef M_PERTURB
    (void)mallopt(M_PERTURB, on ? UTIL_WIPE_BYTE : 0);
#else
    (void)on;
#endif
}

void util_free_wiped(void *p)
{
    if (!p)
        return;
    explicit_bzero(p, malloc_usable_size(p));
    free(p);
}

void sbuf_release_wiped(sbuf *sb)
{
    if (sb->buf)
        explicit_bzero(sb->buf, sb->cap);
    sbuf_release(sb);
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

int util_read_fd(int fd, size_t cap, char **data, size_t *len)
{
    sbuf sb;
    sbuf_init(&sb);
    char chunk[65536];
    for (;;) {
        ssize_t r = read(fd, chunk, sizeof chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            int e = errno;
            sbuf_release(&sb);
            return e;
        }
        if (r == 0)
            break;
        sbuf_add(&sb, chunk, (size_t)r);
        if (sb.len > cap) {
            sbuf_release(&sb);
            return EFBIG;
        }
    }
    *data = sbuf_detach(&sb, len);
    return 0;
}

static const char *file_type_name(mode_t m);

/* The one reader behind util_slurp and util_read_file. The path is looked
 * at before it is opened, so that a FIFO (which would block), a device
 * (/dev/zero never ends, and opening some devices does things) or a socket
 * is refused unopened; a regular file is opened with O_NONBLOCK in case it
 * was swapped for a FIFO in between, and fstat says what was opened. Links
 * are followed: packs and catalogs are the user's own files, often linked
 * into place (submissions, which are not, go through util_read_regular).
 * The size is checked before reading and the read stops past the limit,
 * so a file that grows while it is read is refused too; /proc and /sys
 * files, regular files that claim 0 or 4096 bytes, are read to their end
 * like any other. 0, or an errno value with *why (caller frees) saying
 * what is wrong in words that follow the path. */
static int slurp(const char *path, char **data, size_t *len, char **why)
{
    char lim[32];
    struct stat st;
    int fd = -1, e = 0;
    *why = NULL;
    if (!path[0]) {
        *why = xstrdup("an empty file name");
        return ENOENT;
    }
    if (stat(path, &st) < 0) {
        e = errno;
        *why = xasprintf("cannot open: %s", strerror(e));
        return e;
    }
    if (S_ISREG(st.st_mode)) {
        fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
        if (fd < 0 || fstat(fd, &st) < 0) {
            e = errno;
            if (fd >= 0)
                close(fd);
            *why = xasprintf("cannot open: %s", strerror(e));
            return e;
        }
    }
    if (S_ISDIR(st.st_mode)) {
        *why = xstrdup("is a folder, not a file");
        e = EISDIR;
    } else if (!S_ISREG(st.st_mode)) {
        *why = xasprintf("is %s, not a regular file", file_type_name(st.st_mode));
        e = EINVAL;
    } else if ((unsigned long long)st.st_size > UTIL_FILE_MAX) {
        *why = xasprintf("is %llu bytes, over the limit of %s", (unsigned long long)st.st_size,
                         util_fmt_size(lim, UTIL_FILE_MAX));
        e = EFBIG;
    } else {
        e = util_read_fd(fd, UTIL_FILE_MAX, data, len);
        if (e == EFBIG)
            *why = xasprintf("is over the limit of %s", util_fmt_size(lim, UTIL_FILE_MAX));
        else if (e)
            *why = xasprintf("cannot read: %s", strerror(e));
    }
    if (fd >= 0)
        close(fd);
    return e;
}

int util_slurp(const char *path, char **data, size_t *len)
{
    char *why;
    int e = slurp(path, data, len, &why);
    free(why);
    return e;
}

int util_read_file_why(const char *path, char **data, size_t *len, char **why)
{
    return slurp(path, data, len, why) ? -1 : 0;
}

int util_read_file(const char *path, char **data, size_t *len, char **err)
{
    char *why;
    if (slurp(path, data, len, &why) == 0)
        return 0;
    /* An empty name makes a message that starts with ": error:" */
    *err = path[0] ? xasprintf("%s: error: %s", path, why) : xasprintf("pydrill: error: %s", why);
    free(why);
    return -1;
}

int util_read_named(const char *path, size_t cap, char **data, size_t *len, char **err)
{
    if (!path[0]) {
        *err = xstrdup("pydrill: error: an empty file name");
        return -1;
    }
    /* Opened without waiting: a FIFO nobody writes to would block the
     * open for ever. Read waiting: one with a writer (<(...)) is read to
     * its end, one without ends at once, empty. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd >= 0)
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        *err = xasprintf("%s: error: cannot open: %s", path, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        *err = xasprintf("%s: error: is a folder, not a file", path);
        close(fd);
        return -1;
    }
    char lim[32];
    int e = util_read_fd(fd, cap, data, len);
    close(fd);
    if (e == EFBIG)
        *err = xasprintf("%s: error: over the limit of %s", path, util_fmt_size(lim, cap));
    else if (e)
        *err = xasprintf("%s: error: cannot read: %s", path, strerror(e));
    return e ? -1 : 0;
}

/* ---- reading untrusted files ---- */

static const char *file_type_name(mode_t m)
{
    if (S_ISDIR(m))
        return "a folder";
    if (S_ISLNK(m))
        return "a symbolic link";
    if (S_ISFIFO(m))
        return "a FIFO";
    if (S_ISSOCK(m))
        return "a socket";
    if (S_ISCHR(m))
        return "a character device";
    if (S_ISBLK(m))
        return "a block device";
    return "not a regular file";
}

char *util_fmt_size(char buf[32], size_t n)
{
    if (n >= (1u << 20) && n % (1u << 20) == 0)
        snprintf(buf, 32, "%zu MiB", n >> 20);
    else if (n >= 1024 && n % 1024 == 0)
        snprintf(buf, 32, "%zu KiB", n >> 10);
    else
        snprintf(buf, 32, "%zu bytes", n);
    return buf;
}

static char *not_regular(const char *shown, mode_t m)
{
    if (S_ISLNK(m))
        return xasprintf("%s: error: is a symbolic link; submissions are never read through links", shown);
    if (S_ISDIR(m))
        return xasprintf("%s: error: is a folder, not a file", shown);
    return xasprintf("%s: error: is %s, not a regular file", shown, file_type_name(m));
}

int util_read_regular(int dirfd, const char *name, const char *shown, size_t cap, char **data, size_t *len,
                      char **err)
{
    char lim[32];
    struct stat st, fst;
    /* Looked at before it is opened: a FIFO would block, and opening a
     * device can do things. */
    if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
        *err = xasprintf("%s: error: cannot open: %s", shown, strerror(errno));
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        *err = not_regular(shown, st.st_mode);
        return -1;
    }
    if ((unsigned long long)st.st_size > cap) {
        *err = xasprintf("%s: error: is %llu bytes, over the limit of %s", shown, (unsigned long long)st.st_size,
                         util_fmt_size(lim, cap));
        return -1;
    }
    /* Swapped between the look and the open: O_NOFOLLOW refuses a link,
     * O_NONBLOCK keeps a FIFO from blocking, and fstat says what was
     * opened. */
    int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ELOOP)
            *err = not_regular(shown, S_IFLNK);
        else
            *err = xasprintf("%s: error: cannot open: %s", shown, strerror(errno));
        return -1;
    }
    if (fstat(fd, &fst) < 0 || !S_ISREG(fst.st_mode) || fst.st_ino != st.st_ino || fst.st_dev != st.st_dev) {
        *err = xasprintf("%s: error: changed while it was being opened", shown);
        close(fd);
        return -1;
    }
    sbuf sb;
    sbuf_init(&sb);
    char chunk[65536];
    for (;;) {
        size_t want = sizeof chunk;
        if (sb.len + want > cap + 1)
            want = cap + 1 - sb.len; /* one byte past the cap proves it is over */
        ssize_t r = read(fd, chunk, want);
        if (r < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (r < 0) {
            *err = xasprintf("%s: error: cannot read: %s", shown, strerror(errno));
            goto fail;
        }
        if (r == 0)
            break;
        sbuf_add(&sb, chunk, (size_t)r);
        if (sb.len > cap) {
            *err = xasprintf("%s: error: is over the limit of %s", shown, util_fmt_size(lim, cap));
            goto fail;
        }
    }
    close(fd);
    *data = sbuf_detach(&sb, len);
    return 0;
fail:
    close(fd);
    sbuf_release(&sb);
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

int util_parse_long(const char *s, long lo, long hi, long *out)
{
    if (!s || !*s || strspn(s, "0123456789") != strlen(s))
        return -1;
    errno = 0;
    long v = strtol(s, NULL, 10);
    if (errno || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

int util_parse_decimal(const char *s, double lo, double hi, double *out)
{
    if (!s)
        return -1;
    size_t whole = strspn(s, "0123456789"), frac = 0;
    if (s[whole] == '.')
        frac = strspn(s + whole + 1, "0123456789");
    if (whole + frac == 0 || s[whole + (s[whole] == '.') + frac] != '\0')
        return -1;
    errno = 0;
    double v = strtod(s, NULL); /* LC_NUMERIC is "C" (main) */
    if (errno || !(v >= lo && v <= hi))
        return -1;
    *out = v;
    return 0;
}

char *util_path_join(const char *dir, const char *rel)
{
    if (rel[0] == '/' || !dir[0] || strcmp(dir, ".") == 0)
        return xstrdup(rel);
    /* one slash between them, whatever dir ends with (HOME=/ was
     * "//.local/...") */
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    return xasprintf("%.*s%s%s", (int)n, dir, dir[n - 1] == '/' ? "" : "/", rel);
}

/* Copies n bytes, each byte that is not part of valid UTF-8 (a NUL too)
 * written as U+FFFD, or as \\xNN when escape is set. */
static char *utf8_mend(const char *s, size_t n, int escape, size_t *outlen)
{
    sbuf sb;
    sbuf_init(&sb);
    const unsigned char *p = (const unsigned char *)s;
    uint32_t cp;
    for (size_t i = 0; i < n;) {
        size_t k = p[i] ? util_utf8_decode(p + i, n - i, &cp, 0) : 0;
        if (k == 0) {
            if (escape)
                sbuf_addf(&sb, "\\x%02x", p[i]);
            else
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

char *util_utf8_sanitize(const char *s, size_t n, size_t *outlen)
{
    return utf8_mend(s, n, 0, outlen);
}

char *util_name_shown(const char *s)
{
    return utf8_mend(s, strlen(s), 1, NULL);
}

/* Bidirectional formatting characters: they reorder what a terminal shows
 * (U+202A..U+202E, U+2066..U+2069) or mark direction invisibly. */
size_t util_utf8_encode(uint32_t cp, char out[4])
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

int util_bidi_override(uint32_t cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

static int is_bidi(uint32_t cp)
{
    return util_bidi_override(cp) || cp == 0x200E || cp == 0x200F || cp == 0x061C;
}

char *util_escape_controls(const char *s)
{
    sbuf sb;
    sbuf_init(&sb);
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p) {
        unsigned c = *p;
        if (c < 0x20 || c == 0x7F) {
            switch (c) {
            case '\n': sbuf_addstr(&sb, "\\n"); break;
            case '\t': sbuf_addstr(&sb, "\\t"); break;
            case '\r': sbuf_addstr(&sb, "\\r"); break;
            default: sbuf_addf(&sb, "\\x%02x", c);
            }
            p++;
            continue;
        }
        if (c < 0x80) {
            sbuf_addch(&sb, (char)c);
            p++;
            continue;
        }
        size_t k = 0;
        for (size_t t = 2; t <= 4; t++) {
            size_t avail = strnlen((const char *)p, t);
            if (avail == t && util_utf8_valid((const char *)p, t)) {
                k = t;
                break;
            }
        }
        if (!k) {
            sbuf_addf(&sb, "\\x%02x", c);
            p++;
            continue;
        }
        uint32_t cp = k == 2 ? ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu)
                    : k == 3 ? ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu)
                             : ((p[0] & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) |
                                   (p[3] & 0x3Fu);
        if ((cp >= 0x80 && cp <= 0x9F) || is_bidi(cp) || cp == 0x2028 || cp == 0x2029)
            sbuf_addf(&sb, "\\u%04x", (unsigned)cp);
        else
            sbuf_add(&sb, p, k);
        p += k;
    }
    return sbuf_detach(&sb, NULL);
}

uint64_t util_fnv1a64(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint64_t h = 14695981039346656037ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ULL;
    return h;
}

int util_path_under(const char *path, const char *dir)
{
    size_t n = dir ? strlen(dir) : 0;
    return n && strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == '\0' || dir[n - 1] == '/');
}

int util_ascii_upper(int c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

int util_ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int util_ascii_ncasecmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int x = util_ascii_lower((unsigned char)a[i]), y = util_ascii_lower((unsigned char)b[i]);
        if (x != y || !x)
            return x - y;
    }
    return 0;
}

int util_ascii_casecmp(const char *a, const char *b)
{
    return util_ascii_ncasecmp(a, b, (size_t)-1);
}
