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
 * in scratch, confined by the Landlock ruleset (-1: none). */
void child_main(const runner_job *job, const run_limits *limits, pid_t parent, int chan, const char *secret,
                const char *scratch, int ruleset) __attribute__((noreturn));

#endif
