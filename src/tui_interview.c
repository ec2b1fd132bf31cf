/* tui_interview.c - interview mode: N random drills against a countdown,
 * no hints, explanations held until the end; then a report (score by
 * topic as bars, time per drill) that is appended to history.jsonl in the
 * state folder, where practice and review answers go too (app_history_add). */
#define _GNU_SOURCE
#include "tui.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plan.h"
#include "pyversion.h"
#include "util.h"

/* 0 when d would be skipped here (its requires are unmet): an interview
 * question must be one that can be answered. A Python version is checked at
 * once; modules take a probe in a child, so only those drills are planned
 * now (the plan is kept for when the drill is opened). */
static int iv_usable(drill *d)
{
    if (d->skip_reason)
        return 0;
    if (d->req_python && pyversion_satisfies(d->req_python, runner_python_hexversion(), NULL) != 1)
        return 0;
    if (!d->nreq_modules)
        return 1;
    char *err = NULL;
    if (tui_plan(d, &err) < 0)
        free(err); /* shown when the drill is opened */
    return !d->skip_reason;
}

void app_start_interview(tui_app *a)
{
    size_t n = 0;
    size_t *pool = xmalloc((a->cat->ndrills + 1) * sizeof *pool);
    for (size_t i = 0; i < a->cat->ndrills; i++)
        if (!a->topic || !strcmp(a->cat->drills[i].topic, a->topic))
            pool[n++] = i;
    if (!n) {
        free(pool);
        app_msg(a, "No drills for an interview.");
        return;
    }
    srand((unsigned)(time(NULL) ^ getpid()));
    for (size_t i = n - 1; i > 0; i--) {
        size_t j = (size_t)rand() % (i + 1);
        size_t t = pool[i];
        pool[i] = pool[j];
        pool[j] = t;
    }
    /* the first count drills of the shuffle that can be answered here */
    size_t want = (size_t)a->count < n ? (size_t)a->count : n, got = 0;
    for (size_t i = 0; i < n && got < want; i++)
        if (iv_usable(&a->cat->drills[pool[i]]))
            pool[got++] = pool[i];
    if (!got) {
        free(pool);
        app_msg(a, "No drills for an interview: their requirements are not met here.");
        return;
    }
    a->niv = got;
    free(a->iv);
    a->iv = xcalloc(a->niv, sizeof *a->iv);
    for (size_t i = 0; i < a->niv; i++) {
        a->iv[i].drill = pool[i];
        a->iv[i].st = ST_MISSING;
    }
    free(pool);
    a->mode = MODE_INTERVIEW;
    a->iv_done = 0;
    a->qpos = 0;
    a->iv_start_ms = util_now_ms();
    a->iv_deadline_ms = a->iv_start_ms + a->minutes * 60000.0;
    app_open_drill(a, a->iv[0].drill);
    app_msg(a, "Interview: %zu drills, %.4g minutes. No hints. Good luck.", a->niv, a->minutes);
}

void app_history_add(tui_app *a, const char *json)
{
    char *dir = state_dir();
    if (!dir)
        return;
    char *path = xasprintf("%s/history.jsonl", dir);
    char *old = NULL, *err = NULL;
    size_t n = 0;
    if (util_read_file(path, &old, &n, &err) < 0) {
        free(err);
        err = NULL;
        old = NULL;
        n = 0;
    }
    sbuf sb;
    sbuf_init(&sb);
    if (old)
        sbuf_add(&sb, old, n);
    if (sb.len && sb.buf[sb.len - 1] != '\n')
        sbuf_addch(&sb, '\n');
    sbuf_addf(&sb, "%s\n", json);
    if (util_write_atomic(path, sb.buf, sb.len, &err) < 0) {
        app_msg(a, "history not saved: %s", err);
        free(err);
    }
    sbuf_release(&sb);
    free(old);
    free(path);
    free(dir);
}

static void iv_save_history(tui_app *a, double score, double secs)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "time", (double)app_now());
    cJSON_AddStringToObject(o, "mode", "interview");
    cJSON_AddNumberToObject(o, "score", score);
    cJSON_AddNumberToObject(o, "max", (double)a->niv);
    cJSON_AddNumberToObject(o, "seconds", secs);
    cJSON *arr = cJSON_AddArrayToObject(o, "drills");
    for (size_t i = 0; i < a->niv; i++) {
        const drill *d = &a->cat->drills[a->iv[i].drill];
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "id", d->id);
        cJSON_AddStringToObject(x, "topic", d->topic);
        cJSON_AddStringToObject(x, "status", status_name(a->iv[i].st));
        cJSON_AddNumberToObject(x, "score", a->iv[i].score);
        cJSON_AddNumberToObject(x, "seconds", a->iv[i].secs);
        cJSON_AddItemToArray(arr, x);
    }
    char *line = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    app_history_add(a, line);
    free(line);
}

void iv_finish(tui_app *a)
{
    if (a->iv_done || a->mode != MODE_INTERVIEW)
        return;
    app_close_drill(a);
    a->iv_done = 1;
    double score = 0;
    for (size_t i = 0; i < a->niv; i++)
        score += a->iv[i].score;
    double secs = (util_now_ms() - a->iv_start_ms) / 1000.0;
    iv_save_history(a, score, secs);
    a->rep_top = 0;
    a->screen = SCR_REPORT;
}

static void report_doc(tui_app *a, tui_doc *doc, int width)
{
    double score = 0;
    for (size_t i = 0; i < a->niv; i++)
        score += a->iv[i].score;
    doc_add(doc, R_TITLE, 1, "Interview report");
    doc_blank(doc);
    doc_addf(doc, R_NORMAL, 1, "Score: %.1f / %zu (%.0f%%)", score, a->niv, a->niv ? 100.0 * score / (double)a->niv : 0);
    doc_blank(doc);
    doc_add(doc, R_TITLE, 1, "By topic");
    int barw = width - 36;
    if (barw > 30)
        barw = 30;
    if (barw < 5)
        barw = 5;
    for (size_t t = 0; t < a->ntopics; t++) {
        double s = 0;
        int n = 0;
        for (size_t i = 0; i < a->niv; i++)
            if (!strcmp(a->cat->drills[a->iv[i].drill].topic, a->topics[t])) {
                s += a->iv[i].score;
                n++;
            }
        if (!n)
            continue;
        sbuf sb;
        sbuf_init(&sb);
        sbuf_addf(&sb, "%-16.16s ", a->topics[t]);
        int full = (int)(s / n * barw + 0.5);
        for (int i = 0; i < barw; i++)
            sbuf_addstr(&sb, crt_glyph(i < full ? G_BAR_FULL : G_BAR_EMPTY));
        sbuf_addf(&sb, " %.1f/%d", s, n);
        doc_add(doc, R_BAR, 3, sb.buf);
        sbuf_release(&sb);
    }
    doc_blank(doc);
    doc_add(doc, R_TITLE, 1, "Drills");
    for (size_t i = 0; i < a->niv; i++) {
        const drill *d = &a->cat->drills[a->iv[i].drill];
        long s = (long)a->iv[i].secs;
        doc_addf(doc, tui_status_role(a->iv[i].st), 3, "%s %-8s %.2f %3ldm%02lds  %s",
                 crt_glyph(a->iv[i].st == ST_PASS ? G_PASS : G_FAIL), status_name(a->iv[i].st), a->iv[i].score,
                 s / 60, s % 60, d->title);
    }
    doc_blank(doc);
    doc_add(doc, R_TITLE, 1, "Explanations");
    for (size_t i = 0; i < a->niv; i++) {
        const drill *d = &a->cat->drills[a->iv[i].drill];
        doc_blank(doc);
        doc_addf(doc, R_KEY, 1, "%zu. %s (%s)", i + 1, d->title, d->id);
        doc_wrap(doc, R_NORMAL, 3, width, d->explanation ? d->explanation : "");
    }
}

void report_draw(tui_app *a, WINDOW *w)
{
    int h = getmaxy(w), wd = getmaxx(w);
    app_draw_header(a, w, "pydrill interview report");
    tui_doc doc;
    doc_init(&doc);
    report_doc(a, &doc, wd - 2);
    int body = h - 3;
    if (doc.n <= (size_t)body)
        a->rep_top = 0;
    else if (a->rep_top > doc.n - (size_t)body)
        a->rep_top = doc.n - (size_t)body;
    doc_draw(&doc, w, 1, body, a->rep_top);
    doc_free(&doc);
    app_draw_footer(a, w, "j/k PgUp/PgDn scroll  Esc/q/Enter back to the list  ? help");
}

int report_key(tui_app *a, int k)
{
    switch (k) {
    case 'j':
    case TK(KEY_DOWN): a->rep_top++; break;
    case 'k':
    case TK(KEY_UP): a->rep_top = a->rep_top ? a->rep_top - 1 : 0; break;
    case ' ':
    case TK(KEY_NPAGE): a->rep_top += 10; break;
    case TK(KEY_PPAGE): a->rep_top = a->rep_top > 10 ? a->rep_top - 10 : 0; break;
    case TK_ESC:
    case 'q':
    case '\n':
    case TK(KEY_ENTER):
        a->mode = MODE_PRACTICE;
        a->screen = SCR_LIST;
        break;
    default: return 0;
    }
    return TUI_REDRAW;
}
