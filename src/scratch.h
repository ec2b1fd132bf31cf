/* scratch.h - the folders answers run in, each with the Landlock ruleset
 * that confines a child to it.
 *
 * A folder and its ruleset are made once and reused: a child runs in a free
 * one, and once that child is reaped (never before: a dying child could
 * still be finishing a write) the folder is emptied and free again. One
 * that cannot be emptied is retired, never handed to another answer. */
#ifndef PYDRILL_SCRATCH_H
#define PYDRILL_SCRATCH_H

typedef struct scratch scratch;

/* A free, empty folder (made, with its ruleset, when none is free); NULL
 * with *err when none can be made. */
scratch *scratch_acquire(char **err);
/* 0 when a folder can be made where answers run ($TMPDIR, else /dev/shm
 * or /tmp; the one made is kept for the first answer), or -1 with *err
 * saying where and what to do. */
int scratch_check(char **err);
/* Its child is gone: empty it for the next one (or retire it). */
void scratch_release(scratch *s);
const char *scratch_path(const scratch *s);
/* The ruleset descriptor for a child running there (-1 without Landlock). */
int scratch_ruleset(const scratch *s);
/* At start: folders left by a pydrill that was killed. At exit: ours. */
void scratch_remove_stale(void);
void scratch_remove_all(void);

#endif
