/* rubric_impl.h - what rubric_text.c (reading an answer) shares with
 * rubric.c (patterns, matching, judging) only. */
#ifndef PYDRILL_RUBRIC_IMPL_H
#define PYDRILL_RUBRIC_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "rubric.h"

/* Token kinds: a word, one symbol, and (in patterns only) a `...` gap. */
enum { RT_WORD, RT_SYM, RT_GAP };

/* Token flags. */
enum {
    RT_CODE = 1,      /* inside `backticks` or a ``` fence */
    RT_CUE = 2,       /* a negation cue */
    RT_FUNC = 4,      /* a function word: article, auxiliary, preposition, conjunction, pronoun */
    RT_WIDE = 8,      /* a cue that negates its whole clause: "not because..." */
    RT_SPACE = 16,    /* white space before it */
    RT_PREFIX = 32,   /* pattern word with a trailing `*` */
    RT_INFLECT = 64,  /* pattern word whose plural also matches */
    RT_GLUE = 128,    /* a function word, another glue word or a verb: it makes a sentence */
    RT_VERB = 256,    /* an auxiliary or an inflected verb */
};

typedef struct {
    uint32_t off, len; /* in the normalised text */
    uint32_t sent, clause;
    unsigned short flags;
    unsigned char kind, nl; /* nl: newlines before it (0, 1, 2 = a blank line) */
} rubric_tok;

/* An answer, read: normalised text, tokens, and per sentence what the
 * rules need. */
typedef struct {
    char *norm;
    size_t nlen;
    rubric_tok *tok;
    size_t ntok;
    unsigned *sent_glue;         /* glue words in prose, per sentence */
    unsigned *sent_other;        /* other words, per sentence */
    unsigned char *clause_refuted; /* the clause disowns what it says */
    size_t nsent, nclause;
} rubric_text;

unsigned char rubric_fold(unsigned char c);
int rubric_eq_fold(const char *a, const char *b, size_t n);
/* Valid UTF-8 without NUL or control characters but \n and \t, typographic
 * punctuation as ASCII; never longer than s. Caller frees. */
char *rubric_normalise(const char *s, size_t n, size_t *outlen);
/* 1 if a word character starts at s[i]; *k is its length (1 for a bad byte). */
int rubric_word_at(const char *s, size_t n, size_t i, size_t *k);
/* The next token of s from *i (flags RT_SPACE and nl set); 0 at the end. */
int rubric_lex(const char *s, size_t n, size_t *i, rubric_tok *t);
/* Reads n bytes of s (any bytes); the caller has capped n. */
void rubric_text_init(rubric_text *t, const char *s, size_t n);
void rubric_text_release(rubric_text *t);

static inline const char *rubric_tk(const rubric_text *t, size_t i)
{
    return t->norm + t->tok[i].off;
}

#endif
