/* printed.c - comparing printed output (SPEC 3.2). Both sides go through
 * the same normalisation, so what a reader would call the same text (a
 * Windows line end, a trailing space, a closing blank line) is the same. */
#include "printed.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static int is_trail_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* The white space str.isspace() knows beyond ASCII's, in UTF-8: U+0085,
 * U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000
 * (a no-break space an answer prints is white space to a reader too). */
static size_t wide_space_at_end(const char *s, size_t start, size_t end)
{
    const unsigned char *u = (const unsigned char *)s;
    if (end - start >= 2 && u[end - 2] == 0xC2 && (u[end - 1] == 0x85 || u[end - 1] == 0xA0))
        return 2;
    if (end - start < 3)
        return 0;
    unsigned a = u[end - 3], b = u[end - 2], c = u[end - 1];
    if ((a == 0xE1 && b == 0x9A && c == 0x80) || (a == 0xE3 && b == 0x80 && c == 0x80) ||
        (a == 0xE2 && b == 0x80 && ((c >= 0x80 && c <= 0x8A) || c == 0xA8 || c == 0xA9 || c == 0xAF)) ||
        (a == 0xE2 && b == 0x81 && c == 0x9F))
        return 3;
    return 0;
}

/* Where a line's text ends once its trailing white space is dropped (SPEC
 * 3.2: white space as Python's str.isspace() has it). */
static size_t trim_line_end(const char *s, size_t start, size_t end)
{
    for (;;) {
        if (end > start && (is_trail_space(s[end - 1]) || (s[end - 1] >= 0x1C && s[end - 1] <= 0x1F))) {
            end--;
            continue;
        }
        size_t w = wide_space_at_end(s, start, end);
        if (!w)
            return end;
        end -= w;
    }
}

char *printed_normalize(const char *s, size_t len, size_t *outlen)
{
    sbuf sb;
    sbuf_init(&sb);
    size_t pending_blank = 0; /* blank lines seen since the last non-blank */
    int any = 0;
    size_t i = 0;
    while (s && i < len) {
        size_t start = i;
        while (i < len && s[i] != '\n')
            i++;
        size_t end = i;
        if (i < len)
            i++; /* the '\n' */
        /* dropping trailing white space also drops the '\r' of "\r\n" */
        end = trim_line_end(s, start, end);
        if (end == start) {
            pending_blank++;
            continue;
        }
        if (any) {
            /* blank lines between two non-blank ones are kept */
            for (size_t k = 0; k <= pending_blank; k++)
                sbuf_addch(&sb, '\n');
        }
        pending_blank = 0;
        any = 1;
        sbuf_add(&sb, s + start, end - start);
    }
    char *r = sbuf_detach(&sb, outlen);
    sbuf_release(&sb);
    return r;
}


/* Splits normalised text into lines (0 lines for ""); caller frees. */
static printed_line *split_lines(const char *s, size_t len, size_t *n)
{
    *n = 0;
    if (len == 0)
        return NULL;
    size_t count = 1;
    for (size_t i = 0; i < len; i++)
        count += s[i] == '\n';
    printed_line *l = xcalloc(count, sizeof(*l));
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || s[i] == '\n') {
            l[*n].s = s + start;
            l[*n].len = i - start;
            (*n)++;
            start = i + 1;
        }
    }
    return l;
}

void printed_cmp_init(printed_cmp *c, const char *truth, const char *answer)
{
    size_t tlen, alen;
    memset(c, 0, sizeof(*c));
    c->tbuf = printed_normalize(truth, truth ? strlen(truth) : 0, &tlen);
    c->abuf = printed_normalize(answer, answer ? strlen(answer) : 0, &alen);
    c->truth = split_lines(c->tbuf, tlen, &c->ntruth);
    c->answer = split_lines(c->abuf, alen, &c->nanswer);
    c->max = c->ntruth > c->nanswer ? c->ntruth : c->nanswer;
    c->first_diff = c->max;
    for (size_t i = 0; i < c->max; i++) {
        int same = i < c->ntruth && i < c->nanswer && c->truth[i].len == c->answer[i].len &&
                   memcmp(c->truth[i].s, c->answer[i].s, c->truth[i].len) == 0;
        if (same)
            c->equal++;
        else if (c->first_diff == c->max)
            c->first_diff = i;
    }
}

void printed_cmp_free(printed_cmp *c)
{
    free(c->truth);
    free(c->answer);
    free(c->tbuf);
    free(c->abuf);
}

double printed_score(const char *truth, const char *answer)
{
    printed_cmp c;
    printed_cmp_init(&c, truth, answer);
    double score = c.max == 0 ? 1.0 : (double)c.equal / (double)c.max;
    printed_cmp_free(&c);
    return score;
}
