/* report.c - the format table, the report writer, views of verdicts and
 * the helpers shared by the writers (SPEC 3.4). Everything an answer or a
 * submission file can contain passes through report_clean() before it
 * reaches a document, so a report stays valid whatever the candidates
 * sent. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

typedef struct {
    const char *name;
    int single; /* exactly one submission */
    /* streaming formats */
    void (*add)(report_stream *st, const report_sub *s);
    void (*end)(report_stream *st);
    /* whole-batch formats */
    int (*render)(const report_batch *b, util_out *out, char **err);
} format;

static const format formats[] = {
    { "text", 0, report_text_add, report_text_end, NULL },
    { "json", 0, NULL, NULL, report_json_render },
    { "jsonl", 0, report_jsonl_add, NULL, NULL },
    { "junit", 0, NULL, NULL, report_junit_render },
    { "tap", 0, NULL, NULL, report_tap_render },
    { "html", 0, NULL, NULL, report_html_render },
    { "csv", 0, report_csv_add, report_csv_end, NULL },
    { "gradescope", 1, NULL, NULL, report_gradescope_render },
    { "prairielearn", 1, NULL, NULL, report_prairielearn_render },
};

static const format *find_format(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
        if (!strcmp(name, formats[i].name))
            return &formats[i];
    return NULL;
}

int report_format_known(const char *name)
{
    return find_format(name) != NULL;
}

int report_format_single(const char *name)
{
    const format *f = find_format(name);
    return f && f->single;
}

const char *report_format_names(void)
{
    return "text, json, jsonl, junit, tap, html, csv, gradescope, prairielearn";
}

struct report_writer {
    const format *fmt;
    report_options opt; /* strings owned */
    report_stream st;
    report_batch *batch;
    util_out *out;
};

report_writer *report_writer_new(const report_options *o, util_out *out, char **err)
{
    const format *f = find_format(o->format);
    if (!f) {
        *err = xasprintf("pydrill: error: unknown format \"%s\" (%s)", o->format ? o->format : "",
                         report_format_names());
        return NULL;
    }
    report_writer *w = xcalloc(1, sizeof *w);
    w->fmt = f;
    w->opt.format = f->name;
    w->opt.python_version = o->python_version ? xstrdup(o->python_version) : NULL;
    w->opt.title = o->title ? xstrdup(o->title) : NULL;
    w->opt.packs = o->packs ? xstrdup(o->packs) : NULL;
    w->opt.batch = o->batch ? xstrdup(o->batch) : NULL;
    if (o->ndrill_ids) {
        char **ids = xcalloc(o->ndrill_ids, sizeof *ids);
        for (size_t i = 0; i < o->ndrill_ids; i++)
            ids[i] = xstrdup(o->drill_ids[i]);
        w->opt.drill_ids = (const char *const *)ids;
        w->opt.ndrill_ids = o->ndrill_ids;
    }
    w->out = out;
    w->st.out = out;
    w->st.opt = &w->opt;
    if (f->render)
        w->batch = report_batch_new(&w->opt);
    return w;
}

void report_writer_add(report_writer *w, const report_sub *s)
{
    if (w->batch) {
        report_batch_add(w->batch, s);
        return;
    }
    w->fmt->add(&w->st, s);
    w->st.count++;
    /* a streamed line is out as soon as it is final */
    util_out_flush(w->out);
}

int report_writer_finish(report_writer *w, char **err)
{
    int rc = 0;
    if (w->batch)
        rc = w->fmt->render(w->batch, w->out, err);
    else if (w->fmt->end)
        w->fmt->end(&w->st);
    util_out_flush(w->out);
    return rc;
}

void report_writer_free(report_writer *w)
{
    if (!w)
        return;
    if (w->batch)
        report_batch_free(w->batch);
    free(w->st.state);
    free((char *)w->opt.python_version);
    free((char *)w->opt.packs);
    free((char *)w->opt.batch);
    free((char *)w->opt.title);
    for (size_t i = 0; i < w->opt.ndrill_ids; i++)
        free((char *)w->opt.drill_ids[i]);
    free((void *)w->opt.drill_ids);
    free(w);
}

/* ---- views of verdicts ---- */

void report_view_init(report_view *v)
{
    memset(v, 0, sizeof *v);
}

void report_view_release(report_view *v)
{
    free(v->drills);
    free(v->tests);
    free(v->warnings);
    report_view_init(v);
}

double report_round(double x, double scale)
{
    if (!isfinite(x))
        return 0;
    return round(x * scale) / scale;
}

/* Room for n drills, t tests and k warnings in the view's arrays. */
static void view_reserve(report_view *v, size_t n, size_t t, size_t k)
{
    if (n > v->drills_cap) {
        v->drills_cap = n;
        v->drills = xrealloc(v->drills, n * sizeof *v->drills);
    }
    if (t > v->tests_cap) {
        v->tests_cap = t;
        v->tests = xrealloc(v->tests, t * sizeof *v->tests);
    }
    if (k > v->warnings_cap) {
        v->warnings_cap = k;
        v->warnings = xrealloc(v->warnings, k * sizeof *v->warnings);
    }
}

const report_sub *report_view_of_verdict(report_view *v, const submission_verdict *s, size_t position,
                                         size_t total, int reveal_hidden)
{
    size_t ntests = 0;
    for (size_t i = 0; i < s->ndrills; i++)
        ntests += s->drills[i].ntests;
    view_reserve(v, s->ndrills, ntests, s->warnings.n);
    report_sub *r = &v->sub;
    memset(r, 0, sizeof *r);
    r->candidate = s->candidate ? s->candidate : "?";
    r->source = s->source ? s->source : "?";
    r->position = position;
    r->total = total;
    r->score = report_round(s->score, 1e4);
    r->max = report_round(s->max, 1e4);
    r->passed = s->passed;
    r->reveal_hidden = reveal_hidden;
    r->error = s->error;
    for (size_t i = 0; i < s->warnings.n; i++)
        v->warnings[i] = s->warnings.msgs[i];
    r->warnings = v->warnings;
    r->nwarnings = s->warnings.n;
    size_t t = 0;
    for (size_t i = 0; i < s->ndrills; i++) {
        const drill_verdict *dv = &s->drills[i];
        report_drill *d = &v->drills[i];
        d->id = dv->drill && dv->drill->id ? dv->drill->id : "?";
        d->kind = dv->drill ? drill_kind_name(dv->drill->kind) : "?";
        d->title = dv->drill ? dv->drill->title : NULL;
        d->topic = dv->drill ? dv->drill->topic : NULL;
        d->st = dv->st;
        d->score = report_round(dv->score, 1e4);
        d->time_ms = report_round(dv->time_ms, 1e3);
        d->message = dv->message;
        d->tests = v->tests ? v->tests + t : NULL;
        d->ntests = dv->ntests;
        for (size_t k = 0; k < dv->ntests; k++, t++) {
            const test_verdict *tv = &dv->tests[k];
            report_test *rt = &v->tests[t];
            int shown = !tv->hidden || reveal_hidden;
            rt->name = tv->name ? tv->name : "?";
            rt->st = tv->st;
            rt->hidden = tv->hidden != 0;
            rt->expected = shown ? tv->expected : NULL;
            rt->got = shown ? tv->got : NULL;
            rt->message = shown ? tv->message : NULL;
        }
    }
    r->drills = v->drills;
    r->ndrills = s->ndrills;
    return r;
}

char *report_render(const report_options *o, const submission_verdict *subs, size_t n, int reveal_hidden)
{
    util_out out;
    char *err = NULL;
    util_out_open_memory(&out);
    report_writer *w = report_writer_new(o, &out, &err);
    if (!w) {
        free(err);
        util_out_abandon(&out);
        return NULL;
    }
    report_view v;
    report_view_init(&v);
    for (size_t i = 0; i < n; i++)
        report_writer_add(w, report_view_of_verdict(&v, &subs[i], i + 1, n, reveal_hidden));
    report_view_release(&v);
    if (report_writer_finish(w, &err) < 0) {
        free(err);
        report_writer_free(w);
        util_out_abandon(&out);
        return NULL;
    }
    report_writer_free(w);
    return util_out_take(&out, NULL);
}

/* ---- helpers ---- */

/* Overlong forms, surrogates, code points past U+10FFFF and truncated
 * sequences are malformed. */

static int unwanted(unsigned cp, int flags)
{
    if (flags & (REPORT_CLEAN_CONTROLS | REPORT_CLEAN_TERMINAL)) {
        if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
            return 1;
        if (cp == 0x7F || cp == 0xFFFE || cp == 0xFFFF)
            return 1;
        /* bidirectional overrides and isolates reorder what is shown
         * after them (a candidate's "1 / 2" read as "2 / 1" on the
         * instructor's page): the marks LRM/RLM stay */
        if (util_bidi_override(cp))
            return 1;
    }
    if (flags & REPORT_CLEAN_TERMINAL)
        if (cp == '\r' || (cp >= 0x80 && cp <= 0x9F))
            return 1;
    return 0;
}

char *report_clean(const char *s, int flags)
{
    static const char replacement[] = "\xEF\xBF\xBD";
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p);
    sbuf sb;

    sbuf_init(&sb);
    while (n > 0) {
        uint32_t cp;
        size_t k = util_utf8_decode(p, n, &cp, 0);
        if (k == 0) {
            sbuf_add(&sb, replacement, 3);
            k = 1;
        } else if (unwanted(cp, flags))
            sbuf_add(&sb, replacement, 3);
        else
            sbuf_add(&sb, p, k);
        p += k;
        n -= k;
    }
    return sbuf_detach(&sb, NULL);
}

char *report_fmt_num(char buf[32], double x)
{
    if (!isfinite(x))
        x = 0;
    snprintf(buf, 32, "%.2f", x);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf);
        while (end > dot && (end[-1] == '0' || end[-1] == '.'))
            *--end = '\0';
    }
    if (!strcmp(buf, "-0"))
        strcpy(buf, "0");
    return buf;
}

void report_add_text(cJSON *o, const char *key, const char *s, size_t max)
{
    char *c = report_clean(s, REPORT_CLEAN_CONTROLS);
    size_t chars = 0, i;
    for (i = 0; c[i] && max; i++)
        if (((unsigned char)c[i] & 0xC0) != 0x80 && ++chars > max)
            break;
    if (max && c[i]) {
        size_t rest = 0;
        for (size_t k = i; c[k]; k++)
            rest += ((unsigned char)c[k] & 0xC0) != 0x80;
        c[i] = '\0';
        char *cut = xasprintf("%s\n[... %zu more characters left out]\n", c, rest);
        free(c);
        c = cut;
    }
    cJSON_AddStringToObject(o, key, c);
    free(c);
}

int report_status_failed(status st)
{
    return st != ST_PASS && st != ST_SKIPPED;
}

void report_hidden_counts(const report_drill *d, size_t *passed, size_t *total)
{
    *passed = *total = 0;
    for (size_t i = 0; i < d->ntests; i++) {
        if (!d->tests[i].hidden)
            continue;
        (*total)++;
        if (d->tests[i].st == ST_PASS)
            (*passed)++;
    }
}

const char *report_topic(const report_drill *d)
{
    return d->topic && d->topic[0] ? d->topic : "other";
}

int report_message_repeats(const report_test *t)
{
    if (!t->message)
        return 0;
    if (t->got && !strcmp(t->message, t->got))
        return 1;
    if (!t->expected || !t->got)
        return 0;
    char *both = xasprintf("expected %s, got %s", t->expected, t->got);
    int same = !strcmp(t->message, both);
    free(both);
    return same;
}

/* What a student reads instead of a failed drill's message, for the kinds
 * whose message holds the answer key; NULL for the others (fix, write and
 * parsons tell what a visible test expected, as they are meant to). */
static const char *key_withheld(const char *kind)
{
    if (!kind)
        return NULL;
    if (!strcmp(kind, "predict"))
        return "not what the code prints (the expected output is not shown here)";
    if (!strcmp(kind, "choice"))
        return "not the right choice (the right one is not shown here)";
    if (!strcmp(kind, "explain"))
        return "not every point the rubric asks for is made (which ones is not shown here)";
    return NULL;
}

char *report_failure_detail(const report_sub *s, const report_drill *d, int flags)
{
    sbuf sb;
    size_t hp, hn;
    int reveal = s->reveal_hidden && !(flags & REPORT_DETAIL_NO_HIDDEN);

    sbuf_init(&sb);
    const char *withheld = (flags & REPORT_DETAIL_NO_KEY) && d->st == ST_FAIL ? key_withheld(d->kind) : NULL;
    if (withheld)
        sbuf_addf(&sb, "%s\n", withheld);
    else if (d->message)
        sbuf_addf(&sb, "%s\n", d->message);
    for (size_t i = 0; i < d->ntests; i++) {
        const report_test *t = &d->tests[i];
        if (t->st == ST_PASS || (t->hidden && !reveal))
            continue;
        sbuf_addf(&sb, "test %s%s: %s\n", t->name, t->hidden ? " (hidden)" : "", status_name(t->st));
        if (t->expected)
            sbuf_addf(&sb, "  expected: %s\n", t->expected);
        if (t->got)
            sbuf_addf(&sb, "  got:      %s\n", t->got);
        if (t->message && !((flags & REPORT_DETAIL_TERSE) && report_message_repeats(t)))
            sbuf_addf(&sb, "  %s\n", t->message);
    }
    report_hidden_counts(d, &hp, &hn);
    if (hn > 0 && !reveal)
        sbuf_addf(&sb, "%zu of %zu hidden tests passed\n", hp, hn);
    return sbuf_detach(&sb, NULL);
}

void report_markup(sbuf *sb, const char *s, report_markup_mode mode)
{
    int xml = mode != MARKUP_HTML, attr = mode == MARKUP_XML_ATTR;
    char *c = report_clean(s, REPORT_CLEAN_CONTROLS);
    for (const char *p = c; *p; p++) {
        switch (*p) {
        case '&': sbuf_addstr(sb, "&amp;"); break;
        case '<': sbuf_addstr(sb, "&lt;"); break;
        case '>': sbuf_addstr(sb, "&gt;"); break;
        case '"': sbuf_addstr(sb, "&quot;"); break;
        case '\'': sbuf_addstr(sb, xml ? "&apos;" : "&#39;"); break;
        case '\r': sbuf_addstr(sb, xml ? "&#13;" : "\r"); break;
        case '\n': sbuf_addstr(sb, attr ? "&#10;" : "\n"); break;
        case '\t': sbuf_addstr(sb, attr ? "&#9;" : "\t"); break;
        default: sbuf_addch(sb, *p);
        }
    }
    free(c);
}
