/* report.c - the format table and the helpers shared by the writers
 * (SPEC 3.4). Everything an answer or a submission file can contain passes
 * through report_clean() before it reaches a document, so a report stays
 * valid whatever the candidates sent. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "util.h"

report_writer report_find(const char *format)
{
    static const struct {
        const char *name;
        report_writer fn;
    } formats[] = {
        { "text", report_text }, { "json", report_json }, { "jsonl", report_jsonl },
        { "junit", report_junit }, { "tap", report_tap }, { "html", report_html },
    };
    if (!format)
        return NULL;
    for (size_t i = 0; i < ARRAY_SIZE(formats); i++)
        if (!strcmp(format, formats[i].name))
            return formats[i].fn;
    return NULL;
}

/* Length of the well-formed UTF-8 sequence at s (at most n bytes), with its
 * code point in *cp; 0 when malformed (overlong, surrogate, > U+10FFFF,
 * truncated). */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned c = s[0];
    unsigned lo = 0x80, hi = 0xBF;
    size_t k;
    uint32_t v;

    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF)
        k = 1, v = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF) {
        k = 2, v = c & 0x0F;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        k = 3, v = c & 0x07;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else
        return 0;
    if (n <= k)
        return 0;
    for (size_t i = 1; i <= k; i++) {
        unsigned b = s[i];
        if (i == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (b & 0x3F);
    }
    *cp = v;
    return k + 1;
}

static int unwanted(uint32_t cp, int flags)
{
    if (flags & (REPORT_CLEAN_CONTROLS | REPORT_CLEAN_TERMINAL)) {
        if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
            return 1;
        if (cp == 0x7F || cp == 0xFFFE || cp == 0xFFFF)
            return 1;
    }
    if (flags & REPORT_CLEAN_TERMINAL)
        if (cp == '\r' || (cp >= 0x80 && cp <= 0x9F))
            return 1;
    return 0;
}

char *report_clean(const char *s, int flags)
{
    static const char replacement[] = "\xEF\xBF\xBD";
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p);
    sbuf sb;

    sbuf_init(&sb);
    while (n > 0) {
        uint32_t cp;
        size_t k = utf8_decode(p, n, &cp);
        if (k == 0) {
            sbuf_add(&sb, replacement, 3);
            k = 1;
        } else if (unwanted(cp, flags))
            sbuf_add(&sb, replacement, 3);
        else
            sbuf_add(&sb, p, k);
        p += k;
        n -= k;
    }
    return sbuf_detach(&sb, NULL);
}

char *report_fmt_num(char buf[32], double x)
{
    if (!isfinite(x))
        x = 0;
    snprintf(buf, 32, "%.2f", x);
    char *dot = strchr(buf, '.');
    if (dot) {
        char *end = buf + strlen(buf);
        while (end > dot && (end[-1] == '0' || end[-1] == '.'))
            *--end = '\0';
    }
    if (!strcmp(buf, "-0"))
        strcpy(buf, "0");
    return buf;
}

const char *report_drill_id(const drill_verdict *v)
{
    return v->drill && v->drill->id ? v->drill->id : "?";
}

const char *report_drill_topic(const drill_verdict *v)
{
    return v->drill && v->drill->topic ? v->drill->topic : "other";
}

int report_status_failed(status st)
{
    return st != ST_PASS && st != ST_SKIPPED;
}

void report_hidden_counts(const drill_verdict *v, size_t *passed, size_t *total)
{
    *passed = *total = 0;
    for (size_t i = 0; i < v->ntests; i++) {
        if (!v->tests[i].hidden)
            continue;
        (*total)++;
        if (v->tests[i].st == ST_PASS)
            (*passed)++;
    }
}
