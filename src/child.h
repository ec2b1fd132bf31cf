/* child.h - what runs inside the forked child: the job, in the pristine
 * sub-interpreter, under the sandbox, reporting over the result channel. */
#ifndef PYDRILL_CHILD_H
#define PYDRILL_CHILD_H

#include <sys/types.h>

#include "runlimits.h"
#include "runner.h"

/* Never returns: the child ends with _exit. limits were worked out by the
 * parent; parent is its pid (the child dies with it); chan is the write end
 * of the result channel; every record is framed with secret (hex); it runs
 * in scratch, confined by the Landlock ruleset (-1: none). out_cap is the
 * file its stdout goes to, made by the parent so that it can read what was
 * printed even when the child is killed (-1: the child makes one). */
void child_main(const runner_job *job, const run_limits *limits, pid_t parent, int chan, const char *secret,
                const char *scratch, int ruleset, int out_cap) __attribute__((noreturn));

/* In a worker: puts every signal back to its default and unblocks all,
 * once, so that its children need not. */
void child_reset_signals(void);

#endif
