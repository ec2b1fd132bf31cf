/* report_text.c - the human summary, also what `pydrill grade` prints by
 * default, written a submission at a time as each is graded. Candidate
 * text goes to a terminal, so control characters that could move the
 * cursor or recolour the screen are replaced. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

#define DETAIL_INDENT "           "

/* Appends s cleaned for a terminal, every line after the first prefixed
 * with indent, so a multi-line message stays under its drill. */
static void add_indented(sbuf *sb, const char *s, const char *indent)
{
    char *c = report_clean(s, REPORT_CLEAN_TERMINAL);
    size_t len = strlen(c);
    while (len > 0 && (c[len - 1] == '\n' || c[len - 1] == ' '))
        c[--len] = '\0';
    for (const char *p = c; *p; p++) {
        sbuf_addch(sb, *p);
        if (*p == '\n')
            sbuf_addstr(sb, indent);
    }
    free(c);
}

/* Names and paths: one line, whatever they contain. */
static void add_oneline(sbuf *sb, const char *s)
{
    char *c = report_clean(s, REPORT_CLEAN_TERMINAL);
    for (char *p = c; *p; p++)
        if (*p == '\n' || *p == '\t')
            *p = ' ';
    sbuf_addstr(sb, c);
    free(c);
}

static void add_line(sbuf *sb, const char *indent, const char *label, const char *s)
{
    sbuf_addstr(sb, indent);
    sbuf_addstr(sb, label);
    char *deeper = xasprintf("%s%*s", indent, (int)strlen(label), "");
    add_indented(sb, s, deeper);
    free(deeper);
    sbuf_addch(sb, '\n');
}

static void add_test(sbuf *sb, const report_test *t)
{
    char *upper = xstrdup(status_name(t->st));
    for (char *p = upper; *p; p++)
        *p = (char)util_ascii_upper((unsigned char)*p);
    sbuf_addstr(sb, DETAIL_INDENT "test ");
    add_oneline(sb, t->name);
    sbuf_addf(sb, "%s: %s\n", t->hidden ? " (hidden)" : "", upper);
    free(upper);
    if (t->expected)
        add_line(sb, DETAIL_INDENT "  ", "expected: ", t->expected);
    if (t->got)
        add_line(sb, DETAIL_INDENT "  ", "got:      ", t->got);
    if (t->message && !report_message_repeats(t))
        add_line(sb, DETAIL_INDENT "  ", "", t->message);
}

static void add_drill(sbuf *sb, const report_sub *s, const report_drill *v, int idw)
{
    char upper[16];
    const char *name = status_name(v->st);
    size_t i;

    for (i = 0; name[i] && i < sizeof upper - 1; i++)
        upper[i] = (char)util_ascii_upper((unsigned char)name[i]);
    upper[i] = '\0';
    sbuf_addf(sb, "  %-8s ", upper);
    size_t before = sb->len;
    add_oneline(sb, v->id);
    for (size_t w = sb->len - before; w < (size_t)idw; w++)
        sbuf_addch(sb, ' ');
    sbuf_addf(sb, " %5.2f", v->score);
    if (v->st != ST_MISSING && v->st != ST_SKIPPED)
        sbuf_addf(sb, " %8.1f ms", isfinite(v->time_ms) ? v->time_ms : 0);
    sbuf_addch(sb, '\n');
    if (v->st == ST_PASS)
        return;
    if (v->message)
        add_line(sb, DETAIL_INDENT, "", v->message);
    for (i = 0; i < v->ntests; i++) {
        const report_test *t = &v->tests[i];
        if (t->st != ST_PASS && (!t->hidden || s->reveal_hidden))
            add_test(sb, t);
    }
    size_t hp, hn;
    report_hidden_counts(v, &hp, &hn);
    if (hn > 0 && !s->reveal_hidden)
        sbuf_addf(sb, DETAIL_INDENT "%zu of %zu hidden tests passed\n", hp, hn);
}

static void add_submission(sbuf *sb, const report_sub *s)
{
    char a[32], b[32];
    int idw = 0;

    /* An error about the submission itself is already located at it
     * ("-: error: ...", "bad.json:1:1: error: ..."): the line is the
     * candidate's name, when it is not that path, and the message; not the
     * path and "error:" twice. */
    size_t sl = strlen(s->source);
    if (s->error && !strncmp(s->error, s->source, sl) && s->error[sl] == ':') {
        if (strcmp(s->candidate, s->source)) {
            add_oneline(sb, s->candidate);
            sbuf_addstr(sb, ": ");
        }
        add_oneline(sb, s->error); /* it names paths, which may hold line breaks */
        sbuf_addch(sb, '\n');
    } else {
        add_oneline(sb, s->candidate);
        /* `pydrill run` names the candidate after the file: say it once */
        if (strcmp(s->candidate, s->source)) {
            sbuf_addstr(sb, " (");
            add_oneline(sb, s->source);
            sbuf_addstr(sb, ")");
        }
        sbuf_addstr(sb, ": ");
        if (s->error) {
            sbuf_addstr(sb, "error: ");
            add_oneline(sb, s->error);
            sbuf_addch(sb, '\n');
        } else
            sbuf_addf(sb, "%s/%s, %d passed\n", report_fmt_num(a, s->score), report_fmt_num(b, s->max),
                      s->passed);
    }
    /* a warning is located already ("PATH: warning: ..."): one prefix */
    for (size_t i = 0; i < s->nwarnings; i++)
        add_line(sb, "  ", strstr(s->warnings[i], ": warning: ") ? "" : "warning: ", s->warnings[i]);
    for (size_t i = 0; i < s->ndrills; i++) {
        int w = (int)strlen(s->drills[i].id);
        if (w > idw)
            idw = w;
    }
    for (size_t i = 0; i < s->ndrills; i++)
        add_drill(sb, s, &s->drills[i], idw);
}

/* What the closing line needs, kept as the submissions go by. */
typedef struct {
    size_t graded, unreadable;
    double sum, max;
} totals;

void report_text_add(report_stream *st, const report_sub *s)
{
    sbuf sb;
    sbuf_init(&sb);
    if (!st->state)
        st->state = xcalloc(1, sizeof(totals));
    totals *t = st->state;
    if (st->count > 0)
        sbuf_addch(&sb, '\n');
    add_submission(&sb, s);
    if (s->error)
        t->unreadable++;
    else {
        t->graded++;
        t->sum += s->score;
        if (s->max > t->max)
            t->max = s->max;
    }
    util_out_write(st->out, sb.buf, sb.len);
    sbuf_release(&sb);
}

void report_text_end(report_stream *st)
{
    const totals *t = st->state;
    if (st->count > 1 && t) {
        char a[32], b[32];
        util_out_printf(st->out, "\n%zu submissions", st->count);
        if (t->graded > 0)
            util_out_printf(st->out, ", mean score %s/%s", report_fmt_num(a, t->sum / (double)t->graded),
                            report_fmt_num(b, t->max));
        if (t->unreadable > 0)
            util_out_printf(st->out, ", %zu unreadable", t->unreadable);
        util_out_write(st->out, "\n", 1);
    }
}
