/* pool.h - worker processes that grade a batch's answers (issue 11).
 *
 * The process that loaded and planned the catalog forks one worker per
 * slot before any submission is loaded, so each worker is as small as the
 * warm interpreter and the plan, whatever the batch size. A worker loads
 * the seccomp filters it shares with its children once, compiles the
 * tests' trusted code once, then takes answers one at a time from the
 * coordinator over a socket, forks a child per answer from its pristine
 * sub-interpreter (the security model of SPEC 3.3 is unchanged), grades the
 * child's results in C, and sends back a compact verdict. The coordinator
 * (this module's caller) hands out work and gathers verdicts; it never
 * blocks on a worker. */
#ifndef PYDRILL_POOL_H
#define PYDRILL_POOL_H

#include <poll.h>
#include <stddef.h>

#include "catalog.h"
#include "grade.h"

typedef struct pool pool;

typedef struct {
    size_t ticket;    /* the caller's */
    size_t drill;     /* index in the catalog */
    drill_verdict v;  /* the caller frees it */
} pool_result;

/* Forks n workers (n >= 1) from this process, which must have started the
 * runner and planned c. NULL with *err when not one could start. */
pool *pool_start(const catalog *c, int n, char **err);
/* Queues answer (copied) to drill (an index into the catalog, of a kind
 * graded by a child) under the caller's ticket. */
void pool_submit(pool *p, size_t ticket, size_t drill, const char *answer);
/* Answers submitted whose verdict has not been taken yet. */
size_t pool_pending(const pool *p);
/* The descriptors to poll (up to max), and the events for each. */
int pool_pollfds(pool *p, struct pollfd *pfds, int max);
/* Does what is ready (writes, reads, a worker's death) and stores up to
 * max verdicts in out; returns how many. Never blocks. */
size_t pool_step(pool *p, pool_result *out, size_t max);
/* Ends the workers and frees the pool (what is pending is dropped). */
void pool_stop(pool *p);

#endif
