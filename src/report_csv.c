/* report_csv.c - a gradebook for spreadsheets and LMS imports (SPEC 3.4):
 * a header, then one row per submission (candidate, source, score, max,
 * passed, then each drill's score under its id: every drill loaded, or
 * when they are not known (a report merged without the packs) those of the
 * first submission that could be read), streamed as the batch is graded.
 *
 * RFC 4180: CRLF line ends; a field holding a comma, a quote, CR or LF is
 * quoted, quotes doubled. Names come from candidates, so a cell that would
 * start with = + - @, a tab or a carriage return (a formula to Excel,
 * LibreOffice and Google Sheets) is prefixed with ' and stays text. A
 * skipped drill, and every score of a submission that could not be read,
 * is an empty cell: no grade, rather than a zero. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

typedef struct {
    int header;   /* written */
    char **ids;   /* the drill columns: the drills loaded, or those of the first readable submission */
    size_t nids;
    char **held;  /* candidate and source of unreadable submissions seen before the header */
    size_t nheld;
} csv_state;

static void add_cell(sbuf *sb, const char *s)
{
    char *c = report_clean(s, REPORT_CLEAN_CONTROLS);
    int guard = strchr("=+-@\t\r", c[0]) != NULL && c[0] != '\0';
    int quote = guard || strpbrk(c, ",\"\r\n") != NULL;
    if (quote)
        sbuf_addch(sb, '"');
    if (guard)
        sbuf_addch(sb, '\'');
    for (const char *p = c; *p; p++) {
        if (*p == '"')
            sbuf_addch(sb, '"');
        sbuf_addch(sb, *p);
    }
    if (quote)
        sbuf_addch(sb, '"');
    free(c);
}

static void add_num(sbuf *sb, double x)
{
    sbuf_addf(sb, "%.15g", report_round(x, 1e4) + 0.0);
}

/* The row of a submission that could not be read: its name and path, no
 * grades. */
static void add_unreadable(sbuf *sb, const char *candidate, const char *source, size_t ncols)
{
    add_cell(sb, candidate);
    sbuf_addch(sb, ',');
    add_cell(sb, source);
    sbuf_addstr(sb, ",,,");
    for (size_t i = 0; i < ncols; i++)
        sbuf_addch(sb, ',');
    sbuf_addstr(sb, "\r\n");
}

static void write_header(csv_state *cs, util_out *out)
{
    sbuf sb;
    sbuf_init(&sb);
    sbuf_addstr(&sb, "candidate,source,score,max,passed");
    for (size_t i = 0; i < cs->nids; i++) {
        sbuf_addch(&sb, ',');
        add_cell(&sb, cs->ids[i]);
    }
    sbuf_addstr(&sb, "\r\n");
    for (size_t i = 0; i < cs->nheld; i++) {
        add_unreadable(&sb, cs->held[2 * i], cs->held[2 * i + 1], cs->nids);
        free(cs->held[2 * i]);
        free(cs->held[2 * i + 1]);
    }
    free(cs->held);
    cs->held = NULL;
    cs->nheld = 0;
    util_out_write(out, sb.buf, sb.len);
    sbuf_release(&sb);
    cs->header = 1;
}

/* The columns are fixed here, and the header goes out with them. */
static void take_ids(csv_state *cs, const char *const *ids, size_t n, util_out *out)
{
    cs->ids = xcalloc(n + 1, sizeof *cs->ids);
    for (size_t i = 0; i < n; i++)
        cs->ids[i] = xstrdup(ids[i]);
    cs->nids = n;
    write_header(cs, out);
}

void report_csv_add(report_stream *st, const report_sub *s)
{
    if (!st->state)
        st->state = xcalloc(1, sizeof(csv_state));
    csv_state *cs = st->state;
    if (!cs->header && st->opt->ndrill_ids)
        take_ids(cs, st->opt->drill_ids, st->opt->ndrill_ids, st->out);
    sbuf sb;
    if (s->error && !cs->header) {
        /* the drill columns are not known yet */
        cs->held = xrealloc(cs->held, 2 * (cs->nheld + 1) * sizeof *cs->held);
        cs->held[2 * cs->nheld] = xstrdup(s->candidate);
        cs->held[2 * cs->nheld + 1] = xstrdup(s->source);
        cs->nheld++;
        return;
    }
    sbuf_init(&sb);
    if (s->error) {
        add_unreadable(&sb, s->candidate, s->source, cs->nids);
        util_out_write(st->out, sb.buf, sb.len);
        sbuf_release(&sb);
        return;
    }
    if (!cs->header) {
        const char **ids = xcalloc(s->ndrills + 1, sizeof *ids);
        for (size_t i = 0; i < s->ndrills; i++)
            ids[i] = s->drills[i].id;
        take_ids(cs, ids, s->ndrills, st->out);
        free(ids);
    }
    add_cell(&sb, s->candidate);
    sbuf_addch(&sb, ',');
    add_cell(&sb, s->source);
    sbuf_addch(&sb, ',');
    add_num(&sb, s->score);
    sbuf_addch(&sb, ',');
    add_num(&sb, s->max);
    sbuf_addf(&sb, ",%d", s->passed);
    for (size_t i = 0; i < cs->nids; i++) {
        sbuf_addch(&sb, ',');
        /* the same drills in the same order, normally: try the position */
        const report_drill *d = i < s->ndrills && !strcmp(s->drills[i].id, cs->ids[i]) ? &s->drills[i] : NULL;
        for (size_t k = 0; !d && k < s->ndrills; k++)
            if (!strcmp(s->drills[k].id, cs->ids[i]))
                d = &s->drills[k];
        if (d && d->st != ST_SKIPPED)
            add_num(&sb, d->score);
    }
    sbuf_addstr(&sb, "\r\n");
    util_out_write(st->out, sb.buf, sb.len);
    sbuf_release(&sb);
}

void report_csv_end(report_stream *st)
{
    if (!st->state)
        st->state = xcalloc(1, sizeof(csv_state));
    csv_state *cs = st->state;
    if (!cs->header && st->opt->ndrill_ids)
        take_ids(cs, st->opt->drill_ids, st->opt->ndrill_ids, st->out);
    if (!cs->header)
        write_header(cs, st->out);
    for (size_t i = 0; i < cs->nids; i++)
        free(cs->ids[i]);
    free(cs->ids);
    cs->ids = NULL;
    cs->nids = 0;
}
