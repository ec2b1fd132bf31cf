/* interview_render.c - an interview record for a reader: one layout of
 * styled lines (interview_render) that the quiz's report screen, the text
 * export and the HTML page all draw, so the three never disagree. */
#define _GNU_SOURCE
#include "interview.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

#define IV_BAR_W 20
#define IV_TOPIC_W 16 /* characters of a topic shown beside its bar */
#define IV_TEXT_W 78

void interview_when(time_t t, char buf[32])
{
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%d %H:%M", &tm);
}

static void fmt_secs(char buf[32], double secs)
{
    long s = (long)(secs + 0.5);
    snprintf(buf, 32, "%ldm%02lds", s / 60, s % 60);
}

/* "1 minute", "30 seconds", "1.5 minutes" */
static void fmt_minutes(char buf[48], double m)
{
    if (m < 1) {
        long s = (long)(m * 60 + 0.5);
        snprintf(buf, 48, "%ld second%s", s, s == 1 ? "" : "s");
    } else if (m == (double)(long)m) {
        snprintf(buf, 48, "%ld minute%s", (long)m, (long)m == 1 ? "" : "s");
    } else {
        snprintf(buf, 48, "%.1f minutes", m);
    }
}

static void emitf(interview_sink sink, void *ctx, interview_style st, int indent, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void emitf(interview_sink sink, void *ctx, interview_style st, int indent, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    sink(ctx, st, indent, s);
    free(s);
}

static interview_style st_style(status s)
{
    return s == ST_PASS ? IV_PASS : IV_FAIL;
}

/* s cut to w characters and padded to w, then a space: a byte count
 * would split "Nebenläufigkeit" inside its ä and pad it one short. */
static void add_column(sbuf *sb, const char *s, int w)
{
    size_t n = strlen(s), i = 0;
    int chars = 0;
    while (i < n && chars < w) {
        uint32_t cp;
        size_t len = util_utf8_decode((const unsigned char *)s + i, n - i, &cp, 0);
        if (len == 0) {
            sbuf_addstr(sb, "\xEF\xBF\xBD"); /* U+FFFD for a byte that is not UTF-8 */
            len = 1;
        } else {
            sbuf_add(sb, s + i, len);
        }
        i += len;
        chars++;
    }
    for (; chars < w + 1; chars++)
        sbuf_addstr(sb, " ");
}

/* One topic of the record: where it first appears, its score and count. */
typedef struct {
    const char *topic;
    size_t first, n;
    double score;
} topic_sum;

static int cmp_item_topic(const void *a, const void *b, void *arg)
{
    const interview_record *r = arg;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int c = strcmp(r->items[i].topic, r->items[j].topic);
    return c ? c : (i > j) - (i < j);
}

static int cmp_topic_first(const void *a, const void *b)
{
    const topic_sum *x = a, *y = b;
    return (x->first > y->first) - (x->first < y->first);
}

/* The distinct topics in the order they first appear, with their sums.
 * Sorting, not a search per item: a record read back may hold 100,000
 * drills of as many topics. */
static size_t topics_of(const interview_record *r, topic_sum **out)
{
    size_t *idx = xcalloc(r->n + 1, sizeof *idx);
    topic_sum *t = xcalloc(r->n + 1, sizeof *t);
    for (size_t i = 0; i < r->n; i++)
        idx[i] = i;
    if (r->n > 1)
        qsort_r(idx, r->n, sizeof *idx, cmp_item_topic, (void *)r);
    size_t n = 0;
    for (size_t k = 0; k < r->n; k++) {
        const interview_item *it = &r->items[idx[k]];
        if (!n || strcmp(t[n - 1].topic, it->topic))
            t[n++] = (topic_sum){ it->topic, idx[k], 0, 0 }; /* the first: ties sort by index */
        /* a drill not graded here counts neither way (SPEC 3.1) */
        if (it->st != ST_SKIPPED) {
            t[n - 1].score += it->score;
            t[n - 1].n++;
        }
    }
    free(idx);
    qsort(t, n, sizeof *t, cmp_topic_first);
    *out = t;
    return n;
}

/* What a status alone does not say: a `missing` drill never reached or
 * passed on, a `skipped` one left out. "" when nothing. */
static const char *item_note(const interview_item *it)
{
    if (it->st == ST_SKIPPED)
        return " (not graded here: left out of the score)";
    if (it->st != ST_MISSING)
        return "";
    if (!it->shown)
        return " (not reached)";
    return it->passed_on ? " (skipped by the candidate)" : " (no answer)";
}

/* "12.5", "0.67", "4": two decimals at most, as the bars have them */
static void fmt_score(char buf[32], double v)
{
    snprintf(buf, 32, "%.2f", v);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *e = buf + strlen(buf);
        while (e > dot + 1 && e[-1] == '0')
            *--e = '\0';
        if (e == dot + 1)
            *dot = '\0';
    }
}

static void render_item(const interview_item *it, size_t i, int utf8, interview_sink sink, void *ctx)
{
    const char *ok = utf8 ? "\u2713" : "+", *bad = utf8 ? "\u2717" : "x";
    char t[32];
    fmt_secs(t, it->seconds);
    sink(ctx, IV_NORMAL, 0, "");
    emitf(sink, ctx, IV_HEAD, 0, "%zu. %s (%s)", i + 1, it->title, it->id);
    emitf(sink, ctx, st_style(it->st), 3, "%s %s%s   score %.2f   %s   %s, %s", it->st == ST_PASS ? ok : bad,
          status_name(it->st), item_note(it), it->score, t, it->kind ? it->kind : "?", it->topic);
    if (it->runs)
        emitf(sink, ctx, IV_DIM, 3, "Ran the visible tests (Ctrl-R) %d time%s before handing it in", it->runs,
              it->runs == 1 ? "" : "s");
    if (it->seen_before)
        emitf(sink, ctx, IV_FAIL, 3, "Answer seen before: %s", it->seen_before);
    int prose = it->kind && !strcmp(it->kind, "explain");
    sink(ctx, IV_TITLE, 3, "Your answer");
    if (it->answer && *it->answer)
        sink(ctx, prose ? IV_ANSWER : IV_CODE, 5, it->answer);
    else
        sink(ctx, IV_DIM, 5, "(no answer)");
    if (it->message && *it->message && it->st != ST_PASS && it->st != ST_MISSING)
        sink(ctx, IV_WRAP, 5, it->message);
    if (it->expected && *it->expected && it->st != ST_PASS) {
        sink(ctx, IV_TITLE, 3, it->kind && !strcmp(it->kind, "choice")    ? "The right answer"
                               : it->kind && !strcmp(it->kind, "parsons") ? "A right order"
                                                                          : "What it prints");
        sink(ctx, IV_CODE, 5, it->expected);
    }
    size_t hidden = 0, hidden_ok = 0, shown = 0;
    for (size_t k = 0; k < it->ntests; k++) {
        const test_verdict *tv = &it->tests[k];
        if (tv->hidden) {
            hidden++;
            hidden_ok += tv->st == ST_PASS;
            continue;
        }
        if (!shown++)
            sink(ctx, IV_TITLE, 3, "Tests");
        emitf(sink, ctx, st_style(tv->st), 5, "%s %s  [%s]", tv->st == ST_PASS ? ok : bad, tv->name,
              status_name(tv->st));
        if (tv->st != ST_PASS) {
            if (tv->expected)
                emitf(sink, ctx, IV_CODE, 9, "expected: %s", tv->expected);
            if (tv->got)
                emitf(sink, ctx, IV_CODE, 9, "got:      %s", tv->got);
            else if (tv->message)
                sink(ctx, IV_WRAP, 9, tv->message);
        }
    }
    if (hidden)
        emitf(sink, ctx, hidden_ok == hidden ? IV_PASS : IV_FAIL, 5, "%zu of %zu hidden tests passed", hidden_ok,
              hidden);
    if (it->npoints) {
        size_t hit = 0;
        for (size_t k = 0; k < it->npoints; k++)
            hit += it->points[k].hit != 0;
        emitf(sink, ctx, IV_TITLE, 3, "Rubric: %zu of %zu points", hit, it->npoints);
        for (size_t k = 0; k < it->npoints; k++) {
            const point_verdict *p = &it->points[k];
            emitf(sink, ctx, p->hit ? IV_PASS : IV_FAIL, 5, "%s %s", p->hit ? ok : bad, p->point);
            if (p->note && *p->note)
                sink(ctx, IV_WRAP, 7, p->note);
        }
    }
    if (it->out && *it->out) {
        sink(ctx, IV_TITLE, 3, "Output");
        sink(ctx, IV_CODE, 5, it->out);
    }
    if (it->err && *it->err) {
        sink(ctx, IV_TITLE, 3, "Errors");
        sink(ctx, IV_CODE, 5, it->err);
    }
    if (it->explanation && *it->explanation) {
        sink(ctx, IV_TITLE, 3, "Why");
        sink(ctx, IV_WRAP, 5, it->explanation);
    }
    if (it->model_answer && *it->model_answer) {
        sink(ctx, IV_TITLE, 3, "A model answer");
        sink(ctx, IV_WRAP, 5, it->model_answer);
    }
}

void interview_render(const interview_record *r, int utf8, interview_sink sink, void *ctx)
{
    const char *full = utf8 ? "\u2588" : "#", *empty = utf8 ? "\u2591" : "-";
    const char *ok = utf8 ? "\u2713" : "+", *bad = utf8 ? "\u2717" : "x";
    char when[32], took[32], mins[48];
    interview_when(r->started, when);
    fmt_secs(took, r->seconds);
    fmt_minutes(mins, r->minutes);
    double score = interview_score(r);
    size_t max = interview_max(r), seen = 0;
    for (size_t i = 0; i < r->n; i++)
        seen += r->items[i].seen_before != NULL;
    char sc[32];
    fmt_score(sc, score);
    sink(ctx, IV_TITLE, 0, "Interview report");
    emitf(sink, ctx, IV_DIM, 0, "%s, %s of %s%s%s%s", when, took, mins,
          r->timed_out ? ", the time ran out" : "", r->python ? ", Python " : "", r->python ? r->python : "");
    if (r->interrupted)
        sink(ctx, IV_FAIL, 0,
             "INTERRUPTED: the quiz ended before the interview did (killed, or the machine stopped); this is "
             "what had been handed in by then. An answer being typed then is not here.");
    sink(ctx, IV_NORMAL, 0, "");
    emitf(sink, ctx, IV_NORMAL, 0, "Score: %s / %zu (%.0f%%)", sc, max, max ? 100.0 * score / (double)max : 0.0);
    if (max < r->n)
        emitf(sink, ctx, IV_DIM, 0, "%zu drill%s could not be graded here and %s left out of the score", r->n - max,
              r->n - max == 1 ? "" : "s", r->n - max == 1 ? "is" : "are");
    if (seen)
        emitf(sink, ctx, IV_FAIL, 0, "%zu drill%s had %s answer shown before this interview (marked below)", seen,
              seen == 1 ? "" : "s", seen == 1 ? "its" : "their");
    sink(ctx, IV_NORMAL, 0, "");
    sink(ctx, IV_TITLE, 0, "By topic");
    topic_sum *topics;
    size_t nt = topics_of(r, &topics);
    for (size_t t = 0; t < nt; t++) {
        double s = topics[t].score;
        size_t n = topics[t].n;
        sbuf sb;
        sbuf_init(&sb);
        add_column(&sb, topics[t].topic, IV_TOPIC_W);
        if (!n) {
            sbuf_addstr(&sb, "not graded here");
            sink(ctx, IV_DIM, 2, sb.buf);
            sbuf_release(&sb);
            continue;
        }
        int fill = (int)(s / (double)n * IV_BAR_W + 0.5);
        for (int i = 0; i < IV_BAR_W; i++)
            sbuf_addstr(&sb, i < fill ? full : empty);
        /* the label says what the bar shows: 0.25/1 is a quarter, not "0.2" */
        sbuf_addf(&sb, " %.2f/%zu", s, n);
        sink(ctx, IV_BAR, 2, sb.buf);
        sbuf_release(&sb);
    }
    free(topics);
    sink(ctx, IV_NORMAL, 0, "");
    sink(ctx, IV_TITLE, 0, "Drills");
    for (size_t i = 0; i < r->n; i++) {
        const interview_item *it = &r->items[i];
        char t[32];
        fmt_secs(t, it->seconds);
        emitf(sink, ctx, st_style(it->st), 2, "%s %-8s %.2f %7s  %s%s%s", it->st == ST_PASS ? ok : bad,
              status_name(it->st), it->score, t, it->title, item_note(it),
              it->seen_before ? " (answer seen before)" : "");
    }
    for (size_t i = 0; i < r->n; i++)
        render_item(&r->items[i], i, utf8, sink, ctx);
}

/* ---- text ---- */

/* Word-wraps one paragraph at IV_TEXT_W columns (bytes: text exports are
 * for reading, not for columns). */
static void text_wrap(sbuf *sb, int indent, const char *p)
{
    int width = IV_TEXT_W - indent;
    if (width < 20)
        width = 20;
    while (*p) {
        const char *nl = strchrnul(p, '\n');
        size_t n = (size_t)(nl - p);
        do {
            size_t take = n;
            if ((int)n > width) {
                take = (size_t)width;
                while (take > 0 && p[take] != ' ')
                    take--;
                if (take == 0)
                    take = (size_t)width;
            }
            sbuf_addf(sb, "%*s%.*s\n", indent, "", (int)take, p);
            p += take;
            n -= take;
            while (n > 0 && *p == ' ') {
                p++;
                n--;
            }
        } while (n > 0);
        p = *nl ? nl + 1 : nl;
        if (*nl && !*p)
            break;
    }
}

/* The text a record holds (an answer, what it printed) with control
 * characters and bidirectional overrides written as escapes, lines and
 * tabs kept: a file to read in a terminal must not drive it. Caller
 * frees. */
static char *text_clean(const char *s)
{
    sbuf sb;
    sbuf_init(&sb);
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    while (n > 0) {
        uint32_t cp;
        size_t k = util_utf8_decode(p, n, &cp, 0);
        if (!k) {
            sbuf_addf(&sb, "\\x%02x", *p);
            k = 1;
        } else if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
            sbuf_addf(&sb, "\\x%02x", (unsigned)cp);
        } else if (util_bidi_override(cp)) {
            sbuf_addf(&sb, "\\u%04x", (unsigned)cp);
        } else {
            sbuf_add(&sb, p, k);
        }
        p += k;
        n -= k;
    }
    return sbuf_detach(&sb, NULL);
}

static void text_sink(void *ctx, interview_style st, int indent, const char *raw)
{
    sbuf *sb = ctx;
    char *clean = text_clean(raw);
    const char *text = clean;
    if (!*text) {
        sbuf_addch(sb, '\n');
    } else if (st == IV_WRAP || st == IV_ANSWER) {
        text_wrap(sb, indent, text);
    } else {
        const char *p = text;
        for (;;) {
            const char *nl = strchrnul(p, '\n');
            sbuf_addf(sb, "%*s%.*s\n", indent, "", (int)(nl - p), p);
            if (!*nl)
                break;
            p = nl + 1;
        }
    }
    free(clean);
}

char *interview_text(const interview_record *r)
{
    sbuf sb;
    sbuf_init(&sb);
    interview_render(r, 0, text_sink, &sb);
    return sbuf_detach(&sb, NULL);
}

/* ---- HTML ---- */

static const char *html_class(interview_style st)
{
    switch (st) {
    case IV_TITLE: return "t";
    case IV_PASS: return "ok";
    case IV_FAIL: return "bad";
    case IV_DIM: return "dim";
    case IV_BAR: return "bar";
    case IV_HEAD: return "head";
    case IV_CODE: return "code";
    default: return "p";
    }
}

/* The same lines as the text, each a block of its own: one layout for the
 * screen, the text and the page. */
static void html_sink(void *ctx, interview_style st, int indent, const char *text)
{
    sbuf *sb = ctx;
    if (!*text) {
        sbuf_addstr(sb, "<div class=\"gap\"></div>\n");
        return;
    }
    sbuf_addf(sb, "<%s class=\"%s\" style=\"margin-left:%dch\">", st == IV_CODE ? "pre" : "div", html_class(st),
              indent);
    if (st == IV_CODE) {
        /* a block per line: a line the page wraps goes on under a
         * continuation mark (the CSS), never at the block's left edge
         * where it would read as a line of its own */
        const char *p = text;
        for (;;) {
            const char *nl = strchrnul(p, '\n');
            char *line = xmemdup(p, (size_t)(nl - p));
            sbuf_addstr(sb, "<span class=\"l\">");
            report_markup(sb, line, MARKUP_HTML);
            sbuf_addstr(sb, "</span>");
            free(line);
            if (!*nl)
                break;
            p = nl + 1;
        }
    } else {
        report_markup(sb, text, MARKUP_HTML);
    }
    sbuf_addf(sb, "</%s>\n", st == IV_CODE ? "pre" : "div");
}

char *interview_html(const interview_record *r)
{
    sbuf sb;
    sbuf_init(&sb);
    char when[32];
    interview_when(r->started, when);
    sbuf_addstr(&sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>pydrill interview, ");
    report_markup(&sb, when, MARKUP_HTML);
    sbuf_addstr(&sb,
                "</title>\n<style>\n"
                "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;"
                "line-height:1.4;color:#222}\n"
                ".t{font-weight:bold;margin-top:.6rem}.head{font-weight:bold;font-size:1.15rem;"
                "margin-top:1.2rem;border-top:1px solid #ccc;padding-top:.6rem}\n"
                ".ok{color:#17702a}.bad{color:#b3261e}.dim{color:#666}.gap{height:.4rem}\n"
                ".bar{font-family:monospace;white-space:pre}\n"
                "pre.code{background:#f5f5f5;padding:.3rem .5rem;margin:.2rem 0;white-space:pre-wrap;"
                "overflow-wrap:anywhere}\n"
                /* each line a block; the rows a long line wraps onto start
                 * 2ch in, under a grey arrow (a background repeated down
                 * the line's left edge, covered on its first row) */
                "pre.code .l{display:block;min-height:1.35em;line-height:1.35em;padding-left:2ch;"
                "text-indent:-2ch;background:linear-gradient(#f5f5f5,#f5f5f5) 0 0/2ch 1.35em no-repeat,"
                "url(\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='16' height='16'%3E"
                "%3Ctext x='1' y='12' font-size='12' fill='%23999'%3E%E2%86%AA%3C/text%3E%3C/svg%3E\") "
                "0 0/2ch 1.35em repeat-y}\n"
                ".ok,.bad{white-space:pre-wrap}\n"
                "</style>\n</head>\n<body>\n");
    interview_render(r, 1, html_sink, &sb);
    sbuf_addstr(&sb, "</body>\n</html>\n");
    return sbuf_detach(&sb, NULL);
}
