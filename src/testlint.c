/* testlint.c - `check`'s advice on how a test is written (not an error).
 *
 * pydrill compares a test's value with its `expect` itself, in the parent,
 * exact types included, so no object of the answer's can talk its way to
 * a pass there. A test written as `f() == [1, 2]` expecting True hands
 * that comparison back to Python, inside the child, where a list subclass
 * whose __eq__ says yes passes it. The lint finds that shape: one == (or
 * !=, expecting False) at the top level of expr, a plain literal on one
 * side only, and says how to write it as a value and its expected value.
 *
 * It reads the expression as text, without Python: strings are skipped,
 * brackets counted, and anything else at the top level (another operator,
 * a keyword, a lambda) means "not this shape", which costs a missed hint,
 * never a wrong one. */
#include "testlint.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static int ident_start(char c)
{
    return isalpha((unsigned char)c) || c == '_';
}

static int ident_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* Index just past the string literal whose quote is at s[i] (its prefix
 * letters already passed), or the length of s if it never ends. */
static size_t skip_string(const char *s, size_t i)
{
    char q = s[i];
    int triple = s[i + 1] == q && s[i + 2] == q;
    i += triple ? 3 : 1;
    while (s[i]) {
        if (s[i] == '\\' && s[i + 1]) {
            i += 2;
            continue;
        }
        if (s[i] == q && (!triple || (s[i + 1] == q && s[i + 2] == q)))
            return i + (triple ? 3 : 1);
        if (!triple && s[i] == '\n')
            return i;
        i++;
    }
    return i;
}

/* String prefixes (r, b, u, f and their pairs): the length of the one at
 * s[i] followed by a quote, else 0. *fmt: it is an f-string. */
static size_t string_prefix(const char *s, size_t i, int *fmt)
{
    size_t n = 0;
    *fmt = 0;
    while (n < 2 && s[i + n] && strchr("rRbBuUfF", s[i + n])) {
        if (s[i + n] == 'f' || s[i + n] == 'F')
            *fmt = 1;
        n++;
    }
    return (s[i + n] == '\'' || s[i + n] == '"') ? n : 0;
}

typedef enum { TOK_STRING, TOK_FSTRING, TOK_NUMBER, TOK_NAME, TOK_CHAR } tok_kind;

/* The token that starts at s[i] (not its end): its kind, and the index
 * just past it. A token never runs past the NUL. */
static size_t next_token(const char *s, size_t i, tok_kind *kind)
{
    int fmt;
    size_t p = string_prefix(s, i, &fmt);
    if (s[i] == '\'' || s[i] == '"' || p) {
        *kind = fmt ? TOK_FSTRING : TOK_STRING;
        return skip_string(s, i + p);
    }
    if (isdigit((unsigned char)s[i]) || (s[i] == '.' && isdigit((unsigned char)s[i + 1]))) {
        *kind = TOK_NUMBER;
        do
            i++;
        while (ident_char(s[i]) || s[i] == '.'); /* 1e5, 0x1F, 1_000, 2.5j */
        return i;
    }
    if (ident_start(s[i])) {
        *kind = TOK_NAME;
        do
            i++;
        while (ident_char(s[i]));
        return i;
    }
    *kind = TOK_CHAR;
    return i + 1;
}

/* 1 when s[i, i + n) is one of the words. */
static int word_in(const char *s, size_t i, size_t n, const char *const *words, size_t nwords)
{
    for (size_t k = 0; k < nwords; k++)
        if (strlen(words[k]) == n && !strncmp(s + i, words[k], n))
            return 1;
    return 0;
}

static const char *const literal_names[] = { "True", "False", "None" };
/* Words that make the top level more than one comparison. */
static const char *const other_keywords[] = { "and", "or", "not", "in", "is", "if", "else", "lambda", "for" };

/* 1 when s[from, to) is a plain literal: numbers, strings (not
 * f-strings), brackets, commas, colons, signs, True, False and None. */
static int plain_literal(const char *s, size_t from, size_t to)
{
    int any = 0;
    for (size_t i = from; i < to;) {
        tok_kind k;
        size_t end = next_token(s, i, &k);
        int plain = k == TOK_NAME ? word_in(s, i, end - i, literal_names, ARRAY_SIZE(literal_names))
                    : k == TOK_CHAR ? strchr("()[]{},:+- \t\n", s[i]) != NULL
                                    : k != TOK_FSTRING;
        if (!plain)
            return 0;
        any |= k != TOK_CHAR;
        i = end;
    }
    return any;
}

static char *trimmed(const char *s, size_t from, size_t to)
{
    while (from < to && isspace((unsigned char)s[from]))
        from++;
    while (to > from && isspace((unsigned char)s[to - 1]))
        to--;
    return xstrndup(s + from, to - from);
}

int testlint_compare(const char *expr, testlint_split *out)
{
    const char *s = expr;
    size_t op = 0, ops = 0;
    int depth = 0, ne = 0;
    for (size_t i = 0; s[i];) {
        tok_kind k;
        size_t end = next_token(s, i, &k);
        char c = s[i];
        if (k == TOK_NAME && depth == 0 && word_in(s, i, end - i, other_keywords, ARRAY_SIZE(other_keywords)))
            return 0;
        if (k != TOK_CHAR)
            ;
        else if (c == '(' || c == '[' || c == '{')
            depth++;
        else if (c == ')' || c == ']' || c == '}') {
            if (--depth < 0)
                return 0;
        } else if (depth == 0 && (c == '=' || c == '!') && s[i + 1] == '=') {
            op = i;
            ne = c == '!';
            ops++;
            end = i + 2;
        } else if (depth == 0 && strchr("<>=:;,", c))
            return 0; /* another comparison, an assignment, a slice of nothing, a tuple */
        i = end;
    }
    if (ops != 1 || depth != 0)
        return 0;
    size_t len = strlen(s);
    int lit_left = plain_literal(s, 0, op), lit_right = plain_literal(s, op + 2, len);
    if (lit_left == lit_right)
        return 0; /* both plain (a fact about Python) or neither (what the drill may teach) */
    out->value = lit_left ? trimmed(s, op + 2, len) : trimmed(s, 0, op);
    out->literal = lit_left ? trimmed(s, 0, op) : trimmed(s, op + 2, len);
    if (!*out->value || !*out->literal) {
        testlint_split_free(out);
        return 0;
    }
    out->not_equal = ne;
    return 1;
}

void testlint_split_free(testlint_split *s)
{
    free(s->value);
    free(s->literal);
    s->value = s->literal = NULL;
}

char *testlint_test(const drill_test *t)
{
    if (!t->expr || !t->expect)
        return NULL;
    testlint_split sp = { 0 };
    if (!testlint_compare(t->expr, &sp))
        return NULL;
    char *want = trimmed(t->expect, 0, strlen(t->expect));
    /* only where a lie helps: == expected True, != expected False */
    int helps = !strcmp(want, sp.not_equal ? "False" : "True");
    free(want);
    char *msg = NULL;
    if (helps)
        msg = xasprintf("test \"%s\" compares inside expr (`%s`), where an answer's object can make %s "
                        "come out %s; write it as expr `%s` and expect `%s`, which pydrill compares "
                        "itself, exact types included",
                        t->name, t->expr, sp.not_equal ? "!=" : "==", sp.not_equal ? "False" : "True", sp.value,
                        sp.literal);
    testlint_split_free(&sp);
    return msg;
}
