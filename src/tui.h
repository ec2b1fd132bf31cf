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
#include <time.h>

#include "catalog.h"
#include "edbuf.h"
#include "grade.h"
#include "runner.h"
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
 * curses on the terminal. Returns 0, or -1 with *err. Installs handlers
 * that restore the terminal on SIGINT/TERM/HUP/QUIT and on crashes. */
int crt_init(char **err);
void crt_done(void);            /* idempotent; also called at exit */
attr_t crt_attr(crt_role r);
const char *crt_glyph(crt_glyph_id g);
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
/* Word-wraps text (paragraphs split on '\n') to width cells. */
void doc_wrap(tui_doc *d, crt_role r, int indent, int width, const char *text);
/* Adds source lines coloured by highlight_source() (or r when not available). */
void doc_code(tui_doc *d, crt_role r, int indent, const char *code, const unsigned char *cls);
/* Adds at most max lines of text (each cut to width), "... (k more lines)" after. */
void doc_trimmed(tui_doc *d, crt_role r, int indent, int width, const char *text, size_t max);
void doc_blank(tui_doc *d);
/* Draws lines [top, top+h) into rows y..y+h-1. */
void doc_draw(const tui_doc *d, WINDOW *w, int y, int h, size_t top);

/* ---- tui_grade.c: grading one answer without blocking the loop ---- */

typedef struct {
    drill *d;
    runner_task *task;     /* NULL when idle or graded synchronously */
    runner_job job;
    char *answer;          /* owned: the job borrows it */
    unsigned char *mask;   /* visible-tests-only mask, or NULL */
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
/* Adds a verdict to a doc the way the result screen shows it. */
void tui_doc_verdict(tui_doc *doc, const drill_verdict *v, const char *traceback, int width, int with_explanation);
crt_role tui_status_role(status s);

/* ---- tui_app.c: the quiz ---- */

enum { TUI_HANDLED = 1, TUI_REDRAW = 2, TUI_QUIT = 4 };
typedef enum { SCR_LIST, SCR_DRILL, SCR_RESULT, SCR_REPORT } tui_screen;
typedef enum { MODE_PRACTICE, MODE_INTERVIEW, MODE_REVIEW } tui_mode;

typedef struct {
    size_t drill;      /* index in the catalog */
    int answered;
    status st;
    double score;
    double secs;
} tui_iv_item;

typedef struct tui_app {
    catalog *cat;
    state st;
    tui_screen screen;
    tui_mode mode;
    int help;               /* help overlay shown */
    char *msg;              /* one-shot status line */
    /* confirmation prompt: y runs it */
    char *confirm;
    void (*confirm_fn)(struct tui_app *);
    int quit;

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
    unsigned choice_sel;    /* choice: bitmask of selected letters */
    size_t hints_shown;
    int retries;
    double opened_ms;
    size_t doc_top;
    size_t ed_top;
    int ed_left;
    unsigned char *code_cls;     /* highlight of the drill's code */
    char *ed_cache;              /* the text ed_cls was computed for */
    unsigned char *ed_cls;
    char *plan_err;
    tui_doc run_doc;             /* output of the last Ctrl-R */
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

    /* review / interview */
    size_t *queue;
    size_t nqueue, qpos;
    int count;
    double minutes;
    double iv_deadline_ms;
    double iv_start_ms;
    tui_iv_item *iv;
    size_t niv;
    int iv_done;
    size_t rep_top;
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
state_entry *app_entry(tui_app *a, const drill *d); /* NULL when never seen */
void app_save(tui_app *a);
void app_open_drill(tui_app *a, size_t di);
void app_close_drill(tui_app *a);        /* keeps the draft */
void app_next(tui_app *a);               /* next drill in the current mode */
void app_start_interview(tui_app *a);
void app_start_review(tui_app *a);
void app_draw_header(tui_app *a, WINDOW *w, const char *left);
void app_draw_footer(tui_app *a, WINDOW *w, const char *keys);
/* time(NULL), or $PYDRILL_NOW (seconds since the epoch) so tests can move
 * the clock of the review schedule. */
time_t app_now(void);

/* Screens: draw into stdscr, handle a key. */
void list_rebuild(tui_app *a);
void list_draw(tui_app *a, WINDOW *w);
int list_key(tui_app *a, int k);
void drill_draw(tui_app *a, WINDOW *w);
int drill_key(tui_app *a, int k);
void drill_graded(tui_app *a, drill_verdict *v); /* a grading finished */
int drill_typing(const tui_app *a);  /* keys go into a text box */
void result_draw(tui_app *a, WINDOW *w);
int result_key(tui_app *a, int k);
void report_draw(tui_app *a, WINDOW *w);
int report_key(tui_app *a, int k);
void iv_finish(tui_app *a);          /* ends the interview: report + history */
/* Appends one JSON object (a line, no newline) to history.jsonl in the
 * state folder; a failure becomes the status message. */
void app_history_add(tui_app *a, const char *json);
void help_draw(tui_app *a, WINDOW *w);

/* ---- tui_watch.c ---- */

/* Shows drill d and grades FILE each time it is saved; q quits. Returns 0
 * when the last grading passed, 1 otherwise, 2 when FILE's folder cannot
 * be watched (message on stderr). */
int tui_watch(catalog *c, drill *d, const char *file);

#endif
