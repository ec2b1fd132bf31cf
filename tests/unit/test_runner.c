/* test_runner.c - the runner never blocks on a child: one that closes its
 * result channel and lives on is awaited through the poll set, not by a
 * wait in the parent; and what an answer printed before it was killed is
 * in its result. Structural checks only (no timings). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quiet_runner.h"
#include "runner.h"

static int setup(void **state)
{
    return quiet_runner_start();
}

static drill_test one_test[] = { { .name = "t", .expr = "1", .expect = "1" } };

static void test_closed_channel_does_not_block(void **state)
{
    runner_job job = {
        .kind = JOB_TESTS,
        .limits = { .timeout_ms = 10000 },
        .source = "import os, time\nos.closerange(3, 256)\ntime.sleep(30)\n",
        .tests = one_test,
        .ntests = 1,
    };
    runner_task *t = runner_spawn(&job);
    struct pollfd p[1];
    assert_int_equal(runner_task_pollfds(t, p, 1), 1);
    /* the channel carries the child's "ready", then reaches end of file
     * once the answer closed it; each step returns at once, not done;
     * after the end of file the task waits on a descriptor for the
     * child's exit, for a short grace rather than the answer's own 10 s */
    for (int i = 0; i < 16 && runner_task_timeout(t) > 501; i++) {
        while (poll(p, 1, -1) < 0)
            ;
        assert_int_equal(runner_task_step(t), 0);
        assert_int_equal(runner_task_pollfds(t, p, 1), 1);
    }
    assert_true(runner_task_timeout(t) <= 501);
    while (runner_wait_any(&t, 1, -1) < 0)
        ;
    run_result r;
    runner_task_finish(t, &r);
    assert_int_equal(r.status, RUN_CRASH);
    assert_non_null(strstr(r.message, "closed its result channel"));
    run_result_free(&r);
}

/* Killed at its deadline, the child never sends what it printed: the
 * lines must already be in its capture, so stdout must be line-buffered. */
static void test_output_before_a_timeout_is_kept(void **state)
{
    runner_job job = {
        .kind = JOB_TESTS,
        .limits = { .timeout_ms = 300 },
        .source = "print('adding', [1, 2])\nprint('still here')\nwhile True:\n    pass\n",
        .tests = one_test,
        .ntests = 1,
    };
    run_result r;
    runner_run(&job, &r);
    assert_int_equal(r.status, RUN_TIMEOUT);
    assert_non_null(r.out);
    assert_non_null(strstr(r.out, "adding [1, 2]\nstill here\n"));
    run_result_free(&r);
}

/* What an answer prints once hidden tests begin may carry their inputs
 * and its values for them (SPEC 2.4): it is in neither stream of the
 * result, whether the child ends normally or is killed in a hidden test. */
static drill_test shown_and_hidden[] = {
    { .name = "hidden one", .expr = "f(424242)", .expect = "424242", .hidden = 1 },
    { .name = "shown", .expr = "f(1)", .expect = "1" },
};

static void test_nothing_printed_in_hidden_tests_is_kept(void **state)
{
    runner_job job = {
        .kind = JOB_TESTS,
        .limits = { .timeout_ms = 10000 },
        .source = "import sys\n"
                  "def f(x):\n"
                  "    print('handed', x)\n"
                  "    print('err', x, file=sys.stderr)\n"
                  "    return x\n",
        .tests = shown_and_hidden,
        .ntests = 2,
    };
    run_result r;
    runner_run(&job, &r);
    assert_int_equal(r.status, RUN_OK);
    assert_non_null(r.out);
    assert_non_null(strstr(r.out, "handed 1\n"));
    assert_null(strstr(r.out, "424242"));
    assert_non_null(r.err);
    assert_non_null(strstr(r.err, "err 1\n"));
    assert_null(strstr(r.err, "424242"));
    run_result_free(&r);

    job.limits.timeout_ms = 300;
    job.source = "def f(x):\n"
                 "    print('handed', x)\n"
                 "    while x == 424242:\n"
                 "        pass\n"
                 "    return x\n";
    runner_run(&job, &r);
    assert_int_equal(r.status, RUN_TIMEOUT);
    assert_non_null(r.out);
    assert_non_null(strstr(r.out, "handed 1\n"));
    assert_null(strstr(r.out, "424242"));
    run_result_free(&r);
}

/* The cut is not the capture file's to undo: an answer that writes over
 * what it printed before the hidden tests (pwrite, lseek and write, a
 * truncate and a write) still shows only that earlier text. */
static void test_hidden_cut_survives_rewriting_the_capture(void **state)
{
    static const char *const sources[] = {
        "import os, sys\n"
        "def f(x):\n"
        "    print('handed', x, '.' * 40)\n"
        "    sys.stdout.flush()\n"
        "    if x == 424242:\n"
        "        os.pwrite(1, b'LEAK %d ' % x, 0)\n"
        "        os.pwrite(2, b'LEAK %d ' % x, 0)\n"
        "    return x\n",
        "import os, sys\n"
        "def f(x):\n"
        "    print('handed', x, '.' * 40, file=sys.stderr)\n"
        "    if x == 424242:\n"
        "        os.lseek(2, 0, os.SEEK_SET)\n"
        "        os.write(2, b'LEAK %d ' % x)\n"
        "        os.ftruncate(1, 0)\n"
        "        os.write(1, b'LEAK %d ' % x)\n"
        "    return x\n",
    };
    for (int killed = 0; killed < 2; killed++)
        for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++) {
            char src[512];
            snprintf(src, sizeof src, "%s%s", sources[i],
                     killed ? "    while x == 424242:\n        pass\n" : "");
            /* the loop goes before the return */
            char *ret = strstr(src, "    return x\n");
            if (killed) {
                const char *loop = "    while x == 424242:\n        pass\n";
                memmove(ret, loop, strlen(loop));
                strcpy(ret + strlen(loop), "    return x\n");
            }
            runner_job job = {
                .kind = JOB_TESTS,
                .limits = { .timeout_ms = killed ? 400 : 10000 },
                .source = src,
                .tests = shown_and_hidden,
                .ntests = 2,
            };
            run_result r;
            runner_run(&job, &r);
            assert_int_equal(r.status, killed ? RUN_TIMEOUT : RUN_OK);
            assert_true((r.out && strstr(r.out, "handed 1")) || (r.err && strstr(r.err, "handed 1")));
            assert_null(r.out ? strstr(r.out, "424242") : NULL);
            assert_null(r.err ? strstr(r.err, "424242") : NULL);
            run_result_free(&r);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_closed_channel_does_not_block),
        cmocka_unit_test(test_output_before_a_timeout_is_kept),
        cmocka_unit_test(test_nothing_printed_in_hidden_tests_is_kept),
        cmocka_unit_test(test_hidden_cut_survives_rewriting_the_capture),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
