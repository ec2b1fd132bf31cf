/* tui_drill.c - the drill screen: the question (prompt, highlighted code,
 * choices, hints) above the answer being typed in place (the answer box,
 * tui_box.c), submitting and running the visible tests, what opening and
 * leaving a drill keeps, and the way to the next drill. */
#define _GNU_SOURCE
#include "tui.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "highlight.h"
#include "util.h"

/* the question scrolls by this many lines per Ctrl-N / Ctrl-P */
#define DRILL_SCROLL 3

/* The open choice drill's highlighted option, and whether the question
 * should scroll to show it (after Up/Down). */
static size_t choice_cur;
static int choice_follow;
/* the doc line of the highlighted option when last drawn */
static size_t choice_line;

static drill *cur_drill(tui_app *a)
{
    return &a->cat->drills[a->di];
}

kind_input drill_input(const drill *d)
{
    return kind_get(d->kind)->input;
}

static int uses_editor(const drill *d)
{
    kind_input in = drill_input(d);
    return in == INPUT_TEXT || in == INPUT_CODE;
}

/* The question sits above a box: the editor, or the program of a parsons drill. */
static int has_box(const drill *d)
{
    return drill_input(d) != INPUT_CHOICE;
}

static int is_code(const drill *d)
{
    return drill_input(d) == INPUT_CODE;
}

/* Ctrl-R is offered: an interview shows no more than a hand-in would. */
static int drill_can_run(const tui_app *a, const drill *d)
{
    if (!kind_get(d->kind)->runs_answer)
        return 0;
    return a->mode != MODE_INTERVIEW || drill_input(d) != INPUT_ORDER;
}

int drill_typing(const tui_app *a)
{
    return a->open && a->screen == SCR_DRILL && uses_editor(&a->cat->drills[a->di]);
}

char *drill_answer(tui_app *a)
{
    const drill *d = cur_drill(a);
    if (uses_editor(d))
        return edbuf_text(a->ed);
    if (drill_input(d) == INPUT_ORDER)
        return order_answer(a);
    sbuf sb;
    sbuf_init(&sb);
    for (size_t i = 0; i < d->nchoices && i < 8; i++)
        if (a->choice_sel & (1u << i))
            sbuf_addf(&sb, "%s%c", sb.len ? "," : "", (char)('a' + i));
    return sbuf_detach(&sb, NULL);
}

static unsigned parse_letters(const char *s)
{
    unsigned m = 0;
    for (; s && *s; s++) {
        int c = util_ascii_lower((unsigned char)*s);
        if (c >= 'a' && c <= 'h')
            m |= 1u << (c - 'a');
    }
    return m;
}

time_t app_now(void)
{
    const char *s = getenv("PYDRILL_NOW");
    if (s && *s)
        return (time_t)strtoll(s, NULL, 10);
    return time(NULL);
}

static void choice_reset(tui_app *a)
{
    choice_cur = 0;
    choice_follow = 0;
    for (size_t i = 0; i < 8; i++)
        if (a->choice_sel & (1u << i)) {
            choice_cur = i;
            break;
        }
}

int drill_pristine(const drill *d, const char *text)
{
    const char *start = is_code(d) && d->code ? d->code : "";
    return !strcmp(text, start);
}

void app_open_drill(tui_app *a, size_t di)
{
    if (a->open)
        app_close_drill(a);
    drill *d = &a->cat->drills[di];
    a->open = 1;
    a->di = di;
    a->screen = SCR_DRILL;
    a->hints_shown = 0;
    a->retries = 0;
    a->doc_top = a->ed_top = 0;
    a->ed_left = 0;
    a->ed_pref = -1;
    a->opened_ms = util_now_ms();
    doc_clear(&a->run_doc);
    free(a->run_text);
    a->run_text = NULL;
    free(a->plan_err);
    a->plan_err = NULL;
    char *err = NULL;
    if (tui_plan(d, &err) < 0)
        a->plan_err = err;
    if (a->mode == MODE_INTERVIEW) {
        /* an interview is a session of its own: the starter, never a
         * practice answer or draft, and nothing of it is kept */
        a->choice_sel = 0;
        order_load(a, NULL);
        if (uses_editor(d)) {
            a->ed = edbuf_new(is_code(d) ? d->code : NULL);
            a->ed_owned = 1;
        }
    } else {
        state_entry *e = app_entry(a, d);
        /* review starts from a clean slate (or the draft); practice also from the last answer */
        const char *text = e && e->draft ? e->draft : e && a->mode == MODE_PRACTICE ? e->last_answer : NULL;
        if (drill_input(d) == INPUT_CHOICE) {
            a->choice_sel = parse_letters(text);
        } else if (drill_input(d) == INPUT_ORDER) {
            order_load(a, text);
        } else {
            if (!text && is_code(d))
                text = d->code;
            /* the buffer of an earlier visit, with its undo history, when
             * it holds what the drill would open with anyway */
            tui_sess *s = &a->sess[di];
            if (s->ed) {
                char *kept = edbuf_text(s->ed);
                if (strcmp(kept, text ? text : "")) {
                    edbuf_free(s->ed);
                    s->ed = NULL;
                }
                free(kept);
            }
            if (!s->ed) {
                s->ed = edbuf_new(text);
                /* a draft or an answer from an earlier session: the cursor
                 * goes after it, where one goes on writing (the starter
                 * opens at its top) */
                if (text && !drill_pristine(d, text) && edbuf_lines(s->ed)) {
                    size_t last = edbuf_lines(s->ed) - 1, len;
                    edbuf_line(s->ed, last, &len);
                    edbuf_set_cursor(s->ed, last, len);
                }
            }
            a->ed = s->ed;
            a->ed_owned = 0;
        }
    }
    a->code_cls = d->code ? highlight_source(d->code) : NULL;
    choice_reset(a);
    answer_undo_reset();
}

void app_close_drill(tui_app *a)
{
    if (!a->open)
        return;
    drill *d = cur_drill(a);
    tui_grading_cancel(&a->g);
    if (a->mode != MODE_INTERVIEW) {
        char *text = drill_answer(a);
        state_entry *e = app_entry(a, d);
        int keep = !drill_pristine(d, text) && !(e && e->last_answer && !strcmp(e->last_answer, text));
        if (keep || (e && e->draft)) {
            state_set_draft(&a->st, d->id, d->revision, keep ? text : NULL);
            app_save(a);
        }
        free(text);
    }
    if (a->ed && a->ed_owned)
        edbuf_free(a->ed);
    a->ed = NULL;
    a->ed_owned = 0;
    free(a->code_cls);
    free(a->ed_cache);
    free(a->ed_cls);
    a->code_cls = NULL;
    a->ed_cache = NULL;
    a->ed_cls = NULL;
    doc_clear(&a->run_doc);
    free(a->run_text);
    a->run_text = NULL;
    a->open = 0;
    a->screen = SCR_LIST;
}

void app_forget(tui_app *a, const char *id)
{
    for (size_t i = 0; i < a->cat->ndrills; i++) {
        if (id && strcmp(a->cat->drills[i].id, id))
            continue;
        if (a->open && i == a->di && a->ed == a->sess[i].ed)
            continue; /* in use: it goes when the drill is next opened */
        edbuf_free(a->sess[i].ed);
        memset(&a->sess[i], 0, sizeof a->sess[i]);
    }
}

/* The soonest review to come, for "nothing is due". */
static const drill *app_next_review(tui_app *a, time_t now, time_t *when)
{
    const drill *best = NULL;
    for (size_t i = 0; i < a->cat->ndrills; i++) {
        state_entry *e = app_entry(a, &a->cat->drills[i]);
        if (e && e->attempts > 0 && e->card.due > now && (!best || e->card.due < *when) &&
            !list_skipped(a, &a->cat->drills[i])) {
            best = &a->cat->drills[i];
            *when = e->card.due;
        }
    }
    return best;
}

void app_start_review(tui_app *a)
{
    time_t now = app_now();
    free(a->queue);
    a->queue = xmalloc((a->cat->ndrills + 1) * sizeof *a->queue);
    a->nqueue = 0;
    for (size_t i = 0; i < a->cat->ndrills; i++) {
        state_entry *e = app_entry(a, &a->cat->drills[i]);
        if (e && e->attempts > 0 && review_is_due(&e->card, now) && !list_skipped(a, &a->cat->drills[i]))
            a->queue[a->nqueue++] = i;
    }
    if (!a->nqueue) {
        time_t when = 0;
        const drill *d = app_next_review(a, now, &when);
        if (d) {
            char at[96];
            app_fmt_when(at, sizeof at, when, now);
            app_msg(a, "Nothing is due for review. Next: %s, %s.", d->id, at);
        } else {
            app_msg(a, "Nothing is due for review. Drills you answer come back here on a schedule.");
        }
        a->mode = MODE_PRACTICE;
        return;
    }
    a->mode = MODE_REVIEW;
    a->qpos = 0;
    app_open_drill(a, a->queue[0]);
}

void app_next(tui_app *a)
{
    if (a->mode == MODE_REVIEW) {
        app_close_drill(a);
        if (++a->qpos < a->nqueue) {
            app_open_drill(a, a->queue[a->qpos]);
        } else {
            a->mode = MODE_PRACTICE;
            app_msg(a, "Review finished: %zu drill%s.", a->nqueue, a->nqueue == 1 ? "" : "s");
        }
        return;
    }
    size_t di = a->di, r;
    app_close_drill(a);
    for (r = 0; r < a->nrows; r++)
        if (a->rows[r] == di)
            break;
    /* a drill this Python cannot grade is no next drill to do */
    for (r = r + 1; r < a->nrows; r++)
        if (a->rows[r] < a->cat->ndrills && !list_skipped(a, &a->cat->drills[a->rows[r]]))
            break;
    if (r >= a->nrows) {
        app_msg(a, "That was the last drill of the list.");
        return;
    }
    a->cur = r;
    app_open_drill(a, a->rows[r]);
}

void app_next_unsolved(tui_app *a)
{
    size_t from = a->cur;
    if (a->open) {
        for (size_t r = 0; r < a->nrows; r++)
            if (a->rows[r] == a->di)
                from = r;
        app_close_drill(a);
    }
    if (a->mode == MODE_REVIEW)
        a->mode = MODE_PRACTICE;
    size_t drills = 0, skipped = 0;
    for (size_t k = 1; k <= a->nrows; k++) {
        size_t r = (from + k) % a->nrows;
        drills += a->rows[r] < a->cat->ndrills;
        skipped += a->rows[r] < a->cat->ndrills && list_skipped(a, &a->cat->drills[a->rows[r]]);
        if (a->rows[r] < a->cat->ndrills && list_unsolved(a, a->rows[r])) {
            a->cur = r;
            app_open_drill(a, a->rows[r]);
            return;
        }
    }
    if (!drills)
        app_msg(a, "The list is empty: no drill matches %s.",
                a->search && *a->search ? "the search (Esc clears it)" : "the topic filter (t changes it)");
    else if (skipped)
        app_msg(a, "Every drill in the list is passed, but for %zu that cannot be graded here (marked %s).", skipped,
                crt_glyph(G_SKIP));
    else
        app_msg(a, "Every drill in the list is passed.");
}

/* ---- drawing ---- */

static void drill_doc(tui_app *a, tui_doc *doc, int width, const char *text)
{
    drill *d = cur_drill(a);
    doc_wrap(doc, R_TITLE, 1, width, d->title);
    sbuf sb;
    sbuf_init(&sb);
    sbuf_addf(&sb, "%s %s level %d %s %s", drill_kind_name(d->kind), crt_glyph(G_VLINE), d->level,
              crt_glyph(G_VLINE), d->topic);
    for (size_t i = 0; i < d->ntags; i++)
        sbuf_addf(&sb, "%s#%s", i ? " " : "  ", d->tags[i]);
    doc_add(doc, R_DIM, 1, sb.buf);
    sbuf_release(&sb);
    doc_blank(doc);
    doc_wrap(doc, R_NORMAL, 1, width, d->prompt);
    if (d->code && !is_code(d)) {
        doc_blank(doc);
        /* repl mode echoes what exec mode does not: the drill says which */
        if (d->repl)
            doc_add(doc, R_DIM, 1, "typed at the >>> prompt, one statement at a time:");
        doc_code(doc, R_NORMAL, 3, d->code, a->code_cls);
    }
    if (drill_input(d) == INPUT_ORDER)
        order_doc(a, doc, width);
    if (drill_input(d) == INPUT_CHOICE) {
        doc_blank(doc);
        /* one answer: radio marks; several: boxes that toggle */
        int multi = d->nanswer > 1;
        for (size_t i = 0; i < d->nchoices && i < 8; i++) {
            int on = (a->choice_sel >> i) & 1, here = i == choice_cur;
            const char *mark = multi ? (on ? "[x]" : "[ ]") : crt_glyph(on ? G_RADIO_ON : G_RADIO_OFF);
            /* the highlight (Up/Down move it, Space selects) */
            char *lead = xasprintf("%s %s %c) ", here ? crt_glyph(G_CURSOR) : " ", mark, (char)('a' + i));
            char *s = xasprintf("%s%s", lead, d->choices[i]);
            if (here)
                choice_line = doc->n;
            /* a long option goes on under its own text, not under the marks */
            doc_wrap_hang(doc, here ? R_SELECT : on ? R_KEY : R_NORMAL, 1, crt_width(lead, strlen(lead)), width, s);
            free(s);
            free(lead);
        }
        if (multi)
            doc_add(doc, R_DIM, 2, "(several answers are right: letters and Space toggle)");
    }
    for (size_t i = 0; i < a->hints_shown && i < d->nhints; i++) {
        doc_blank(doc);
        char *s = xasprintf("Hint %zu/%zu: %s", i + 1, d->nhints, d->hints[i]);
        doc_wrap(doc, R_WARN, 1, width, s);
        free(s);
    }
    if (d->skip_reason) {
        doc_blank(doc);
        doc_wrap(doc, R_WARN, 1, width, d->skip_reason);
    }
    if (a->plan_err) {
        doc_blank(doc);
        doc_wrap(doc, R_FAIL, 1, width, a->plan_err);
    }
    if (a->run_doc.n) {
        /* results of code that has changed since are no longer the truth
         * about the answer: they stay, dimmed, under a warning */
        int stale = text && a->run_text && strcmp(text, a->run_text);
        doc_blank(doc);
        if (stale)
            doc_wrap(doc, R_WARN, 1, width,
                     "Visible tests (Ctrl-R) - STALE: your code changed since this run; Ctrl-R runs them again");
        else
            doc_add(doc, R_TITLE, 1, "Visible tests (Ctrl-R)");
        for (size_t i = 0; i < a->run_doc.n; i++) {
            doc_line *l = &a->run_doc.lines[i];
            doc_add(doc, stale ? R_DIM : l->role, l->indent + 1, l->text);
        }
    }
}

void drill_draw(tui_app *a, WINDOW *w)
{
    drill *d = cur_drill(a);
    int h = getmaxy(w), wd = getmaxx(w);
    app_draw_header(a, w, d->id);
    /* the program as it stands (code or parsons), for a STALE Ctrl-R */
    char *text = has_box(d) ? drill_answer(a) : NULL;
    tui_doc doc;
    doc_init(&doc);
    drill_doc(a, &doc, wd - 2, text);
    free(text);
    int avail = h - 3;
    int ed_h = 0, doc_h = avail;
    if (has_box(d)) {
        /* the box gets room for its text (up to half the screen), the
         * question what it needs of the rest, the box anything left */
        int want = (int)(uses_editor(d) ? box_rows(a, wd) : order_rows(a)) + 1;
        int ed_min = want < avail / 2 ? want : avail / 2;
        if (ed_min < 3)
            ed_min = 3;
        doc_h = (int)doc.n < avail - 1 - ed_min ? (int)doc.n : avail - 1 - ed_min;
        if (doc_h < 1)
            doc_h = 1;
        ed_h = avail - 1 - doc_h;
    }
    int more_below = 0, more_above = 0;
    /* without a separator line to carry it, the "more" marker takes a row
     * of its own, never one with text */
    int rows = doc_h;
    if (!has_box(d) && doc.n > (size_t)doc_h && doc_h > 1)
        rows = doc_h - 1;
    if (choice_follow && drill_input(d) == INPUT_CHOICE) {
        /* Up/Down: the question scrolls to show the highlighted option */
        choice_follow = 0;
        if (a->doc_top == (size_t)-1 || choice_line < a->doc_top)
            a->doc_top = choice_line;
        else if (choice_line >= a->doc_top + (size_t)rows)
            a->doc_top = choice_line - (size_t)rows + 1;
    }
    if (doc.n > (size_t)rows && a->doc_top > doc.n - (size_t)rows)
        a->doc_top = doc.n - (size_t)rows;
    if (doc.n <= (size_t)rows)
        a->doc_top = 0;
    more_above = a->doc_top > 0;
    more_below = doc.n > a->doc_top + (size_t)rows;
    doc_draw(&doc, w, 1, rows, a->doc_top);
    /* long forms first; on a narrow screen the short ones */
    const char *marker = more_above && more_below ? " more: ^P/^N " : more_below ? " more below: ^N "
                         : more_above                     ? " more above: ^P "
                                                          : NULL;
    const char *mshort = more_above && more_below ? " more ^P/^N " : more_below ? " more ^N "
                         : more_above                    ? " more ^P "
                                                         : NULL;
    if (has_box(d)) {
        int sy = 1 + doc_h;
        attr_t la = crt_attr(R_DIM);
        for (int x = 0; x < wd; x++)
            crt_puts(w, sy, x, 1, crt_glyph(G_HLINE), la);
        const char *label = is_code(d)                           ? " Your code "
                            : drill_input(d) == INPUT_ORDER     ? " Your program "
                            : d->nrubric                        ? " Your answer, in words "
                                                                : " Your answer: what it prints ";
        if (marker) {
            int lw = crt_width(label, strlen(label));
            if (2 + lw + 2 + (int)strlen(marker) + 2 > wd)
                marker = mshort;
            if (2 + lw + 2 + (int)strlen(marker) + 2 > wd)
                label = is_code(d) || drill_input(d) == INPUT_ORDER ? " Yours " : " Your answer ";
            int mw = (int)strlen(marker);
            crt_puts(w, sy, wd - 2 - mw, mw, marker, crt_attr(R_DIM));
        }
        crt_puts(w, sy, 2, wd - 4, label, crt_attr(R_KEY));
        if (uses_editor(d))
            box_draw(a, w, sy + 1, ed_h);
        else
            order_draw(a, w, sy + 1, ed_h);
    } else if (marker) {
        if ((int)strlen(marker) + 2 > wd)
            marker = mshort;
        int mw = (int)strlen(marker);
        crt_puts(w, 1 + rows, wd - 1 - mw < 0 ? 0 : wd - 1 - mw, wd, marker, crt_attr(R_DIM));
    }
    doc_free(&doc);

    tui_hint hints[12];
    size_t n = 0;
    int iv = a->mode == MODE_INTERVIEW;
    int can_hint = !iv && a->hints_shown < d->nhints;
    char letters[16];
    int runs = kind_get(d->kind)->runs_answer;
    if (drill_input(d) == INPUT_CHOICE) {
        snprintf(letters, sizeof letters, "a-%c", (char)('a' + (d->nchoices > 8 ? 8 : (int)d->nchoices) - 1));
        /* with nothing chosen, Enter chooses (or asks), it does not submit */
        hints[n++] = (tui_hint){ letters, "choose", 95 };
        if (a->choice_sel) {
            hints[n++] = (tui_hint){ "Enter", "submit", 100 };
            hints[n++] = (tui_hint){ "Space", "select", 45 };
        } else {
            hints[n++] = d->nanswer > 1 ? (tui_hint){ "Space", "select the highlighted", 100 }
                                        : (tui_hint){ "Enter/Space", "choose the highlighted", 100 };
        }
    } else {
        if (drill_input(d) == INPUT_ORDER) {
            snprintf(letters, sizeof letters, "a-%c", (char)('a' + (d->nshown ? (int)d->nshown : 1) - 1));
            hints[n++] = (tui_hint){ letters, "add/remove", 95 };
            hints[n++] = (tui_hint){ "Space", a->ord_held ? "drop" : "pick up", 85 };
        }
        hints[n++] = (tui_hint){ "^S", "submit", 100 };
        if (runs && drill_can_run(a, d))
            hints[n++] = (tui_hint){ "^R", "run tests", 80 };
    }
    if (can_hint)
        hints[n++] = (tui_hint){ "^T", "hint", 70 };
    if (is_code(d))
        hints[n++] = (tui_hint){ "^E", "$EDITOR", 40 };
    else if (uses_editor(d))
        hints[n++] = (tui_hint){ "^O", "$EDITOR", 40 };
    hints[n++] = (tui_hint){ "^Z", "undo", 50 };
    if (more_above || more_below)
        hints[n++] = (tui_hint){ "^N/^P", "scroll", 30 };
    if (trace_offered(a))
        hints[n++] = (tui_hint){ "^G", "see it happen", 35 };
    hints[n++] = (tui_hint){ "Esc", iv ? "end" : "back", 90 };
    app_draw_footer(a, w, hints, n);
}

/* ---- actions ---- */

static void drill_grade(tui_app *a, int visible_only)
{
    drill *d = cur_drill(a);
    if (tui_grading_busy(&a->g)) {
        if (a->g_submit)
            return;
        /* a run of older code: its results would arrive as if current */
        tui_grading_cancel(&a->g);
    }
    if (a->plan_err) {
        app_msg(a, "This drill cannot be graded here (see above).");
        return;
    }
    if (visible_only && !kind_get(d->kind)->runs_answer) {
        app_msg(a, "Ctrl-R runs the visible tests of drills answered with code.");
        return;
    }
    if (visible_only && !drill_can_run(a, d)) {
        /* a program with a line that belongs to no right answer fails
         * before it runs, so a run would name that line: the answer key */
        app_msg(a, "No Ctrl-R on parsons drills in an interview: which lines belong is the question.");
        return;
    }
    if (a->have_v)
        drill_verdict_free(&a->v);
    drill_verdict_init(&a->v, d);
    a->have_v = 1;
    a->g_submit = !visible_only;
    free(a->answer_sent);
    a->answer_sent = drill_answer(a);
    if (visible_only) {
        free(a->run_text);
        a->run_text = xstrdup(a->answer_sent);
    }
    a->tick = 0;
    if (visible_only)
        iv_note_run(a);
    if (!tui_grading_start(&a->g, d, a->answer_sent, visible_only, &a->v))
        drill_graded(a, &a->v);
}

static void drill_record_history(tui_app *a, const drill *d, const drill_verdict *v, int revealed)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "mode", a->mode == MODE_REVIEW ? "review" : "practice");
    cJSON_AddStringToObject(o, "id", d->id);
    cJSON_AddStringToObject(o, "status", status_name(v->st));
    cJSON_AddNumberToObject(o, "score", v->score);
    cJSON_AddNumberToObject(o, "time", (double)app_now());
    if (revealed)
        cJSON_AddBoolToObject(o, "after_reveal", 1);
    char *line = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    app_history(a, line);
    free(line);
}

void drill_graded(tui_app *a, drill_verdict *v)
{
    drill *d = cur_drill(a);
    int wd = getmaxx(stdscr);
    if (v->internal) {
        /* pydrill could not run it (no process): no verdict, no attempt
         * recorded; the answer stays as it is to send again */
        app_msg(a, "not graded: %s (pydrill's failure, not your answer's; try again)",
                v->message ? v->message : "the answer could not be run");
        return;
    }
    if (!a->g_submit) {
        doc_clear(&a->run_doc);
        tui_doc_verdict(&a->run_doc, v, a->answer_sent, a->g.traceback, wd - 4, 0);
        size_t ok = 0;
        for (size_t i = 0; i < v->ntests; i++)
            ok += v->tests[i].st == ST_PASS;
        char *now = has_box(d) ? drill_answer(a) : NULL;
        int stale = now && a->run_text && strcmp(now, a->run_text);
        free(now);
        size_t visible = 0;
        for (size_t i = 0; i < d->ntests; i++)
            visible += !d->tests[i].hidden;
        if (!v->ntests && visible)
            /* stopped before the first test (a syntax error, a line that
             * does not belong): none of them ran */
            app_msg(a, "visible tests: none of %zu ran (%s)%s", visible, status_name(v->st),
                    stale ? ", for your code as it was at Ctrl-R" : "");
        else
            app_msg(a, "visible tests: %zu of %zu passed (%s)%s", ok, v->ntests, status_name(v->st),
                    stale ? ", for your code as it was at Ctrl-R" : "");
        a->doc_top = (size_t)-1; /* clamped to the end when drawn */
        return;
    }
    a->took_secs = (util_now_ms() - a->opened_ms) / 1000.0;
    tui_sess *s = &a->sess[a->di];
    int revealed = s->revealed && v->st == ST_PASS;
    state_entry *e = state_get(&a->st, d->id, d->revision);
    a->card_before = e->card;
    a->self_grade = -1;
    state_record(&a->st, d->id, d->revision, (int)v->st, v->score, a->answer_sent, (int)a->hints_shown,
                 a->retries, s->revealed, app_now());
    app_save(a);
    drill_record_history(a, d, v, revealed);
    a->res_revealed = revealed;
    a->res_seen = s->revealed;
    /* the result screen shows the explanation and what was expected (a
     * predict drill's real output, the right option, the model answer)
     * whatever the answer was: an empty or untouched one too */
    if (v->st != ST_PASS)
        s->revealed = 1;
    a->retries++;
    a->res_top = 0;
    a->screen = SCR_RESULT;
}

static void drill_end_interview(tui_app *a)
{
    iv_finish(a, 0);
}

/* A choice answer: letters (and Space on the highlighted option) select. */
static int choice_key(tui_app *a, int k)
{
    drill *d = cur_drill(a);
    size_t n = d->nchoices < 8 ? d->nchoices : 8;
    if ((k >= 'a' && k <= 'h' && (size_t)(k - 'a') < n) || (k == ' ' && choice_cur < n)) {
        size_t i = k == ' ' ? choice_cur : (size_t)(k - 'a');
        unsigned bit = 1u << i;
        answer_undo_keep(a);
        a->choice_sel = d->nanswer > 1 ? a->choice_sel ^ bit : (a->choice_sel == bit ? 0 : bit);
        choice_cur = i;
        return TUI_REDRAW;
    }
    if (k == '\n' || k == TK(KEY_ENTER)) {
        if (!a->choice_sel) {
            /* Enter after Up/Down is how a menu is answered: it never
             * hands in "no answer" (Ctrl-S still does, on purpose). One
             * right answer: the highlighted option is chosen, a second
             * Enter submits it; several: a guess at one would be a
             * partial answer, so it asks. */
            if (d->nanswer > 1 || choice_cur >= n) {
                app_msg(a, "Nothing is chosen yet: Space or a letter selects an option (several are right), then Enter submits.");
                return TUI_REDRAW;
            }
            answer_undo_keep(a);
            a->choice_sel = 1u << choice_cur;
            app_msg(a, "%c) chosen: Enter again submits it (a letter or Space changes it)", (char)('a' + choice_cur));
            return TUI_REDRAW;
        }
        if (a->mode == MODE_INTERVIEW)
            iv_submit(a);
        else
            drill_grade(a, 0);
        return TUI_REDRAW;
    }
    if (k == TK(KEY_DOWN) || k == 'j' || k == TK(KEY_UP) || k == 'k') {
        int up = k == TK(KEY_UP) || k == 'k';
        if (up && choice_cur > 0)
            choice_cur--;
        else if (!up && choice_cur + 1 < n)
            choice_cur++;
        choice_follow = 1;
        return TUI_REDRAW;
    }
    if (k == TK(KEY_HOME) || k == TK(KEY_END)) {
        choice_cur = k == TK(KEY_HOME) || !n ? 0 : n - 1;
        choice_follow = 1;
        return TUI_REDRAW;
    }
    if (k == TK(KEY_NPAGE)) {
        a->doc_top += 10;
        return TUI_REDRAW;
    }
    if (k == TK(KEY_PPAGE)) {
        a->doc_top = a->doc_top == (size_t)-1 ? 0 : a->doc_top > 10 ? a->doc_top - 10 : 0;
        return TUI_REDRAW;
    }
    if (k == 'q' && a->mode != MODE_INTERVIEW) {
        app_close_drill(a);
        return TUI_REDRAW;
    }
    return 0;
}

int drill_key(tui_app *a, int k)
{
    drill *d = cur_drill(a);
    if (tui_grading_busy(&a->g) && a->g_submit) {
        /* The answer is graded as it was sent: keys typed now (a burst
         * after Ctrl-S) must not edit it behind the result. They are
         * ignored; Esc abandons the run (the answer stays as it was). */
        if (k == TK_ESC) {
            /* and what was typed ahead with it: a burst cut short by Esc
             * goes nowhere, rather than into the answer after all */
            tui_grading_cancel(&a->g);
            crt_flush_input();
            app_msg(a, "grading cancelled: your answer is as it was");
        }
        return TUI_HANDLED;
    }
    if (!uses_editor(d) && (k == TK_CTRL('z') || k == TK_CTRL('y'))) {
        /* choice and parsons answers: the last selection or line move */
        int undo = k == TK_CTRL('z');
        if (!(undo ? answer_undo(a) : answer_redo(a)))
            app_msg(a, undo ? "nothing to undo" : "nothing to redo");
        return TUI_REDRAW;
    }
    switch (k) {
    case TK_ESC:
        if (tui_grading_busy(&a->g)) {
            tui_grading_cancel(&a->g);
            app_msg(a, "run cancelled");
        } else if (a->mode == MODE_INTERVIEW) {
            /* guarded: Esc then y is a vi user's reflex, not an answer */
            app_confirm_guarded(a, drill_end_interview, "End the interview now? Drafts are handed in as they stand.");
        } else {
            app_close_drill(a);
            if (a->mode == MODE_REVIEW) {
                a->mode = MODE_PRACTICE;
                app_msg(a, "review stopped");
            }
        }
        return TUI_REDRAW;
    case TK_CTRL('s'):
        if (a->mode == MODE_INTERVIEW)
            iv_submit(a);
        else
            drill_grade(a, 0);
        return TUI_REDRAW;
    case TK_CTRL('r'): drill_grade(a, 1); return TUI_REDRAW;
    case TK_CTRL('g'):
        if (!trace_offered(a))
            return 0;
        /* the steps end with what the code prints: the answer */
        a->sess[a->di].revealed = 1;
        trace_open(a);
        return TUI_REDRAW;
    case TK_CTRL('t'):
        if (a->mode == MODE_INTERVIEW)
            app_msg(a, "No hints in interview mode.");
        else if (a->hints_shown < d->nhints) {
            a->hints_shown++;
            a->doc_top = (size_t)-1;
        } else
            app_msg(a, d->nhints ? "No more hints." : "This drill has no hints.");
        return TUI_REDRAW;
    case TK_CTRL('n'):
    case TK(KEY_SF):
        if (a->doc_top != (size_t)-1)
            a->doc_top += DRILL_SCROLL;
        return TUI_REDRAW;
    case TK_CTRL('p'):
    case TK(KEY_SR):
        a->doc_top = a->doc_top == (size_t)-1 ? 0 : a->doc_top > DRILL_SCROLL ? a->doc_top - DRILL_SCROLL : 0;
        return TUI_REDRAW;
    }
    if (drill_input(d) == INPUT_ORDER)
        return order_key(a, k);
    if (drill_input(d) == INPUT_CHOICE)
        return choice_key(a, k);
    return box_key(a, k);
}
