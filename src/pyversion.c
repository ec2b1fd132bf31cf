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

/* Walks range; with have set, also evaluates it. Returns 1/0 (holds or
 * not; always 1 without have), or -1 with *err. */
static int walk(const char *range, const int *have, char **err)
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
    return walk(range, NULL, err) < 0 ? -1 : 0;
}

int pyversion_satisfies(const char *range, unsigned long hex, char **err)
{
    int have[VERSION_PARTS] = { (int)((hex >> 24) & 0xff), (int)((hex >> 16) & 0xff),
                                (int)((hex >> 8) & 0xff) };
    return walk(range, have, err);
}
