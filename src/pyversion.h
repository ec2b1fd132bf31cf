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

/* 0 if range is well formed; -1 with *err (caller frees) saying why. */
int pyversion_range_check(const char *range, char **err);
/* 1 if the Python of PY_VERSION_HEX-style hexversion is in range, 0 if
 * not, -1 (with *err when err is not NULL) if range is malformed. */
int pyversion_satisfies(const char *range, unsigned long hexversion, char **err);

#endif
