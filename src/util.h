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

/* From now on (on != 0) or no longer, this process overwrites each block
 * it frees (glibc's M_PERTURB; elsewhere nothing): the grader's processes
 * that children are forked from pass answers' words through their heap.
 * Inherited across fork. */
void util_wipe_freed(int on);
/* free(p), its bytes cleared first: for what carries an answer's words
 * (output, values, messages, frames) in a process children are forked
 * from. glibc's small-block cache keeps freed blocks as they were, so
 * util_wipe_freed alone leaves them. */
void util_free_wiped(void *p);

/* Growable byte buffer, always NUL-terminated. */
typedef struct {
    char *buf;
    size_t len, cap;
} sbuf;

void sbuf_init(sbuf *sb);
void sbuf_release(sbuf *sb);
/* sbuf_release, the whole buffer cleared first (util_free_wiped). */
void sbuf_release_wiped(sbuf *sb);
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

/* Reads fd to its end into *data (NUL-terminated, caller frees): 0, an
 * errno value, or EFBIG once more than cap bytes came (SIZE_MAX: no cap). */
int util_read_fd(int fd, size_t cap, char **data, size_t *len);
/* The most util_slurp and util_read_file read: packs, catalogs, lists of
 * submissions and the quiz's own files are far smaller, and a file that
 * never ends (a device, a file still growing) must not take all memory. */
#define UTIL_FILE_MAX ((size_t)64 << 20)
/* Reads a whole regular file (links followed) of at most UTIL_FILE_MAX
 * bytes into *data (NUL-terminated, caller frees): 0, or the errno that
 * stopped it: EISDIR for a folder, EINVAL for anything else that is not a
 * regular file (a FIFO, a device, a socket: refused without being opened
 * for reading, never a hang), EFBIG over the limit, ENOENT for "". */
int util_slurp(const char *path, char **data, size_t *len);
/* The same with a message: 0, or -1 with *err set (caller frees):
 * "PATH: error: is a FIFO, not a regular file", "PATH: error: cannot open:
 * No such file or directory", "pydrill: error: an empty file name". */
int util_read_file(const char *path, char **data, size_t *len, char **err);
/* The same with what is wrong alone, to follow the path where the caller
 * says where it came from ("cannot open: ...", "is a FIFO, not a regular
 * file", "is 70000000 bytes, over the limit of 64 MiB"). */
int util_read_file_why(const char *path, char **data, size_t *len, char **why);
/* Reads a file that must be a regular file and not a symbolic link, of at
 * most cap bytes: a FIFO, socket or device is refused without being opened
 * for long (never a hang), a link is never followed, a sparse giant is
 * refused by its size. name is relative to dirfd (AT_FDCWD for the working
 * folder); shown is the path for messages. 0, or -1 with *err set
 * ("SHOWN: error: ..."; caller frees). */
int util_read_regular(int dirfd, const char *name, const char *shown, size_t cap, char **data, size_t *len,
                      char **err);
/* A file the user named for this one use (an answer to run, a list of
 * submissions): whatever it is (a pipe from <(...), a terminal) it is
 * read to its end, waiting for what its writer sends, but never past cap
 * bytes (/dev/zero ends there); a FIFO nobody has open for writing reads
 * as empty rather than blocking. 0, or -1 with *err ("PATH: error: ..."). */
int util_read_named(const char *path, size_t cap, char **data, size_t *len, char **err);
/* "1 MiB", "16 MiB", "512 bytes": a limit for messages. Returns buf. */
char *util_fmt_size(char buf[32], size_t n);
/* Numbers given on the command line or in the environment, strictly:
 * util_parse_long takes ASCII digits only (no sign, space, or 0x) for a
 * value from lo to hi; util_parse_decimal digits with at most one '.'
 * ("0.5", "2.", ".5"; no exponent, no hex) for one from lo to hi. 0 with
 * *out set, or -1 for anything else. */
int util_parse_long(const char *s, long lo, long hi, long *out);
int util_parse_decimal(const char *s, double lo, double hi, double *out);

/* An output: standard output, or a file replaced atomically (a file with
 * no name beside the target where O_TMPFILE works, else a temporary file
 * with an unpredictable name created with O_EXCL, so a planted symbolic
 * link is never followed; fsync; a temporary name; rename), keeping the
 * mode and owner of the file it replaces. A target that exists and is not
 * a regular file (a device such as /dev/null or /dev/full, a FIFO, a
 * terminal) is written in place, and a name for one of the process's own
 * streams (/dev/stdout, /proc/self/fd/N) is that stream. Writes are buffered
 * and the first failure is kept: util_out_close reports it with the path
 * the user asked for, never the temporary name. */
typedef struct {
    int fd;        /* -1 for a memory output */
    char *path;    /* as asked, NULL for standard output */
    char *tmp;     /* the temporary file renamed over path, or NULL */
    int anon;      /* fd is a file with no name yet (O_TMPFILE): named tmp when closed */
    int err;       /* errno of the first failure, 0 */
    int memory;    /* collect in buf, never written (tests, and callers that want the text) */
    sbuf buf;
} util_out;

/* path NULL or "-": standard output. 0, or -1 with *err set (nothing was
 * created). */
int util_out_open(util_out *o, const char *path, char **err);
void util_out_open_memory(util_out *o);
void util_out_write(util_out *o, const void *data, size_t n);
void util_out_puts(util_out *o, const char *s);
void util_out_printf(util_out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Sends what is buffered (nothing for a memory output). 0 or -1. */
int util_out_flush(util_out *o);
/* Flushes, and for a file makes it durable and renames it into place.
 * 0, or -1 with *err naming the path asked for ("standard output" for
 * stdout); the temporary file is removed. A reader that went away (EPIPE
 * on standard output) is an error too: what it got is not whole. */
int util_out_close(util_out *o, char **err);
/* Gives up: removes the temporary file, leaves the target as it was. */
void util_out_abandon(util_out *o);
/* The text of a memory output (caller frees); the output is closed. */
char *util_out_take(util_out *o, size_t *len);

/* Writes a file atomically through util_out. Returns 0, or -1 with *err
 * set. */
int util_write_atomic(const char *path, const char *data, size_t len, char **err);

/* A copy of s fit to print on a terminal in a message: C0 and C1 control
 * characters, DEL, bidirectional overrides and bytes that are not UTF-8
 * are written as \n, \t, \xNN or \uNNNN, so a file or candidate name
 * cannot move the cursor, recolour the screen or forge a line. Caller
 * frees. */
char *util_escape_controls(const char *s);
/* Monotonic clock in milliseconds. */
double util_now_ms(void);
/* The one UTF-8 decoder: the length of the valid sequence at s (n bytes
 * left) with its code point in *cp, or 0 when there is none. Surrogates
 * are refused unless surrogates is set (Python's surrogatepass). */
size_t util_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp, int surrogates);
/* The UTF-8 of a code point (U+FFFD for one that is not a character):
 * returns how many bytes of out it took. */
size_t util_utf8_encode(uint32_t cp, char out[4]);
/* FNV-1a, 64 bits, of n bytes: a hash for tables and for telling files
 * apart, not a defence against anyone who wants a collision. */
uint64_t util_fnv1a64(const void *p, size_t n);
/* 1 if path is dir or lies under it ("/a/b" is under "/a", "/ab" is not). */
int util_path_under(const char *path, const char *dir);
/* Case in ASCII alone, whatever the locale: a Turkish one maps i to İ,
 * which no byte holds, and leaves "skipped" as "SKiPPED". */
int util_ascii_upper(int c);
int util_ascii_lower(int c);
int util_ascii_casecmp(const char *a, const char *b);
int util_ascii_ncasecmp(const char *a, const char *b, size_t n);
/* 1 for the bidirectional overrides and isolates (U+202A..U+202E,
 * U+2066..U+2069), which reorder what is shown after them; the marks
 * LRM and RLM are not among them. */
int util_bidi_override(uint32_t cp);
/* The cells such a character takes where it is drawn escaped: \u202e. */
#define UTIL_BIDI_ESCAPE_CELLS 6
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
/* A file name as reports show it: valid UTF-8 as it is, each other byte
 * written \xNN as stderr writes it, so that two names a Windows zip made
 * (CP437 "M\x81ller", "M\x84ller") stay two names. Caller frees. */
char *util_name_shown(const char *s);

#endif
