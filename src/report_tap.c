/* report_tap.c - TAP version 13 with YAML diagnostics: one test point per
 * drill of every submission (and one for a submission that could not be
 * read).
 *
 * Candidate text must never start a line of its own: a name or id in a test
 * line has its line breaks replaced and '#' escaped (a bare '#' starts a
 * directive), and every string in a YAML block is one double-quoted scalar
 * with \n, \" and control characters escaped, so whatever an answer prints
 * stays inside its indented block. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

/* For a test line or a comment: one line, '#' escaped as TAP allows. */
static void add_oneline(sbuf *sb, const char *s)
{
    char *c = report_clean(s, REPORT_CLEAN_TERMINAL);
    for (const char *p = c; *p; p++) {
        if (*p == '\n' || *p == '\t')
            sbuf_addch(sb, ' ');
        else if (*p == '#' || *p == '\\')
            sbuf_add(sb, (const char[]){ '\\', *p }, 2);
        else
            sbuf_addch(sb, *p);
    }
    free(c);
}

static void add_yaml_str(sbuf *sb, const char *s)
{
    char *c = report_clean(s, REPORT_CLEAN_CONTROLS);
    sbuf_addch(sb, '"');
    for (const unsigned char *p = (const unsigned char *)c; *p; p++) {
        switch (*p) {
        case '"': sbuf_addstr(sb, "\\\""); break;
        case '\\': sbuf_addstr(sb, "\\\\"); break;
        case '\n': sbuf_addstr(sb, "\\n"); break;
        case '\r': sbuf_addstr(sb, "\\r"); break;
        case '\t': sbuf_addstr(sb, "\\t"); break;
        default: sbuf_addch(sb, (char)*p);
        }
    }
    sbuf_addch(sb, '"');
    free(c);
}

static void add_yaml_field(sbuf *sb, const char *indent, const char *key, const char *value)
{
    sbuf_addf(sb, "%s%s: ", indent, key);
    add_yaml_str(sb, value);
    sbuf_addch(sb, '\n');
}

static void add_diagnostics(sbuf *sb, const drill_verdict *v, int reveal_hidden)
{
    char num[32];
    size_t hp, hn, shown = 0;

    sbuf_addstr(sb, "  ---\n");
    sbuf_addf(sb, "  status: %s\n", status_name(v->st));
    sbuf_addf(sb, "  score: %s\n", report_fmt_num(num, v->score));
    sbuf_addf(sb, "  time_ms: %s\n", report_fmt_num(num, isfinite(v->time_ms) ? v->time_ms : 0));
    if (v->message)
        add_yaml_field(sb, "  ", "message", v->message);
    for (size_t i = 0; i < v->ntests; i++) {
        const test_verdict *t = &v->tests[i];
        if (t->st == ST_PASS || (t->hidden && !reveal_hidden))
            continue;
        if (shown++ == 0)
            sbuf_addstr(sb, "  tests:\n");
        sbuf_addstr(sb, "    - name: ");
        add_yaml_str(sb, t->name ? t->name : "?");
        sbuf_addf(sb, "\n      status: %s\n", status_name(t->st));
        if (t->hidden)
            sbuf_addstr(sb, "      hidden: true\n");
        if (t->expected)
            add_yaml_field(sb, "      ", "expected", t->expected);
        if (t->got)
            add_yaml_field(sb, "      ", "got", t->got);
        if (t->message)
            add_yaml_field(sb, "      ", "message", t->message);
    }
    report_hidden_counts(v, &hp, &hn);
    if (hn > 0 && !reveal_hidden)
        sbuf_addf(sb, "  hidden_tests: \"%zu of %zu passed\"\n", hp, hn);
    sbuf_addstr(sb, "  ...\n");
}

static void add_point(sbuf *sb, size_t n, const char *candidate, const drill_verdict *v, int reveal_hidden)
{
    sbuf_addf(sb, "%s %zu - ", report_status_failed(v->st) ? "not ok" : "ok", n);
    add_oneline(sb, candidate);
    sbuf_addstr(sb, ": ");
    add_oneline(sb, report_drill_id(v));
    if (v->st == ST_SKIPPED) {
        const char *why = v->message ? v->message : v->drill ? v->drill->skip_reason : NULL;
        sbuf_addstr(sb, " # SKIP ");
        add_oneline(sb, why ? why : "requirements not met");
        sbuf_addch(sb, '\n');
        return;
    }
    sbuf_addch(sb, '\n');
    if (v->st != ST_PASS)
        add_diagnostics(sb, v, reveal_hidden);
}

char *report_tap(const report *r)
{
    sbuf sb;
    size_t plan = 0, n = 0;
    char a[32], b[32];

    for (size_t i = 0; i < r->nsubs; i++)
        plan += r->subs[i].error ? 1 : r->subs[i].ndrills;
    sbuf_init(&sb);
    sbuf_addf(&sb, "TAP version 13\n1..%zu\n", plan);
    for (size_t i = 0; i < r->nsubs; i++) {
        const submission_verdict *s = &r->subs[i];
        const char *cand = s->candidate ? s->candidate : "?";
        sbuf_addstr(&sb, "# ");
        add_oneline(&sb, cand);
        sbuf_addstr(&sb, " (");
        add_oneline(&sb, s->source ? s->source : "?");
        if (s->error)
            sbuf_addstr(&sb, "): could not be read\n");
        else
            sbuf_addf(&sb, "): %s/%s, %d passed\n", report_fmt_num(a, s->score), report_fmt_num(b, s->max),
                      s->passed);
        for (size_t k = 0; k < s->warnings.n; k++) {
            sbuf_addstr(&sb, "# warning: ");
            add_oneline(&sb, s->warnings.msgs[k]);
            sbuf_addch(&sb, '\n');
        }
        if (s->error) {
            sbuf_addf(&sb, "not ok %zu - ", ++n);
            add_oneline(&sb, cand);
            sbuf_addstr(&sb, ": could not be read\n  ---\n  status: unreadable\n");
            add_yaml_field(&sb, "  ", "message", s->error);
            sbuf_addstr(&sb, "  ...\n");
        }
        for (size_t k = 0; k < s->ndrills; k++)
            add_point(&sb, ++n, cand, &s->drills[k], r->reveal_hidden);
    }
    return sbuf_detach(&sb, NULL);
}
