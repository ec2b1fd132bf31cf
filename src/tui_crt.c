/* tui_crt.c - the only code that sets curses up and tears it down: locale
 * and glyphs, colours (or none: NO_COLOR, monochrome), signal handlers that
 * give the terminal back on every way out, suspending for $EDITOR, and
 * width-aware text drawing. */
#define _GNU_SOURCE
#include "tui.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <limits.h>
#include <stdint.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <termcap.h>
#include <unistd.h>
#include <wchar.h>

#include "util.h"

static int crt_on;
static int crt_is_utf8;
static int crt_has_color;
static attr_t crt_attrs[R_COUNT];
static SCREEN *crt_screen;
static sbuf crt_pasted;
/* what the last keys need said (a byte that was not text, a paste cut):
 * taken by the loop once the keys of a burst are handled */
static sbuf crt_noted;
/* SIGHUP, SIGTERM or SIGINT: the signal, set by crt_leave_sig; the loops
 * leave as Ctrl-C does once they see it (through crt_sig_pipe's byte, as
 * poll() may have started just before the signal came) */
static volatile sig_atomic_t crt_sig;
static int crt_sig_pipe[2] = { -1, -1 };
/* bytes and keys read ahead of the one wanted, newest last */
static int crt_back[64];
static size_t crt_nback;

/* Bracketed paste: the terminal marks pasted text so that its newlines are
 * not Enter keys (which would auto-indent every line again). */
#define CRT_PASTE_ON "\033[?2004h"
#define CRT_PASTE_OFF "\033[?2004l"
#define CRT_KEY_PASTE_BEGIN (KEY_MAX + 1)
#define CRT_KEY_PASTE_END (KEY_MAX + 2)
/* a paste larger than this is cut after its last whole line (the rest is
 * read and dropped, and the screen says so) */
#define CRT_PASTE_MAX (1u << 20)
/* how long the rest of a character (its UTF-8 or locale bytes) may take */
#define CRT_CHAR_WAIT_MS 50

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
    [G_CONT] = "\u21aa", [G_MORE_LEFT] = "\u2039", [G_MORE_RIGHT] = "\u203a",
};
static const char *const glyph_ascii[G_COUNT] = {
    [G_PASS] = "+", [G_FAIL] = "x", [G_NEW] = ".", [G_DUE] = "~",
    [G_SKIP] = "-", [G_BAR_FULL] = "#", [G_BAR_EMPTY] = "-", [G_HLINE] = "-",
    [G_VLINE] = "|", [G_CURSOR] = ">", [G_ELLIPSIS] = "...",
    [G_SEEN] = "o", [G_RADIO_ON] = "(*)", [G_RADIO_OFF] = "( )",
    [G_CONT] = ">", [G_MORE_LEFT] = "<", [G_MORE_RIGHT] = ">",
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
    /* after SIGHUP the terminal may be gone or no longer read: what is
     * written to give it back must not wait for a reader (a hung-up tty
     * fails at once; a stalled one would block for ever). The flags are
     * the open file's, shared with the shell: put back after. */
    int fl = crt_sig == SIGHUP ? fcntl(STDOUT_FILENO, F_GETFL) : -1;
    if (fl >= 0)
        fcntl(STDOUT_FILENO, F_SETFL, fl | O_NONBLOCK);
    endwin();
    crt_write(CRT_PASTE_OFF);
    if (fl >= 0)
        fcntl(STDOUT_FILENO, F_SETFL, fl);
    sbuf_release(&crt_pasted);
    sbuf_release(&crt_noted);
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

/* SIGHUP (the terminal closed), SIGTERM, SIGINT sent with kill: nothing
 * but a note here; the loop leaves through its way out, as on Ctrl-C
 * (drafts kept, an interview's report kept), without asking anything. */
static void crt_leave_sig(int sig)
{
    int saved = errno;
    if (!crt_sig)
        crt_sig = sig;
    if (crt_sig_pipe[1] >= 0) {
        ssize_t w = write(crt_sig_pipe[1], "s", 1);
        (void)w; /* a full pipe already says it */
    }
    errno = saved;
}

int crt_signalled(void)
{
    return crt_sig;
}

int crt_signal_fd(void)
{
    return crt_sig_pipe[0];
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

/* Why newterm() refused TERM, and what to do about it. */
static char *crt_term_refused(void)
{
    const char *t = getenv("TERM");
    if (!t || !*t)
        return xstrdup("cannot use the terminal: TERM is not set; run with TERM=xterm-256color (or the name "
                       "of your terminal)");
    /* the termcap call: it says "no entry" (0) apart from "no database"
     * (-1) without term.h, whose capability macros clash with names here */
    char buf[2048];
    int e = tgetent(buf, t);
    if (e > 0)
        return xasprintf("cannot use the terminal (TERM=%s)", t); /* known after all: something else failed */
    if (e == -1)
        return xasprintf("cannot use the terminal (TERM=%s): no terminfo database was found; install "
                         "ncurses-base, or run with TERM=xterm-256color",
                         t);
    return xasprintf("cannot use the terminal (TERM=%s): no terminfo entry for %s here; install ncurses-term "
                     "(apt-get install ncurses-term), or run with TERM=xterm-256color",
                     t, t);
}

int crt_init(const char *what, char **err)
{
    setlocale(LC_ALL, "");
    setlocale(LC_NUMERIC, "C"); /* as main() has it: see there */
    const char *cs = nl_langinfo(CODESET);
    crt_is_utf8 = cs && (!util_ascii_casecmp(cs, "UTF-8") || !util_ascii_casecmp(cs, "utf8"));
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        *err = xasprintf("%s needs a terminal (stdin and stdout)", what);
        return -1;
    }
    if (!getenv("ESCDELAY"))
        set_escdelay(25);
    /* curses (and an $EDITOR started from here) takes LINES and COLUMNS
     * over the terminal's own size: an exported value is stale at the
     * first resize, and the quiz was drawn at it for good */
    unsetenv("LINES");
    unsetenv("COLUMNS");
    crt_screen = newterm(NULL, stdout, stdin);
    if (!crt_screen) {
        *err = crt_term_refused();
        return -1;
    }
    set_term(crt_screen);
    /* TERM=dumb (or any entry without cursor addressing) would leave a
     * blank screen that only scrolls: refused as an unknown TERM is */
    const char *cup = tigetstr("cup");
    if (!cup || cup == (char *)-1) {
        endwin();
        delscreen(crt_screen);
        crt_screen = NULL;
        const char *t = getenv("TERM");
        *err = xasprintf("cannot use the terminal (TERM=%s): it cannot move the cursor (its terminfo entry has "
                         "no \"cup\" capability); run the quiz in a full-screen terminal",
                         t ? t : "");
        return -1;
    }
    crt_on = 1;
    atexit(crt_done);
    crt_sig = 0;
    if (crt_sig_pipe[0] < 0 && pipe2(crt_sig_pipe, O_CLOEXEC | O_NONBLOCK) < 0)
        crt_sig_pipe[0] = crt_sig_pipe[1] = -1; /* then poll()'s timeout is the only wake-up */
    int leave[] = { SIGINT, SIGTERM, SIGHUP };
    for (size_t i = 0; i < ARRAY_SIZE(leave); i++) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = crt_leave_sig; /* no SA_RESTART: a wait in progress sees EINTR */
        sigaction(leave[i], &sa, NULL);
    }
    int sigs[] = { SIGQUIT, SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL };
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

char *crt_take_note(void)
{
    if (!crt_noted.len)
        return NULL;
    return sbuf_detach(&crt_noted, NULL);
}

static void crt_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void crt_note(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    /* the same words once, however many keys said them */
    if (!crt_noted.buf || !strstr(crt_noted.buf, s)) {
        if (crt_noted.len)
            sbuf_addstr(&crt_noted, " ");
        sbuf_addstr(&crt_noted, s);
    }
    free(s);
}

/* ---- bytes in ----
 *
 * Keys are read byte by byte (wgetch, keypad() still turning the
 * terminal's sequences into KEY_ codes) and decoded here, not by
 * wget_wch: on a byte that is not a character of the locale, wget_wch
 * reads on into its buffer and returns ERR, and everything it took is
 * lost (under LANG=C, typing "xé12345678" left "x"). Here a character is
 * decoded in the locale's encoding, else as UTF-8 (what terminals send,
 * whatever LANG says), else it is one byte that is no text: it becomes
 * U+FFFD and a note says so. Nothing after it is ever dropped. */

/* The next byte (0..255) or KEY_ code, waiting up to wait_ms (0: only what
 * has arrived); -1 when none. */
static int crt_getc(int wait_ms)
{
    if (crt_nback)
        return crt_back[--crt_nback];
    if (wait_ms > 0)
        wtimeout(stdscr, wait_ms);
    int c = wgetch(stdscr);
    if (wait_ms > 0)
        nodelay(stdscr, TRUE);
    return c == ERR ? -1 : c;
}

static void crt_ungetc(int c)
{
    if (c >= 0 && crt_nback < ARRAY_SIZE(crt_back))
        crt_back[crt_nback++] = c;
}

void crt_flush_input(void)
{
    crt_nback = 0;
    flushinp();
}

enum { CRT_CH_OK, CRT_CH_FOREIGN, CRT_CH_BAD };

/* The bytes a UTF-8 sequence that starts with c takes, 0 when c starts none. */
static size_t crt_utf8_len(unsigned char c)
{
    return c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
}

/* Decodes the character at p (n bytes): its code point in *cp and how it
 * was read (CRT_CH_FOREIGN: valid UTF-8 the locale's encoding does not
 * have; CRT_CH_BAD: one byte that is no character, *cp U+FFFD). Returns
 * the bytes taken, or 0 when more bytes could complete it and !final. */
static size_t crt_decode(const unsigned char *p, size_t n, int final, uint32_t *cp, int *how)
{
    *how = CRT_CH_OK;
    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    if (!crt_is_utf8) {
        mbstate_t st;
        memset(&st, 0, sizeof st);
        wchar_t wc;
        size_t r = mbrtowc(&wc, (const char *)p, n, &st);
        if (r != (size_t)-1 && r != (size_t)-2 && r > 0) {
            /* glibc's wchar_t is the code point (__STDC_ISO_10646__) */
            *cp = (uint32_t)wc;
            return r;
        }
        if (r == (size_t)-2 && !final && n < MB_CUR_MAX)
            return 0;
    }
    size_t k = crt_utf8_len(p[0]);
    if (k && n < k && !final) {
        size_t i = 1;
        while (i < n && (p[i] & 0xC0) == 0x80)
            i++;
        if (i == n)
            return 0;
    }
    if (k && n >= k && util_utf8_decode(p, k, cp, 0) == k) {
        *how = crt_is_utf8 ? CRT_CH_OK : CRT_CH_FOREIGN;
        return k;
    }
    *cp = 0xFFFD;
    *how = CRT_CH_BAD;
    return 1;
}

static void crt_note_char(int how, size_t bad)
{
    const char *cs = nl_langinfo(CODESET);
    if (how == CRT_CH_BAD && bad == 1)
        crt_note("A byte that is no character (in %s) came in as %s.", cs ? cs : "?",
                 crt_is_utf8 ? "\xEF\xBF\xBD (U+FFFD)" : "U+FFFD, shown as ?");
    else if (how == CRT_CH_BAD)
        crt_note("%zu bytes that are no characters (in %s) came in as %s.", bad, cs ? cs : "?",
                 crt_is_utf8 ? "\xEF\xBF\xBD (U+FFFD)" : "U+FFFD, shown as ?");
    else if (how == CRT_CH_FOREIGN)
        crt_note("Kept as typed (UTF-8), shown as ?: this locale (%s) cannot show it.", cs ? cs : "?");
}

/* The character whose first byte b (>= 0x80) was just read. */
static int crt_read_char(int b)
{
    unsigned char buf[8];
    size_t n = 0;
    buf[n++] = (unsigned char)b;
    uint32_t cp;
    int how;
    size_t took;
    for (;;) {
        int final = n >= sizeof buf;
        took = crt_decode(buf, n, final, &cp, &how);
        if (took)
            break;
        int c = crt_getc(CRT_CHAR_WAIT_MS);
        if (c < 0 || c > 0xFF) {
            /* cut short by silence or a key: what came is decoded as it is */
            crt_ungetc(c);
            took = crt_decode(buf, n, 1, &cp, &how);
            break;
        }
        buf[n++] = (unsigned char)c;
    }
    /* bytes read past the character are the next keys' */
    while (n > took)
        crt_ungetc(buf[--n]);
    if (how != CRT_CH_OK)
        crt_note_char(how, 1);
    return (int)cp;
}

/* Reads the pasted text up to the end marker, waiting for the rest of a
 * paste the terminal sends in pieces (a second without any: it is over),
 * then makes it UTF-8 as typed keys are. Past CRT_PASTE_MAX bytes the rest
 * is read and dropped, the text cut after its last whole line, and a note
 * says so. */
static void crt_read_paste(void)
{
    sbuf raw;
    sbuf_init(&raw);
    size_t dropped = 0;
    int resized = 0;
    for (;;) {
        int c = crt_getc(1000);
        if (c < 0 || c == CRT_KEY_PASTE_END)
            break;
        char ch;
        if (c > 0xFF) {
            /* keypad() may have turned pasted bytes into keys */
            if (c == KEY_ENTER)
                ch = '\r';
            else if (c == KEY_BACKSPACE)
                ch = 0x7f;
            else {
                resized |= c == KEY_RESIZE;
                continue;
            }
        } else {
            ch = (char)c;
        }
        if (raw.len < CRT_PASTE_MAX)
            sbuf_addch(&raw, ch);
        else
            dropped++;
    }
    sbuf_reset(&crt_pasted);
    size_t bad = 0, foreign = 0;
    const unsigned char *p = (const unsigned char *)(raw.buf ? raw.buf : "");
    size_t i = 0, n = raw.len;
    while (i < n) {
        uint32_t cp;
        int how;
        size_t k = crt_decode(p + i, n - i, 1, &cp, &how);
        char mb[4];
        sbuf_add(&crt_pasted, mb, util_utf8_encode(cp, mb));
        bad += how == CRT_CH_BAD;
        foreign += how == CRT_CH_FOREIGN;
        i += k;
    }
    sbuf_release(&raw);
    if (resized)
        crt_ungetc(KEY_RESIZE); /* the screen is redrawn after the paste */
    if (bad)
        crt_note_char(CRT_CH_BAD, bad);
    if (foreign)
        crt_note_char(CRT_CH_FOREIGN, foreign);
    if (dropped) {
        /* a line cut in the middle would be a line nobody wrote */
        size_t keep = crt_pasted.len;
        while (keep > 0 && crt_pasted.buf[keep - 1] != '\r' && crt_pasted.buf[keep - 1] != '\n')
            keep--;
        size_t cut = keep ? crt_pasted.len - keep : 0;
        if (keep == 0) {
            /* one long line: cut where the limit fell, and say so */
            crt_note("The paste was over %u MiB in one line: its first %zu bytes went in; the rest (%zu bytes) "
                     "was dropped.",
                     CRT_PASTE_MAX >> 20, crt_pasted.len, dropped);
            return;
        }
        size_t lines = 0;
        for (size_t j = 0; j < keep; j++)
            lines += crt_pasted.buf[j] == '\r' || (crt_pasted.buf[j] == '\n' && (!j || crt_pasted.buf[j - 1] != '\r'));
        crt_pasted.len = keep;
        crt_pasted.buf[keep] = '\0';
        crt_note("The paste was over %u MiB: its first %zu line%s went in; the rest (%zu bytes) was dropped.",
                 CRT_PASTE_MAX >> 20, lines, lines == 1 ? "" : "s", dropped + cut);
    }
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
    int c = crt_getc(0);
    if (c < 0)
        return TK_ESC;
    if (c != '[' && c != 'O') {
        /* Alt+key, or an Esc typed just before another key */
        crt_ungetc(c);
        return TK_ESC;
    }
    seq[n++] = (char)c;
    int done = 0;
    while (!done) {
        c = crt_getc(CRT_SEQ_WAIT_MS);
        if (c < 0 || c > 0xFF)
            break; /* cut short: swallow what came */
        if (n < CRT_SEQ_MAX)
            seq[n++] = c < 0x80 ? (char)c : '?';
        /* CSI ends with a byte in 0x40..0x7e; SS3 with any letter */
        if (seq[0] == '[' ? (c >= 0x40 && c <= 0x7e) : ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
            done = 1;
    }
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
        int c;
        /* an end marker without a beginning means nothing */
        while ((c = crt_getc(0)) == CRT_KEY_PASTE_END)
            ;
        if (c < 0)
            return 0;
        if (c == CRT_KEY_PASTE_BEGIN) {
            crt_read_paste();
            return TK_PASTE;
        }
        if (c == KEY_RESIZE) {
            /* the terminal may have moved or dropped what it showed (tmux
             * reflows its rows; resizes that came during a paste were
             * taken in only after it): the next frame repaints every cell,
             * not just what curses thinks has changed */
            clearok(curscr, TRUE);
        }
        if (c > 0xFF) {
            if (c > KEY_MAX) {
                int k = crt_extended_key(c);
                if (!k)
                    continue; /* a key we have no use for */
                return k;
            }
            return TK(crt_unshift(c));
        }
        if (c == '\r')
            return '\n';
        if (c == TK_ESC) {
            int k = crt_read_seq();
            if (!k)
                continue; /* an unknown sequence, swallowed whole */
            return k;
        }
        if (c >= 0x80)
            return crt_read_char(c);
        return c;
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
