/* report_html.c - one self-contained page for the instructor: a summary,
 * the cohort's score distribution, the pass rate of every drill (hardest
 * first, coloured by topic) and a candidates x drills table. Inline CSS and
 * SVG only: no script, no external asset, so the page reads anywhere and
 * nothing a candidate wrote can run in it. Every cell carries a text label
 * as well as a colour. */
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

/* Short labels, so the table reads without colour. */
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
    char *c = report_clean(s, REPORT_CLEAN_CONTROLS);
    for (const char *p = c; *p; p++) {
        switch (*p) {
        case '&': sbuf_addstr(sb, "&amp;"); break;
        case '<': sbuf_addstr(sb, "&lt;"); break;
        case '>': sbuf_addstr(sb, "&gt;"); break;
        case '"': sbuf_addstr(sb, "&quot;"); break;
        case '\'': sbuf_addstr(sb, "&#39;"); break;
        default: sbuf_addch(sb, *p);
        }
    }
    free(c);
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

/* One column of the table: a drill, as first seen in any submission. */
typedef struct {
    const char *id;
    const drill *d;
    size_t topic;
    size_t passed, graded;
} column;

typedef struct {
    column *cols;
    size_t ncols;
    const char **topics;
    size_t ntopics;
    const submission_verdict **rows; /* readable, by score descending */
    size_t nrows;
    size_t unreadable;
    double max, sum;
} cohort;

/* Submissions are normally graded against the same drills in the same
 * order, so the position is tried first. */
static size_t find_col(const cohort *c, const char *id, size_t hint)
{
    if (hint < c->ncols && !strcmp(c->cols[hint].id, id))
        return hint;
    for (size_t i = 0; i < c->ncols; i++)
        if (!strcmp(c->cols[i].id, id))
            return i;
    return (size_t)-1;
}

static const drill_verdict *find_cell(const submission_verdict *s, const char *id, size_t hint)
{
    if (hint < s->ndrills && !strcmp(report_drill_id(&s->drills[hint]), id))
        return &s->drills[hint];
    for (size_t i = 0; i < s->ndrills; i++)
        if (!strcmp(report_drill_id(&s->drills[i]), id))
            return &s->drills[i];
    return NULL;
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
    const submission_verdict *x = *(const submission_verdict *const *)a;
    const submission_verdict *y = *(const submission_verdict *const *)b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return strcmp(x->candidate ? x->candidate : "", y->candidate ? y->candidate : "");
}

static double pass_rate(const column *col)
{
    return col->graded ? (double)col->passed / (double)col->graded : 0;
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
    return strcmp(x->id, y->id);
}

static void cohort_build(cohort *c, const report *r)
{
    memset(c, 0, sizeof *c);
    c->rows = xcalloc(r->nsubs + 1, sizeof *c->rows);
    for (size_t i = 0; i < r->nsubs; i++) {
        const submission_verdict *s = &r->subs[i];
        if (s->error) {
            c->unreadable++;
            continue;
        }
        c->rows[c->nrows++] = s;
        c->sum += s->score;
        if (s->max > c->max)
            c->max = s->max;
        for (size_t k = 0; k < s->ndrills; k++) {
            const drill_verdict *v = &s->drills[k];
            size_t j = find_col(c, report_drill_id(v), k);
            if (j == (size_t)-1) {
                c->cols = xrealloc(c->cols, (c->ncols + 1) * sizeof *c->cols);
                j = c->ncols++;
                c->cols[j] = (column){ .id = report_drill_id(v), .d = v->drill,
                                       .topic = find_topic(c, report_drill_topic(v)) };
            }
            if (v->st != ST_SKIPPED) {
                c->cols[j].graded++;
                c->cols[j].passed += v->st == ST_PASS;
            }
        }
    }
    qsort(c->rows, c->nrows, sizeof *c->rows, by_score);
}

static void cohort_release(cohort *c)
{
    free(c->cols);
    free(c->topics);
    free(c->rows);
}

static const char css[] =
    ":root{--fg:#1d2330;--muted:#5b6475;--bg:#fff;--card:#f5f7fa;--line:#dde2ea;"
    "--pass:#1e7b34;--pass-bg:#e3f4e7;--fail:#b3261e;--fail-bg:#fde8e6;--err:#9a4a00;--err-bg:#fff0dc;"
    "--skip:#5b6475;--skip-bg:#eef0f3;--miss:#7a2e6b;--miss-bg:#f6e7f3}\n"
    "@media (prefers-color-scheme:dark){:root{--fg:#e6e9ef;--muted:#9aa3b2;--bg:#14171c;--card:#1e232b;"
    "--line:#323a46;--pass:#7ad48f;--pass-bg:#173322;--fail:#ff9a8f;--fail-bg:#3d1c1a;--err:#ffc27a;"
    "--err-bg:#3a2a12;--skip:#aab2bf;--skip-bg:#262b33;--miss:#f0a6e0;--miss-bg:#35202f}}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;padding:24px 32px 48px;background:var(--bg);color:var(--fg);"
    "font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif}\n"
    "main{max-width:1200px;margin:0 auto}\n"
    "h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:36px 0 10px}\n"
    "h2 small{font-size:13px;font-weight:400;color:var(--muted);margin-left:8px}\n"
    ".sub{color:var(--muted);margin:0 0 20px}\n"
    ".cards{display:flex;flex-wrap:wrap;gap:12px}\n"
    ".card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 18px;min-width:150px}\n"
    ".card b{display:block;font-size:24px}.card span{color:var(--muted);font-size:13px}\n"
    "svg{display:block;max-width:100%;height:auto}svg text{fill:var(--fg);font:12px system-ui,sans-serif}\n"
    "svg .axis{stroke:var(--line)}svg .muted{fill:var(--muted)}\n"
    ".legend{display:flex;flex-wrap:wrap;gap:6px 16px;margin:8px 0;font-size:13px;color:var(--muted)}\n"
    ".legend i{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:5px;vertical-align:-1px}\n"
    ".scroll{overflow-x:auto;border:1px solid var(--line);border-radius:8px;width:fit-content;max-width:100%}\n"
    "table{border-collapse:collapse;font-size:13px}\n"
    "th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:center;white-space:nowrap}\n"
    "th.d{vertical-align:bottom;height:150px;font-weight:500}\n"
    "th.d div{writing-mode:vertical-rl;transform:rotate(180deg);max-height:145px;"
    "overflow:hidden;text-overflow:ellipsis}\n"
    "td.name,th.name{text-align:left;position:sticky;left:0;background:var(--bg);max-width:220px;"
    "overflow:hidden;text-overflow:ellipsis}\n"
    "td.score{font-variant-numeric:tabular-nums;text-align:right}\n"
    "td.c{font-weight:600;min-width:42px}\n"
    ".pass{color:var(--pass);background:var(--pass-bg)}.fail{color:var(--fail);background:var(--fail-bg)}\n"
    ".err{color:var(--err);background:var(--err-bg)}.skip{color:var(--skip);background:var(--skip-bg)}\n"
    ".miss{color:var(--miss);background:var(--miss-bg)}.na{color:var(--muted)}\n"
    "td.unreadable{text-align:left;color:var(--fail);white-space:normal}\n"
    ".keys{margin-top:8px;font-size:13px;color:var(--muted)}\n"
    ".keys span{display:inline-block;padding:1px 6px;border-radius:4px;margin:2px 4px 2px 0;font-weight:600}\n"
    "ul.warn{font-size:13px;color:var(--muted)}\n"
    "footer{margin-top:40px;color:var(--muted);font-size:12px}\n";

static void add_summary(sbuf *sb, const cohort *c)
{
    char a[32], b[32];
    double pcts_sum = 0;
    size_t all = 0;

    for (size_t i = 0; i < c->nrows; i++) {
        if (c->rows[i]->max > 0)
            pcts_sum += c->rows[i]->score / c->rows[i]->max;
        if (c->rows[i]->max > 0 && c->rows[i]->score >= c->rows[i]->max)
            all++;
    }
    sbuf_addstr(sb, "<section class=\"cards\">\n");
    sbuf_addf(sb, "<div class=\"card\"><b>%zu</b><span>candidates graded</span></div>\n", c->nrows);
    if (c->unreadable)
        sbuf_addf(sb, "<div class=\"card\"><b>%zu</b><span>could not be read</span></div>\n", c->unreadable);
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
        const submission_verdict *s = c->rows[i];
        double p = s->max > 0 ? s->score / s->max : 0;
        int b = (int)floor(p * 10);
        bins[b < 0 ? 0 : b > 9 ? 9 : b]++;
    }
    for (int i = 0; i < 10; i++)
        if (bins[i] > top)
            top = bins[i];
    sbuf_addstr(sb, "<h2>Score distribution</h2>\n");
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

static void add_legend(sbuf *sb, const cohort *c)
{
    sbuf_addstr(sb, "<div class=\"legend\">");
    for (size_t i = 0; i < c->ntopics; i++) {
        sbuf_addf(sb, "<span><i style=\"background:%s\"></i>", palette[i % ARRAY_SIZE(palette)]);
        esc(sb, c->topics[i]);
        sbuf_addstr(sb, "</span>");
    }
    sbuf_addstr(sb, "</div>\n");
}

static void add_pass_rates(sbuf *sb, const cohort *c)
{
    const column **order = xcalloc(c->ncols + 1, sizeof *order);
    const double w = 760, label = 250, barw = w - label - 60, rowh = 22;
    double h = (double)c->ncols * rowh + 10;

    for (size_t i = 0; i < c->ncols; i++)
        order[i] = &c->cols[i];
    qsort(order, c->ncols, sizeof *order, by_pass_rate);
    sbuf_addstr(sb, "<h2>Pass rate by drill <small>hardest first</small></h2>\n");
    add_legend(sb, c);
    sbuf_addf(sb, "<svg class=\"rates\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" role=\"img\" "
                  "aria-label=\"Pass rate of every drill\">\n<title>Pass rate by drill</title>\n",
              w, h, w);
    for (size_t i = 0; i < c->ncols; i++) {
        const column *col = order[i];
        double y = 5 + (double)i * rowh, rate = pass_rate(col);
        sbuf_addf(sb, "<g><title>");
        esc(sb, col->id);
        if (col->d && col->d->title) {
            sbuf_addstr(sb, " \xE2\x80\x94 ");
            esc(sb, col->d->title);
        }
        sbuf_addf(sb, ": %zu of %zu passed</title>\n", col->passed, col->graded);
        sbuf_addf(sb, "<text x=\"%.0f\" y=\"%.1f\" text-anchor=\"end\">", label - 8, y + 15);
        esc_trunc(sb, col->id, 36);
        sbuf_addstr(sb, "</text>\n");
        sbuf_addf(sb, "<rect class=\"axis\" x=\"%.0f\" y=\"%.1f\" width=\"%.0f\" height=\"16\" fill=\"none\"/>\n",
                  label, y + 2, barw);
        sbuf_addf(sb, "<rect x=\"%.0f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>\n", label, y + 2,
                  barw * rate, palette[col->topic % ARRAY_SIZE(palette)]);
        if (col->graded)
            sbuf_addf(sb, "<text x=\"%.1f\" y=\"%.1f\">%.0f%%</text></g>\n", label + barw + 6, y + 15, 100 * rate);
        else
            sbuf_addf(sb, "<text class=\"muted\" x=\"%.1f\" y=\"%.1f\">skipped</text></g>\n", label + barw + 6,
                      y + 15);
    }
    sbuf_addstr(sb, "</svg>\n");
    free(order);
}

static void add_cell(sbuf *sb, const drill_verdict *v)
{
    char num[32];
    if (!v) {
        sbuf_addstr(sb, "<td class=\"c na\" title=\"not graded\">&#183;</td>");
        return;
    }
    sbuf_addf(sb, "<td class=\"c %s\" title=\"", status_class(v->st));
    esc(sb, report_drill_id(v));
    sbuf_addf(sb, ": %s, score %s", status_name(v->st), report_fmt_num(num, v->score));
    if (v->message) {
        sbuf_addstr(sb, "\n");
        esc(sb, v->message);
    }
    sbuf_addf(sb, "\">%s</td>", status_abbrev(v->st));
}

static void add_table(sbuf *sb, const cohort *c, const report *r)
{
    char a[32], b[32];

    sbuf_addstr(sb, "<h2>Candidates \xC3\x97 drills <small>by score, highest first</small></h2>\n");
    sbuf_addstr(sb, "<div class=\"scroll\"><table>\n<thead><tr><th class=\"name\">Candidate</th><th>Score</th>");
    for (size_t j = 0; j < c->ncols; j++) {
        sbuf_addstr(sb, "<th class=\"d\" title=\"");
        esc(sb, c->cols[j].id);
        if (c->cols[j].d && c->cols[j].d->title) {
            sbuf_addstr(sb, ": ");
            esc(sb, c->cols[j].d->title);
        }
        sbuf_addstr(sb, "\"><div>");
        esc(sb, c->cols[j].id);
        sbuf_addstr(sb, "</div></th>");
    }
    sbuf_addstr(sb, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < c->nrows; i++) {
        const submission_verdict *s = c->rows[i];
        sbuf_addstr(sb, "<tr><td class=\"name\" title=\"");
        esc(sb, s->source);
        sbuf_addstr(sb, "\">");
        esc(sb, s->candidate);
        sbuf_addf(sb, "</td><td class=\"score\">%s / %s</td>", report_fmt_num(a, s->score),
                  report_fmt_num(b, s->max));
        for (size_t j = 0; j < c->ncols; j++)
            add_cell(sb, find_cell(s, c->cols[j].id, j));
        sbuf_addstr(sb, "</tr>\n");
    }
    for (size_t i = 0; i < r->nsubs; i++) {
        const submission_verdict *s = &r->subs[i];
        if (!s->error)
            continue;
        sbuf_addstr(sb, "<tr><td class=\"name\">");
        esc(sb, s->candidate);
        sbuf_addf(sb, "</td><td class=\"score\">&#8212;</td><td class=\"unreadable\" colspan=\"%zu\">"
                      "could not be read: ", c->ncols ? c->ncols : 1);
        esc(sb, s->error);
        sbuf_addstr(sb, "</td></tr>\n");
    }
    sbuf_addstr(sb, "</tbody></table></div>\n<div class=\"keys\">");
    for (status st = ST_PASS; st <= ST_MISSING; st++) {
        const char *abbrev = status_abbrev(st), *name = status_name(st);
        sbuf_addf(sb, "<span class=\"%s\">%s</span>%s%s ", status_class(st), abbrev, strcmp(abbrev, name) ? "= " : "",
                  strcmp(abbrev, name) ? name : "");
    }
    sbuf_addstr(sb, "</div>\n");
}

static void add_warnings(sbuf *sb, const report *r)
{
    int any = 0;
    for (size_t i = 0; i < r->nsubs; i++) {
        const submission_verdict *s = &r->subs[i];
        for (size_t k = 0; k < s->warnings.n; k++) {
            if (!any++)
                sbuf_addstr(sb, "<h2>Warnings</h2>\n<ul class=\"warn\">\n");
            sbuf_addstr(sb, "<li>");
            esc(sb, s->candidate);
            sbuf_addstr(sb, ": ");
            esc(sb, s->warnings.msgs[k]);
            sbuf_addstr(sb, "</li>\n");
        }
    }
    if (any)
        sbuf_addstr(sb, "</ul>\n");
}

char *report_html(const report *r)
{
    sbuf sb;
    cohort c;
    const char *title = r->catalog_title ? r->catalog_title : "pydrill";

    cohort_build(&c, r);
    sbuf_init(&sb);
    sbuf_addstr(&sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
    esc(&sb, title);
    sbuf_addstr(&sb, " \xE2\x80\x94 report</title>\n<style>\n");
    sbuf_addstr(&sb, css);
    sbuf_addstr(&sb, "</style>\n</head>\n<body>\n<main>\n<h1>");
    esc(&sb, title);
    sbuf_addstr(&sb, "</h1>\n<p class=\"sub\">Batch grading report");
    if (r->python_version) {
        sbuf_addstr(&sb, " \xC2\xB7 Python ");
        esc(&sb, r->python_version);
    }
    if (r->reveal_hidden)
        sbuf_addstr(&sb, " \xC2\xB7 hidden tests revealed");
    sbuf_addstr(&sb, "</p>\n");
    add_summary(&sb, &c);
    if (c.nrows > 0)
        add_histogram(&sb, &c);
    if (c.ncols > 0)
        add_pass_rates(&sb, &c);
    add_table(&sb, &c, r);
    add_warnings(&sb, r);
    sbuf_addstr(&sb, "<footer>Generated by pydrill. Skipped drills are left out of scores and pass rates.</footer>\n"
                     "</main>\n</body>\n</html>\n");
    cohort_release(&c);
    return sbuf_detach(&sb, NULL);
}
