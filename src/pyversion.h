/* pyversion.h - Python version ranges, as `requires.python` and the keys of
 * a versioned predict `expect` write them (SPEC 2.3): comparisons joined by
 * commas, ">=3.12", ">=3.8, <3.13", "3.11", "~=3.12".
 *
 * One parser for the loader (which refuses a bad range) and the planner
 * (which decides whether a drill runs here), so the two cannot disagree.
 *
 * Each comparison looks at the running version cut to as many parts as the
 * range writes: "3.12" and "==3.12" hold for every 3.12.x, "<=3.12" too,
 * ">3.12" means 3.13 or later, "<3.13" stops before 3.13.0. "~=X.Y" is
 * ">=X.Y, ==X" and "~=X.Y.Z" is ">=X.Y.Z, ==X.Y" (PEP 440's compatible
 * release); it needs at least two parts. A bare version means "==". */
#ifndef PYDRILL_PYVERSION_H
#define PYDRILL_PYVERSION_H

#include <stddef.h>

/* 0 if range is well formed; -1 with *err (caller frees) saying why. */
int pyversion_range_check(const char *range, char **err);
/* 1 if the Python of PY_VERSION_HEX-style hexversion is in range, 0 if
 * not, -1 (with *err when err is not NULL) if range is malformed. */
int pyversion_satisfies(const char *range, unsigned long hexversion, char **err);

/* The minors of Python 3 that pydrill builds against (SPEC: 3.11 through
 * 3.15 today): a versioned `expect` must have one output for each. */
#define PYVERSION_SUPPORTED_FIRST 11
#define PYVERSION_SUPPORTED_LAST 15
/* Where two ranges overlapping is looked for: every minor up to 3.99 (and
 * any a range names beyond), so that the overlap is found on every
 * Python, not only on the one inside it. */
#define PYVERSION_MINOR_LAST 99
#define PYVERSION_MICROS_TRIED 64
/* Ranges longer than this (a key of a thousand comparisons), or more of
 * them than that, are not analysed: the overlap and gap functions then
 * find nothing. */
#define PYVERSION_ANALYSED_MAX 256
#define PYVERSION_ANALYSED_RANGES 64

/* Looks for a Python 3 version at which two of the n ranges hold at once,
 * and within too (NULL: any version; a drill's requires.python): 1 with
 * their indexes (*a < *b) and the version in *where ("3.12", or "3.12.4"
 * when not every 3.12.x; caller frees); 0 when there is none; -1 when a
 * range is malformed. Found from the ranges alone, not by running. */
int pyversion_overlap(const char *const *ranges, size_t n, const char *within, size_t *a, size_t *b,
                      char **where);
/* Likewise, a supported version (3.PYVERSION_SUPPORTED_FIRST to
 * 3.PYVERSION_SUPPORTED_LAST, any micro) in within at which none of the
 * ranges holds. */
int pyversion_gap(const char *const *ranges, size_t n, const char *within, char **where);

#endif
