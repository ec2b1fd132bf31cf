/* textdiff.c - where two texts that print alike differ (textdiff.h). */
#include "textdiff.h"

#include <stdint.h>
#include <string.h>

#include "util.h"

static int is_continuation(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* The code point at s (n > 0 bytes left) and its length; a byte that
 * starts no valid sequence is one character of its own. */
static size_t next_cp(const char *s, size_t n, uint32_t *cp)
{
    size_t k = util_utf8_decode((const unsigned char *)s, n, cp, 0);
    if (k)
        return k;
    *cp = (unsigned char)*s;
    return 1;
}

/* 1 if the stretch may not read as itself: it holds a control character
 * (a tab), one outside ASCII, or only spaces (one space more or less). */
static int hides(const char *s, size_t n)
{
    size_t spaces = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < ' ' || c >= 0x7F)
            return 1;
        spaces += c == ' ';
    }
    return n && spaces == n;
}

static void spell(sbuf *sb, const char *s, size_t n)
{
    if (!n) {
        sbuf_addstr(sb, "nothing");
        return;
    }
    size_t shown = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = next_cp(s + i, n - i, &cp);
        if (shown == TEXTDIFF_SHOWN) {
            sbuf_addstr(sb, " ...");
            return;
        }
        sbuf_addf(sb, "%sU+%04X", shown ? " " : "", (unsigned)cp);
        shown++;
        i += k;
    }
}

char *textdiff_hidden(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t min = alen < blen ? alen : blen, pre = 0, suf = 0;
    while (pre < min && a[pre] == b[pre])
        pre++;
    if (pre == alen && pre == blen)
        return NULL;
    /* the stretches start and end on whole characters */
    while (pre > 0 && ((pre < alen && is_continuation((unsigned char)a[pre])) ||
                       (pre < blen && is_continuation((unsigned char)b[pre]))))
        pre--;
    while (suf < min - pre && a[alen - 1 - suf] == b[blen - 1 - suf])
        suf++;
    while (suf > 0 && (is_continuation((unsigned char)a[alen - suf]) ||
                       is_continuation((unsigned char)b[blen - suf])))
        suf--;
    const char *da = a + pre, *db = b + pre;
    size_t na = alen - pre - suf, nb = blen - pre - suf;
    if (!hides(da, na) && !hides(db, nb))
        return NULL;
    size_t column = 1;
    for (size_t i = 0; i < pre;) {
        uint32_t cp;
        i += next_cp(a + i, pre - i, &cp);
        column++;
    }
    sbuf sb;
    sbuf_init(&sb);
    sbuf_addf(&sb, "differs at column %zu: ", column);
    spell(&sb, da, na);
    sbuf_addstr(&sb, " vs ");
    spell(&sb, db, nb);
    return sbuf_detach(&sb, NULL);
}
