/* report_junit.c - JUnit XML for CI servers, valid against the Surefire
 * schema (../shared/schemas/junit-10.xsd): one testsuite per submission,
 * one testcase per drill.
 *
 * That schema has no <error> element (it names it <errors>, which Jenkins
 * and GitLab do not read), so every status that did not pass is reported
 * as <failure type="STATUS">: consumers show it red and the type keeps the
 * distinction. Hence errors="0" everywhere. A missing answer is a failure
 * (the candidate did not answer); a skipped drill is <skipped/>. A
 * submission that could not be read is one failed testcase, so CI does not
 * read it as green. Times are seconds with three decimals, the only form
 * SUREFIRE_TIME accepts. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

/* Escapes for both text and attribute values; in attributes, \t \n \r are
 * written as references so that attribute normalisation keeps them. */
static void add_xml(sbuf *sb, const char *s, int attr)
{
    char *c = report_clean(s, REPORT_CLEAN_CONTROLS);
    for (const char *p = c; *p; p++) {
        switch (*p) {
        case '&': sbuf_addstr(sb, "&amp;"); break;
        case '<': sbuf_addstr(sb, "&lt;"); break;
        case '>': sbuf_addstr(sb, "&gt;"); break;
        case '"': sbuf_addstr(sb, "&quot;"); break;
        case '\'': sbuf_addstr(sb, "&apos;"); break;
        case '\r': sbuf_addstr(sb, "&#13;"); break;
        case '\n': sbuf_addstr(sb, attr ? "&#10;" : "\n"); break;
        case '\t': sbuf_addstr(sb, attr ? "&#9;" : "\t"); break;
        default: sbuf_addch(sb, *p);
        }
    }
    free(c);
}

static void add_attr(sbuf *sb, const char *name, const char *value)
{
    sbuf_addf(sb, " %s=\"", name);
    add_xml(sb, value ? value : "", 1);
    sbuf_addch(sb, '"');
}

static void add_time(sbuf *sb, double ms)
{
    if (!isfinite(ms) || ms < 0)
        ms = 0;
    sbuf_addf(sb, " time=\"%.3f\"", ms / 1000.0);
}

/* The body of a <failure>: the drill's message, then each visible test
 * that did not pass, then the hidden tests as a count. */
static char *failure_detail(const drill_verdict *v, int reveal_hidden)
{
    sbuf sb;
    size_t hp, hn;

    sbuf_init(&sb);
    if (v->message)
        sbuf_addf(&sb, "%s\n", v->message);
    for (size_t i = 0; i < v->ntests; i++) {
        const test_verdict *t = &v->tests[i];
        if (t->st == ST_PASS || (t->hidden && !reveal_hidden))
            continue;
        sbuf_addf(&sb, "test %s%s: %s\n", t->name ? t->name : "?", t->hidden ? " (hidden)" : "",
                  status_name(t->st));
        if (t->expected)
            sbuf_addf(&sb, "  expected: %s\n", t->expected);
        if (t->got)
            sbuf_addf(&sb, "  got:      %s\n", t->got);
        if (t->message)
            sbuf_addf(&sb, "  %s\n", t->message);
    }
    report_hidden_counts(v, &hp, &hn);
    if (hn > 0 && !reveal_hidden)
        sbuf_addf(&sb, "%zu of %zu hidden tests passed\n", hp, hn);
    return sbuf_detach(&sb, NULL);
}

static void add_testcase(sbuf *sb, const submission_verdict *s, const drill_verdict *v, int reveal_hidden)
{
    char *classname = xasprintf("%s.%s", s->candidate ? s->candidate : "?", report_drill_topic(v));
    char num[32];

    sbuf_addstr(sb, "    <testcase");
    add_attr(sb, "name", report_drill_id(v));
    add_attr(sb, "classname", classname);
    add_time(sb, v->time_ms);
    free(classname);
    if (v->st == ST_PASS) {
        sbuf_addstr(sb, "/>\n");
        return;
    }
    sbuf_addstr(sb, ">\n");
    if (v->st == ST_SKIPPED) {
        sbuf_addstr(sb, "      <skipped");
        const char *why = v->message ? v->message : v->drill ? v->drill->skip_reason : NULL;
        if (why)
            add_attr(sb, "message", why);
        sbuf_addstr(sb, "/>\n");
    } else {
        const char *why = v->message ? v->message : v->st == ST_MISSING ? "no answer was given" : NULL;
        char *msg = xasprintf("%s, score %s%s%s", status_name(v->st), report_fmt_num(num, v->score),
                              why ? ": " : "", why ? why : "");
        char *detail = failure_detail(v, reveal_hidden);
        sbuf_addstr(sb, "      <failure");
        add_attr(sb, "type", status_name(v->st));
        add_attr(sb, "message", msg);
        sbuf_addstr(sb, ">");
        add_xml(sb, detail, 0);
        sbuf_addstr(sb, "</failure>\n");
        free(msg);
        free(detail);
    }
    sbuf_addstr(sb, "    </testcase>\n");
}

static void count(const submission_verdict *s, size_t *tests, size_t *failures, size_t *skipped, double *ms)
{
    *tests = *failures = *skipped = 0;
    *ms = 0;
    if (s->error) {
        *tests = *failures = 1;
        return;
    }
    for (size_t i = 0; i < s->ndrills; i++) {
        const drill_verdict *v = &s->drills[i];
        (*tests)++;
        if (v->st == ST_SKIPPED)
            (*skipped)++;
        else if (report_status_failed(v->st))
            (*failures)++;
        if (isfinite(v->time_ms) && v->time_ms > 0)
            *ms += v->time_ms;
    }
}

static void add_suite(sbuf *sb, const submission_verdict *s, int reveal_hidden)
{
    size_t tests, failures, skipped;
    double ms;
    char a[32], b[32];

    count(s, &tests, &failures, &skipped, &ms);
    sbuf_addstr(sb, "  <testsuite");
    add_attr(sb, "name", s->candidate ? s->candidate : "?");
    sbuf_addf(sb, " tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\"", tests, failures, skipped);
    add_time(sb, ms);
    if (s->source)
        add_attr(sb, "file", s->source);
    sbuf_addstr(sb, ">\n    <properties>\n      <property name=\"score\"");
    add_attr(sb, "value", report_fmt_num(a, s->score));
    sbuf_addstr(sb, "/>\n      <property name=\"max\"");
    add_attr(sb, "value", report_fmt_num(b, s->max));
    sbuf_addf(sb, "/>\n      <property name=\"passed\" value=\"%d\"/>\n    </properties>\n", s->passed);
    if (s->error) {
        sbuf_addstr(sb, "    <testcase name=\"read submission\"");
        add_attr(sb, "classname", s->candidate ? s->candidate : "?");
        sbuf_addstr(sb, " time=\"0.000\">\n      <failure type=\"unreadable\"");
        add_attr(sb, "message", s->error);
        sbuf_addstr(sb, "/>\n    </testcase>\n");
    }
    for (size_t i = 0; i < s->ndrills; i++)
        add_testcase(sb, s, &s->drills[i], reveal_hidden);
    if (s->warnings.n > 0) {
        sbuf_addstr(sb, "    <system-err>");
        for (size_t i = 0; i < s->warnings.n; i++) {
            add_xml(sb, s->warnings.msgs[i], 0);
            sbuf_addch(sb, '\n');
        }
        sbuf_addstr(sb, "</system-err>\n");
    }
    sbuf_addstr(sb, "  </testsuite>\n");
}

char *report_junit(const report *r)
{
    sbuf sb;
    size_t tests = 0, failures = 0;
    double ms = 0;

    for (size_t i = 0; i < r->nsubs; i++) {
        size_t t, f, k;
        double m;
        count(&r->subs[i], &t, &f, &k, &m);
        tests += t;
        failures += f;
        ms += m;
    }
    sbuf_init(&sb);
    sbuf_addstr(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites");
    add_attr(&sb, "name", r->catalog_title ? r->catalog_title : "pydrill");
    sbuf_addf(&sb, " tests=\"%zu\" failures=\"%zu\" errors=\"0\"", tests, failures);
    add_time(&sb, ms);
    sbuf_addstr(&sb, ">\n");
    for (size_t i = 0; i < r->nsubs; i++)
        add_suite(&sb, &r->subs[i], r->reveal_hidden);
    sbuf_addstr(&sb, "</testsuites>\n");
    return sbuf_detach(&sb, NULL);
}
