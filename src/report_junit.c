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

static void add_xml(sbuf *sb, const char *s, int attr)
{
    report_markup(sb, s, attr ? MARKUP_XML_ATTR : MARKUP_XML_TEXT);
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

static void add_testcase(sbuf *sb, const char *cand, const report_sub *s, const report_drill *v)
{
    char *classname = xasprintf("%s.%s", cand, report_topic(v));
    char num[32];

    sbuf_addstr(sb, "    <testcase");
    add_attr(sb, "name", v->id);
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
        if (v->message)
            add_attr(sb, "message", v->message);
        sbuf_addstr(sb, "/>\n");
    } else {
        const char *why = v->message ? v->message : v->st == ST_MISSING ? "no answer was given" : NULL;
        char *msg = xasprintf("%s, score %s%s%s", status_name(v->st), report_fmt_num(num, v->score),
                              why ? ": " : "", why ? why : "");
        char *detail = report_failure_detail(s, v, 0);
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

static void count(const report_sub *s, size_t *tests, size_t *failures, size_t *skipped, double *ms)
{
    *tests = *failures = *skipped = 0;
    *ms = 0;
    if (s->error) {
        *tests = *failures = 1;
        return;
    }
    for (size_t i = 0; i < s->ndrills; i++) {
        const report_drill *v = &s->drills[i];
        (*tests)++;
        if (v->st == ST_SKIPPED)
            (*skipped)++;
        else if (report_status_failed(v->st))
            (*failures)++;
        if (isfinite(v->time_ms) && v->time_ms > 0)
            *ms += v->time_ms;
    }
}

static void add_suite(sbuf *sb, const char *cand, const report_sub *s)
{
    size_t tests, failures, skipped;
    double ms;
    char a[32], b[32];

    count(s, &tests, &failures, &skipped, &ms);
    sbuf_addstr(sb, "  <testsuite");
    add_attr(sb, "name", cand);
    sbuf_addf(sb, " tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\"", tests, failures, skipped);
    add_time(sb, ms);
    add_attr(sb, "file", s->source);
    sbuf_addstr(sb, ">\n    <properties>\n      <property name=\"score\"");
    add_attr(sb, "value", report_fmt_num(a, s->score));
    sbuf_addstr(sb, "/>\n      <property name=\"max\"");
    add_attr(sb, "value", report_fmt_num(b, s->max));
    sbuf_addf(sb, "/>\n      <property name=\"passed\" value=\"%d\"/>\n    </properties>\n", s->passed);
    if (s->error) {
        sbuf_addstr(sb, "    <testcase name=\"read submission\"");
        add_attr(sb, "classname", cand);
        sbuf_addstr(sb, " time=\"0.000\">\n      <failure type=\"unreadable\"");
        add_attr(sb, "message", s->error);
        sbuf_addstr(sb, "/>\n    </testcase>\n");
    }
    for (size_t i = 0; i < s->ndrills; i++)
        add_testcase(sb, cand, s, &s->drills[i]);
    if (s->nwarnings > 0) {
        sbuf_addstr(sb, "    <system-err>");
        for (size_t i = 0; i < s->nwarnings; i++) {
            add_xml(sb, s->warnings[i], 0);
            sbuf_addch(sb, '\n');
        }
        sbuf_addstr(sb, "</system-err>\n");
    }
    sbuf_addstr(sb, "  </testsuite>\n");
}

int report_junit_render(const report_batch *b, util_out *out, char **err)
{
    (void)err;
    size_t tests = 0, failures = 0, n = report_batch_count(b);
    double ms = 0;
    const report_options *o = report_batch_options(b);
    report_view v;
    sbuf sb;

    report_view_init(&v);
    for (size_t i = 0; i < n; i++) {
        size_t t, f, k;
        double m;
        count(report_batch_get(b, i, &v), &t, &f, &k, &m);
        tests += t;
        failures += f;
        ms += m;
    }
    sbuf_init(&sb);
    sbuf_addstr(&sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites");
    add_attr(&sb, "name", o->title ? o->title : "pydrill");
    sbuf_addf(&sb, " tests=\"%zu\" failures=\"%zu\" errors=\"0\"", tests, failures);
    add_time(&sb, ms);
    sbuf_addstr(&sb, ">\n");
    for (size_t i = 0; i < n; i++) {
        char *cand = report_batch_name(b, i);
        add_suite(&sb, cand, report_batch_get(b, i, &v));
        free(cand);
        util_out_write(out, sb.buf, sb.len);
        sbuf_reset(&sb);
    }
    sbuf_addstr(&sb, "</testsuites>\n");
    util_out_write(out, sb.buf, sb.len);
    sbuf_release(&sb);
    report_view_release(&v);
    return 0;
}
