/* test_channel.c - the parent's side of the result channel: what a frame
 * with the right secret may cost before it is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel.h"

static const char secret[] = "0123456789abcdef0123456789abcdef";

/* One item record whose value is a list of n copies of item (JSON). */
static char *item_record(size_t n, const char *item)
{
    const char *head = "{\"t\":\"item\",\"i\":0,\"k\":\"value\",\"v\":{\"l\":[";
    size_t ilen = strlen(item), cap = strlen(head) + n * (ilen + 1) + 8;
    char *s = malloc(cap), *p = s;
    assert_non_null(s);
    p += sprintf(p, "%s", head);
    for (size_t i = 0; i < n; i++) {
        if (i)
            *p++ = ',';
        memcpy(p, item, ilen);
        p += ilen;
    }
    strcpy(p, "]}}");
    return s;
}

/* Feeds json framed with the secret; returns what channel_feed said, and
 * the outcome's kind in *kind. */
static int feed_record(const char *json, int *kind)
{
    run_result res;
    run_result_init(&res);
    res.noutcomes = 1;
    res.outcomes = calloc(1, sizeof *res.outcomes);
    channel c;
    channel_init(&c, secret, JOB_TESTS, 1, &res);
    size_t len = strlen(json);
    char head[64];
    int h = snprintf(head, sizeof head, "%s %zu\n", secret, len + 1);
    int rc = channel_feed(&c, head, (size_t)h);
    if (rc == 0)
        rc = channel_feed(&c, json, len);
    if (rc == 0)
        rc = channel_feed(&c, "\n", 1);
    *kind = res.outcomes[0].kind;
    channel_free(&c);
    run_result_free(&res);
    return rc;
}

/* sandbox6 F3: a forged list of millions of items was parsed whole (2.7 GB
 * for 64 MB) and only then refused as too long; now the frame is refused
 * as corrupt before cJSON sees it. */
static void test_flood_of_nodes_is_corrupt(void **state)
{
    char *json = item_record(3000000, "0");
    int kind;
    assert_int_equal(feed_record(json, &kind), -1);
    assert_int_equal(kind, OUT_NOTRUN);
    free(json);
}

/* What a real child may send stays accepted: a list of dicts of one entry
 * each, as many as the item limit allows (the densest encoding there is). */
static void test_largest_real_value_is_taken(void **state)
{
    char *json = item_record(VALUE_MAX_ITEMS / 2 - 1, "{\"d\":[[{\"s\":\"k\"},{\"i\":\"1\"}]]}");
    int kind;
    assert_int_equal(feed_record(json, &kind), 0);
    assert_int_equal(kind, OUT_VALUE);
    free(json);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flood_of_nodes_is_corrupt),
        cmocka_unit_test(test_largest_real_value_is_taken),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
