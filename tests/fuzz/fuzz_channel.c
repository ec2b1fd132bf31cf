/* fuzz_channel.c - libFuzzer target for the parent's side of the result
 * channel (channel_feed: the frame parser and the record decoder).
 *
 * The first byte chooses the job kind and the number of items, and whether
 * the rest goes in raw (anything an answer could write to the channel) or
 * as records framed with the right secret (what a child that knew it could
 * send: records separated by NUL bytes). It is fed in chunks of sizes the
 * input also chooses. Whatever the bytes: no crash, no leak, every outcome
 * slot in range, and once corrupt, corrupt for good. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel.h"

static const char secret[] = "0123456789abcdef0123456789abcdef";

static void feed(channel *c, const uint8_t *p, size_t n, uint8_t chunk_seed)
{
    size_t off = 0, step = (size_t)(chunk_seed % 64) + 1;
    while (off < n) {
        size_t k = n - off < step ? n - off : step;
        int was = c->corrupt;
        int rc = channel_feed(c, (const char *)p + off, k);
        if (was && rc != -1)
            abort(); /* corrupt stays corrupt */
        off += k;
        step = step * 7 % 97 + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    job_kind kind = (job_kind)(data[0] % (JOB_TRACE + 1));
    size_t nitems = (size_t)(data[0] >> 2) % 8;
    int framed = data[1] & 1;
    run_result res;
    run_result_init(&res);
    res.noutcomes = nitems;
    res.outcomes = calloc(nitems ? nitems : 1, sizeof *res.outcomes);
    channel c;
    channel_init(&c, secret, kind, nitems, &res);
    const uint8_t *p = data + 2;
    size_t n = size - 2;
    if (!framed) {
        feed(&c, p, n, data[1]);
    } else {
        /* Each NUL-separated piece becomes one authentic frame. */
        size_t start = 0;
        for (size_t i = 0; i <= n; i++) {
            if (i < n && p[i] != 0)
                continue;
            size_t len = i - start;
            char head[64];
            int hn = snprintf(head, sizeof head, "%s %zu\n", secret, len + 1);
            uint8_t *frame = malloc((size_t)hn + len + 1);
            memcpy(frame, head, (size_t)hn);
            memcpy(frame + hn, p + start, len);
            frame[hn + len] = '\n';
            feed(&c, frame, (size_t)hn + len + 1, data[1] >> 1);
            free(frame);
            start = i + 1;
        }
    }
    for (size_t i = 0; i < nitems; i++) {
        test_outcome *o = &res.outcomes[i];
        if (o->kind == OUT_VALUE && !o->value)
            abort();
        if (o->kind == OUT_RAISED && !o->exc_type)
            abort();
    }
    if (res.trace && strlen(res.trace) != res.trace_len)
        abort();
    channel_free(&c);
    run_result_free(&res);
    return 0;
}
