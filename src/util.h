/* util.h - allocation wrappers, growable strings, diagnostics, file helpers.
 *
 * Allocation wrappers abort on out-of-memory (as redis' zmalloc does) so
 * callers are not littered with NULL checks. */
#ifndef PYDRILL_UTIL_H
#define PYDRILL_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xmemdup(const void *p, size_t n); /* adds a NUL after n bytes */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/* Growable byte buffer, always NUL-terminated. */
typedef struct {
    char *buf;
    size_t len, cap;
} sbuf;

void sbuf_init(sbuf *sb);
void sbuf_release(sbuf *sb);
void sbuf_add(sbuf *sb, const void *data, size_t n);
void sbuf_addstr(sbuf *sb, const char *s);
void sbuf_addch(sbuf *sb, char c);
void sbuf_addf(sbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sbuf_reset(sbuf *sb);
char *sbuf_detach(sbuf *sb, size_t *len); /* caller frees; sb is re-initialised */

/* A list of located error messages ("FILE:LINE:COL: error: ..."), collected
 * by library code and printed by the command layer. */
typedef struct {
    char **msgs;
    size_t n, cap;
} diag;

void diag_init(diag *d);
void diag_free(diag *d);
void diag_add(diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_take(diag *d, char *msg); /* takes ownership of msg */

/* Reads a whole file: 0, or the errno that stopped it (EISDIR for a
 * folder). */
int util_slurp(const char *path, char **data, size_t *len);
/* The same with a message: 0, or -1 with *err set (caller frees). */
int util_read_file(const char *path, char **data, size_t *len, char **err);
/* Writes a file atomically: temporary file in the same folder, fsync,
 * rename. Returns 0, or -1 with *err set. */
int util_write_atomic(const char *path, const char *data, size_t len, char **err);
/* Monotonic clock in milliseconds. */
double util_now_ms(void);
/* The one UTF-8 decoder: the length of the valid sequence at s (n bytes
 * left) with its code point in *cp, or 0 when there is none. Surrogates
 * are refused unless surrogates is set (Python's surrogatepass). */
size_t util_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp, int surrogates);
/* 1 if the n bytes are valid UTF-8. */
int util_utf8_valid(const char *s, size_t n);
/* Folder part of a path ("." when none); caller frees. */
char *util_dirname(const char *path);
/* Joins dir and a relative path (returns rel unchanged copy if absolute). */
char *util_path_join(const char *dir, const char *rel);



/* Copies n bytes as valid UTF-8 without NUL: invalid sequences and NUL
 * bytes become U+FFFD, so any output can travel in a JSON string. Caller
 * frees; *outlen may be NULL. */
char *util_utf8_sanitize(const char *s, size_t n, size_t *outlen);

#endif
