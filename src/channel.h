/* channel.h - the result channel between a child and the parent.
 *
 * The child writes records, JSON objects each framed as
 * "<secret> <length>\n<json>\n". The secret (CHANNEL_SECRET_LEN hex digits,
 * fresh per child) exists only in C memory, so an answer can write to the
 * channel but cannot write a frame the parent accepts. The parent feeds
 * what it reads to channel_feed, which accepts only whole, authentic,
 * well-formed records, one outcome per item, nothing after "done", and
 * fills a run_result. Whatever the bytes, it never crashes. */
#ifndef PYDRILL_CHANNEL_H
#define PYDRILL_CHANNEL_H

#include <stddef.h>

#include "runner.h"
#include "util.h"

#define CHANNEL_SECRET_LEN 32
#define CHANNEL_MAX_FRAME (64u << 20)   /* one record */
#define CHANNEL_MAX_TOTAL (256u << 20)  /* all a child may send */

typedef struct {
    char secret[CHANNEL_SECRET_LEN + 1];
    job_kind kind;
    size_t nitems;
    run_result *res;   /* filled as records arrive (res->outcomes has nitems slots) */
    sbuf buf;          /* bytes of an incomplete frame */
    size_t total;
    int done;          /* the "done" record came */
    int corrupt;       /* something that is not ours came */
    int memory;        /* a MemoryError was reported */
    int item_done;     /* set on each finished item, and once the child is ready (the caller resets it) */
    int ready;         /* the child said its start-up is over */
    char *denied;      /* what the sandbox refused first, or NULL */
    size_t items;      /* items that have their result */
    size_t denied_at;  /* items that had theirs when the first refusal came: one that came while
                        * an item ran, and the answer went on, belongs to that item alone */
    char *fatal;       /* why the child could not set up, or NULL */
    int hidden;        /* hidden tests began: res->out and res->err hold what was printed before, and
                        * nothing printed later is shown (SPEC 2.4) */
} channel;

void channel_init(channel *c, const char *secret, job_kind kind, size_t nitems, run_result *res);
void channel_free(channel *c);
/* Takes n more bytes. Returns 0, or -1 once the channel carried something
 * that is not ours (c->corrupt is then set and stays set). */
int channel_feed(channel *c, const char *data, size_t n);

#endif
