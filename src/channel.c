/* channel.c - the parent's side of the result channel: see channel.h. */
#include "channel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "value.h"

/* The length of a frame is at most this many decimal digits and a newline. */
#define LENGTH_DIGITS 24
/* Line and column numbers beyond this are not positions in any answer. */
#define MAX_POSITION 100000000
/* A raised exception lists at most this many built-in classes. */
#define MAX_EXC_BUILTINS 64

void run_result_init(run_result *r)
{
    memset(r, 0, sizeof *r);
}

static void outcome_free(test_outcome *o)
{
    value_free(o->value);
    util_free_wiped(o->exc_type);
    util_free_wiped(o->exc_msg);
    for (size_t i = 0; i < o->nexc_builtins; i++)
        util_free_wiped(o->exc_builtins[i]);
    util_free_wiped(o->exc_builtins);
    util_free_wiped(o->traceback);
    util_free_wiped(o->reason);
    util_free_wiped(o->out);
    util_free_wiped(o->denied);
    util_free_wiped(o->ended_msg);
    memset(o, 0, sizeof *o);
}

void run_result_free(run_result *r)
{
    util_free_wiped(r->message);
    util_free_wiped(r->syntax_msg);
    for (size_t i = 0; i < r->noutcomes; i++)
        outcome_free(&r->outcomes[i]);
    util_free_wiped(r->outcomes);
    util_free_wiped(r->out);
    util_free_wiped(r->err);
    util_free_wiped(r->trace);
    run_result_init(r);
}

const char *run_status_name(run_status s)
{
    static const char *const names[] = { "ok", "timeout", "memory", "output", "denied", "crash" };
    return (unsigned)s < ARRAY_SIZE(names) ? names[s] : "?";
}

void channel_init(channel *c, const char *secret, job_kind kind, size_t nitems, run_result *res)
{
    memset(c, 0, sizeof *c);
    snprintf(c->secret, sizeof c->secret, "%s", secret);
    c->kind = kind;
    c->nitems = nitems;
    c->res = res;
    sbuf_init(&c->buf);
}

void channel_free(channel *c)
{
    sbuf_release_wiped(&c->buf);
    util_free_wiped(c->denied);
    util_free_wiped(c->fatal);
    explicit_bzero(c->secret, sizeof c->secret);
    memset(c, 0, sizeof *c);
}

static char *json_str(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? xstrdup(v->valuestring) : NULL;
}

static void set_text(char **dst, size_t *len, const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsString(v))
        return;
    free(*dst);
    *dst = xstrdup(v->valuestring);
    if (len)
        *len = strlen(*dst);
}

/* A line or column number as sent: 0 when it is not one (NaN, infinite,
 * negative or past any source pydrill reads). */
static int position(const cJSON *n)
{
    if (!cJSON_IsNumber(n) || !(n->valuedouble >= 0 && n->valuedouble <= MAX_POSITION))
        return 0;
    return (int)n->valuedouble;
}

static int take_item(channel *t, const cJSON *rec)
{
    const cJSON *iv = cJSON_GetObjectItemCaseSensitive(rec, "i");
    const cJSON *kv = cJSON_GetObjectItemCaseSensitive(rec, "k");
    if (!cJSON_IsNumber(iv) || !cJSON_IsString(kv) || iv->valuedouble < 0 ||
        iv->valuedouble >= (double)t->nitems || iv->valuedouble != (double)(size_t)iv->valuedouble)
        return -1;
    test_outcome *o = &t->res->outcomes[(size_t)iv->valuedouble];
    if (o->kind != OUT_NOTRUN)
        return -1; /* one outcome per item */
    const char *k = kv->valuestring;
    if (strcmp(k, "value") == 0) {
        char *err = NULL;
        value *v = value_from_json(cJSON_GetObjectItemCaseSensitive(rec, "v"), &err);
        if (v) {
            o->kind = OUT_VALUE;
            o->value = v;
        } else {
            /* An authentic record whose value we refuse: not a plain value,
             * not a broken channel. */
            o->kind = OUT_NOTPLAIN;
            o->reason = err ? err : xstrdup("the value could not be decoded");
            err = NULL;
        }
        free(err);
    } else if (strcmp(k, "notplain") == 0) {
        o->kind = OUT_NOTPLAIN;
        o->reason = json_str(rec, "reason");
        if (!o->reason)
            o->reason = xstrdup("not a plain value");
    } else if (strcmp(k, "raised") == 0) {
        /* checked before the slot is touched: a refused record leaves it
         * as it was */
        const cJSON *type = cJSON_GetObjectItemCaseSensitive(rec, "type");
        const cJSON *b = cJSON_GetObjectItemCaseSensitive(rec, "builtins");
        if (!cJSON_IsArray(b)) /* what is walked below must be what was counted */
            b = NULL;
        int n = b ? cJSON_GetArraySize(b) : 0;
        if (!cJSON_IsString(type) || n > MAX_EXC_BUILTINS)
            return -1;
        o->kind = OUT_RAISED;
        o->exc_type = json_str(rec, "type");
        o->exc_msg = json_str(rec, "msg");
        o->traceback = json_str(rec, "tb");
        const cJSON *ph = cJSON_GetObjectItemCaseSensitive(rec, "phase");
        o->in_answer = cJSON_IsString(ph) && strcmp(ph->valuestring, "answer") == 0;
        o->exc_builtins = xcalloc((size_t)n + 1, sizeof(char *));
        const cJSON *e;
        cJSON_ArrayForEach(e, b)
        {
            if (cJSON_IsString(e))
                o->exc_builtins[o->nexc_builtins++] = xstrdup(e->valuestring);
        }
    } else {
        return -1;
    }
    set_text(&o->out, &o->out_len, rec, "out");
    o->denied = json_str(rec, "den");
    t->item_done = 1;
    t->items++;
    return 0;
}

/* The most JSON nodes a record may hold, counted as 2 per '[' or '{' and
 * 1 per ',' outside strings (an upper bound on what cJSON allocates: a
 * node per value). A real child's largest record is one value of at most
 * VALUE_MAX_ITEMS items, each at most [{"s": k}, {"i": v}], a dict entry:
 * 8 by this count; the rest of a record is a few dozen. */
#define NODES_PER_ITEM 10
#define RECORD_NODES 4096
#define CHANNEL_MAX_NODES ((size_t)NODES_PER_ITEM * VALUE_MAX_ITEMS + RECORD_NODES)

/* 1 when json has more nodes than any record a real child sends. A record
 * of 64 MB that is one list of 32 million zeros would cost cJSON some 2 GB
 * (a node is about 64 bytes) before the item limit refused it; this scan
 * costs nothing but a pass over bytes already in memory. */
static int too_many_nodes(const char *json, size_t len)
{
    size_t nodes = 0;
    int in_string = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = json[i];
        if (in_string) {
            if (ch == '\\')
                i++;
            else if (ch == '"')
                in_string = 0;
        } else if (ch == '"') {
            in_string = 1;
        } else if (ch == '[' || ch == '{') {
            nodes += 2;
        } else if (ch == ',') {
            nodes++;
        }
        if (nodes > CHANNEL_MAX_NODES)
            return 1;
    }
    return 0;
}

static int take_record(channel *t, const char *json, size_t len)
{
    if (too_many_nodes(json, len))
        return -1;
    cJSON *rec = cJSON_ParseWithLength(json, len);
    if (!cJSON_IsObject(rec)) {
        cJSON_Delete(rec);
        return -1;
    }
    int rc = 0;
    const cJSON *tv = cJSON_GetObjectItemCaseSensitive(rec, "t");
    const char *type = cJSON_IsString(tv) ? tv->valuestring : "";
    if (t->done) {
        rc = -1; /* nothing may follow "done" */
    } else if (strcmp(type, "item") == 0) {
        rc = take_item(t, rec);
    } else if (strcmp(type, "ready") == 0 && !t->ready) {
        /* the child's start-up is over: its first item's time starts now */
        t->ready = 1;
        t->item_done = 1;
    } else if (strcmp(type, "syntax") == 0) {
        const cJSON *l = cJSON_GetObjectItemCaseSensitive(rec, "line");
        const cJSON *c = cJSON_GetObjectItemCaseSensitive(rec, "col");
        t->res->syntax = 1;
        t->res->syntax_line = position(l);
        t->res->syntax_col = position(c);
        free(t->res->syntax_msg);
        t->res->syntax_msg = json_str(rec, "msg");
    } else if (strcmp(type, "predict") == 0) {
        set_text(&t->res->out, &t->res->out_len, rec, "out");
    } else if (strcmp(type, "trace") == 0 && t->kind == JOB_TRACE) {
        /* kept as sent, for tracedoc.c to read */
        run_result *r = t->res;
        r->trace = xrealloc(r->trace, r->trace_len + len + 2);
        memcpy(r->trace + r->trace_len, json, len);
        r->trace_len += len;
        r->trace[r->trace_len++] = '\n';
        r->trace[r->trace_len] = '\0';
    } else if (strcmp(type, "denied") == 0) {
        if (!t->denied)
            t->denied_at = t->items;
        if (!t->denied)
            t->denied = json_str(rec, "what");
        if (!t->denied)
            t->denied = xstrdup("something outside the sandbox");
    } else if (strcmp(type, "hidden") == 0) {
        /* hidden tests begin: what was printed so far is all that is
         * shown, whatever the capture files hold later */
        if (!t->hidden) {
            t->hidden = 1;
            set_text(&t->res->out, &t->res->out_len, rec, "out");
            set_text(&t->res->err, &t->res->err_len, rec, "err");
        }
    } else if (strcmp(type, "limit") == 0) {
        char *what = json_str(rec, "what");
        if (what && strcmp(what, "memory") == 0)
            t->memory = 1;
        free(what);
    } else if (strcmp(type, "fatal") == 0) {
        free(t->fatal);
        t->fatal = json_str(rec, "msg");
    } else if (strcmp(type, "done") == 0) {
        if (t->kind != JOB_PREDICT && !t->hidden)
            set_text(&t->res->out, &t->res->out_len, rec, "out");
        if (!t->hidden)
            set_text(&t->res->err, &t->res->err_len, rec, "err");
        t->done = 1;
    } else {
        rc = -1;
    }
    cJSON_Delete(rec);
    return rc;
}

/* Consumes every complete frame in the buffer. -1: the channel carried
 * something that is not ours. */
static int parse_frames(channel *t)
{
    size_t off = 0;
    int rc = 0;
    while (off < t->buf.len) {
        const char *p = t->buf.buf + off;
        size_t avail = t->buf.len - off;
        size_t need = CHANNEL_SECRET_LEN + 1;
        if (avail < need) {
            if (memcmp(p, t->secret, avail < CHANNEL_SECRET_LEN ? avail : CHANNEL_SECRET_LEN) != 0)
                rc = -1;
            break;
        }
        if (memcmp(p, t->secret, CHANNEL_SECRET_LEN) != 0 || p[CHANNEL_SECRET_LEN] != ' ') {
            rc = -1;
            break;
        }
        const char *len_at = p + need;
        size_t rest = avail - need;
        const char *nl = memchr(len_at, '\n', rest < LENGTH_DIGITS ? rest : LENGTH_DIGITS);
        if (!nl) {
            if (rest >= LENGTH_DIGITS)
                rc = -1;
            break;
        }
        if (len_at[0] < '1' || len_at[0] > '9') {
            rc = -1;
            break;
        }
        char *endp;
        unsigned long long len = strtoull(len_at, &endp, 10);
        if (endp != nl || len == 0 || len > CHANNEL_MAX_FRAME) {
            rc = -1;
            break;
        }
        size_t head = (size_t)(nl - p) + 1;
        if (avail < head + len)
            break;
        if (p[head + len - 1] != '\n' || take_record(t, p + head, (size_t)len - 1) < 0) {
            rc = -1;
            break;
        }
        off += head + (size_t)len;
    }
    if (off) {
        /* the frames taken, cleared: they carry the answer's words */
        memmove(t->buf.buf, t->buf.buf + off, t->buf.len - off);
        explicit_bzero(t->buf.buf + t->buf.len - off, off);
        t->buf.len -= off;
        t->buf.buf[t->buf.len] = '\0';
    }
    return rc;
}



int channel_feed(channel *c, const char *data, size_t n)
{
    if (c->corrupt)
        return -1;
    c->total += n;
    if (c->total > CHANNEL_MAX_TOTAL) {
        c->corrupt = 1;
        return -1;
    }
    sbuf_add(&c->buf, data, n);
    if (parse_frames(c) < 0) {
        c->corrupt = 1;
        return -1;
    }
    return 0;
}
