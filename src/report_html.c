/* report_html.c - one self-contained page for the instructor, usable for a
 * class of hundreds by the whole catalog: a summary, the score
 * distribution, each candidate's score rolled up by topic, each drill's
 * pass rate and mean score (hardest first), the candidates x drills grid,
 * and each candidate's detail (every drill's status, and why the ones
 * that did not pass failed).
 *
 * The tables sit in boxes no taller than the window, scrolled inside, with
 * their header rows and name columns sticky: the column a cell belongs to
 * and the candidate it is about stay in view at any scroll position, and
 * the grid's horizontal scrollbar is at the bottom of the window, not
 * after the last row. Details are <details> elements, closed until
 * opened; a candidate's name in any table links to theirs.
 *
 * Inline CSS and SVG only: no script, no external asset, so the page reads
 * anywhere and nothing a candidate wrote can run in it. Every cell carries
 * a text label as well as a colour. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

/* Tableau 10, then ten more that stay apart from it: the starter catalog
 * alone has eighteen topics. */
static const char *const palette[] = {
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
    "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    "#a0cbe8", "#ffbe7d", "#8cd17d", "#499894", "#b6992d",
    "#d37295", "#79706e", "#d4a6c8", "#2f4b7c", "#f1ce63",
};

/* Characters of a failure's explanation shown in a candidate's detail. */
#define WHY_MAX 700
/* Characters of a name or id in a chart label. */
#define LABEL_MAX 36

/* Short labels, so the tables read without colour. */
static const char *status_abbrev(status st)
{
    switch (st) {
    case ST_PASS: return "pass";
    case ST_FAIL: return "fail";
    case ST_ERROR: return "err";
    case ST_SYNTAX: return "syn";
    case ST_TIMEOUT: return "time";
    case ST_MEMORY: return "mem";
    case ST_OUTPUT: return "out";
    case ST_DENIED: return "deny";
    case ST_CRASH: return "crash";
    case ST_SKIPPED: return "skip";
    case ST_MISSING: return "miss";
    }
    return "?";
}

static const char *status_class(status st)
{
    switch (st) {
    case ST_PASS: return "pass";
    case ST_FAIL: return "fail";
    case ST_SKIPPED: return "skip";
    case ST_MISSING: return "miss";
    default: return "err";
    }
}

static void esc(sbuf *sb, const char *s)
{
    report_markup(sb, s, MARKUP_HTML);
}

/* Escaped, cut to at most max characters (not bytes) with an ellipsis. */
static void esc_trunc(sbuf *sb, const char *s, size_t max)
{
    char *c = report_clean(s, REPORT_CLEAN_CONTROLS);
    size_t chars = 0, i;
    for (i = 0; c[i]; i++) {
        if (((unsigned char)c[i] & 0xC0) != 0x80 && ++chars > max)
            break;
    }
    if (c[i]) {
        c[i] = '\0';
        esc(sb, c);
        sbuf_addstr(sb, "\xE2\x80\xA6");
    } else
        esc(sb, c);
    free(c);
}

/* One column of the grid: a drill, as first seen in any submission. The
 * strings live in the batch. */
typedef struct {
    const char *id, *title;
    size_t topic;
    size_t passed, graded;
    double sum; /* scores of the graded */
} column;

/* A readable submission. */
typedef struct {
    size_t index; /* in the batch */
    size_t slot;  /* its row of the per-topic sums */
    double score, max;
    char *name;
} row;

typedef struct {
    const report_batch *b;
    column *cols;
    size_t ncols;
    size_t *order; /* display order of the columns: by topic, then as seen */
    const char **topics;
    size_t ntopics;
    size_t *topic_cols; /* columns per topic */
    row *rows;         /* by score, highest first */
    size_t nrows;
    double *tsum;      /* nrows x ntopics: score summed by topic */
    unsigned *tn;      /* nrows x ntopics: drills graded by topic */
    size_t *unreadable;
    size_t nunreadable;
    double max, sum;
} cohort;

static size_t find_col(const cohort *c, const char *id, size_t hint)
{
    if (hint < c->ncols && !strcmp(c->cols[hint].id, id))
        return hint;
    for (size_t i = 0; i < c->ncols; i++)
        if (!strcmp(c->cols[i].id, id))
            return i;
    return (size_t)-1;
}

static size_t find_topic(cohort *c, const char *topic)
{
    for (size_t i = 0; i < c->ntopics; i++)
        if (!strcmp(c->topics[i], topic))
            return i;
    c->topics = xrealloc(c->topics, (c->ntopics + 1) * sizeof *c->topics);
    c->topics[c->ntopics] = topic;
    return c->ntopics++;
}

static int by_score(const void *a, const void *b)
{
    const row *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    int r = strcmp(x->name, y->name);
    return r ? r : (x->index > y->index) - (x->index < y->index);
}

static double pass_rate(const column *col)
{
    return col->graded ? (double)col->passed / (double)col->graded : 0;
}

static double mean_score(const column *col)
{
    return col->graded ? col->sum / (double)col->graded : 0;
}

static int by_pass_rate(const void *a, const void *b)
{
    const column *x = *(const column *const *)a, *y = *(const column *const *)b;
    /* a drill nobody could be graded on (skipped everywhere) says nothing
     * about difficulty: last */
    if ((x->graded == 0) != (y->graded == 0))
        return x->graded == 0 ? 1 : -1;
    double rx = pass_rate(x), ry = pass_rate(y);
    if (rx != ry)
        return rx < ry ? -1 : 1;
    double mx = mean_score(x), my = mean_score(y);
    if (mx != my)
        return mx < my ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* The columns of one submission, by column index (NULL: not graded). */
static void map_cells(const cohort *c, const report_sub *s, const report_drill **cell)
{
    for (size_t j = 0; j < c->ncols; j++)
        cell[j] = NULL;
    for (size_t k = 0; k < s->ndrills; k++) {
        size_t j = find_col(c, s->drills[k].id, k);
        if (j != (size_t)-1)
            cell[j] = &s->drills[k];
    }
}

static void cohort_build(cohort *c, const report_batch *b, report_view *v)
{
    size_t n = report_batch_count(b);
    memset(c, 0, sizeof *c);
    c->b = b;
    c->rows = xcalloc(n + 1, sizeof *c->rows);
    c->unreadable = xcalloc(n + 1, sizeof *c->unreadable);
    /* pass 1: the columns and topics */
    for (size_t i = 0; i < n; i++) {
        const report_sub *s = report_batch_get(b, i, v);
        if (s->error)
            continue;
        for (size_t k = 0; k < s->ndrills; k++) {
            const report_drill *d = &s->drills[k];
            if (find_col(c, d->id, k) != (size_t)-1)
                continue;
            c->cols = xrealloc(c->cols, (c->ncols + 1) * sizeof *c->cols);
            c->cols[c->ncols++] = (column){ .id = d->id, .title = d->title,
                                            .topic = find_topic(c, report_topic(d)) };
        }
    }
    c->order = xcalloc(c->ncols + 1, sizeof *c->order);
    c->topic_cols = xcalloc(c->ntopics + 1, sizeof *c->topic_cols);
    size_t k = 0;
    for (size_t t = 0; t < c->ntopics; t++)
        for (size_t j = 0; j < c->ncols; j++)
            if (c->cols[j].topic == t) {
                c->order[k++] = j;
                c->topic_cols[t]++;
            }
    /* pass 2: rows, pass rates, sums by topic */
    size_t nread = 0;
    for (size_t i = 0; i < n; i++)
        if (!report_batch_get(b, i, v)->error)
            nread++;
    c->tsum = xcalloc(nread * c->ntopics + 1, sizeof *c->tsum);
    c->tn = xcalloc(nread * c->ntopics + 1, sizeof *c->tn);
    const report_drill **cell = xcalloc(c->ncols + 1, sizeof *cell);
    for (size_t i = 0; i < n; i++) {
        const report_sub *s = report_batch_get(b, i, v);
        if (s->error) {
            c->unreadable[c->nunreadable++] = i;
            continue;
        }
        row *r = &c->rows[c->nrows];
        r->index = i;
        r->slot = c->nrows;
        r->score = s->score;
        r->max = s->max;
        r->name = report_batch_name(b, i);
        c->sum += s->score;
        if (s->max > c->max)
            c->max = s->max;
        map_cells(c, s, cell);
        for (size_t j = 0; j < c->ncols; j++) {
            const report_drill *d = cell[j];
            if (!d || d->st == ST_SKIPPED)
                continue;
            column *col = &c->cols[j];
            col->graded++;
            col->passed += d->st == ST_PASS;
            col->sum += d->score;
            c->tsum[r->slot * c->ntopics + col->topic] += d->score;
            c->tn[r->slot * c->ntopics + col->topic]++;
        }
        c->nrows++;
    }
    free(cell);
    qsort(c->rows, c->nrows, sizeof *c->rows, by_score);
}

static void cohort_release(cohort *c)
{
    for (size_t i = 0; i < c->nrows; i++)
        free(c->rows[i].name);
    free(c->rows);
    free(c->cols);
    free(c->order);
    free(c->topics);
    free(c->topic_cols);
    free(c->tsum);
    free(c->tn);
    free(c->unreadable);
}

static void add_summary(sbuf *sb, const cohort *c)
{
    char a[32], b[32];
    double pcts_sum = 0;
    size_t all = 0;

    for (size_t i = 0; i < c->nrows; i++) {
        if (c->rows[i].max > 0)
            pcts_sum += c->rows[i].score / c->rows[i].max;
        if (c->rows[i].max > 0 && c->rows[i].score >= c->rows[i].max)
            all++;
    }
    sbuf_addstr(sb, "<section class=\"cards\">\n");
    sbuf_addf(sb, "<div class=\"card\"><b>%zu</b><span>candidates graded</span></div>\n", c->nrows);
    if (c->nunreadable)
        sbuf_addf(sb, "<div class=\"card\"><b>%zu</b><span>could not be read</span></div>\n", c->nunreadable);
    sbuf_addf(sb, "<div class=\"card\"><b>%zu</b><span>drills</span></div>\n", c->ncols);
    if (c->nrows > 0) {
        sbuf_addf(sb, "<div class=\"card\"><b>%s / %s</b><span>mean score</span></div>\n",
                  report_fmt_num(a, c->sum / (double)c->nrows), report_fmt_num(b, c->max));
        sbuf_addf(sb, "<div class=\"card\"><b>%.0f%%</b><span>mean, %% of maximum</span></div>\n",
                  100 * pcts_sum / (double)c->nrows);
    }
    sbuf_addf(sb, "<div class=\"card\"><b>%zu</b><span>passed everything</span></div>\n", all);
    sbuf_addstr(sb, "</section>\n");
}

/* Ten bins of the score as a share of the maximum; 100% falls in the last. */
static void add_histogram(sbuf *sb, const cohort *c)
{
    size_t bins[10] = { 0 }, top = 1;
    const double w = 760, h = 240, left = 40, bottom = 36, bw = (w - left - 10) / 10;

    for (size_t i = 0; i < c->nrows; i++) {
        const row *r = &c->rows[i];
        double p = r->max > 0 ? r->score / r->max : 0;
        int b = (int)floor(p * 10);
        bins[b < 0 ? 0 : b > 9 ? 9 : b]++;
    }
    for (int i = 0; i < 10; i++)
        if (bins[i] > top)
            top = bins[i];
    sbuf_addstr(sb, "<h2 id=\"distribution\">Score distribution</h2>\n");
    sbuf_addf(sb, "<svg class=\"hist\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" role=\"img\" "
                  "aria-label=\"Histogram of candidates by score\">\n<title>Candidates by score</title>\n",
              w, h, w);
    double plot = h - bottom - 20;
    sbuf_addf(sb, "<line class=\"axis\" x1=\"%.0f\" y1=\"%.1f\" x2=\"%.0f\" y2=\"%.1f\"/>\n", left,
              h - bottom, w - 10, h - bottom);
    sbuf_addf(sb, "<text class=\"muted\" x=\"4\" y=\"%.1f\">%zu</text>\n", h - bottom - plot + 4, top);
    sbuf_addf(sb, "<text class=\"muted\" x=\"4\" y=\"%.1f\">0</text>\n", h - bottom + 4);
    for (int i = 0; i < 10; i++) {
        double bh = plot * (double)bins[i] / (double)top;
        double x = left + i * bw;
        sbuf_addf(sb, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"2\" fill=\"#4e79a7\">"
                      "<title>%d-%d%%: %zu</title></rect>\n",
                  x + 3, h - bottom - bh, bw - 6, bh, i * 10, i == 9 ? 100 : i * 10 + 9, bins[i]);
        if (bins[i])
            sbuf_addf(sb, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%zu</text>\n", x + bw / 2,
                      h - bottom - bh - 5, bins[i]);
        /* a range, so the first bin does not read as "exactly 0%" */
        sbuf_addf(sb, "<text class=\"muted\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%d\xE2\x80\x93%d%%</text>\n",
                  x + bw / 2, h - bottom + 16, i * 10, i * 10 + 10);
    }
    sbuf_addf(sb, "<text class=\"muted\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">score, %% of maximum</text>\n",
              w - 10, h - 4);
    sbuf_addstr(sb, "</svg>\n");
}

static const char *topic_colour(size_t t)
{
    return palette[t % ARRAY_SIZE(palette)];
}

static void add_legend(sbuf *sb, const cohort *c)
{
    sbuf_addstr(sb, "<div class=\"legend\">");
    for (size_t i = 0; i < c->ntopics; i++) {
        sbuf_addf(sb, "<span><i style=\"background:%s\"></i>", topic_colour(i));
        esc(sb, c->topics[i]);
        sbuf_addstr(sb, "</span>");
    }
    sbuf_addstr(sb, "</div>\n");
}

/* A candidate's name cell, linking to their detail. */
static void add_name_cell(sbuf *sb, const cohort *c, const row *r)
{
    (void)c;
    sbuf_addf(sb, "<td class=\"n\"><a href=\"#c%zu\">", r->index + 1);
    esc(sb, r->name);
    sbuf_addstr(sb, "</a></td>");
}

static void add_score_cell(sbuf *sb, const row *r)
{
    char a[32], b[32];
    sbuf_addf(sb, "<td class=\"s\">%s / %s</td>", report_fmt_num(a, r->score), report_fmt_num(b, r->max));
}

/* A share of the maximum in one of five shades, with its number. */
static void add_share_cell(sbuf *sb, double got, unsigned graded)
{
    if (!graded) {
        sbuf_addstr(sb, "<td class=\"p hn\" title=\"nothing graded\">&#8212;</td>");
        return;
    }
    double p = got / (double)graded;
    int shade = (int)floor(p * 5);
    shade = shade < 0 ? 0 : shade > 4 ? 4 : shade;
    char a[32], b[32];
    sbuf_addf(sb, "<td class=\"p h%d\" title=\"%s of %s\">%.0f%%</td>", shade, report_fmt_num(a, got),
              report_fmt_num(b, graded), 100 * p);
}

static void add_topics(sbuf *sb, const cohort *c)
{
    sbuf_addstr(sb, "<h2 id=\"topics\">By topic <small>each candidate's share of the points, topic by topic; "
                    "highest score first</small></h2>\n");
    add_legend(sb, c);
    sbuf_addstr(sb, "<div class=\"box\"><table class=\"topics\">\n<thead><tr><th class=\"n\">Candidate</th>"
                    "<th class=\"s\">Score</th>");
    for (size_t t = 0; t < c->ntopics; t++) {
        sbuf_addf(sb, "<th class=\"v\" title=\"%zu drill%s\" style=\"box-shadow:inset 0 3px %s\"><div>",
                  c->topic_cols[t], c->topic_cols[t] == 1 ? "" : "s", topic_colour(t));
        esc_trunc(sb, c->topics[t], 18);
        sbuf_addstr(sb, "</div></th>");
    }
    sbuf_addstr(sb, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < c->nrows; i++) {
        const row *r = &c->rows[i];
        sbuf_addstr(sb, "<tr>");
        add_name_cell(sb, c, r);
        add_score_cell(sb, r);
        for (size_t t = 0; t < c->ntopics; t++)
            add_share_cell(sb, c->tsum[r->slot * c->ntopics + t], c->tn[r->slot * c->ntopics + t]);
        sbuf_addstr(sb, "</tr>\n");
    }
    sbuf_addstr(sb, "</tbody>\n<tfoot><tr><td class=\"n\">Mean</td><td class=\"s\"></td>");
    for (size_t t = 0; t < c->ntopics; t++) {
        double got = 0;
        unsigned graded = 0;
        for (size_t i = 0; i < c->nrows; i++) {
            got += c->tsum[c->rows[i].slot * c->ntopics + t];
            graded += c->tn[c->rows[i].slot * c->ntopics + t];
        }
        add_share_cell(sb, got, graded);
    }
    sbuf_addstr(sb, "</tr></tfoot></table></div>\n");
}

static void add_drills(sbuf *sb, const cohort *c)
{
    const column **order = xcalloc(c->ncols + 1, sizeof *order);
    char a[32];

    for (size_t i = 0; i < c->ncols; i++)
        order[i] = &c->cols[i];
    qsort(order, c->ncols, sizeof *order, by_pass_rate);
    sbuf_addstr(sb, "<h2 id=\"drills\">Drills <small>pass rate and mean score, hardest first</small></h2>\n");
    sbuf_addstr(sb, "<div class=\"box\"><table class=\"drills\">\n<thead><tr><th class=\"n\">Drill</th>"
                    "<th>Title</th><th>Topic</th><th>Pass rate</th><th>Mean score</th><th>Passed</th></tr></thead>\n"
                    "<tbody>\n");
    for (size_t i = 0; i < c->ncols; i++) {
        const column *col = order[i];
        sbuf_addstr(sb, "<tr><td class=\"n\" title=\"");
        esc(sb, col->id);
        if (col->title) {
            sbuf_addstr(sb, ": ");
            esc(sb, col->title);
        }
        sbuf_addstr(sb, "\">");
        esc_trunc(sb, col->id, LABEL_MAX);
        sbuf_addstr(sb, "</td><td class=\"ti\">");
        if (col->title)
            esc_trunc(sb, col->title, 60);
        sbuf_addf(sb, "</td><td><i class=\"dot\" style=\"background:%s\"></i>", topic_colour(col->topic));
        esc_trunc(sb, c->topics[col->topic], 24);
        if (col->graded)
            sbuf_addf(sb, "</td><td><span class=\"bar\"><i style=\"width:%.1f%%\"></i></span>%.0f%%</td>"
                          "<td class=\"r\">%s</td><td class=\"r\">%zu of %zu</td></tr>\n",
                      100 * pass_rate(col), 100 * pass_rate(col), report_fmt_num(a, mean_score(col)), col->passed,
                      col->graded);
        else
            sbuf_addstr(sb, "</td><td class=\"na\">skipped</td><td class=\"r na\">&#8212;</td>"
                            "<td class=\"r na\">&#8212;</td></tr>\n");
    }
    sbuf_addstr(sb, "</tbody></table></div>\n");
    free(order);
}

static void add_cell(sbuf *sb, const report_drill *v, int group_start)
{
    char num[32];
    if (!v) {
        sbuf_addf(sb, "<td class=\"c na%s\" title=\"not graded\">&#183;</td>", group_start ? " g" : "");
        return;
    }
    /* a pass says it all; the rest say their score on hover (and why, in
     * the candidate's detail) */
    if (v->st == ST_PASS) {
        sbuf_addf(sb, "<td class=\"c pass%s\">pass</td>", group_start ? " g" : "");
        return;
    }
    sbuf_addf(sb, "<td class=\"c %s%s\" title=\"", status_class(v->st), group_start ? " g" : "");
    esc(sb, v->id);
    sbuf_addf(sb, ": %s, score %s\">%s</td>", status_name(v->st), report_fmt_num(num, v->score),
              status_abbrev(v->st));
}

static void add_grid(sbuf *sb, const cohort *c, report_view *v)
{
    char a[32];
    const report_drill **cell = xcalloc(c->ncols + 1, sizeof *cell);

    sbuf_addstr(sb, "<h2 id=\"grid\">Candidates \xC3\x97 drills <small>by score, highest first; "
                    "a name opens the candidate's detail</small></h2>\n");
    sbuf_addstr(sb, "<div class=\"box\"><table class=\"grid\">\n<thead><tr class=\"t\"><th class=\"n\"></th>"
                    "<th class=\"s\"></th>");
    for (size_t t = 0; t < c->ntopics; t++) {
        if (!c->topic_cols[t])
            continue;
        sbuf_addf(sb, "<th class=\"g\" colspan=\"%zu\" style=\"box-shadow:inset 0 3px %s\" title=\"", c->topic_cols[t],
                  topic_colour(t));
        esc(sb, c->topics[t]);
        sbuf_addstr(sb, "\">");
        esc_trunc(sb, c->topics[t], c->topic_cols[t] * 5);
        sbuf_addstr(sb, "</th>");
    }
    sbuf_addstr(sb, "</tr>\n<tr class=\"i\"><th class=\"n\">Candidate</th><th class=\"s\">Score</th>");
    size_t prev_topic = (size_t)-1;
    for (size_t k = 0; k < c->ncols; k++) {
        const column *col = &c->cols[c->order[k]];
        sbuf_addf(sb, "<th class=\"v%s\" title=\"", col->topic != prev_topic ? " g" : "");
        esc(sb, col->id);
        if (col->title) {
            sbuf_addstr(sb, ": ");
            esc(sb, col->title);
        }
        sbuf_addstr(sb, "\"><div>");
        esc(sb, col->id);
        sbuf_addstr(sb, "</div></th>");
        prev_topic = col->topic;
    }
    sbuf_addstr(sb, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < c->nrows; i++) {
        const row *r = &c->rows[i];
        const report_sub *s = report_batch_get(c->b, r->index, v);
        map_cells(c, s, cell);
        sbuf_addstr(sb, "<tr>");
        add_name_cell(sb, c, r);
        add_score_cell(sb, r);
        prev_topic = (size_t)-1;
        for (size_t k = 0; k < c->ncols; k++) {
            size_t j = c->order[k];
            add_cell(sb, cell[j], c->cols[j].topic != prev_topic);
            prev_topic = c->cols[j].topic;
        }
        sbuf_addstr(sb, "</tr>\n");
    }
    for (size_t i = 0; i < c->nunreadable; i++) {
        const report_sub *s = report_batch_get(c->b, c->unreadable[i], v);
        char *name = report_batch_name(c->b, c->unreadable[i]);
        sbuf_addf(sb, "<tr><td class=\"n\"><a href=\"#c%zu\">", c->unreadable[i] + 1);
        esc(sb, name);
        sbuf_addf(sb, "</a></td><td class=\"s\">&#8212;</td><td class=\"unreadable\" colspan=\"%zu\">"
                      "could not be read: ", c->ncols ? c->ncols : 1);
        esc_trunc(sb, s->error, 300);
        sbuf_addstr(sb, "</td></tr>\n");
        free(name);
    }
    sbuf_addstr(sb, "</tbody>\n<tfoot><tr><td class=\"n\" title=\"mean score of the candidates graded on each "
                    "drill\">Mean score</td><td class=\"s\"></td>");
    prev_topic = (size_t)-1;
    for (size_t k = 0; k < c->ncols; k++) {
        const column *col = &c->cols[c->order[k]];
        const char *g = col->topic != prev_topic ? " class=\"g\"" : "";
        if (col->graded)
            sbuf_addf(sb, "<td%s>%s</td>", g, report_fmt_num(a, mean_score(col)));
        else
            sbuf_addf(sb, "<td%s>&#8212;</td>", g);
        prev_topic = col->topic;
    }
    sbuf_addstr(sb, "</tr></tfoot></table></div>\n<div class=\"keys\">");
    for (status st = ST_PASS; st <= ST_MISSING; st++) {
        const char *abbrev = status_abbrev(st), *name = status_name(st);
        sbuf_addf(sb, "<span class=\"%s\">%s</span>%s%s ", status_class(st), abbrev, strcmp(abbrev, name) ? "= " : "",
                  strcmp(abbrev, name) ? name : "");
    }
    sbuf_addstr(sb, "</div>\n");
    free(cell);
}

/* One candidate: their score by topic in the summary line; inside, every
 * drill that did not pass with its reason, then the ones that passed. */
static void add_candidate(sbuf *sb, const cohort *c, size_t index, const char *name, const row *r,
                          report_view *v)
{
    char a[32], b[32];
    const report_sub *s = report_batch_get(c->b, index, v);

    /* the link target is inside the details, so following a link to it
     * opens it (HTML's ancestor details revealing) */
    sbuf_addstr(sb, "<details><summary><b>");
    esc(sb, name);
    sbuf_addstr(sb, "</b> ");
    if (s->error) {
        sbuf_addf(sb, "could not be read</summary>\n<div class=\"det\" id=\"c%zu\"><p class=\"src\">", index + 1);
        esc(sb, s->source);
        sbuf_addstr(sb, "</p><pre class=\"why\">");
        esc(sb, s->error);
        sbuf_addstr(sb, "</pre></div></details>\n");
        return;
    }
    sbuf_addf(sb, "%s / %s, %d passed<span class=\"t\">", report_fmt_num(a, s->score), report_fmt_num(b, s->max),
              s->passed);
    for (size_t t = 0; t < c->ntopics && r; t++) {
        unsigned graded = c->tn[r->slot * c->ntopics + t];
        if (!graded)
            continue;
        esc_trunc(sb, c->topics[t], 18);
        sbuf_addf(sb, " %.0f%%%s", 100 * c->tsum[r->slot * c->ntopics + t] / graded,
                  t + 1 < c->ntopics ? " \xC2\xB7 " : "");
    }
    sbuf_addf(sb, "</span></summary>\n<div class=\"det\" id=\"c%zu\"><p class=\"src\">", index + 1);
    esc(sb, s->source);
    sbuf_addstr(sb, "</p>\n");
    for (size_t k = 0; k < s->nwarnings; k++) {
        sbuf_addstr(sb, "<p>warning: ");
        esc(sb, s->warnings[k]);
        sbuf_addstr(sb, "</p>\n");
    }
    size_t failed = 0;
    for (size_t k = 0; k < s->ndrills; k++) {
        const report_drill *d = &s->drills[k];
        if (d->st == ST_PASS)
            continue;
        if (!failed++)
            sbuf_addstr(sb, "<table><thead><tr><th>Drill</th><th>Status</th><th>Score</th><th>Why</th>"
                            "</tr></thead><tbody>\n");
        sbuf_addstr(sb, "<tr><td title=\"");
        esc(sb, d->title ? d->title : d->id);
        sbuf_addstr(sb, "\">");
        esc(sb, d->id);
        sbuf_addf(sb, "</td><td class=\"c %s\">%s</td><td>%s</td><td><pre class=\"why\">", status_class(d->st),
                  status_name(d->st), report_fmt_num(a, d->score));
        if (d->st == ST_MISSING)
            sbuf_addstr(sb, "no answer");
        else {
            char *why = report_failure_detail(s, d, REPORT_DETAIL_TERSE);
            size_t n = strlen(why);
            while (n && why[n - 1] == '\n')
                why[--n] = '\0';
            esc_trunc(sb, why, WHY_MAX);
            free(why);
        }
        sbuf_addstr(sb, "</pre></td></tr>\n");
    }
    if (failed)
        sbuf_addstr(sb, "</tbody></table>\n");
    size_t passed = 0;
    for (size_t k = 0; k < s->ndrills; k++) {
        if (s->drills[k].st != ST_PASS)
            continue;
        sbuf_addstr(sb, passed++ ? ", " : "<p>Passed: ");
        esc(sb, s->drills[k].id);
    }
    if (passed)
        sbuf_addstr(sb, "</p>\n");
    sbuf_addstr(sb, "</div></details>\n");
}

static void add_details(sbuf *sb, const cohort *c, report_view *v)
{
    sbuf_addstr(sb, "<h2 id=\"candidates\">Candidates <small>every drill that did not pass, and why; "
                    "click a name to open it</small></h2>\n");
    for (size_t i = 0; i < c->nrows; i++)
        add_candidate(sb, c, c->rows[i].index, c->rows[i].name, &c->rows[i], v);
    for (size_t i = 0; i < c->nunreadable; i++) {
        char *name = report_batch_name(c->b, c->unreadable[i]);
        add_candidate(sb, c, c->unreadable[i], name, NULL, v);
        free(name);
    }
}

static void add_warnings(sbuf *sb, const cohort *c, report_view *v)
{
    int any = 0;
    for (size_t i = 0; i < report_batch_count(c->b); i++) {
        const report_sub *s = report_batch_get(c->b, i, v);
        if (!s->nwarnings)
            continue;
        char *name = report_batch_name(c->b, i);
        for (size_t k = 0; k < s->nwarnings; k++) {
            if (!any++)
                sbuf_addstr(sb, "<h2 id=\"warnings\">Warnings</h2>\n<ul class=\"warn\">\n");
            sbuf_addstr(sb, "<li>");
            esc(sb, name);
            sbuf_addstr(sb, ": ");
            esc(sb, s->warnings[k]);
            sbuf_addstr(sb, "</li>\n");
        }
        free(name);
    }
    if (any)
        sbuf_addstr(sb, "</ul>\n");
}

int report_html_render(const report_batch *b, util_out *out, char **err)
{
    (void)err;
    const report_options *o = report_batch_options(b);
    const char *title = o->title ? o->title : "pydrill";
    sbuf sb;
    cohort c;
    report_view v;

    report_view_init(&v);
    cohort_build(&c, b, &v);
    sbuf_init(&sb);
    sbuf_addstr(&sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    esc(&sb, title);
    sbuf_addstr(&sb, " \xE2\x80\x94 report</title>\n<style>\n");
    sbuf_addstr(&sb, report_html_css);
    sbuf_addstr(&sb, "</style>\n</head>\n<body>\n<main>\n<h1>");
    esc(&sb, title);
    sbuf_addstr(&sb, "</h1>\n<p class=\"sub\">Batch grading report");
    if (o->python_version) {
        sbuf_addstr(&sb, " \xC2\xB7 Python ");
        esc(&sb, o->python_version);
    }
    sbuf_addf(&sb, " \xC2\xB7 %zu candidates \xC3\x97 %zu drills", c.nrows + c.nunreadable, c.ncols);
    if (report_batch_count(b) && report_batch_get(b, 0, &v)->reveal_hidden)
        sbuf_addstr(&sb, " \xC2\xB7 hidden tests revealed");
    sbuf_addstr(&sb, "</p>\n<nav class=\"toc\"><a href=\"#distribution\">Distribution</a><a href=\"#topics\">By topic</a>"
                     "<a href=\"#drills\">Drills</a><a href=\"#grid\">Candidates \xC3\x97 drills</a>"
                     "<a href=\"#candidates\">Each candidate</a></nav>\n");
    add_summary(&sb, &c);
    if (c.nrows > 0)
        add_histogram(&sb, &c);
    if (c.ntopics > 0)
        add_topics(&sb, &c);
    if (c.ncols > 0)
        add_drills(&sb, &c);
    util_out_write(out, sb.buf, sb.len);
    sbuf_reset(&sb);
    add_grid(&sb, &c, &v);
    util_out_write(out, sb.buf, sb.len);
    sbuf_reset(&sb);
    add_details(&sb, &c, &v);
    add_warnings(&sb, &c, &v);
    sbuf_addstr(&sb, "<footer>Generated by pydrill. Skipped drills are left out of scores, pass rates and means.");
    if (report_batch_count(b) && report_batch_get(b, 0, &v)->reveal_hidden)
        sbuf_addstr(&sb, " Hidden tests are revealed in this report: do not hand it to candidates.");
    sbuf_addstr(&sb, "</footer>\n</main>\n</body>\n</html>\n");
    util_out_write(out, sb.buf, sb.len);
    sbuf_release(&sb);
    cohort_release(&c);
    report_view_release(&v);
    return 0;
}
