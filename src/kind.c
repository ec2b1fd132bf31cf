/* kind.c - the table of drill kinds: see kind.h. */
#include "kind.h"

#include <string.h>

#include "util.h"

static const kind_ops *const table[] = {
    [KIND_PREDICT] = &kind_predict, [KIND_FIX] = &kind_fix,         [KIND_WRITE] = &kind_write,
    [KIND_CHOICE] = &kind_choice,   [KIND_EXPLAIN] = &kind_explain, [KIND_PARSONS] = &kind_parsons,
};

const kind_ops *kind_get(drill_kind k)
{
    return (unsigned)k < ARRAY_SIZE(table) ? table[k] : NULL;
}

const kind_ops *kind_find(const char *name)
{
    for (size_t i = 0; name && i < ARRAY_SIZE(table); i++)
        if (strcmp(table[i]->name, name) == 0)
            return table[i];
    return NULL;
}

size_t kind_count(void)
{
    return ARRAY_SIZE(table);
}

const kind_ops *kind_at(size_t i)
{
    return i < ARRAY_SIZE(table) ? table[i] : NULL;
}

const char *kind_names_text(void)
{
    static char buf[128];
    if (!buf[0]) {
        sbuf sb;
        sbuf_init(&sb);
        for (size_t i = 0; i < ARRAY_SIZE(table); i++)
            sbuf_addf(&sb, "%s%s", i == 0 ? "" : i + 1 == ARRAY_SIZE(table) ? " or " : ", ", table[i]->name);
        snprintf(buf, sizeof buf, "%s", sb.buf);
        sbuf_release(&sb);
    }
    return buf;
}

static int declares(const kind_ops *k, const char *field)
{
    for (const char *const *f = k->fields; f && *f; f++)
        if (strcmp(*f, field) == 0)
            return 1;
    return 0;
}

int kind_field_elsewhere(drill_kind k, const char *field, const char **owners)
{
    const kind_ops *me = kind_get(k);
    if (!me || declares(me, field))
        return 0;
    static char buf[128];
    size_t n = 0, found = 0;
    for (size_t i = 0; i < ARRAY_SIZE(table); i++)
        found += declares(table[i], field);
    buf[0] = '\0';
    for (size_t i = 0; i < ARRAY_SIZE(table); i++) {
        if (!declares(table[i], field))
            continue;
        n++;
        size_t len = strlen(buf);
        snprintf(buf + len, sizeof buf - len, "%s%s", n == 1 ? "" : n == found ? " and " : ", ", table[i]->name);
    }
    *owners = buf;
    return found > 0;
}

/* catalog.h's names, answered by the table. */
const char *drill_kind_name(drill_kind k)
{
    const kind_ops *ops = kind_get(k);
    return ops ? ops->name : "?";
}

int drill_kind_parse(const char *s, drill_kind *k)
{
    const kind_ops *ops = kind_find(s);
    if (!ops)
        return -1;
    *k = ops->kind;
    return 0;
}

char *kind_answer_code(const drill *d, const char *answer, drill_verdict *v)
{
    const kind_ops *ops = kind_get(d->kind);
    char *err = NULL;
    char *code = ops && ops->code_of ? ops->code_of(d, answer ? answer : "", &err) : NULL;
    if (!code) {
        drill_verdict_free(v);
        drill_verdict_init(v, d);
        v->st = ST_FAIL;
        v->score = 0;
        v->message = err ? err : xstrdup("the answer cannot be graded as code");
    }
    return code;
}

void kind_show_hanging(sbuf *sb, const char *text)
{
    size_t col = 0;
    for (size_t i = sb->len; i > 0 && sb->buf[i - 1] != '\n'; i--)
        col += ((unsigned char)sb->buf[i - 1] & 0xC0) != 0x80;
    size_t n = strlen(text);
    while (n > 0 && text[n - 1] == '\n')
        n--;
    for (size_t i = 0; i < n; i++) {
        sbuf_addch(sb, text[i]);
        /* a blank line stays blank, with no indent at its end */
        if (text[i] == '\n' && text[i + 1] != '\n')
            for (size_t k = 0; k < col; k++)
                sbuf_addch(sb, ' ');
    }
}
