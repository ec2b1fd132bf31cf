/* test_runlimits.c - an answer's limits, worked out once in 64 bits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "runlimits.h"

static void test_defaults(void **state)
{
    drill_limits dl = { 0, 0, 0 };
    run_limits l;
    runlimits_compute(&dl, 3, 1, &l);
    assert_int_equal(l.timeout_ms, 2000);
    assert_int_equal(l.memory_mb, 256);
    assert_int_equal(l.output_kb, 64);
    assert_true(l.item_ms == 2000);
    assert_true(l.cpu_seconds == 7); /* 6 s of items, rounded up, plus one */
    assert_true(l.memory_bytes == 256LL << 20);
    assert_true(l.file_bytes == 64LL << 10);
}

/* The largest limits the loader allows, times the most items and the
 * largest time scale, do not overflow (they did in int). */
static void test_largest_do_not_overflow(void **state)
{
    drill_limits dl = { 600000, 65536, 1048576 };
    run_limits l;
    runlimits_compute(&dl, 100000, 1000, &l);
    assert_true(l.item_ms == 600000LL * 1000);
    assert_true(l.cpu_seconds == (600000LL * 1000 * 100000 + 999) / 1000 + 1);
    assert_true(l.cpu_seconds > 0);
    assert_true(l.memory_bytes == 65536LL << 20);
    assert_true(l.file_bytes == 1048576LL << 10);
}

static void test_clamped(void **state)
{
    drill_limits dl = { 1000, 1, 1 };
    run_limits l;
    runlimits_compute(&dl, (size_t)-1, 1000000, &l); /* items and scale out of range */
    assert_true(l.item_ms == 1000LL * RUNLIMITS_MAX_SCALE);
    assert_true(l.cpu_seconds == (1000LL * RUNLIMITS_MAX_SCALE * 100000 + 999) / 1000 + 1);
    runlimits_compute(&dl, 0, -5, &l); /* no items counts as one; scale at least 1 */
    assert_true(l.item_ms == 1000);
    assert_true(l.cpu_seconds == 2);
    assert_true(l.startup_ms == RUNLIMITS_STARTUP_MS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_largest_do_not_overflow),
        cmocka_unit_test(test_clamped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
