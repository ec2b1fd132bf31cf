/* report_tap.c - TAP version 13 with YAML diagnostics: one test point per
 * drill of every submission (and one for a submission that could not be
 * read).
 *
 * Candidate text must never start a line of its own: a name or id in a test
 * line has its line breaks replaced and '#' escaped (a bare '#' starts a
 * directive), and every string in a YAML block is one double-quoted scalar
 * in which everything YAML 1.2 does not allow raw (C0 and C1 controls,
 * DEL, the byte order mark, line and paragraph separators, U+FFFE/U+FFFF)
 * is an escape, so whatever an answer prints stays inside its indented
 * block and a strict YAML reader takes it back as it was. */
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
    char *c = report_clean(s, 0);
    const unsigned char *p = (const unsigned char *)c;
    size_t n = strlen(c);
    sbuf_addch(sb, '"');
    while (n > 0) {
        uint32_t cp;
        size_t k = util_utf8_decode(p, n, &cp, 0); /* never 0: c is clean */
        switch (cp) {
        case '"': sbuf_addstr(sb, "\\\""); break;
        case '\\': sbuf_addstr(sb, "\\\\"); break;
        case '\n': sbuf_addstr(sb, "\\n"); break;
        case '\r': sbuf_addstr(sb, "\\r"); break;
        case '\t': sbuf_addstr(sb, "\\t"); break;
        default:
            if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
                sbuf_addf(sb, "\\x%02X", cp);
            else if (cp == 0xFEFF || cp == 0x2028 || cp == 0x2029 || cp == 0xFFFE || cp == 0xFFFF)
                sbuf_addf(sb, "\\u%04X", cp);
            else
                sbuf_add(sb, p, k);
        }
        p += k;
        n -= k;
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

static void add_diagnostics(sbuf *sb, const report_sub *s, const report_drill *v)
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
        const report_test *t = &v->tests[i];
        if (t->st == ST_PASS || (t->hidden && !s->reveal_hidden))
            continue;
        if (shown++ == 0)
            sbuf_addstr(sb, "  tests:\n");
        sbuf_addstr(sb, "    - name: ");
        add_yaml_str(sb, t->name);
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
    if (hn > 0 && !s->reveal_hidden)
        sbuf_addf(sb, "  hidden_tests: \"%zu of %zu passed\"\n", hp, hn);
    sbuf_addstr(sb, "  ...\n");
}

static void add_point(sbuf *sb, size_t n, const char *candidate, const report_sub *s, const report_drill *v)
{
    sbuf_addf(sb, "%s %zu - ", report_status_failed(v->st) ? "not ok" : "ok", n);
    add_oneline(sb, candidate);
    sbuf_addstr(sb, ": ");
    add_oneline(sb, v->id);
    if (v->st == ST_SKIPPED) {
        sbuf_addstr(sb, " # SKIP ");
        add_oneline(sb, v->message ? v->message : "requirements not met");
        sbuf_addch(sb, '\n');
        return;
    }
    sbuf_addch(sb, '\n');
    if (v->st != ST_PASS)
        add_diagnostics(sb, s, v);
}

int report_tap_render(const report_batch *b, util_out *out, char **err)
{
    (void)err;
    size_t plan = 0, n = 0, count = report_batch_count(b);
    char x[32], y[32];
    report_view v;

    report_view_init(&v);
    for (size_t i = 0; i < count; i++) {
        const report_sub *s = report_batch_get(b, i, &v);
        plan += s->error ? 1 : s->ndrills;
    }
    util_out_printf(out, "TAP version 13\n1..%zu\n", plan);
    for (size_t i = 0; i < count; i++) {
        const report_sub *s = report_batch_get(b, i, &v);
        /* the candidate as named, and its path: (report_batch_name would
         * add the path again for a name two submissions share) */
        char *cand = xstrdup(s->candidate ? s->candidate : "");
        sbuf sb;
        sbuf_init(&sb);
        sbuf_addstr(&sb, "# ");
        add_oneline(&sb, cand);
        sbuf_addstr(&sb, " (");
        add_oneline(&sb, s->source);
        if (s->error)
            sbuf_addstr(&sb, "): could not be read\n");
        else
            sbuf_addf(&sb, "): %s/%s, %d passed\n", report_fmt_num(x, s->score), report_fmt_num(y, s->max),
                      s->passed);
        for (size_t k = 0; k < s->nwarnings; k++) {
            sbuf_addstr(&sb, "# warning: ");
            add_oneline(&sb, s->warnings[k]);
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
            add_point(&sb, ++n, cand, s, &s->drills[k]);
        util_out_write(out, sb.buf, sb.len);
        sbuf_release(&sb);
        free(cand);
    }
    report_view_release(&v);
    return 0;
}
