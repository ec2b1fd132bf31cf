/* tui_interview.c - interview mode: N random drills against a countdown,
 * no hints, no verdicts until the end. An interview is a session of its
 * own: its answers never touch a drill's practice answer, draft or
 * progress. Ctrl-S hands an answer in and goes on while it is graded in
 * the background; when the clock runs out every draft is handed in as it
 * stands. The report (interview.c) is kept in the state folder; past ones
 * are listed with p, and any can be exported as text or HTML. */
#define _GNU_SOURCE
#include "tui.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine.h"
#include "util.h"

/* Ctrl-C ended the interview: quit once its report is kept */
static int iv_quit_when_kept;

/* Now, or the deadline once it has passed: an interview never counts more
 * time than it had (an $EDITOR that kept the loop waiting, say). */
static double iv_clock_ms(const tui_app *a)
{
    double now = util_now_ms();
    return now < a->iv_deadline_ms ? now : a->iv_deadline_ms;
}

/* drills whose topic matches the filter, shuffled */
static size_t iv_pool(tui_app *a, size_t **out)
{
    size_t n = 0;
    size_t *pool = xmalloc((a->cat->ndrills + 1) * sizeof *pool);
    for (size_t i = 0; i < a->cat->ndrills; i++)
        if (!a->topic || !strcmp(a->cat->drills[i].topic, a->topic))
            pool[n++] = i;
    *out = pool;
    return n;
}

void app_ask_interview(tui_app *a)
{
    size_t *pool;
    size_t n = iv_pool(a, &pool);
    free(pool);
    if (!n) {
        app_msg(a, "No drills for an interview.");
        return;
    }
    char mins[48];
    app_fmt_minutes(mins, sizeof mins, a->minutes);
    size_t k = (size_t)a->count < n ? (size_t)a->count : n;
    app_confirm(a, app_start_interview, "Start an interview: %zu drill%s%s%s, %s, no hints?", k, k == 1 ? "" : "s",
                a->topic ? " on " : "", a->topic ? a->topic : "", mins);
}

void iv_clear(tui_app *a)
{
    tui_grading_cancel(&a->ivg);
    for (size_t i = 0; i < a->niv; i++) {
        free(a->iv[i].answer);
        free(a->iv[i].seen_before);
        drill_verdict_free(&a->iv[i].v);
    }
    free(a->iv);
    a->iv = NULL;
    a->niv = 0;
    free(a->iv_path);
    a->iv_path = NULL;
}

void iv_note_run(tui_app *a)
{
    if (a->mode == MODE_INTERVIEW && !a->iv_done && a->qpos < a->niv)
        a->iv[a->qpos].runs++;
}

/* How long a report that showed a drill's answers marks that drill in the
 * next interviews of the same state folder ("answer seen before"). */
#define IV_SEEN_DAYS 30

/* Where d's answer was shown before (caller frees), or NULL: in this quiz
 * session (a result, a reveal, a report), a practice pass after a reveal,
 * or a report kept in the state folder in the last IV_SEEN_DAYS days. */
static char *iv_seen_before(tui_app *a, const drill *d, char **shown)
{
    for (size_t k = 0; shown && shown[k]; k += 2)
        if (!strcmp(shown[k], d->id))
            return xstrdup(shown[k + 1]);
    if (a->sess[d - a->cat->drills].revealed)
        return xstrdup("in this quiz session (a result or a report showed it)");
    state_entry *e = app_entry(a, d);
    if (e && e->revealed_pass)
        return xstrdup("in practice (passed after the answer was shown)");
    return NULL;
}

/* A drill that cannot be graded here (a test whose expected value cannot
 * be had, a snippet whose output cannot be known) is not drawn: it would
 * count neither way. A plan that met no process for a moment is no sign
 * of that: the drill is drawn, and planned again when it is used. */
static int iv_gradable(drill *d)
{
    if (!tui_drill_usable(d))
        return 0;
    char *err = NULL;
    size_t failures = engine_internal_failures(NULL);
    int rc = tui_plan(d, &err);
    free(err);
    if (rc == 0 && !d->skip_reason)
        for (size_t i = 0; i < d->ntests; i++)
            if (d->tests[i].expect_error)
                rc = -1;
    return rc == 0 ? !d->skip_reason : engine_internal_failures(NULL) != failures;
}

/* The interview as it stands, as a record: the report once every answer is
 * graded (final), else its journal (what was handed in so far). */
static interview_record *iv_record(tui_app *a, int final)
{
    interview_record *r = xcalloc(1, sizeof *r);
    interview_record_init(r);
    r->started = a->iv_started;
    r->seconds = final || a->iv_done ? a->iv_seconds : (iv_clock_ms(a) - a->iv_start_ms) / 1000.0;
    r->minutes = a->minutes;
    r->timed_out = a->iv_timed_out;
    r->python = xstrdup(engine_python_version());
    for (size_t i = 0; i < a->niv; i++) {
        const tui_iv_item *it = &a->iv[i];
        const drill *d = &a->cat->drills[it->drill];
        if (it->state == IV_DONE) {
            interview_add(r, d, it->answer, &it->v, it->secs);
        } else {
            /* a journal's: handed in and not graded yet, or not handed in */
            drill_verdict v;
            drill_verdict_init(&v, d);
            if (it->answer) {
                v.st = ST_SKIPPED;
                v.message = xstrdup("not graded: the interview was interrupted before this answer was graded");
            } else {
                grade_missing(d, &v);
            }
            interview_add(r, d, it->answer, &v, it->secs);
            drill_verdict_free(&v);
        }
        interview_item *x = &r->items[r->n - 1];
        x->shown = it->shown;
        x->passed_on = it->passed_on;
        x->runs = it->runs;
        x->seen_before = it->seen_before ? xstrdup(it->seen_before) : NULL;
    }
    if (a->iv_path)
        r->path = xstrdup(a->iv_path);
    if (!final)
        interview_set_running(r);
    return r;
}

/* Writes the interview's journal: what was handed in so far, so that a
 * kill -9 or a power cut leaves an interrupted report, not nothing. A
 * failure here is said when the report cannot be kept either. */
static void iv_journal(tui_app *a)
{
    if (!a->iv || a->rep || a->mode != MODE_INTERVIEW)
        return;
    char *dir = state_dir(), *err = NULL;
    if (!dir)
        return;
    interview_record *r = iv_record(a, 0);
    if (interview_save(r, dir, &err) == 0 && !a->iv_path)
        a->iv_path = xstrdup(r->path);
    free(err);
    free(dir);
    interview_record_free(r);
    free(r);
}

void app_start_interview(tui_app *a)
{
    size_t *pool;
    size_t n = iv_pool(a, &pool);
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
    /* drills whose answers were shown before go last: drawn only when
     * the others are too few, and then marked in the report */
    char *dir = state_dir();
    if (dir)
        interview_recover(dir);
    char **shown = dir ? interview_shown_since(dir, app_now() - IV_SEEN_DAYS * 86400) : NULL;
    free(dir);
    char **seen = xcalloc(n, sizeof *seen);
    size_t nfresh = 0;
    for (size_t i = 0; i < n; i++) {
        seen[i] = iv_seen_before(a, &a->cat->drills[pool[i]], shown);
        if (!seen[i]) {
            /* stable: fresh ones to the front, in shuffled order */
            size_t t = pool[i];
            char *ts = seen[i];
            memmove(pool + nfresh + 1, pool + nfresh, (i - nfresh) * sizeof *pool);
            memmove(seen + nfresh + 1, seen + nfresh, (i - nfresh) * sizeof *seen);
            pool[nfresh] = t;
            seen[nfresh++] = ts;
        }
    }
    for (size_t k = 0; shown && shown[k]; k++)
        free(shown[k]);
    free(shown);
    /* the first count drills of that order that can be graded here */
    size_t want = (size_t)a->count < n ? (size_t)a->count : n, got = 0;
    for (size_t i = 0; i < n; i++) {
        if (got < want && iv_gradable(&a->cat->drills[pool[i]])) {
            pool[got] = pool[i];
            seen[got++] = seen[i];
        } else {
            free(seen[i]);
        }
        seen[i] = i < got ? seen[i] : NULL;
    }
    if (!got) {
        free(pool);
        free(seen);
        app_msg(a, "No drills for an interview: none of them can be graded here.");
        return;
    }
    if (a->open)
        app_close_drill(a);
    iv_clear(a);
    if (a->rep_owned && a->rep) {
        interview_record_free(a->rep);
        free(a->rep);
    }
    a->rep = NULL;
    a->rep_owned = 0;
    a->niv = got;
    a->iv = xcalloc(a->niv, sizeof *a->iv);
    for (size_t i = 0; i < a->niv; i++) {
        a->iv[i].drill = pool[i];
        a->iv[i].state = IV_TODO;
        a->iv[i].seen_before = seen[i];
        drill_verdict_init(&a->iv[i].v, &a->cat->drills[pool[i]]);
    }
    free(pool);
    free(seen);
    a->mode = MODE_INTERVIEW;
    a->iv_done = 0;
    a->rep_esc_only = 0;
    iv_quit_when_kept = 0;
    a->iv_timed_out = 0;
    a->qpos = 0;
    a->iv_started = app_now();
    a->iv_start_ms = util_now_ms();
    a->iv_deadline_ms = a->iv_start_ms + a->minutes * 60000.0;
    app_open_drill(a, a->iv[0].drill);
    a->iv[0].shown = 1;
    iv_journal(a);
    char mins[48];
    app_fmt_minutes(mins, sizeof mins, a->minutes);
    app_msg(a, "Interview: %zu drill%s, %s. No hints. Good luck.", a->niv, a->niv == 1 ? "" : "s", mins);
}

static int iv_blank_line(const char *p)
{
    for (; *p && *p != '\n'; p++)
        if (!isspace((unsigned char)*p))
            return 0;
    return 1;
}

static int iv_blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return 0;
    return 1;
}

/* The end of a line's text, less the blanks that end it. */
static const char *iv_line_end(const char *p, const char **next)
{
    const char *nl = strchrnul(p, '\n'), *e = nl;
    while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
    *next = *nl ? nl + 1 : nl;
    return e;
}

/* text is the drill's starter as given, give or take blanks at the ends of
 * lines and blank lines at the end: whether never touched or edited back
 * to it, it holds nothing of the candidate's (neither changes what Python
 * runs). */
static int iv_starter(const drill *d, const char *text)
{
    if (drill_pristine(d, text))
        return 1;
    if (drill_input(d) != INPUT_CODE || !d->code)
        return 0;
    const char *x = d->code, *y = text;
    for (;;) {
        while (*x && iv_blank_line(x))
            x = strchrnul(x, '\n'), x += !!*x;
        while (*y && iv_blank_line(y))
            y = strchrnul(y, '\n'), y += !!*y;
        if (!*x || !*y)
            return !*x && !*y;
        const char *xn, *yn, *xe = iv_line_end(x, &xn), *ye = iv_line_end(y, &yn);
        if (xe - x != ye - y || memcmp(x, y, (size_t)(xe - x)))
            return 0;
        x = xn;
        y = yn;
    }
}

/* Takes the open drill's answer into its item, when there is one: an empty
 * box, no option or line chosen, or the starter as given is none, however
 * it is handed in (Ctrl-S or the end of the interview), and the drill is
 * then `missing`. Returns 1 when an answer was taken. */
static int iv_take(tui_app *a)
{
    if (!a->open || a->qpos >= a->niv)
        return 0;
    tui_iv_item *it = &a->iv[a->qpos];
    const drill *d = &a->cat->drills[it->drill];
    double spent = (iv_clock_ms(a) - a->opened_ms) / 1000.0;
    it->secs += spent > 0 ? spent : 0;
    char *text = drill_answer(a);
    int taken = !iv_blank(text) && !iv_starter(d, text);
    if (taken) {
        free(it->answer);
        it->answer = text;
        it->state = IV_QUEUED;
    } else {
        free(text);
    }
    app_close_drill(a);
    return taken;
}

void iv_submit(tui_app *a)
{
    int taken = iv_take(a);
    if (!taken && a->qpos < a->niv)
        a->iv[a->qpos].passed_on = 1;
    if (++a->qpos < a->niv) {
        app_open_drill(a, a->iv[a->qpos].drill);
        a->iv[a->qpos].shown = 1;
        iv_journal(a);
        if (taken)
            app_msg(a, "Answer recorded. Drill %zu of %zu.", a->qpos + 1, a->niv);
        else
            app_msg(a, "Skipped: nothing was handed in for drill %zu (it counts as missing). Drill %zu of %zu.",
                    a->qpos, a->qpos + 1, a->niv);
        iv_pump(a);
    } else {
        a->qpos = a->niv - 1;
        iv_finish(a, 0);
    }
}

static void iv_history(tui_app *a, const interview_record *r)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "time", (double)app_now());
    cJSON_AddStringToObject(o, "mode", "interview");
    cJSON_AddNumberToObject(o, "score", interview_score(r));
    cJSON_AddNumberToObject(o, "max", (double)interview_max(r));
    cJSON_AddNumberToObject(o, "seconds", r->seconds);
    if (r->path) {
        const char *base = strrchr(r->path, '/');
        cJSON_AddStringToObject(o, "report", base ? base + 1 : r->path);
    }
    cJSON *arr = cJSON_AddArrayToObject(o, "drills");
    for (size_t i = 0; i < r->n; i++) {
        cJSON *x = cJSON_CreateObject();
        cJSON_AddStringToObject(x, "id", r->items[i].id);
        cJSON_AddStringToObject(x, "topic", r->items[i].topic);
        cJSON_AddStringToObject(x, "status", status_name(r->items[i].st));
        cJSON_AddNumberToObject(x, "score", r->items[i].score);
        cJSON_AddNumberToObject(x, "seconds", r->items[i].seconds);
        cJSON_AddItemToArray(arr, x);
    }
    char *line = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    app_history(a, line);
    free(line);
}

/* Why the report of the interview just ended could not be kept (NULL:
 * it was, or there is none). */
static char *iv_unkept_why;

const char *iv_unkept_reason(void)
{
    return iv_unkept_why;
}

void iv_unkept_forget(void)
{
    free(iv_unkept_why);
    iv_unkept_why = NULL;
}

/* Saves r in the state folder; *err (caller frees) when it cannot. */
static int iv_keep(interview_record *r, char **err)
{
    char *dir = state_dir();
    int rc = -1;
    if (!dir)
        *err = xstrdup("no state folder: neither XDG_STATE_HOME nor HOME is set");
    else
        rc = interview_save(r, dir, err);
    free(dir);
    free(iv_unkept_why);
    iv_unkept_why = rc < 0 ? xstrdup(*err ? *err : "?") : NULL;
    return rc;
}

int iv_report_unkept(tui_app *a)
{
    if (!a->rep || !a->rep_owned || a->rep->path)
        return 0;
    /* the folder may be back: one more try */
    char *err = NULL;
    if (iv_keep(a->rep, &err) == 0)
        app_msg(a, "The report is kept now: %s", a->rep->path);
    free(err);
    return !a->rep->path;
}

/* A report gives the answers away as a result screen does (the real
 * output, the right option, the model answer, the explanation): in this
 * quiz session a pass of those drills is "passed after reveal". */
void iv_reveal(tui_app *a, const interview_record *r)
{
    for (size_t i = 0; i < r->n; i++) {
        const interview_item *it = &r->items[i];
        if (it->st == ST_PASS || it->st == ST_SKIPPED)
            continue;
        const drill *d = catalog_find(a->cat, it->id);
        if (d)
            a->sess[d - a->cat->drills].revealed = 1;
    }
}

/* Every answer is graded: the report is built, kept and shown. */
static void iv_complete(tui_app *a)
{
    interview_record *r = iv_record(a, 1);
    char *err = NULL;
    /* over its journal when there is one: the same name */
    if (iv_keep(r, &err) < 0 && r->path) {
        free(r->path);
        r->path = NULL;
        free(err);
        err = NULL;
        iv_keep(r, &err);
    }
    free(a->iv_path);
    a->iv_path = NULL;
    iv_history(a, r);
    if (err)
        app_msg(a, "The report could not be kept: %s", err);
    a->rep = r;
    a->rep_owned = 1;
    a->rep_back = SCR_LIST;
    a->rep_top = 0;
    iv_reveal(a, r);
    if (a->rep_esc_only) {
        /* what the candidate was typing as the clock ran out is not for
         * the report: dropped, and a moment more */
        crt_flush_input();
        a->keys_held_ms = util_now_ms() + IV_KEY_GRACE_MS;
    }
    if (iv_quit_when_kept) {
        iv_quit_when_kept = 0;
        if (!err) {
            app_note_at_exit("the interview was ended by %s; its report is kept in %s", app_leave_cause(a),
                             r->path);
            app_ask_quit(a);
        } else if (a->leave_sig) {
            /* no one to show it to: stderr says what was lost */
            app_note_at_exit("the interview was ended by %s, but its report could not be kept: %s",
                             app_leave_cause(a), err);
            app_ask_quit(a);
        } else {
            /* quitting now would lose it: the report stays on screen */
            app_msg(a, "Ctrl-C ended the interview, but its report could not be kept (%s): x or X exports it "
                       "before you quit.",
                    err);
        }
    }
    free(err);
}

void iv_interrupt(tui_app *a)
{
    /* over (its report built) or not one: nothing to keep */
    if (a->mode != MODE_INTERVIEW || a->rep || iv_quit_when_kept)
        return;
    iv_quit_when_kept = 1;
    if (!a->iv_done)
        iv_finish(a, 0);
    else
        iv_pump(a); /* ended already: its grading goes on, then the report is kept */
    if (iv_quitting(a))
        app_msg(a, "Ctrl-C: the interview ended. Drafts are handed in as they stand and graded; the report is "
                   "kept, then the quiz quits.");
}

int iv_quitting(const tui_app *a)
{
    return iv_quit_when_kept && a->iv_done && !a->rep;
}

size_t iv_left(const tui_app *a)
{
    size_t n = 0;
    for (size_t i = 0; i < a->niv; i++)
        n += a->iv[i].state != IV_DONE;
    return n;
}

void iv_pump(tui_app *a)
{
    while (!tui_grading_busy(&a->ivg)) {
        size_t i;
        for (i = 0; i < a->niv; i++)
            if (a->iv[i].state == IV_QUEUED)
                break;
        if (i == a->niv) {
            if (a->iv_done && !a->rep && !iv_left(a))
                iv_complete(a);
            return;
        }
        tui_iv_item *it = &a->iv[i];
        drill *d = &a->cat->drills[it->drill];
        char *err = NULL;
        size_t failures = engine_internal_failures(NULL);
        if (tui_plan(d, &err) < 0 || engine_internal_failures(NULL) != failures) {
            /* the drill cannot be graded here, or pydrill could not run
             * it: not the candidate's doing, so it counts neither way
             * (SPEC 3.1), and the report says why */
            const char *last = NULL;
            engine_internal_failures(&last);
            drill_verdict_free(&it->v);
            drill_verdict_init(&it->v, d);
            it->v.st = ST_SKIPPED;
            it->v.message = engine_internal_failures(NULL) != failures
                                ? xasprintf("not graded: pydrill could not run it here (%s)", last ? last : "?")
                                : xasprintf("not graded: %s", err ? err : "the drill cannot be graded here");
            free(err);
            it->state = IV_DONE;
            iv_journal(a);
            continue;
        }
        a->iv_grading = i;
        if (tui_grading_start(&a->ivg, d, it->answer, 0, &it->v))
            it->state = IV_GRADING;
        else
            it->state = IV_DONE;
    }
}

void iv_step(tui_app *a)
{
    if (a->iv_grading >= a->niv)
        return;
    tui_iv_item *it = &a->iv[a->iv_grading];
    if (tui_grading_step(&a->ivg, &it->v)) {
        /* a traceback is the answer's own output: keep it with the verdict */
        if (a->ivg.traceback && (!it->v.err || !*it->v.err)) {
            free(it->v.err);
            it->v.err = a->ivg.traceback;
            a->ivg.traceback = NULL;
        }
        /* pydrill could not run it (no process for a moment): once more,
         * rather than a crash held against the candidate */
        it->state = it->v.internal && !it->retried++ ? IV_QUEUED : IV_DONE;
        if (it->state == IV_DONE && it->v.internal) {
            /* twice: pydrill's failure, not a 0 for the candidate */
            char *why = xasprintf("not graded: pydrill could not run it (%s)",
                                  it->v.message ? it->v.message : "no process");
            drill_verdict_free(&it->v);
            drill_verdict_init(&it->v, &a->cat->drills[it->drill]);
            it->v.st = ST_SKIPPED;
            it->v.message = why;
        }
        if (it->state == IV_DONE)
            iv_journal(a);
        iv_pump(a);
    }
}

void iv_finish(tui_app *a, int timed_out)
{
    if (a->iv_done || a->mode != MODE_INTERVIEW)
        return;
    iv_take(a);
    /* an "End the interview now?" still waiting has nothing left to end */
    free(a->confirm);
    a->confirm = NULL;
    a->help = 0;
    a->iv_done = 1;
    a->iv_timed_out = timed_out;
    /* the candidate may be typing still: what follows is not for the
     * report, which only Esc leaves */
    a->rep_esc_only = timed_out;
    if (timed_out) {
        crt_flush_input();
        a->keys_held_ms = util_now_ms() + IV_KEY_GRACE_MS;
    }
    a->iv_seconds = (iv_clock_ms(a) - a->iv_start_ms) / 1000.0;
    for (size_t i = 0; i < a->niv; i++) {
        tui_iv_item *it = &a->iv[i];
        if (it->state == IV_TODO) {
            grade_missing(&a->cat->drills[it->drill], &it->v);
            it->state = IV_DONE;
        }
    }
    a->rep_top = 0;
    a->screen = SCR_REPORT;
    iv_journal(a);
    iv_pump(a);
}
