/* child.h - what runs inside the forked child: the job, in the pristine
 * sub-interpreter, under the sandbox, reporting over the result channel. */
#ifndef PYDRILL_CHILD_H
#define PYDRILL_CHILD_H

#include "runner.h"

/* Never returns: the child ends with _exit. chan is the write end of the
 * result channel; every record is framed with secret (hex). out_cap is
 * the file the answer's stdout goes to, made by the parent so that it can
 * read what was printed even when the child is killed (-1: the child makes
 * one). */
void child_main(const runner_job *job, int chan, const char *secret, const char *scratch, int out_cap)
    __attribute__((noreturn));

#endif
