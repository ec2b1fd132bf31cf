/* tui_crt.c - the only code that sets curses up and tears it down: locale
 * and glyphs, colours (or none: NO_COLOR, monochrome), signal handlers that
 * give the terminal back on every way out, suspending for $EDITOR, and
 * width-aware text drawing. */
#define _GNU_SOURCE
#include "tui.h"

#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "util.h"

static int crt_on;
static int crt_is_utf8;
static int crt_has_color;
static attr_t crt_attrs[R_COUNT];
static SCREEN *crt_screen;
static sbuf crt_pasted;

/* Bracketed paste: the terminal marks pasted text so that its newlines are
 * not Enter keys (which would auto-indent every line again). */
#define CRT_PASTE_ON "\033[?2004h"
#define CRT_PASTE_OFF "\033[?2004l"
#define CRT_KEY_PASTE_BEGIN (KEY_MAX + 1)
#define CRT_KEY_PASTE_END (KEY_MAX + 2)
/* a paste larger than this is cut (the rest is read and dropped) */
#define CRT_PASTE_MAX (1u << 20)

/* write(2), not stdio: it is also used from the signal handler */
static void crt_write(const char *s)
{
    size_t n = strlen(s);
    while (n > 0) {
        ssize_t w = write(STDOUT_FILENO, s, n);
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

static const char *const glyph_utf8[G_COUNT] = {
    [G_PASS] = "\u2713", [G_FAIL] = "\u2717", [G_NEW] = "\u00b7", [G_DUE] = "\u21bb",
    [G_SKIP] = "-", [G_BAR_FULL] = "\u2588", [G_BAR_EMPTY] = "\u2591", [G_HLINE] = "\u2500",
    [G_VLINE] = "\u2502", [G_CURSOR] = "\u25b6", [G_ELLIPSIS] = "\u2026",
    [G_SEEN] = "\u25d0", [G_RADIO_ON] = "(\u2022)", [G_RADIO_OFF] = "( )",
};
static const char *const glyph_ascii[G_COUNT] = {
    [G_PASS] = "+", [G_FAIL] = "x", [G_NEW] = ".", [G_DUE] = "~",
    [G_SKIP] = "-", [G_BAR_FULL] = "#", [G_BAR_EMPTY] = "-", [G_HLINE] = "-",
    [G_VLINE] = "|", [G_CURSOR] = ">", [G_ELLIPSIS] = "...",
    [G_SEEN] = "o", [G_RADIO_ON] = "(*)", [G_RADIO_OFF] = "( )",
};


const char *crt_glyph(crt_glyph_id g)
{
    return (crt_is_utf8 ? glyph_utf8 : glyph_ascii)[g];
}

int crt_utf8(void)
{
    return crt_is_utf8;
}

const char *crt_spinner(unsigned tick)
{
    static const char *const u[] = { "\u280b", "\u2819", "\u2839", "\u2838", "\u283c",
                                     "\u2834", "\u2826", "\u2827", "\u2807", "\u280f" };
    static const char *const a[] = { "|", "/", "-", "\\" };
    return crt_is_utf8 ? u[tick % ARRAY_SIZE(u)] : a[tick % ARRAY_SIZE(a)];
}

attr_t crt_attr(crt_role r)
{
    return r < R_COUNT ? crt_attrs[r] : A_NORMAL;
}

void crt_done(void)
{
    if (!crt_on)
        return;
    crt_on = 0;
    endwin();
    crt_write(CRT_PASTE_OFF);
    sbuf_release(&crt_pasted);
    if (crt_screen) {
        delscreen(crt_screen);
        crt_screen = NULL;
    }
}

/* endwin() is not async-signal-safe, but the process is ending and a
 * terminal left in raw mode is worse; htop makes the same trade. */
static void crt_fatal(int sig)
{
    if (crt_on) {
        crt_on = 0;
        endwin();
        crt_write(CRT_PASTE_OFF);
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void crt_setup_attrs(void)
{
    int color = has_colors() && !getenv("NO_COLOR");
    if (color && start_color() == ERR)
        color = 0;
    if (color && COLORS < 8)
        color = 0;
    crt_has_color = color;
    for (int i = 0; i < R_COUNT; i++)
        crt_attrs[i] = A_NORMAL;
    if (!color) {
        crt_attrs[R_HEADER] = A_REVERSE;
        crt_attrs[R_DIM] = A_DIM;
        crt_attrs[R_TITLE] = A_BOLD;
        crt_attrs[R_FAIL] = A_BOLD;
        crt_attrs[R_SELECT] = A_REVERSE;
        crt_attrs[R_KEY] = A_BOLD;
        crt_attrs[R_TOPIC] = A_BOLD | A_UNDERLINE;
        crt_attrs[R_WARN] = A_BOLD;
        crt_attrs[R_PY_KEYWORD] = A_BOLD;
        crt_attrs[R_PY_DEFNAME] = A_UNDERLINE;
        crt_attrs[R_PY_COMMENT] = A_DIM;
        return;
    }
    use_default_colors();
    struct { crt_role r; short fg, bg; attr_t extra; } map[] = {
        { R_HEADER, COLOR_BLACK, COLOR_CYAN, 0 },
        { R_DIM, COLOR_WHITE, -1, A_DIM },
        { R_TITLE, COLOR_YELLOW, -1, A_BOLD },
        { R_PASS, COLOR_GREEN, -1, A_BOLD },
        { R_FAIL, COLOR_RED, -1, A_BOLD },
        { R_DUE, COLOR_YELLOW, -1, 0 },
        { R_SELECT, COLOR_BLACK, COLOR_WHITE, 0 },
        { R_KEY, COLOR_CYAN, -1, A_BOLD },
        { R_TOPIC, COLOR_MAGENTA, -1, A_BOLD },
        { R_BAR, COLOR_GREEN, -1, 0 },
        { R_WARN, COLOR_YELLOW, -1, A_BOLD },
        { R_PY_KEYWORD, COLOR_MAGENTA, -1, A_BOLD },
        { R_PY_BUILTIN, COLOR_CYAN, -1, 0 },
        { R_PY_STRING, COLOR_GREEN, -1, 0 },
        { R_PY_NUMBER, COLOR_YELLOW, -1, 0 },
        { R_PY_COMMENT, COLOR_BLUE, -1, A_BOLD },
        { R_PY_DEFNAME, COLOR_BLUE, -1, A_BOLD },
        { R_PY_OP, -1, -1, 0 },
    };
    for (size_t i = 0; i < ARRAY_SIZE(map); i++) {
        short pair = (short)(i + 1);
        init_pair(pair, map[i].fg, map[i].bg);
        crt_attrs[map[i].r] = COLOR_PAIR(pair) | map[i].extra;
    }
}

int crt_init(char **err)
{
    setlocale(LC_ALL, "");
    const char *cs = nl_langinfo(CODESET);
    crt_is_utf8 = cs && (!strcasecmp(cs, "UTF-8") || !strcasecmp(cs, "utf8"));
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        *err = xstrdup("the quiz needs a terminal (stdin and stdout)");
        return -1;
    }
    if (!getenv("ESCDELAY"))
        set_escdelay(25);
    crt_screen = newterm(NULL, stdout, stdin);
    if (!crt_screen) {
        const char *t = getenv("TERM");
        *err = xasprintf("cannot use the terminal (TERM=%s)", t ? t : "");
        return -1;
    }
    set_term(crt_screen);
    crt_on = 1;
    atexit(crt_done);
    int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL };
    for (size_t i = 0; i < ARRAY_SIZE(sigs); i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = crt_fatal;
        sigaction(sigs[i], &sa, NULL);
    }
    /* raw: Ctrl-S, Ctrl-Z, Ctrl-C arrive as keys, not as flow control and signals */
    raw();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    curs_set(0);
    crt_setup_attrs();
    define_key("\033[200~", CRT_KEY_PASTE_BEGIN);
    define_key("\033[201~", CRT_KEY_PASTE_END);
    crt_write(CRT_PASTE_ON);
    return 0;
}

const char *crt_paste(void)
{
    return crt_pasted.buf ? crt_pasted.buf : "";
}

/* Reads the pasted text up to the end marker, waiting for the rest of a
 * paste the terminal sends in pieces (a second without any: it is over). */
static void crt_read_paste(void)
{
    sbuf_reset(&crt_pasted);
    wtimeout(stdscr, 1000);
    for (;;) {
        wint_t wc;
        int r = wget_wch(stdscr, &wc);
        if (r == ERR || (r == KEY_CODE_YES && wc == CRT_KEY_PASTE_END))
            break;
        char mb[MB_LEN_MAX];
        size_t n = 0;
        if (r == KEY_CODE_YES) {
            /* keypad() may have turned pasted bytes into keys */
            if (wc == KEY_ENTER)
                mb[n++] = '\r';
            else if (wc == KEY_BACKSPACE)
                mb[n++] = 0x7f;
        } else {
            mbstate_t st;
            memset(&st, 0, sizeof st);
            n = wcrtomb(mb, (wchar_t)wc, &st);
            if (n == (size_t)-1)
                n = 0;
        }
        if (crt_pasted.len + n <= CRT_PASTE_MAX)
            sbuf_add(&crt_pasted, mb, n);
    }
    nodelay(stdscr, TRUE);
}

/* ---- escape sequences the terminal description does not name ----
 *
 * keypad() knows only the sequences of $TERM's terminfo entry. Inside tmux
 * or screen with TERM=xterm-256color (common over ssh), Home arrives as
 * ESC [ 1 ~ rather than terminfo's ESC O H, and curses hands over ESC,
 * '[', '1', '~' one by one: an Esc that leaves the drill, then letters
 * that act on the list. So a CSI (ESC [) or SS3 (ESC O) sequence is read
 * whole here, decoded when it is a usual variant of a key we use, and
 * otherwise swallowed. ESC followed by anything else stays an Esc. */

/* the longest sequence read; anything longer is swallowed */
#define CRT_SEQ_MAX 32
/* how long the rest of a sequence may take to arrive */
#define CRT_SEQ_WAIT_MS 50

static int crt_csi_tilde(int n)
{
    switch (n) {
    case 1: case 7: return TK(KEY_HOME);
    case 4: case 8: return TK(KEY_END);
    case 5: return TK(KEY_PPAGE);
    case 6: return TK(KEY_NPAGE);
    case 3: return TK(KEY_DC);
    case 11: return TK(KEY_F(1));
    case 200: return TK_PASTE;
    default: return 0;
    }
}

static int crt_final_key(int c)
{
    switch (c) {
    case 'A': return TK(KEY_UP);
    case 'B': return TK(KEY_DOWN);
    case 'C': return TK(KEY_RIGHT);
    case 'D': return TK(KEY_LEFT);
    case 'H': return TK(KEY_HOME);
    case 'F': return TK(KEY_END);
    case 'P': return TK(KEY_F(1));
    default: return 0;
    }
}

int crt_decode_seq(const char *seq, size_t n)
{
    if (n < 2 || (seq[0] != '[' && seq[0] != 'O'))
        return 0;
    int final = (unsigned char)seq[n - 1];
    if (seq[0] == 'O') {
        /* SS3: ESC O [modifier digits] final; keypad Enter is ESC O M */
        for (size_t i = 1; i + 1 < n; i++)
            if (seq[i] < '0' || seq[i] > '9')
                return 0;
        return final == 'M' ? '\n' : crt_final_key(final);
    }
    /* CSI: parameters (digits and ';') then one final byte; a private
     * marker (<, =, >, ?) belongs to replies and mouse reports, never to
     * a key we use */
    int first = 0, nparams = 1;
    for (size_t i = 1; i + 1 < n; i++) {
        char c = seq[i];
        if (c == ';')
            nparams++;
        else if (c >= '0' && c <= '9') {
            if (nparams == 1 && first < 100000)
                first = first * 10 + (c - '0');
        } else
            return 0;
    }
    if (final == '~')
        return crt_csi_tilde(first);
    /* ESC [ A, ESC [ 1 ; 5 A (with a modifier): the key, modifier dropped */
    if (first > 1 || nparams > 2)
        return 0;
    return crt_final_key(final);
}

/* After an ESC: reads the rest of a CSI or SS3 sequence and decodes it.
 * Returns the key, 0 when swallowed, or TK_ESC when no sequence follows. */
static int crt_read_seq(void)
{
    char seq[CRT_SEQ_MAX];
    size_t n = 0;
    wint_t wc;
    int r = wget_wch(stdscr, &wc);
    if (r == ERR)
        return TK_ESC;
    if (r != OK || (wc != '[' && wc != 'O')) {
        /* Alt+key, or an Esc typed just before another key */
        if (r == KEY_CODE_YES)
            ungetch((int)wc);
        else
            unget_wch((wchar_t)wc);
        return TK_ESC;
    }
    seq[n++] = (char)wc;
    wtimeout(stdscr, CRT_SEQ_WAIT_MS);
    int done = 0;
    while (!done) {
        r = wget_wch(stdscr, &wc);
        if (r != OK)
            break; /* cut short: swallow what came */
        if (n < CRT_SEQ_MAX)
            seq[n++] = wc < 0x80 ? (char)wc : '?';
        /* CSI ends with a byte in 0x40..0x7e; SS3 with any letter */
        if (seq[0] == '[' ? (wc >= 0x40 && wc <= 0x7e) : ((wc >= 'A' && wc <= 'Z') || (wc >= 'a' && wc <= 'z')))
            done = 1;
    }
    nodelay(stdscr, TRUE);
    if (!done || n >= CRT_SEQ_MAX)
        return 0;
    int k = crt_decode_seq(seq, n);
    if (k == TK_PASTE)
        crt_read_paste();
    return k;
}

/* keypad() hands over keys terminfo names beyond the standard ones (kUP5:
 * Ctrl-Up, kHOM3: Alt-Home, ...) with codes of their own: the plain key. */
static int crt_extended_key(int code)
{
    static const struct { const char *prefix; int key; } map[] = {
        { "kUP", KEY_UP }, { "kDN", KEY_DOWN }, { "kLFT", KEY_LEFT }, { "kRIT", KEY_RIGHT },
        { "kHOM", KEY_HOME }, { "kEND", KEY_END }, { "kPRV", KEY_PPAGE }, { "kNXT", KEY_NPAGE },
        { "kDC", KEY_DC },
    };
    const char *name = keyname(code);
    if (!name)
        return 0;
    for (size_t i = 0; i < ARRAY_SIZE(map); i++)
        if (!strncmp(name, map[i].prefix, strlen(map[i].prefix)))
            return TK(map[i].key);
    return 0;
}

/* Shifted keys move as the plain ones (Shift-Up/Down, KEY_SR/KEY_SF, are
 * kept: they scroll the question). */
static int crt_unshift(int k)
{
    switch (k) {
    case KEY_SHOME: return KEY_HOME;
    case KEY_SEND: return KEY_END;
    case KEY_SLEFT: return KEY_LEFT;
    case KEY_SRIGHT: return KEY_RIGHT;
    case KEY_SPREVIOUS: return KEY_PPAGE;
    case KEY_SNEXT: return KEY_NPAGE;
    case KEY_SDC: return KEY_DC;
    default: return k;
    }
}

int crt_key(void)
{
    for (;;) {
        wint_t wc;
        int r;
        /* an end marker without a beginning means nothing */
        while ((r = wget_wch(stdscr, &wc)) == KEY_CODE_YES && wc == CRT_KEY_PASTE_END)
            ;
        if (r == ERR)
            return 0;
        if (r == KEY_CODE_YES && wc == CRT_KEY_PASTE_BEGIN) {
            crt_read_paste();
            return TK_PASTE;
        }
        if (r == KEY_CODE_YES) {
            if ((int)wc > KEY_MAX) {
                int k = crt_extended_key((int)wc);
                if (!k)
                    continue; /* a key we have no use for */
                return k;
            }
            return TK(crt_unshift((int)wc));
        }
        if (wc == '\r')
            return '\n';
        if (wc == TK_ESC) {
            int k = crt_read_seq();
            if (!k)
                continue; /* an unknown sequence, swallowed whole */
            return k;
        }
        return (int)wc;
    }
}

void crt_suspend(void)
{
    def_prog_mode();
    endwin();
    crt_write(CRT_PASTE_OFF);
}

void crt_resume(void)
{
    reset_prog_mode();
    clearok(curscr, TRUE);
    refresh();
    crt_write(CRT_PASTE_ON);
}

/* One character of s: its bytes, cells, and what to draw (s itself, or "?"). */
static size_t crt_char(const char *s, size_t len, int *cells, int *ok)
{
    mbstate_t st;
    memset(&st, 0, sizeof st);
    wchar_t wc;
    size_t n = mbrtowc(&wc, s, len, &st);
    if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
        *cells = 1;
        *ok = 0;
        return 1;
    }
    int w = wcwidth(wc);
    if (w < 0 || wc == '\t') {
        *cells = 1;
        *ok = 0;
        return n;
    }
    *cells = w;
    *ok = 1;
    return n;
}

int crt_width(const char *s, size_t n)
{
    int cells = 0;
    size_t i = 0;
    while (i < n) {
        int c, ok;
        i += crt_char(s + i, n - i, &c, &ok);
        cells += c;
    }
    return cells;
}

int crt_put(WINDOW *w, int y, int x, int maxw, const char *s, size_t len, attr_t a)
{
    int used = 0;
    size_t i = 0;
    wattr_set(w, a, PAIR_NUMBER(a), NULL);
    wmove(w, y, x);
    while (i < len && used < maxw) {
        int c, ok;
        size_t n = crt_char(s + i, len - i, &c, &ok);
        if (used + c > maxw)
            break;
        if (ok)
            waddnstr(w, s + i, (int)n);
        else
            waddch(w, s[i] == '\t' ? ' ' : '?');
        used += c;
        i += n;
    }
    wattr_set(w, A_NORMAL, 0, NULL);
    return used;
}

int crt_puts(WINDOW *w, int y, int x, int maxw, const char *s, attr_t a)
{
    return crt_put(w, y, x, maxw, s, strlen(s), a);
}

void crt_fill(WINDOW *w, int y, int x, attr_t a)
{
    int h, wd;
    getmaxyx(w, h, wd);
    (void)h;
    wattr_set(w, a, PAIR_NUMBER(a), NULL);
    for (int i = x; i < wd; i++)
        mvwaddch(w, y, i, ' ');
    wattr_set(w, A_NORMAL, 0, NULL);
}

void crt_draw_too_small(WINDOW *w)
{
    int h, wd;
    getmaxyx(w, h, wd);
    werase(w);
    char l1[64], l2[64];
    snprintf(l1, sizeof l1, "Terminal too small: %dx%d", wd, h);
    snprintf(l2, sizeof l2, "need %dx%d", TUI_MIN_W, TUI_MIN_H);
    const char *l3 = "q quits";
    if (h > 0)
        crt_puts(w, 0, 0, wd, l1, crt_attr(R_WARN));
    if (h > 1)
        crt_puts(w, 1, 0, wd, l2, A_NORMAL);
    if (h > 2)
        crt_puts(w, 2, 0, wd, l3, crt_attr(R_DIM));
}
