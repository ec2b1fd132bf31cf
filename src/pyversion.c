/* pyversion.c - Python version ranges (see pyversion.h for the rules). */
#include "pyversion.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define VERSION_PARTS 3     /* major.minor.micro */
#define VERSION_PART_MAX 999

typedef enum { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_COMPAT } version_op;

static const struct {
    const char *text;
    version_op op;
} ops[] = {
    /* two-character operators first, so ">=" is not read as ">" */
    { ">=", OP_GE }, { "<=", OP_LE }, { "==", OP_EQ }, { "!=", OP_NE },
    { "~=", OP_COMPAT }, { ">", OP_GT }, { "<", OP_LT },
};

static const char *skip_spaces(const char *p)
{
    while (*p == ' ')
        p++;
    return p;
}

/* Compares have and want on their first n parts: -1, 0 or 1. */
static int compare(const int have[VERSION_PARTS], const int want[VERSION_PARTS], int n)
{
    for (int i = 0; i < n; i++)
        if (have[i] != want[i])
            return have[i] < want[i] ? -1 : 1;
    return 0;
}

static int holds(version_op op, const int have[VERSION_PARTS], const int want[VERSION_PARTS], int n)
{
    int c = compare(have, want, n);
    switch (op) {
    case OP_EQ:
        return c == 0;
    case OP_NE:
        return c != 0;
    case OP_LT:
        return c < 0;
    case OP_LE:
        return c <= 0;
    case OP_GT:
        return c > 0;
    case OP_GE:
        return c >= 0;
    case OP_COMPAT:
        return c >= 0 && compare(have, want, n - 1) == 0;
    }
    return 0;
}

/* The versions a written part starts or ends a stretch at: for minors
 * of Python 3 and for micros (of any minor: a superset is harmless). */
typedef struct {
    unsigned char minor[VERSION_PART_MAX + 2];
    unsigned char micro[VERSION_PART_MAX + 2];
} edges;

static void edges_add(edges *e, const int want[VERSION_PARTS], int n)
{
    if (n >= 2 && want[0] == 3)
        e->minor[want[1]] = e->minor[want[1] + 1] = 1;
    if (n == 3)
        e->micro[want[2]] = e->micro[want[2] + 1] = 1;
}

/* Walks range; with have set, also evaluates it; with e set, notes the
 * parts it writes. Returns 1/0 (holds or not; always 1 without have), or
 * -1 with *err. */
static int walk(const char *range, const int *have, char **err, edges *e)
{
    const char *p = range;
    int result = 1;
    for (;;) {
        p = skip_spaces(p);
        version_op op = OP_EQ;
        for (size_t i = 0; i < ARRAY_SIZE(ops); i++)
            if (strncmp(p, ops[i].text, strlen(ops[i].text)) == 0) {
                op = ops[i].op;
                p += strlen(ops[i].text);
                break;
            }
        p = skip_spaces(p);
        int want[VERSION_PARTS] = { 0 }, n = 0;
        while (n < VERSION_PARTS && *p >= '0' && *p <= '9') {
            long x = 0;
            while (*p >= '0' && *p <= '9' && x <= VERSION_PART_MAX)
                x = 10 * x + (*p++ - '0');
            if (x > VERSION_PART_MAX)
                goto bad;
            want[n++] = (int)x;
            if (*p != '.' || n == VERSION_PARTS)
                break;
            p++;
        }
        if (n == 0 || p[-1] == '.')
            goto bad;
        if (op == OP_COMPAT && n < 2) {
            if (err)
                *err = xasprintf("invalid version range \"%s\" (\"~=\" needs at least a major and a "
                                 "minor version, e.g. \"~=3.12\")", range);
            return -1;
        }
        if (have && !holds(op, have, want, n))
            result = 0;
        if (e)
            edges_add(e, want, n);
        p = skip_spaces(p);
        if (*p == '\0')
            return result;
        if (*p++ != ',')
            goto bad;
    }
bad:
    if (err)
        *err = xasprintf("invalid version range \"%s\" (write e.g. \">=3.12\" or \">=3.8,<3.13\")", range);
    return -1;
}

int pyversion_range_check(const char *range, char **err)
{
    return walk(range, NULL, err, NULL) < 0 ? -1 : 0;
}

int pyversion_satisfies(const char *range, unsigned long hex, char **err)
{
    int have[VERSION_PARTS] = { (int)((hex >> 24) & 0xff), (int)((hex >> 16) & 0xff),
                                (int)((hex >> 8) & 0xff) };
    return walk(range, have, err, NULL);
}

/* ---- what a set of ranges covers ---- */

/* One version to try for each stretch of versions over which no range
 * changes its answer: every minor from 3.0 to 3.PYVERSION_MINOR_LAST and
 * each minor a range names (and the next), each with micro 0 and each
 * micro a range names (and the next). At most PYVERSION_MICROS_TRIED
 * micros: past that (a key naming a hundred micro versions) the rest are
 * not tried. */
typedef struct {
    int minors[VERSION_PART_MAX + 2], micros[PYVERSION_MICROS_TRIED];
    int nminors, nmicros;
} trials;

static int trials_make(const char *const *ranges, size_t n, const char *within, trials *t)
{
    edges *e = xcalloc(1, sizeof *e);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = walk(ranges[i], NULL, NULL, e) < 0 ? -1 : 0;
    if (rc == 0 && within && walk(within, NULL, NULL, e) < 0)
        rc = -1;
    t->nminors = t->nmicros = 0;
    for (int m = 0; m <= VERSION_PART_MAX; m++)
        if (m <= PYVERSION_MINOR_LAST || e->minor[m])
            t->minors[t->nminors++] = m;
    e->micro[0] = 1;
    for (int u = 0; u <= VERSION_PART_MAX && t->nmicros < PYVERSION_MICROS_TRIED; u++)
        if (e->micro[u])
            t->micros[t->nmicros++] = u;
    free(e);
    return rc;
}

static int holds_at(const char *range, int minor, int micro)
{
    int have[VERSION_PARTS] = { 3, minor, micro };
    return !range || walk(range, have, NULL, NULL) == 1;
}

/* Of the n ranges, the first two that hold at 3.minor.micro (*a, *b), or
 * the count when it is below 2. */
static size_t holding(const char *const *ranges, size_t n, int minor, int micro, size_t *a, size_t *b)
{
    size_t count = 0;
    for (size_t i = 0; i < n && count < 2; i++)
        if (holds_at(ranges[i], minor, micro))
            *(count++ ? b : a) = i;
    return count;
}

typedef enum { FIND_OVERLAP, FIND_GAP } find_what;

/* "3.12" when what was found holds for every micro tried of that minor,
 * else "3.12.4". */
static char *version_text(const char *const *ranges, size_t n, const char *within, const trials *t,
                          find_what what, int minor, int micro)
{
    int whole = 1;
    for (int k = 0; k < t->nmicros && whole; k++) {
        size_t a, b;
        size_t c = holding(ranges, n, minor, t->micros[k], &a, &b);
        int in = holds_at(within, minor, t->micros[k]);
        whole = in && (what == FIND_OVERLAP ? c >= 2 : c == 0);
    }
    return whole ? xasprintf("3.%d", minor) : xasprintf("3.%d.%d", minor, micro);
}

static int find(const char *const *ranges, size_t n, const char *within, find_what what, int first, int last,
                size_t *a, size_t *b, char **where)
{
    /* each range is walked once for each version tried */
    if (n > PYVERSION_ANALYSED_RANGES)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (strlen(ranges[i]) > PYVERSION_ANALYSED_MAX)
            return 0;
    if (within && strlen(within) > PYVERSION_ANALYSED_MAX)
        return 0;
    trials *t = xmalloc(sizeof *t);
    int rc = trials_make(ranges, n, within, t);
    for (int i = 0; rc == 0 && i < t->nminors; i++) {
        int minor = t->minors[i];
        if (minor < first || minor > last)
            continue;
        for (int k = 0; k < t->nmicros && rc == 0; k++) {
            if (!holds_at(within, minor, t->micros[k]))
                continue;
            size_t c = holding(ranges, n, minor, t->micros[k], a, b);
            if (what == FIND_OVERLAP ? c >= 2 : c == 0) {
                *where = version_text(ranges, n, within, t, what, minor, t->micros[k]);
                rc = 1;
            }
        }
    }
    free(t);
    return rc;
}

int pyversion_overlap(const char *const *ranges, size_t n, const char *within, size_t *a, size_t *b,
                      char **where)
{
    return find(ranges, n, within, FIND_OVERLAP, 0, VERSION_PART_MAX, a, b, where);
}

int pyversion_gap(const char *const *ranges, size_t n, const char *within, char **where)
{
    size_t a, b;
    return find(ranges, n, within, FIND_GAP, PYVERSION_SUPPORTED_FIRST, PYVERSION_SUPPORTED_LAST, &a, &b,
                where);
}
