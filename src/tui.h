/* tui.h - the ncurses quiz (SPEC 5): one module owns curses (tui_crt.c),
 * one event loop (tui_app.c), one file per screen (tui_list.c,
 * tui_drill.c, tui_result.c, tui_interview.c, tui_help.c), the grading of
 * an answer without freezing the screen (tui_grade.c), a styled-line
 * document every screen draws from (tui_doc.c), and watch mode
 * (tui_watch.c).
 *
 * As in htop, each screen's key handler returns a bitmask (TUI_HANDLED,
 * TUI_REDRAW, TUI_QUIT) to the single loop, which draws one frame and calls
 * doupdate() once. */
#ifndef PYDRILL_TUI_H
#define PYDRILL_TUI_H

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <curses.h>
#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "catalog.h"
#include "edbuf.h"
#include "grade.h"
#include "interview.h"
#include "kind.h"
#include "engine.h"
#include "state.h"

/* ---- tui_crt.c: the only code that calls curses set-up and tear-down ---- */

#define TUI_MIN_W 40
#define TUI_MIN_H 10

/* What a colour is for; crt_attr() maps it to a colour pair, or to a plain
 * attribute on monochrome terminals and under NO_COLOR. */
typedef enum {
    R_NORMAL,
    R_HEADER,
    R_DIM,
    R_TITLE,
    R_PASS,
    R_FAIL,
    R_DUE,
    R_SELECT,
    R_KEY,
    R_TOPIC,
    R_BAR,
    R_WARN,
    /* syntax classes, in highlight.h order */
    R_PY_KEYWORD,
    R_PY_BUILTIN,
    R_PY_STRING,
    R_PY_NUMBER,
    R_PY_COMMENT,
    R_PY_DEFNAME,
    R_PY_OP,
    R_COUNT
} crt_role;

typedef enum {
    G_PASS,
    G_FAIL,
    G_NEW,
    G_DUE,
    G_SKIP,
    G_BAR_FULL,
    G_BAR_EMPTY,
    G_HLINE,
    G_VLINE,
    G_CURSOR,
    G_ELLIPSIS,
    G_SEEN,      /* passed after the answer was shown */
    G_RADIO_ON,  /* a single-answer choice: (•) */
    G_RADIO_OFF,
    G_CONT,      /* a row that goes on with the line above (wrapped output) */
    G_MORE_LEFT, /* the code editor: a line goes on past the left edge */
    G_MORE_RIGHT,
    G_COUNT
} crt_glyph_id;

/* Key codes: characters are their Unicode code point; curses function keys
 * (KEY_UP, KEY_RESIZE, ...) are or'ed with TK_FN so they never collide. */
#define TK_FN 0x40000000
#define TK(k) (TK_FN | (k))
#define TK_CTRL(c) ((c) & 0x1f)
#define TK_ESC 27
/* A bracketed paste (ESC [ 200 ~ ... ESC [ 201 ~) arrives as one key; its
 * text, as the terminal sent it (\r for line ends), is crt_paste(). */
#define TK_PASTE TK(KEY_MAX + 1)

/* Sets the locale-dependent choices (UTF-8 glyphs or ASCII) and starts
 * curses on the terminal. Returns 0, or -1 with *err (what, "the quiz" or
 * "watch mode", names what needs the terminal). Installs handlers that
 * restore the terminal on SIGQUIT and on crashes; SIGHUP, SIGTERM and
 * SIGINT only set crt_signalled(), for the loop to leave as on Ctrl-C. */
int crt_init(const char *what, char **err);
/* The SIGHUP, SIGTERM or SIGINT received since crt_init, else 0. */
int crt_signalled(void);
/* A descriptor that becomes readable when one is received (for poll();
 * -1 when none could be made), so a wait never outlasts the signal. */
int crt_signal_fd(void);
void crt_done(void);            /* idempotent; also called at exit */
attr_t crt_attr(crt_role r);
const char *crt_glyph(crt_glyph_id g);
int crt_utf8(void);             /* the locale's codeset is UTF-8 */
const char *crt_spinner(unsigned tick);
/* Reads one key without waiting; 0 when none. */
int crt_key(void);
/* The text of the last TK_PASTE (NUL-terminated, owned by tui_crt.c). */
const char *crt_paste(void);
/* Decodes the bytes that followed an ESC ("[1~", "OH", "[1;5A"): the key
 * of a usual variant of Home/End/PgUp/PgDn/Delete/arrows/F1 (modifiers
 * dropped), TK_PASTE for a paste's start, or 0 for any other sequence. */
int crt_decode_seq(const char *seq, size_t n);
/* Leaves curses for a child program that uses the terminal, and back. */
void crt_suspend(void);
void crt_resume(void);
/* Draws text at (y, x) in at most maxw cells; invalid or unprintable bytes
 * show as '?'. Returns the cells used. */
int crt_put(WINDOW *w, int y, int x, int maxw, const char *s, size_t len, attr_t a);
int crt_puts(WINDOW *w, int y, int x, int maxw, const char *s, attr_t a);
/* Display width in cells of n bytes of UTF-8 (or of the locale). */
int crt_width(const char *s, size_t n);
/* Fills a line from x to the right edge with blanks of attribute a. */
void crt_fill(WINDOW *w, int y, int x, attr_t a);
/* The message drawn instead of a screen under TUI_MIN_W x TUI_MIN_H. */
void crt_draw_too_small(WINDOW *w);

/* ---- tui_doc.c: a list of styled lines, drawn through a viewport ---- */

typedef struct {
    char *text;
    size_t len;
    crt_role role;
    unsigned char *cls;  /* per byte roles (syntax), or NULL */
    int indent;          /* cells drawn blank before the text */
} doc_line;

typedef struct {
    doc_line *lines;
    size_t n, cap;
} tui_doc;

void doc_init(tui_doc *d);
void doc_clear(tui_doc *d);
void doc_free(tui_doc *d);
void doc_add(tui_doc *d, crt_role r, int indent, const char *text);
void doc_addf(tui_doc *d, crt_role r, int indent, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* One row of word-wrapped text: how many bytes of p (n bytes, no '\n')
 * go on a row of width cells, breaking after a space when it can (at
 * least one character); *show is that without the trailing spaces. */
size_t doc_wrap_take(const char *p, size_t n, int width, size_t *show);
/* Word-wraps text (paragraphs split on '\n') to width cells. */
void doc_wrap(tui_doc *d, crt_role r, int indent, int width, const char *text);
/* Adds source lines coloured by highlight_source() (or r when not available). */
void doc_code(tui_doc *d, crt_role r, int indent, const char *code, const unsigned char *cls);
/* Adds at most max lines of text, each wrapped as doc_wrap_verbatim
 * does, "... (k more lines)" after. */
void doc_trimmed(tui_doc *d, crt_role r, int indent, int width, const char *text, size_t max);
/* Adds one line of program text (output, a line of a diff: n bytes, no
 * '\n') at indent, prefix first, wrapped at width cells (counted from the
 * screen's left, as doc_wrap's) rather than cut at the edge: the rows it
 * goes on to start with G_CONT under the text, so none is taken for a line
 * of its own. After max_rows rows a dim row says how much is left out. */
void doc_wrap_verbatim(tui_doc *d, crt_role r, int indent, int width, const char *prefix, const char *p, size_t n,
                       size_t max_rows);
/* Rows one line of text may take in the result screen's blocks */
#define DOC_VERBATIM_ROWS 12
/* doc_wrap with rows after the first started hang cells further in (a
 * choice's text under its own start, not under its box) */
void doc_wrap_hang(tui_doc *d, crt_role r, int indent, int hang, int width, const char *text);
void doc_blank(tui_doc *d);
/* Draws lines [top, top+h) into rows y..y+h-1. */
void doc_draw(const tui_doc *d, WINDOW *w, int y, int h, size_t top);

/* ---- tui_grade.c: grading one answer without blocking the loop ---- */

typedef struct {
    drill *d;
    engine_ticket *ticket; /* NULL when idle or graded at once */
    int visible_only;
    double t0;
    char *traceback;       /* of the first visible test that raised, after a step */
} tui_grading;

/* Plans d when needed (its truth, expected values, skip reason). Returns 0,
 * or -1 with *err (the drill cannot be graded). */
int tui_plan(drill *d, char **err);
/* Starts grading answer. Returns 1 when a child was started (then poll its
 * fds and call tui_grading_step), 0 when v was filled at once. */
int tui_grading_start(tui_grading *g, drill *d, const char *answer, int visible_only, drill_verdict *v);
int tui_grading_busy(const tui_grading *g);
int tui_grading_pollfds(tui_grading *g, struct pollfd *p, int max);
int tui_grading_timeout(tui_grading *g);
/* Returns 1 when done: v is filled (initialise it first). */
int tui_grading_step(tui_grading *g, drill_verdict *v);
void tui_grading_cancel(tui_grading *g);
/* Adds a verdict to a doc the way the result screen shows it; answer (may
 * be NULL) is what was graded: a syntax error shows its line with a caret,
 * a choice its options. */
void tui_doc_verdict(tui_doc *doc, const drill_verdict *v, const char *answer, const char *traceback, int width,
                     int with_explanation);
/* 0 when d would be skipped here (its requires are unmet): an interview
 * draws only drills that can be answered. */
int tui_drill_usable(drill *d);
/* 1 when d is known to be skipped here without planning it: its Python
 * requirement is unmet, or a plan found a reason (a module is probed only
 * when the drill is planned). The list marks it, n passes it by, and the
 * header leaves it out of the total, as `grade` does. */
int tui_drill_skipped_here(const drill *d);
crt_role tui_status_role(status s);

/* ---- tui_app.c: the quiz ---- */

enum { TUI_HANDLED = 1, TUI_REDRAW = 2, TUI_QUIT = 4 };
typedef enum { SCR_LIST, SCR_DRILL, SCR_RESULT, SCR_REPORT, SCR_PAST, SCR_TRACE } tui_screen;
typedef enum { MODE_PRACTICE, MODE_INTERVIEW, MODE_REVIEW } tui_mode;

/* A key offered in a footer: the footer keeps the important ones when the
 * terminal is narrow (higher prio stays), and always the help key. */
typedef struct {
    const char *key;
    const char *label;
    int prio;
} tui_hint;

/* What the quiz keeps of a drill for as long as it runs. */
typedef struct {
    edbuf *ed;       /* the answer with its undo history, across leaving and reopening */
    int revealed;    /* a result that gives the answer away was shown */
} tui_sess;

typedef enum { IV_TODO, IV_QUEUED, IV_GRADING, IV_DONE } tui_iv_state;

typedef struct {
    size_t drill;      /* index in the catalog */
    tui_iv_state state;
    char *answer;      /* handed in; NULL: none */
    drill_verdict v;
    double secs;
    int retried;       /* graded again once after pydrill failed to run it */
    int shown;         /* it was on screen */
    int passed_on;     /* handed in empty with Ctrl-S */
    int runs;          /* Ctrl-R runs of its visible tests */
    char *seen_before; /* where its answer was shown before, or NULL */
} tui_iv_item;

typedef struct tui_app {
    catalog *cat;
    state st;
    tui_screen screen;
    tui_mode mode;
    int help;               /* help overlay shown */
    size_t help_top;
    char *msg;              /* one-shot status line */
    /* confirmation prompt: y runs it */
    char *confirm;
    char *confirm_short;    /* its shorter form (app_confirm_short), for a screen too small for it */
    char *notice;           /* kept above the footer until Esc hides it (a state file set aside) */
    void (*confirm_fn)(struct tui_app *);
    double confirm_ms;      /* when a guarded question appeared (app_confirm_guarded), else 0 */
    double keys_held_ms;    /* keys are dropped until then (the clock ended an interview) */
    int quit;
    int leave_sig;          /* SIGHUP/SIGTERM/SIGINT came: leaving as Ctrl-C does, asking nothing */
    tui_sess *sess;         /* one per drill */

    /* list */
    char *topic;            /* topic filter, NULL: all */
    char *search;           /* search text, NULL: none */
    int searching;          /* typing into the search box */
    size_t *rows;           /* visible drill indexes, grouped by topic */
    size_t nrows;
    size_t cur;             /* selected row */
    size_t list_top;
    char **topics;
    size_t ntopics;

    /* drill */
    int open;               /* a drill is open (drill or result screen) */
    size_t di;              /* the open drill */
    edbuf *ed;              /* fix/write/predict/explain answer */
    int ed_owned;           /* ed is the interview's, not a tui_sess one */
    unsigned choice_sel;    /* choice: bitmask of selected letters */
    unsigned char ord[32];  /* parsons: the program, as indexes of the shown lines */
    size_t nord;
    size_t ord_cur;         /* the selected line of the program */
    int ord_held;           /* it is picked up: Up/Down move it */
    size_t hints_shown;
    int retries;
    double opened_ms;
    size_t doc_top;
    size_t ed_top;
    int ed_left;
    int ed_tw;              /* text width of the answer box when last drawn */
    int ed_h;               /* its height */
    int ed_pref;            /* the cell column kept across up/down in a wrapped box, -1: none */
    unsigned char *code_cls;     /* highlight of the drill's code */
    char *ed_cache;              /* the text ed_cls was computed for */
    unsigned char *ed_cls;
    char *plan_err;
    tui_doc run_doc;             /* output of the last Ctrl-R */
    char *run_text;              /* the answer that Ctrl-R ran */
    tui_grading g;
    int g_submit;                /* the running grading is a submit (not Ctrl-R) */
    char *answer_sent;           /* the answer being graded */
    int cur_y, cur_x;            /* where the terminal cursor goes, -1: hidden */
    unsigned tick;

    /* result */
    drill_verdict v;
    int have_v;
    double took_secs;
    size_t res_top;
    int res_revealed;            /* passed, but after the answer was shown */
    int res_seen;                /* the answer had been shown before this one was sent */
    review_card card_before;     /* the schedule before this answer fed it */
    int self_grade;              /* explain: the candidate's own grade, -1: none yet */

    /* review */
    size_t *queue;
    size_t nqueue, qpos;

    /* interview */
    int count;
    double minutes;
    double iv_deadline_ms;
    double iv_start_ms;
    time_t iv_started;
    double iv_seconds;           /* how long it took, once over */
    tui_iv_item *iv;
    size_t niv;
    int iv_done;                 /* no more answers: grading what was handed in */
    int iv_timed_out;
    tui_grading ivg;             /* grades handed-in answers in the background */
    size_t iv_grading;           /* the item ivg grades */
    char *iv_path;               /* its journal in the state folder (SPEC 5: nothing lost to a crash) */

    /* report: the interview just ended, or a past one */
    interview_record *rep;
    int rep_owned;
    tui_screen rep_back;
    size_t rep_top;
    int rep_esc_only;            /* the clock ended it: only Esc leaves the report */

    /* see it happen (tui_trace.c) */
    struct tui_trace *trace; /* the step screen's, while it is open */

    /* past interviews */
    interview_record *past;
    size_t npast, past_cur, past_top, past_unreadable;
} tui_app;

/* Runs the quiz on an already loaded catalog. Returns the exit code. */
typedef struct {
    tui_mode mode;
    const char *topic;
    int count;          /* interview drills (default 10) */
    double minutes;     /* interview countdown (default 30) */
} tui_options;
int tui_quiz(catalog *c, const tui_options *o);

/* Shared by the screens (tui_app.c). */
void app_msg(tui_app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void app_confirm(tui_app *a, void (*fn)(tui_app *), const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A shorter form of the question just asked, drawn when the full one
 * would not fit above the footer with its keys (its details left out). */
void app_confirm_short(tui_app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
state_entry *app_entry(tui_app *a, const drill *d); /* NULL when never seen */
void app_save(tui_app *a);
void app_open_drill(tui_app *a, size_t di);
void app_close_drill(tui_app *a);        /* keeps the draft */
void app_forget(tui_app *a, const char *id); /* drops kept answers (NULL: all), after a reset */
void app_next(tui_app *a);               /* next drill in the current mode */
void app_next_unsolved(tui_app *a);      /* opens the next drill of the list not passed */
void app_start_interview(tui_app *a);
void app_ask_interview(tui_app *a);      /* asks first, then starts one */
void app_start_review(tui_app *a);
void app_draw_header(tui_app *a, WINDOW *w, const char *left);
void app_draw_footer(tui_app *a, WINDOW *w, const tui_hint *hints, size_t n);
/* The note drawn instead of a screen when the window is too small. */
void app_draw_small_note(tui_app *a, WINDOW *w);
/* 1 while a question is too new to be answered (keys typed ahead are not answers). */
int app_confirm_early(const tui_app *a);
const char *app_confirm_keys(const tui_app *a);
/* Why progress is not being saved, or NULL when it is. */
const char *app_unsaved_reason(void);
/* time(NULL), or $PYDRILL_NOW (seconds since the epoch) so tests can move
 * the clock of the review schedule. */
time_t app_now(void);
/* "in 3 h 20 min (Tue 14:05)" for a time to come. */
void app_fmt_when(char *buf, size_t n, time_t when, time_t now);
/* "2 minutes", "1 minute", "30 seconds", "1.5 minutes" */
void app_fmt_minutes(char *buf, size_t n, double minutes);
/* Appends a history line; a failure becomes the status message. */
void app_history(tui_app *a, const char *json);

/* Screens: draw into stdscr, handle a key. */
void list_rebuild(tui_app *a);
void list_first_unsolved(tui_app *a);
void list_draw(tui_app *a, WINDOW *w);
int list_key(tui_app *a, int k);
int list_unsolved(tui_app *a, size_t di); /* not passed and not skipped */
/* d cannot be graded here (marked "-"): no count, no `n`, no review */
int list_skipped(tui_app *a, const drill *d);
void drill_draw(tui_app *a, WINDOW *w);
int drill_key(tui_app *a, int k);
void drill_graded(tui_app *a, drill_verdict *v); /* a grading finished */
int drill_typing(const tui_app *a);  /* keys go into a text box */
char *drill_answer(tui_app *a);      /* the answer as it would be submitted; caller frees */
int drill_pristine(const drill *d, const char *text); /* the starter, untouched */
/* How the open drill takes its answer (the kind table's word for it). */
kind_input drill_input(const drill *d);

/* The lines to put in order (tui_order.c): parsons drills. */
void order_load(tui_app *a, const char *letters);
char *order_answer(const tui_app *a);        /* "c a d b"; caller frees */
void order_doc(tui_app *a, tui_doc *doc, int width); /* the lines, lettered */
size_t order_rows(const tui_app *a);
void order_draw(tui_app *a, WINDOW *w, int y0, int h);
int order_key(tui_app *a, int k);

/* The answer box (tui_box.c): a text box that wraps (predict, explain) or
 * a code editor (fix, write). */
size_t box_rows(tui_app *a, int screen_w); /* screen rows its text needs */
void box_draw(tui_app *a, WINDOW *w, int y0, int h);
int box_key(tui_app *a, int k);
void result_draw(tui_app *a, WINDOW *w);
int result_key(tui_app *a, int k);
void report_draw(tui_app *a, WINDOW *w);
int report_key(tui_app *a, int k);
void past_open(tui_app *a);          /* the list of past interviews */
void past_draw(tui_app *a, WINDOW *w);
int past_key(tui_app *a, int k);
/* Interview mode (tui_interview.c). */
void iv_submit(tui_app *a);          /* hands the open drill's answer in, goes on */
void iv_finish(tui_app *a, int timed_out); /* ends it: drafts handed in, graded, report */
void iv_pump(tui_app *a);            /* grades what was handed in, one at a time */
void iv_step(tui_app *a);            /* the background grading made progress */
void iv_clear(tui_app *a);
void iv_note_run(tui_app *a);        /* Ctrl-R on the open drill of an interview */
size_t iv_left(const tui_app *a);    /* answers not graded yet */
/* The drills a report gave away are revealed for this session. */
void iv_reveal(tui_app *a, const interview_record *r);
const char *iv_unkept_reason(void);  /* why the report just ended is not kept, or NULL */
void iv_unkept_forget(void);
/* See it happen (tui_trace.c): the steps of the open predict drill's code. */
int trace_offered(tui_app *a);       /* w on the result, ^G on the drill once answered */
void trace_open(tui_app *a);         /* starts the trace; the screen shows it */
void trace_close(tui_app *a);        /* back to the screen it came from */
int trace_pollfds(tui_app *a, struct pollfd *p, int max, int *timeout);
int trace_poll(tui_app *a);          /* the trace made progress: 1 to redraw */
void trace_draw(tui_app *a, WINDOW *w);
int trace_key(tui_app *a, int k);
void help_draw(tui_app *a, WINDOW *w);
int help_key(tui_app *a, int k);

/* ---- input bytes, tabs, a failed save, undo of choices, Ctrl-C in an interview ---- */

/* tui_crt.c */

/* What the keys read since the last call need said (a byte that is no
 * character came in as U+FFFD, a paste was cut at 1 MiB), or NULL. The
 * loop shows it once the keys of a burst are handled. Caller frees. */
char *crt_take_note(void);
/* Drops the keys typed ahead and not read yet (a burst after Ctrl-S that
 * an Esc cut short). */
void crt_flush_input(void);
/* crt_width and crt_put for text whose first byte sits at cell column col
 * of its line: a tab reaches the next multiple of four cells from there. */
int crt_width_from(const char *s, size_t n, int col);
int crt_put_from(WINDOW *w, int y, int x, int maxw, const char *s, size_t len, attr_t a, int col);

/* tui_doc.c */

/* The role that draws a byte of highlight class c (highlight.h), base for
 * none. */
crt_role doc_cls_role(unsigned char c, crt_role base);

/* tui_app.c */

/* Quits, or asks first when a save of the progress failed (and none
 * succeeded since): y quits anyway, x exports the answers
 * (app_export_answers), then quits; any other key stays. */
void app_ask_quit(tui_app *a);
/* How many drills have a submitted answer to export. */
size_t app_answers(const tui_app *a);
/* Writes the submitted answers to a new file in the current folder,
 * pydrill-answers-YYYYmmdd-HHMMSS.json (-2, -3, ... after it when that
 * name is taken): an existing file is never replaced. Returns how many
 * answers went out (*path: the name; caller frees), 0 when there were
 * none (nothing written), or -1 with *err. */
int app_export_answers(tui_app *a, char **path, char **err);
/* app_confirm for a question whose yes loses something (a reset): keys
 * typed ahead are dropped when it appears, and a key that comes within
 * APP_CONFIRM_GRACE_MS of it cancels it rather than answer it (a typist
 * who went on typing through the moment it appeared). */
#define APP_CONFIRM_GRACE_MS 600
void app_confirm_guarded(tui_app *a, void (*fn)(tui_app *), const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The answers app_export_answers would write: the drills whose last
 * submitted answer is to the question as the catalog has it now. */
int app_answer_current(const tui_app *a, const state_entry *e);
/* What is ending the quiz: "Ctrl-C", or the signal (leave_sig) that came. */
const char *app_leave_cause(const tui_app *a);
/* The same words for a signal (0: "Ctrl-C"). */
const char *app_signal_cause(int sig);
/* A line for stderr once the terminal is given back ("pydrill: " first). */
void app_note_at_exit(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Appends a key's text (a code point) to a string that grows (search). */
void app_append_key(char **s, int k);

/* tui_undo.c */

/* Undo of a choice or parsons answer (Ctrl-Z, Ctrl-Y redoes), for as long
 * as the drill is open: answer_undo_keep() before each change;
 * answer_undo_settle() drops the last step when it changed nothing (a
 * line picked up and dropped where it was). */
void answer_undo_keep(const tui_app *a);
void answer_undo_settle(const tui_app *a);
/* Ctrl-Z and Ctrl-Y: 0 when there is no step to take. */
int answer_undo(tui_app *a);
int answer_redo(tui_app *a);
/* Forgets every step (a drill opened). */
void answer_undo_reset(void);

/* tui_interview.c */

/* Ctrl-C in an interview: it ends as when the clock runs out (drafts
 * handed in, graded, the report kept), then the quiz quits. */
void iv_interrupt(tui_app *a);
/* 1 while the quiz waits for the grading of an interrupted interview. */
int iv_quitting(const tui_app *a);
/* The report on screen is of the interview just ended and could not be
 * kept in the state folder: tries once more; 1 when it still is not. */
int iv_report_unkept(tui_app *a);
/* Writes the report on screen as text (html 0) or HTML to the current
 * folder; 0, or -1 (the status line says why). */
int iv_report_export(tui_app *a, int html);
/* Keys are dropped for this long after the clock ends an interview. */
#define IV_KEY_GRACE_MS 1000

/* ---- tui_watch.c ---- */

/* Shows drill d and grades FILE each time it is saved; q quits. Returns 0
 * when the last grading passed, 1 otherwise, 2 when FILE's folder cannot
 * be watched (message on stderr). */
int tui_watch(catalog *c, drill *d, const char *file);

#endif
