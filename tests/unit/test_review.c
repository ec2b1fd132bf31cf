/* test_review.c - SM-2 as documented in docs/review.md, with fixed clocks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "review.h"

#define DAY 86400
#define T0 ((time_t)1700000000)

static void test_init(void **state)
{
    (void)state;
    review_card c;
    review_card_init(&c);
    assert_float_equal(c.ease, 2.5, 1e-9);
    assert_int_equal(c.reps, 0);
    assert_float_equal(c.interval_days, 0, 1e-9);
    assert_int_equal(c.due, 0);
    assert_false(review_is_due(&c, T0)); /* never reviewed: not due */
}

static void test_good_sequence(void **state)
{
    (void)state;
    review_card c;
    review_card_init(&c);
    review_update(&c, REVIEW_GOOD, T0);
    assert_int_equal(c.reps, 1);
    assert_float_equal(c.interval_days, 1, 1e-9);
    assert_int_equal(c.due, T0 + DAY);
    assert_float_equal(c.ease, 2.6, 1e-9);

    review_update(&c, REVIEW_GOOD, T0 + DAY);
    assert_int_equal(c.reps, 2);
    assert_float_equal(c.interval_days, 6, 1e-9);
    assert_int_equal(c.due, T0 + 7 * DAY);
    assert_float_equal(c.ease, 2.7, 1e-9);

    /* third: interval * ease (the ease before this review, 2.7) */
    review_update(&c, REVIEW_GOOD, T0 + 7 * DAY);
    assert_int_equal(c.reps, 3);
    assert_float_equal(c.interval_days, 16.2, 1e-9);
    assert_int_equal(c.due, T0 + 7 * DAY + (time_t)(16.2 * DAY + 0.5));
    assert_float_equal(c.ease, 2.8, 1e-9);
}

static void test_hard_lowers_ease(void **state)
{
    (void)state;
    review_card c;
    review_card_init(&c);
    review_update(&c, REVIEW_HARD, T0);
    assert_int_equal(c.reps, 1);
    assert_float_equal(c.interval_days, 1, 1e-9);
    assert_float_equal(c.ease, 2.36, 1e-9); /* 2.5 + 0.1 - 2 * (0.08 + 2 * 0.02) */
    review_update(&c, REVIEW_HARD, T0 + DAY);
    review_update(&c, REVIEW_HARD, T0 + 7 * DAY);
    assert_float_equal(c.interval_days, 6 * 2.22, 1e-9);
    assert_float_equal(c.ease, 2.08, 1e-9);
}

static void test_fail_resets_and_relearns_in_ten_minutes(void **state)
{
    (void)state;
    review_card c;
    review_card_init(&c);
    review_update(&c, REVIEW_GOOD, T0);
    review_update(&c, REVIEW_GOOD, T0 + DAY);
    review_update(&c, REVIEW_FAIL, T0 + 7 * DAY);
    assert_int_equal(c.reps, 0);
    assert_int_equal(c.due, T0 + 7 * DAY + 600);
    assert_float_equal(c.ease, 2.7 - 0.54, 1e-9);
    assert_false(review_is_due(&c, T0 + 7 * DAY + 599));
    assert_true(review_is_due(&c, T0 + 7 * DAY + 600));
    /* after a fail the ladder starts again at one day */
    review_update(&c, REVIEW_GOOD, T0 + 8 * DAY);
    assert_int_equal(c.reps, 1);
    assert_float_equal(c.interval_days, 1, 1e-9);
}

static void test_ease_floor(void **state)
{
    (void)state;
    review_card c;
    review_card_init(&c);
    for (int i = 0; i < 10; i++)
        review_update(&c, REVIEW_FAIL, T0 + i);
    assert_float_equal(c.ease, 1.3, 1e-9);
    review_update(&c, REVIEW_HARD, T0 + 100);
    assert_float_equal(c.ease, 1.3, 1e-9);
}

static void test_is_due(void **state)
{
    (void)state;
    review_card c;
    review_card_init(&c);
    review_update(&c, REVIEW_GOOD, T0);
    assert_false(review_is_due(&c, T0));
    assert_false(review_is_due(&c, T0 + DAY - 1));
    assert_true(review_is_due(&c, T0 + DAY));
    assert_true(review_is_due(&c, T0 + 30 * DAY));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init),
        cmocka_unit_test(test_good_sequence),
        cmocka_unit_test(test_hard_lowers_ease),
        cmocka_unit_test(test_fail_resets_and_relearns_in_ten_minutes),
        cmocka_unit_test(test_ease_floor),
        cmocka_unit_test(test_is_due),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
