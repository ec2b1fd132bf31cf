/* quiet_runner.h - for the unit tests that run answers: starts the runner
 * with the interpreters' stdout on something that is not a terminal, as
 * in a batch (a terminal would make Python line-buffer it by itself). */
#ifndef PYDRILL_TEST_QUIET_RUNNER_H
#define PYDRILL_TEST_QUIET_RUNNER_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "runner.h"

static int quiet_runner_start(void)
{
    char *err = NULL, *warning = NULL;
    fflush(stdout);
    int saved = dup(1), null = open("/dev/null", O_WRONLY);
    if (saved < 0 || null < 0 || dup2(null, 1) < 0)
        return -1;
    int rc = runner_start(&err, &warning);
    dup2(saved, 1);
    close(saved);
    close(null);
    free(err);
    free(warning);
    return rc;
}

#endif
