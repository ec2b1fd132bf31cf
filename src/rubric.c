/* rubric.c - the explain grader's matcher (rubric.h).
 *
 * The answer is normalised (typographic quotes and dashes to ASCII, bad
 * bytes to spaces), cut into tokens (words, and single symbols), and the
 * tokens into sentences and clauses. A pattern is tokenised the same way
 * and matched token by token. Everything the rules need (code spans,
 * negation cues, function words, sentence and clause numbers) is worked
 * out once per answer, so each pattern costs one pass over the tokens.
 *
 * The rules, and why:
 * - Whole words, ASCII case folded: `none` is not in `nonexistent`. A word
 *   of three letters or more also matches its plural (s, es, 's, y->ies);
 *   other inflections are the author's, with a trailing `*` (`amortis*`).
 * - Between two words of a phrase the text may have any punctuation, but
 *   not a sentence end: `reference count` is in "reference-count". A `...`
 *   stands for up to GAP_MAX words of the same clause, none of them a
 *   negation cue; the word `not` stands for any negation cue, so that a
 *   point that is a negative statement ("not ... parallel*") can be written.
 * - A match is negated when a negation cue (not, never, no, without,
 *   n't, rather than, instead of...) comes before it in the same clause,
 *   with at most NEG_WINDOW words between: "is not about identity". Clauses
 *   end at , : ; ( ) dashes and at but, while, because, so, which...: in
 *   "identity, not value" only value is negated. Cues in code spans
 *   (`if x is not None`) are code, not English.
 * - A point is hit by a match that is not negated and sits in a sentence:
 *   one that has a function word (is, of, the, when, because...) or
 *   SENTENCE_WORDS other words besides the match. "small int cache" on a
 *   line of its own says nothing.
 * - A contradiction or a misconception counts when it is asserted: not
 *   negated, and not in a sentence that disowns it ("a common myth is
 *   that..."). Penalties need an assertion; credit needs one too.
 * - Keyword soup: when the prose has too few function words
 *   (SOUP_MIN_FUNCTION_PCT) or too many of its words are inside counted
 *   matches (SOUP_MAX_KEYWORD_PCT), it is a list of terms, not an
 *   explanation, and nothing it mentions is counted. A terse answer of two
 *   real sentences has a third or more function words and most of its
 *   words outside the keywords; "identity equality cpython interning 256
 *   cache" has none and is all keywords. */
#include "rubric.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define NEG_WINDOW 3             /* words allowed between a negation cue and a match */
#define GAP_MAX 6                /* words of the same clause a `...` in a pattern may skip */
#define GAP_TOKENS_MAX 24        /* tokens (words and symbols) a gap may skip */
#define PATTERN_TOKENS_MAX 32
#define PATTERN_GAPS_MAX 3
#define PATTERN_GROUPS_MAX 4
#define PATTERN_VARIANTS_MAX 64  /* patterns that the groups of one may expand to */
#define STR_(x) #x
#define STR(x) STR_(x)
#define PREFIX_MIN 3             /* letters before a `*` */
#define INFLECT_MIN 3            /* letters a word needs for its plural to match */
#define SENTENCE_WORDS 3         /* words besides a match that make a sentence without function words */
#define QUOTE_MAX 90             /* bytes of the answer quoted in a note */
#define SOUP_MIN_FUNCTION_PCT 20 /* at least this share of prose words are function words */

enum { TK_WORD, TK_SYM, TK_GAP };

enum {
    TF_CODE = 1,      /* inside `backticks` or a ``` fence */
    TF_CUE = 2,       /* a negation cue */
    TF_FUNC = 4,      /* a function word: article, auxiliary, preposition, conjunction, pronoun */
    TF_WIDE = 8,      /* a cue that negates its whole clause: "not because..." */
    TF_SPACE = 16,    /* white space before it */
    TF_PREFIX = 32,   /* pattern word with a trailing `*` */
    TF_INFLECT = 64,  /* pattern word whose plural also matches */
    TF_GLUE = 128,    /* a function word, another glue word or a verb: it makes a sentence */
    TF_VERB = 256,    /* an auxiliary or an inflected verb */
};

typedef struct {
    uint32_t off, len; /* in the normalised text */
    uint32_t sent, clause;
    unsigned short flags;
    unsigned char kind, nl; /* nl: newlines before it (0, 1, 2 = a blank line) */
} rtok;

typedef struct {
    char *norm;
    size_t nlen;
    rtok *tok;
    size_t ntok;
    unsigned *sent_glue;         /* glue words in prose, per sentence */
    unsigned *sent_other;        /* other words, per sentence */
    unsigned char *sent_refuted; /* the sentence disowns what it says */
    size_t nsent;
} rtext;

typedef struct {
    char buf[RUBRIC_PATTERN_MAX + 1];
    rtok t[PATTERN_TOKENS_MAX];
    size_t n;
} pattern;

/* ---- characters ---- */

static unsigned char fold(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static int eq_fold(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (fold((unsigned char)a[i]) != fold((unsigned char)b[i]))
            return 0;
    return 1;
}

/* Decodes the UTF-8 sequence at s; its length, or 0 when it is not valid. */
static size_t u8dec(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    size_t len;
    uint32_t c, min;
    if ((s[0] & 0xE0) == 0xC0) { len = 2; c = s[0] & 0x1F; min = 0x80; }
    else if ((s[0] & 0xF0) == 0xE0) { len = 3; c = s[0] & 0x0F; min = 0x800; }
    else if ((s[0] & 0xF8) == 0xF0) { len = 4; c = s[0] & 0x07; min = 0x10000; }
    else return 0;
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = c << 6 | (s[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

/* Letters and digits of any script are word characters; without Unicode
 * tables, the blocks that hold punctuation, symbols, arrows, shapes and
 * emoji are taken as symbols, and everything else as letters. Superscript
 * digits (n²) and the micro sign (µs) are letters. */
static int word_cp(uint32_t c)
{
    if (c < 0x80)
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (c >= 0xA0 && c <= 0xBF)
        return c == 0xB2 || c == 0xB3 || c == 0xB5 || c == 0xB9 || c == 0xAA || c == 0xBA;
    if (c == 0xD7 || c == 0xF7)
        return 0;
    if (c >= 0x2000 && c <= 0x2BFF)
        return c >= 0x2070 && c <= 0x209F; /* super- and subscripts */
    if ((c >= 0x3000 && c <= 0x303F) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF0F) ||
        (c >= 0xFF1A && c <= 0xFF20) || (c >= 0x1F000 && c <= 0x1FAFF))
        return 0;
    return 1;
}

/* Typographic forms to the ASCII a keyboard types, so that patterns and
 * answers agree: "don’t" is "don't". Returns the replacement, or NULL. */
static const char *ascii_form(uint32_t c)
{
    switch (c) {
    case 0x2018: case 0x2019: case 0x201B: case 0x2032: case 0x02BC: return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB: return "\"";
    case 0x2010: case 0x2011: case 0x2212: return "-";
    case 0x2026: return "...";
    case 0x00D7: return "*";
    case 0x2028: case 0x2029: return "\n";
    case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004: case 0x2005:
    case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A: case 0x200B: case 0x202F:
    case 0x205F: case 0x3000: case 0xFEFF: return " ";
    default: return NULL;
    }
}

/* Normalised copy of s: valid UTF-8, no NUL or control characters but \n
 * and \t, typographic punctuation as ASCII. Never longer than s. */
static char *normalise(const char *s, size_t n, size_t *outlen)
{
    char *out = xmalloc(n + 1);
    const unsigned char *p = (const unsigned char *)s;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t c;
        size_t k = u8dec(p + i, n - i, &c);
        if (!k) {
            out[o++] = ' ';
            i++;
            continue;
        }
        const char *a = ascii_form(c);
        if (a) {
            size_t al = strlen(a);
            memcpy(out + o, a, al); /* al <= k: the copy never outgrows s */
            o += al;
        } else if (c < 0x20 || c == 0x7F) {
            out[o++] = (c == '\n' || c == '\t') ? (char)c : ' ';
        } else {
            memcpy(out + o, p + i, k);
            o += k;
        }
        i += k;
    }
    out[o] = 0;
    *outlen = o;
    return out;
}

/* ---- lexing: shared by answers and patterns ---- */

static int ascii_digit(char c) { return c >= '0' && c <= '9'; }

static int word_at(const char *s, size_t n, size_t i, size_t *k)
{
    uint32_t c;
    *k = u8dec((const unsigned char *)s + i, n - i, &c);
    if (!*k) {
        *k = 1;
        return 0;
    }
    return word_cp(c);
}

/* One token at s[*i] (white space skipped first, counted into *nl and
 * *space). Words: runs of word characters, with an apostrophe between two
 * of them (don't, CPython's) and a dot between two digits (3.11, 1.125)
 * kept inside. Returns 0 at the end. */
static int lex(const char *s, size_t n, size_t *i, rtok *t)
{
    size_t j = *i;
    unsigned nl = 0;
    int space = 0;
    while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n')) {
        if (s[j] == '\n')
            nl++;
        space = 1;
        j++;
    }
    if (j >= n) {
        *i = j;
        return 0;
    }
    memset(t, 0, sizeof *t);
    t->off = (uint32_t)j;
    t->nl = (unsigned char)(nl > 2 ? 2 : nl);
    t->flags = space ? TF_SPACE : 0;
    size_t k;
    if (!word_at(s, n, j, &k)) {
        t->kind = TK_SYM;
        t->len = (uint32_t)k;
        *i = j + k;
        return 1;
    }
    t->kind = TK_WORD;
    size_t e = j + k;
    for (;;) {
        if (e < n && word_at(s, n, e, &k)) {
            e += k;
            continue;
        }
        if (e + 1 < n && (s[e] == '\'' || (s[e] == '.' && ascii_digit(s[e - 1]) && ascii_digit(s[e + 1]))) &&
            word_at(s, n, e + 1, &k)) {
            e += 1 + k;
            continue;
        }
        break;
    }
    t->len = (uint32_t)(e - j);
    *i = e;
    return 1;
}

/* ---- word lists ---- */

static int word_in(const char *w, size_t n, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && eq_fold(w, list[i], n))
            return 1;
    return 0;
}

static int ends_with(const char *w, size_t n, const char *suffix)
{
    size_t m = strlen(suffix);
    return n > m && eq_fold(w + n - m, suffix, m);
}

/* Function words: the closed classes of English (articles, auxiliaries,
 * prepositions, conjunctions, pronouns, negation) that tie content words
 * into statements. A list of terms has almost none: under a sixth of its
 * words in the bundled test set, against more than a quarter in the
 * tersest real answer. */
static const char *const function_words[] = {
    "a", "an", "the", "this", "these", "those", "its", "their", "his", "her", "my", "our", "your",
    "am", "are", "be", "been", "being", "is", "was", "were", "can", "cannot", "could", "did", "do",
    "does", "had", "has", "have", "may", "might", "must", "shall", "should", "will", "would",
    "about", "above", "across", "after", "against", "along", "among", "around", "as", "at",
    "because", "before", "behind", "below", "between", "beyond", "but", "by", "during", "except",
    "for", "from", "if", "in", "inside", "into", "of", "off", "on", "onto", "out", "over", "per",
    "since", "than", "that", "then", "though", "through", "to", "toward", "towards", "under",
    "unless", "until", "up", "upon", "via", "when", "where", "whereas", "whether", "which",
    "while", "who", "whom", "whose", "why", "with", "within", "without", "although", "and", "nor",
    "or", "so", "yet", "it", "itself", "they", "them", "he", "she", "him", "we", "us", "you", "i",
    "me", "there", "here", "what", "how", "not", "no", "never", NULL,
};

/* A sentence has a verb: an auxiliary, or an inflected form of a verb
 * (glue_verbs, and those of verbs[] below). */
static const char *const auxiliaries[] = {
    "am", "are", "be", "been", "being", "is", "was", "were", "can", "cannot", "could", "did", "do",
    "does", "had", "has", "have", "may", "might", "must", "shall", "should", "will", "would", NULL,
};
static const char *const glue_verbs[] = {
    "gets", "got", "makes", "uses", "using", "keeps", "lets", "needs", "means", "goes", "gives",
    "takes", "puts", "says", "sees", NULL,
};

/* Words that are not function words but still tie a sentence together:
 * quantifiers, adverbs, the commonest verbs. With the verb forms below
 * they make a fragment a sentence, but do not count against soup, since a
 * list of terms has some ("same object", "late binding"). */
static const char *const glue_words[] = {
    "some", "any", "each", "every", "all", "both", "either", "neither", "only", "also", "just",
    "still", "even", "too", "very", "already", "always", "again", "else", "instead", "rather",
    "same", "other", "another", "such", "more", "most", "less", "least", "one", "once", "get",
    "gets", "got", "make", "makes", "use", "uses", "using", "keep", "keeps", "let", "lets", "need",
    "needs", "mean", "means", "go", "goes", "give", "gives", "take", "takes", "put", "puts", "say",
    "says", "see", "sees", "like", "itself", "themselves", NULL,
};

/* Verbs that explanations of a runtime are made of. Their inflected forms
 * (compares, called, looking, copies, stopped) are glue like function
 * words: a list of terms has no verbs, a sentence has at least one. Bare
 * forms are left out, since most double as nouns (cache, lock, call) and
 * a list of terms is full of those. */
static const char *const verbs[] = {
    "access", "acquire", "act", "add", "alias", "allocate", "allow", "append", "apply", "avoid",
    "become", "begin", "behave", "bind", "block", "box", "break", "bring", "build", "cache", "call",
    "capture", "cause", "change", "check", "choose", "clean", "close", "collect", "come", "compare",
    "compile", "complete", "compute", "consume", "contain", "copy", "cost", "count", "create",
    "decide", "declare", "decrement", "define", "delete", "depend", "destroy", "detect", "differ",
    "dispatch", "drop", "end", "ensure", "evaluate", "execute", "exist", "expect", "explain",
    "fail", "fall", "fetch", "fill", "find", "finish", "fit", "fix", "follow", "force", "free",
    "grow", "guarantee", "handle", "happen", "hash", "help", "hide", "hit", "hold", "ignore",
    "implement", "improve", "include", "increase", "increment", "inherit", "insert", "interrupt",
    "iterate", "join", "jump", "kill", "last", "lead", "leak", "leave", "live", "load", "lock",
    "look", "loop", "lose", "manage", "match", "matter", "measure", "modify", "move", "mutate",
    "need", "note", "notice", "occur", "override", "own", "pass", "pause", "pay", "persist",
    "pick", "point", "pop", "prefer", "prevent", "print", "probe", "produce", "protect",
    "provide", "push", "raise", "reach", "read", "reallocate", "receive", "reclaim", "reduce",
    "refer", "release", "rely", "remain", "remember", "remove", "replace", "require", "reserve",
    "resize", "resolve", "resume", "return", "reuse", "run", "save", "scale", "schedule",
    "search", "seem", "send", "serialise", "serialize", "set", "share", "show", "skip", "slow",
    "solve", "speed", "spend", "split", "start", "stay", "stop", "store", "suspend", "switch",
    "tell", "think", "touch", "track", "trigger", "try", "turn", "unbox", "update", "wait",
    "walk", "want", "waste", "win", "work", "write", "yield", NULL,
};

static const char *const irregular_verbs[] = {
    "bound", "brought", "built", "came", "chose", "chosen", "did", "fell", "found", "gave",
    "given", "held", "hid", "hidden", "kept", "knew", "known", "led", "left", "lost", "made",
    "meant", "paid", "ran", "read", "sent", "set", "shown", "spent", "stood", "thought", "told",
    "took", "taken", "went", "won", "wrote", "written", NULL,
};

static int verb_form_of(const char *w, size_t n, const char *b)
{
    size_t bl = strlen(b);
    if (n <= bl) {
        /* copy -> copies, copied */
        return b[bl - 1] == 'y' && n == bl + 2 && eq_fold(w, b, bl - 1) &&
               (eq_fold(w + bl - 1, "ies", 3) || eq_fold(w + bl - 1, "ied", 3));
    }
    if (b[bl - 1] == 'y' && n == bl + 2 && eq_fold(w, b, bl - 1) &&
        (eq_fold(w + bl - 1, "ies", 3) || eq_fold(w + bl - 1, "ied", 3)))
        return 1;
    /* bases ending in e drop it before -ing and -ed: compare -> comparing, compared */
    if (b[bl - 1] == 'e' && eq_fold(w, b, bl - 1)) {
        const char *r = w + bl - 1;
        size_t rl = n - (bl - 1);
        if ((rl == 3 && eq_fold(r, "ing", 3)) || (rl == 2 && eq_fold(r, "ed", 2)))
            return 1;
    }
    if (!eq_fold(w, b, bl))
        return 0;
    const char *r = w + bl;
    size_t rl = n - bl;
    if ((rl == 1 && fold((unsigned char)r[0]) == 's') || (rl == 2 && eq_fold(r, "es", 2)) ||
        (rl == 2 && eq_fold(r, "ed", 2)) || (rl == 3 && eq_fold(r, "ing", 3)))
        return 1;
    /* stop -> stopped, stopping */
    return fold((unsigned char)r[0]) == fold((unsigned char)b[bl - 1]) &&
           ((rl == 3 && eq_fold(r + 1, "ed", 2)) || (rl == 4 && eq_fold(r + 1, "ing", 3)));
}

static int is_verb_form(const char *w, size_t n)
{
    if (word_in(w, n, irregular_verbs))
        return 1;
    for (size_t i = 0; verbs[i]; i++)
        if (fold((unsigned char)w[0]) == verbs[i][0] && verb_form_of(w, n, verbs[i]))
            return 1;
    return 0;
}

static const char *const cue_words[] = {
    "not", "no", "never", "nor", "neither", "without", "cannot", "nothing", "nobody", "nowhere", "unlike",
    "isnt", "arent", "wasnt", "werent", "doesnt", "dont", "didnt", "cant", "couldnt", "wont",
    "wouldnt", "shouldnt", "hasnt", "havent", "hadnt", "mustnt", "neednt", "aint", NULL,
};

/* "not only", "not just": what follows is asserted, and more. */
static const char *const not_cue_after_not[] = { "only", "just", "merely", "least", NULL };

static const char *const clause_words[] = {
    "but", "however", "although", "though", "whereas", "while", "whilst", "yet", "because",
    "so", "which", "unlike", "except", "otherwise", "since", NULL,
};

static const char *const refute_words[] = {
    "myth", "myths", "misconception", "misconceptions", "mistake", "mistakes", "mistaken",
    "mistakenly", "wrongly", "incorrectly", "falsely", "folklore", "fallacy", "contrary",
    "naive", "naively", "misleading", "untrue", "tempting", NULL,
};
static const char *const refute_verbs[] = {
    "think", "thinks", "believe", "believes", "assume", "assumes", "claim", "claims", NULL,
};
static const char *const refute_subjects[] = {
    "people", "many", "some", "might", "may", "would", "could", "often", "beginners",
    "juniors", "folks", "commonly", NULL,
};

static const char *const abbreviations[] = {
    "etc", "vs", "cf", "approx", "ie", "eg", "al", "resp", "fig", "mr", "dr", NULL,
};

/* ---- the answer ---- */

static const char *tk(const rtext *t, size_t i) { return t->norm + t->tok[i].off; }

static int tok_is(const rtext *t, size_t i, const char *w)
{
    return i < t->ntok && t->tok[i].kind == TK_WORD && t->tok[i].len == strlen(w) &&
           eq_fold(tk(t, i), w, t->tok[i].len);
}

static int tok_sym(const rtext *t, size_t i, char c)
{
    return i < t->ntok && t->tok[i].kind == TK_SYM && t->tok[i].len == 1 && tk(t, i)[0] == c;
}

static int tok_in(const rtext *t, size_t i, const char *const *list)
{
    return i < t->ntok && t->tok[i].kind == TK_WORD && word_in(tk(t, i), t->tok[i].len, list);
}

/* Code spans: `inline` (to the next backtick or the end of the line) and
 * ``` fences (to the next fence). */
static void mark_code(rtext *t)
{
    int mode = 0; /* 0 prose, 1 inline, 2 fence */
    for (size_t i = 0; i < t->ntok; i++) {
        if (mode == 1 && t->tok[i].nl)
            mode = 0;
        if (tok_sym(t, i, '`')) {
            int fence = tok_sym(t, i + 1, '`') && tok_sym(t, i + 2, '`') &&
                        !(t->tok[i + 1].flags & TF_SPACE) && !(t->tok[i + 2].flags & TF_SPACE);
            size_t n = fence ? 3 : 1;
            for (size_t k = 0; k < n; k++)
                t->tok[i + k].flags |= TF_CODE;
            if (fence)
                mode = mode == 2 ? 0 : 2;
            else if (mode != 2)
                mode = mode == 1 ? 0 : 1;
            i += n - 1;
            continue;
        }
        if (mode)
            t->tok[i].flags |= TF_CODE;
    }
}

static int is_contraction_nt(const char *w, size_t n) { return ends_with(w, n, "n't"); }

/* it's, that's, they're, we'll, I've: a pronoun with its verb. */
static int is_contraction_verb(const char *w, size_t n)
{
    const char *q = memchr(w, '\'', n);
    if (!q || q == w)
        return 0;
    size_t base = (size_t)(q - w);
    const char *rest = q + 1;
    size_t rl = n - base - 1;
    if ((rl == 2 && (eq_fold(rest, "re", 2) || eq_fold(rest, "ll", 2) || eq_fold(rest, "ve", 2))) ||
        (rl == 1 && (fold((unsigned char)rest[0]) == 'd' || fold((unsigned char)rest[0]) == 'm')))
        return 1;
    return rl == 1 && fold((unsigned char)rest[0]) == 's' && word_in(w, base, function_words);
}

static void mark_words(rtext *t)
{
    for (size_t i = 0; i < t->ntok; i++) {
        rtok *k = &t->tok[i];
        if (k->kind != TK_WORD || (k->flags & TF_CODE))
            continue;
        const char *w = tk(t, i);
        if (word_in(w, k->len, function_words) || is_contraction_nt(w, k->len) ||
            is_contraction_verb(w, k->len))
            k->flags |= TF_FUNC | TF_GLUE;
        else if (word_in(w, k->len, glue_words) || is_verb_form(w, k->len))
            k->flags |= TF_GLUE;
        if (word_in(w, k->len, auxiliaries) || is_contraction_nt(w, k->len) ||
            is_contraction_verb(w, k->len) || word_in(w, k->len, glue_verbs) || is_verb_form(w, k->len))
            k->flags |= TF_VERB;
        int cue = word_in(w, k->len, cue_words) || is_contraction_nt(w, k->len);
        if (cue && tok_is(t, i, "not") && tok_in(t, i + 1, not_cue_after_not))
            cue = 0;
        if (cue && tok_is(t, i, "no") && (tok_is(t, i + 1, "matter") || tok_is(t, i + 1, "doubt")))
            cue = 0;
        if (cue && tok_is(t, i, "not") && i >= 2 && tok_is(t, i - 1, "or") && tok_is(t, i - 2, "whether"))
            cue = 0;
        /* the cue of "rather than", "instead of", "as opposed to" is its last word */
        if ((tok_is(t, i, "than") && i >= 1 && tok_is(t, i - 1, "rather")) ||
            (tok_is(t, i, "of") && i >= 1 && tok_is(t, i - 1, "instead")) ||
            (tok_is(t, i, "to") && i >= 2 && tok_is(t, i - 1, "opposed") && tok_is(t, i - 2, "as")))
            cue = 1;
        if (cue)
            k->flags |= TF_CUE;
    }
}

/* A line that starts with a bullet or "1." starts a sentence. */
static int bullet_at(const rtext *t, size_t i)
{
    if (!t->tok[i].nl)
        return 0;
    if (t->tok[i].kind == TK_SYM)
        return tok_sym(t, i, '-') || tok_sym(t, i, '*') || tok_sym(t, i, '+') ||
               (t->tok[i].len == 3 && memcmp(tk(t, i), "\xE2\x80\xA2", 3) == 0); /* • */
    const char *w = tk(t, i);
    for (size_t k = 0; k < t->tok[i].len; k++)
        if (!ascii_digit(w[k]))
            return 0;
    return tok_sym(t, i + 1, '.') || tok_sym(t, i + 1, ')');
}

/* Whether the '.' at i ends a sentence: followed by white space (or the
 * end), and not the dot of e.g., i.e., etc. */
static int full_stop(const rtext *t, size_t i)
{
    if (i + 1 < t->ntok && !(t->tok[i + 1].flags & TF_SPACE))
        return 0;
    if (i >= 1 && tok_in(t, i - 1, abbreviations))
        return 0;
    if (i >= 3 && t->tok[i - 1].kind == TK_WORD && t->tok[i - 1].len == 1 && tok_sym(t, i - 2, '.') &&
        t->tok[i - 3].kind == TK_WORD && t->tok[i - 3].len == 1)
        return 0;
    return 1;
}

static int ends_sentence(const rtext *t, size_t i)
{
    return tok_sym(t, i, '!') || tok_sym(t, i, '?') || (tok_sym(t, i, '.') && full_stop(t, i));
}

static int ends_clause(const rtext *t, size_t i)
{
    static const char syms[] = ",;:()[]{}\"";
    if (t->tok[i].kind != TK_SYM)
        return 0;
    if (t->tok[i].len == 1 && strchr(syms, tk(t, i)[0]))
        return 1;
    /* a dash between spaces, or --, or an en or em dash */
    if (tok_sym(t, i, '-'))
        return ((t->tok[i].flags & TF_SPACE) && (i + 1 >= t->ntok || (t->tok[i + 1].flags & TF_SPACE))) ||
               tok_sym(t, i + 1, '-');
    return t->tok[i].len == 3 && (memcmp(tk(t, i), "\xE2\x80\x93", 3) == 0 || memcmp(tk(t, i), "\xE2\x80\x94", 3) == 0);
}

static void mark_sentences(rtext *t)
{
    uint32_t sent = 0, clause = 0;
    for (size_t i = 0; i < t->ntok; i++) {
        if (i > 0) {
            if (ends_sentence(t, i - 1) || t->tok[i].nl >= 2 || bullet_at(t, i)) {
                sent++;
                clause++;
            } else if (ends_clause(t, i - 1)) {
                clause++;
            } else if (tok_in(t, i, clause_words)) {
                /* "not because...": the cue reaches into the clause it introduces */
                if (t->tok[i - 1].flags & TF_CUE)
                    t->tok[i - 1].flags |= TF_WIDE;
                else
                    clause++;
            }
        }
        t->tok[i].sent = sent;
        t->tok[i].clause = clause;
    }
    t->nsent = t->ntok ? (size_t)sent + 1 : 0;
    t->sent_glue = xcalloc(t->nsent + 1, sizeof *t->sent_glue);
    t->sent_other = xcalloc(t->nsent + 1, sizeof *t->sent_other);
    t->sent_refuted = xcalloc(t->nsent + 1, 1);
    for (size_t i = 0; i < t->ntok; i++) {
        const rtok *k = &t->tok[i];
        if (k->kind != TK_WORD)
            continue;
        if (k->flags & TF_GLUE)
            t->sent_glue[k->sent]++;
        else
            t->sent_other[k->sent]++;
        if (k->flags & TF_CODE)
            continue;
        int after_be = i >= 1 && (tok_is(t, i - 1, "is") || tok_is(t, i - 1, "are") ||
                                  tok_is(t, i - 1, "was") || tok_is(t, i - 1, "be"));
        int after_not = i >= 1 && (tok_is(t, i - 1, "not") || is_contraction_nt(tk(t, i - 1), t->tok[i - 1].len));
        int refute = tok_in(t, i, refute_words) ||
                     (tok_in(t, i, refute_verbs) && i >= 1 && tok_in(t, i - 1, refute_subjects)) ||
                     ((tok_is(t, i, "wrong") || tok_is(t, i, "false")) && after_be) ||
                     (tok_is(t, i, "true") && after_not);
        if (refute)
            t->sent_refuted[k->sent] = 1;
    }
}

static void rtext_init(rtext *t, const char *s, size_t n)
{
    memset(t, 0, sizeof *t);
    t->norm = normalise(s, n, &t->nlen);
    /* every token takes at least one byte */
    t->tok = xmalloc((t->nlen + 1) * sizeof *t->tok);
    size_t i = 0;
    while (lex(t->norm, t->nlen, &i, &t->tok[t->ntok]))
        t->ntok++;
    mark_code(t);
    mark_words(t);
    mark_sentences(t);
}

static void rtext_release(rtext *t)
{
    free(t->norm);
    free(t->tok);
    free(t->sent_glue);
    free(t->sent_other);
    free(t->sent_refuted);
    memset(t, 0, sizeof *t);
}

/* ---- patterns ---- */

static int pattern_compile(const char *src, pattern *p, char **err)
{
    size_t n = strlen(src);
    memset(p, 0, sizeof *p);
    if (n > RUBRIC_PATTERN_MAX) {
        if (err)
            *err = xasprintf("longer than %d bytes", RUBRIC_PATTERN_MAX);
        return -1;
    }
    size_t len;
    char *norm = normalise(src, n, &len);
    memcpy(p->buf, norm, len + 1);
    free(norm);
    size_t i = 0, gaps = 0;
    rtok t;
    while (lex(p->buf, len, &i, &t)) {
        const char *s = p->buf + t.off;
        /* a word's trailing `*`: the word is a prefix */
        if (t.kind == TK_SYM && s[0] == '*' && p->n && p->t[p->n - 1].kind == TK_WORD &&
            !(t.flags & TF_SPACE) && (i >= len || p->buf[i] == ' ' || p->buf[i] == '\t' || p->buf[i] == '\n')) {
            rtok *w = &p->t[p->n - 1];
            if (w->len < PREFIX_MIN) {
                if (err)
                    *err = xasprintf("a '*' needs at least %d letters before it", PREFIX_MIN);
                return -1;
            }
            w->flags |= TF_PREFIX;
            w->flags &= (unsigned short)~TF_INFLECT;
            continue;
        }
        /* `...` between spaces: a gap */
        if (t.kind == TK_SYM && s[0] == '.' && ((t.flags & TF_SPACE) || t.off == 0) && i + 1 < len && p->buf[i] == '.' &&
            p->buf[i + 1] == '.' && (i + 2 >= len || p->buf[i + 2] == ' ')) {
            if (!p->n || p->t[p->n - 1].kind == TK_GAP) {
                if (err)
                    *err = xstrdup(p->n ? "two '...' in a row" : "a '...' must come between words");
                return -1;
            }
            i += 2;
            t.kind = TK_GAP;
            gaps++;
        }
        /* thread-safe, i/o: the hyphen or slash inside a word is any punctuation */
        if (t.kind == TK_SYM && (s[0] == '-' || s[0] == '/') && !(t.flags & TF_SPACE) && p->n &&
            p->t[p->n - 1].kind == TK_WORD && i < len) {
            size_t k;
            if (word_at(p->buf, len, i, &k))
                continue;
        }
        if (p->n == PATTERN_TOKENS_MAX) {
            if (err)
                *err = xasprintf("more than %d words and symbols", PATTERN_TOKENS_MAX);
            return -1;
        }
        if (t.kind == TK_WORD) {
            int letters = t.len >= INFLECT_MIN;
            for (size_t k = 0; k < t.len && letters; k++) {
                char c = (char)fold((unsigned char)s[k]);
                letters = c >= 'a' && c <= 'z';
            }
            if (letters)
                t.flags |= TF_INFLECT;
        }
        p->t[p->n++] = t;
    }
    if (!p->n) {
        if (err)
            *err = xstrdup("no words or symbols");
        return -1;
    }
    if (p->t[p->n - 1].kind == TK_GAP) {
        if (err)
            *err = xstrdup("a '...' must come between words");
        return -1;
    }
    if (gaps > PATTERN_GAPS_MAX) {
        if (err)
            *err = xasprintf("more than %d '...'", PATTERN_GAPS_MAX);
        return -1;
    }
    return 0;
}

/* ---- groups: "(a|b)" and "(a )?" expand into one pattern per choice ---- */

/* The first group of s: parentheses around alternatives separated by |,
 * or followed by ? (optional). Other parentheses are literal: o(n^2),
 * id(a), hash((x, y)). */
static int find_group(const char *s, size_t *open, size_t *close, int *optional)
{
    for (size_t i = 0; s[i]; i++) {
        if (s[i] != '(')
            continue;
        size_t j = i + 1;
        int bar = 0;
        while (s[j] && s[j] != ')' && s[j] != '(')
            bar |= s[j++] == '|';
        if (s[j] != ')' || !(bar || s[j + 1] == '?'))
            continue;
        *open = i;
        *close = j;
        *optional = s[j + 1] == '?';
        return 1;
    }
    return 0;
}

typedef struct {
    int (*fn)(const char *variant, void *ctx); /* nonzero stops the expansion */
    void *ctx;
    size_t n;                                  /* variants so far */
    const char *err;                           /* why the expansion stopped, or NULL */
} expansion;

/* Calls e->fn on every pattern that s stands for; 1 when stopped. */
static int expand(const char *s, expansion *e, int depth)
{
    size_t o, c;
    int opt;
    if (!find_group(s, &o, &c, &opt)) {
        if (++e->n > PATTERN_VARIANTS_MAX) {
            e->err = "its groups make more than " STR(PATTERN_VARIANTS_MAX) " patterns";
            return 1;
        }
        return e->fn(s, e->ctx) != 0;
    }
    if (depth == PATTERN_GROUPS_MAX) {
        e->err = "more than " STR(PATTERN_GROUPS_MAX) " groups";
        return 1;
    }
    /* the choices between the bars, then the empty one when optional;
     * a choice is never longer than the group it replaces */
    char buf[RUBRIC_PATTERN_MAX + 1];
    const char *tail = s + c + 1 + opt;
    for (size_t a = o + 1;;) {
        size_t b = a;
        while (b < c && s[b] != '|')
            b++;
        snprintf(buf, sizeof buf, "%.*s%.*s%s", (int)o, s, (int)(b - a), s + a, tail);
        if (expand(buf, e, depth + 1))
            return 1;
        if (b >= c)
            break;
        a = b + 1;
    }
    if (opt) {
        snprintf(buf, sizeof buf, "%.*s%s", (int)o, s, tail);
        if (expand(buf, e, depth + 1))
            return 1;
    }
    return 0;
}

typedef struct {
    char *err;
    char variant[RUBRIC_PATTERN_MAX + 1];
} check_ctx;

static int check_variant(const char *v, void *ctx)
{
    check_ctx *cc = ctx;
    pattern p;
    if (pattern_compile(v, &p, &cc->err) < 0) {
        snprintf(cc->variant, sizeof cc->variant, "%s", v);
        return 1;
    }
    return 0;
}

int rubric_pattern_check(const char *pattern_text, char **err)
{
    *err = NULL;
    if (!pattern_text)
        return *err = xstrdup("no pattern"), -1;
    if (strlen(pattern_text) > RUBRIC_PATTERN_MAX) {
        *err = xasprintf("pattern \"%.40s...\": longer than %d bytes", pattern_text, RUBRIC_PATTERN_MAX);
        return -1;
    }
    check_ctx cc = { NULL, "" };
    expansion e = { check_variant, &cc, 0, NULL };
    expand(pattern_text, &e, 0);
    if (e.err)
        *err = xasprintf("pattern \"%s\": %s", pattern_text, e.err);
    else if (cc.err && strcmp(cc.variant, pattern_text) != 0)
        *err = xasprintf("pattern \"%s\": \"%s\": %s", pattern_text, cc.variant, cc.err);
    else if (cc.err)
        *err = xasprintf("pattern \"%s\": %s", pattern_text, cc.err);
    free(cc.err);
    return *err ? -1 : 0;
}

/* The pattern word w against the answer's word s (n bytes). */
static int word_eq(const pattern *p, const rtok *w, const char *s, size_t n)
{
    const char *k = p->buf + w->off;
    size_t kl = w->len;
    if ((w->flags & TF_INFLECT) && k[kl - 1] == 'y' && n == kl + 2 && eq_fold(s, k, kl - 1) &&
        eq_fold(s + kl - 1, "ies", 3))
        return 1;
    if (n < kl || !eq_fold(s, k, kl))
        return 0;
    if (n == kl || (w->flags & TF_PREFIX))
        return 1;
    if (!(w->flags & TF_INFLECT))
        return 0;
    const char *r = s + kl;
    size_t rl = n - kl;
    return (rl == 1 && fold((unsigned char)r[0]) == 's') || (rl == 2 && eq_fold(r, "es", 2)) ||
           (rl == 2 && r[0] == '\'' && fold((unsigned char)r[1]) == 's');
}

/* Matches p from its token pi at the answer's token ti; prev is the
 * answer token matched by pi - 1. Fills pos[k] with the answer token that
 * pattern token k matched (a gap's entry is unused). */
static int match_from(const pattern *p, size_t pi, const rtext *t, size_t ti, size_t prev, size_t *pos)
{
    if (pi == p->n)
        return 1;
    const rtok *pt = &p->t[pi];
    if (pt->kind == TK_GAP) {
        size_t words = 0;
        for (size_t j = ti, n = 0; j < t->ntok && n <= GAP_TOKENS_MAX; j++, n++) {
            if (t->tok[j].clause != t->tok[prev].clause)
                break;
            if (match_from(p, pi + 1, t, j, prev, pos)) {
                pos[pi] = prev;
                return 1;
            }
            /* a gap never skips a negation cue: "identity is not the same as equality" */
            if (t->tok[j].flags & TF_CUE)
                break;
            if (t->tok[j].kind == TK_WORD && ++words > GAP_MAX)
                break;
        }
        return 0;
    }
    size_t j = ti;
    if (pt->kind == TK_WORD) {
        if (pi > 0 && p->t[pi - 1].kind == TK_WORD)
            while (j < t->ntok && t->tok[j].kind == TK_SYM && t->tok[j].sent == t->tok[prev].sent)
                j++;
        if (j >= t->ntok || t->tok[j].kind != TK_WORD || (pi > 0 && t->tok[j].sent != t->tok[prev].sent))
            return 0;
        /* `not` in a pattern is any negation: no, never, n't, cannot, without... */
        int neg = pt->len == 3 && eq_fold(p->buf + pt->off, "not", 3) && (t->tok[j].flags & TF_CUE);
        if (!neg && !word_eq(p, pt, tk(t, j), t->tok[j].len))
            return 0;
    } else {
        if (j >= t->ntok || t->tok[j].kind != TK_SYM || t->tok[j].len != pt->len ||
            memcmp(tk(t, j), p->buf + pt->off, pt->len) != 0)
            return 0;
    }
    pos[pi] = j;
    return match_from(p, pi + 1, t, j + 1, j, pos);
}

typedef struct {
    size_t first, last;
    const size_t *pos; /* the answer tokens the pattern's tokens matched */
    const pattern *p;
    size_t cue;        /* the negation cue's token when negated, else first */
    int negated, sentence, refuted;
} match;

/* Whether the match is negated, in a sentence, in a sentence that
 * disowns it. A sentence, for a hit, has a function word besides the
 * pattern's own words, or SENTENCE_WORDS other words: "the gc module
 * collects cycles" is one, "- small int cache" is not. */
static void judge_match(const rtext *t, size_t first, const pattern *p, const size_t *pos, match *m)
{
    m->first = first;
    m->last = pos[p->n - 1];
    m->pos = pos;
    m->p = p;
    m->cue = first;
    m->negated = 0;
    size_t words = 0;
    for (size_t j = first; j-- > 0;) {
        const rtok *k = &t->tok[j];
        if (k->clause != t->tok[first].clause)
            break;
        if ((k->flags & TF_CUE) && (words <= NEG_WINDOW || (k->flags & TF_WIDE))) {
            m->negated = 1;
            m->cue = j;
            break;
        }
        if (k->kind == TK_WORD)
            words++;
    }
    uint32_t sent = t->tok[first].sent;
    size_t glue = t->sent_glue[sent], other = t->sent_other[sent];
    for (size_t k = 0; k < p->n; k++) {
        const rtok *w = &t->tok[pos[k]];
        if (p->t[k].kind != TK_WORD || w->sent != sent)
            continue;
        if (w->flags & TF_GLUE)
            glue--;
        else
            other--;
    }
    m->sentence = glue > 0 || other >= SENTENCE_WORDS;
    m->refuted = t->sent_refuted[sent];
}

/* Calls fn on every match of p in t, in order, until fn returns nonzero;
 * returns that value. */
static int each_match(const pattern *p, const rtext *t, int (*fn)(const rtext *, const match *, void *),
                      void *ctx)
{
    size_t pos[PATTERN_TOKENS_MAX];
    for (size_t i = 0; i < t->ntok; i++) {
        if (!match_from(p, 0, t, i, i, pos))
            continue;
        match m;
        judge_match(t, i, p, pos, &m);
        int r = fn(t, &m, ctx);
        if (r)
            return r;
    }
    return 0;
}

typedef struct {
    const rtext *t;
    int (*fn)(const rtext *, const match *, void *);
    void *ctx;
    int result;
} scan_ctx;

static int scan_variant(const char *v, void *ctx)
{
    scan_ctx *sc = ctx;
    pattern p;
    if (pattern_compile(v, &p, NULL) < 0)
        return 0;
    sc->result = each_match(&p, sc->t, sc->fn, sc->ctx);
    return sc->result != 0;
}

/* each_match over every pattern that pat stands for; patterns that
 * rubric_pattern_check refuses match nothing. */
static int scan(const char *pat, const rtext *t, int (*fn)(const rtext *, const match *, void *), void *ctx)
{
    if (!pat || strlen(pat) > RUBRIC_PATTERN_MAX)
        return 0;
    scan_ctx sc = { t, fn, ctx, 0 };
    expansion e = { scan_variant, &sc, 0, NULL };
    expand(pat, &e, 0);
    return sc.result;
}

/* The answer's words from token a to token b, cut at QUOTE_MAX bytes. */
static char *quote(const rtext *t, size_t a, size_t b)
{
    size_t s = t->tok[a].off, e = t->tok[b].off + t->tok[b].len;
    int cut = 0;
    if (e - s > QUOTE_MAX) {
        e = s + QUOTE_MAX;
        while (e > s && ((unsigned char)t->norm[e] & 0xC0) == 0x80)
            e--;
        cut = 1;
    }
    char *q = xmemdup(t->norm + s, e - s);
    for (char *c = q; *c; c++)
        if (*c == '\n' || *c == '\t')
            *c = ' ';
    if (cut) {
        char *r = xasprintf("%s...", q);
        free(q);
        q = r;
    }
    return q;
}

/* ---- judging ---- */

typedef struct {
    int found;
    char *negated;          /* quote of the first negated match */
    char *fragment;         /* quote of the first match outside a sentence */
} point_scan;

static int scan_point(const rtext *t, const match *m, void *ctx)
{
    point_scan *ps = ctx;
    if (m->negated) {
        if (!ps->negated)
            ps->negated = quote(t, m->cue, m->last);
        return 0;
    }
    if (!m->sentence) {
        if (!ps->fragment)
            ps->fragment = quote(t, m->first, m->last);
        return 0;
    }
    ps->found = 1;
    return 1;
}

typedef struct {
    char *said;
} assert_scan;

static int scan_assertion(const rtext *t, const match *m, void *ctx)
{
    assert_scan *as = ctx;
    if (m->negated || m->refuted)
        return 0;
    as->said = quote(t, m->first, m->last);
    return 1;
}

/* The first asserted match of any of the patterns, quoted, or NULL. */
static char *asserted(char *const *pats, size_t n, const rtext *t)
{
    for (size_t i = 0; i < n; i++) {
        assert_scan as = { NULL };
        if (scan(pats[i], t, scan_assertion, &as))
            return as.said;
    }
    return NULL;
}

void rubric_result_init(rubric_result *r)
{
    memset(r, 0, sizeof *r);
}

void rubric_result_free(rubric_result *r)
{
    for (size_t i = 0; i < r->npoints; i++)
        free(r->points[i].note);
    free(r->points);
    free(r->said);
    free(r->soup);
    rubric_result_init(r);
}

static size_t pct(size_t part, size_t whole)
{
    return whole ? part * 100 / whole : 0;
}

void rubric_judge(const rubric_point *points, size_t npoints, const rubric_misconception *mis,
                  size_t nmis, const char *answer, size_t len, rubric_result *r)
{
    rubric_result_free(r);
    if (!answer)
        len = 0;
    if (len > RUBRIC_TEXT_MAX) {
        len = RUBRIC_TEXT_MAX;
        r->truncated = 1;
    }
    rtext t;
    rtext_init(&t, answer ? answer : "", len);
    r->npoints = npoints;
    r->points = xcalloc(npoints + 1, sizeof *r->points);

    for (size_t i = 0; i < npoints; i++) {
        const rubric_point *rp = &points[i];
        point_scan ps = { 0, NULL, NULL };
        for (size_t k = 0; k < rp->nkeywords && !ps.found; k++)
            scan(rp->keywords[k], &t, scan_point, &ps);
        rubric_point_result *pr = &r->points[i];
        char *against = asserted(rp->contradicts, rp->ncontradicts, &t);
        if (against) {
            pr->note = xasprintf("contradicted: \"%s\"", against);
            free(against);
        } else if (ps.found) {
            pr->hit = 1;
            r->hits++;
        } else if (ps.negated) {
            pr->note = xasprintf("negated: \"%s\"", ps.negated);
        } else if (ps.fragment) {
            pr->note = xasprintf("not in a sentence: \"%s\"", ps.fragment);
        }
        free(ps.negated);
        free(ps.fragment);
    }

    for (size_t i = 0; i < nmis && !r->misconception; i++) {
        char *said = asserted(mis[i].keywords, mis[i].nkeywords, &t);
        if (said) {
            r->misconception = &mis[i];
            r->said = said;
        }
    }

    /* keyword soup: counted over prose, the words outside code spans */
    size_t words = 0, func = 0, verbs_seen = 0;
    for (size_t j = 0; j < t.ntok; j++) {
        const rtok *k = &t.tok[j];
        if (k->kind != TK_WORD || (k->flags & TF_CODE))
            continue;
        words++;
        func += (k->flags & TF_FUNC) != 0;
        verbs_seen += (k->flags & TF_VERB) != 0;
    }
    if (r->hits) {
        if (!words)
            r->soup = xstrdup("the answer has no sentences, only code");
        else if (pct(func, words) < SOUP_MIN_FUNCTION_PCT)
            r->soup = xasprintf("the answer reads as a list of keywords, not sentences: %zu of its %zu "
                                "words are function words (is, of, the, when, because...)",
                                func, words);
        else if (!verbs_seen)
            r->soup = xstrdup("the answer reads as a list of keywords, not sentences: it has no verb");
    }
    if (r->soup) {
        for (size_t i = 0; i < npoints; i++) {
            if (!r->points[i].hit)
                continue;
            r->points[i].hit = 0;
            r->points[i].note = xstrdup("not counted: the answer is a list of keywords");
        }
        r->hits = 0;
    }
    rtext_release(&t);
}

typedef struct {
    rubric_found best;
} find_scan;

static int scan_find(const rtext *t, const match *m, void *ctx)
{
    (void)t;
    find_scan *fs = ctx;
    rubric_found f = m->negated ? RUBRIC_NEGATED : !m->sentence ? RUBRIC_NO_SENTENCE : RUBRIC_FOUND;
    if (f > fs->best)
        fs->best = f;
    return f == RUBRIC_FOUND;
}

rubric_found rubric_find(const char *pattern_text, const char *text, size_t len)
{
    if (len > RUBRIC_TEXT_MAX)
        len = RUBRIC_TEXT_MAX;
    rtext t;
    rtext_init(&t, text ? text : "", text ? len : 0);
    find_scan fs = { RUBRIC_ABSENT };
    scan(pattern_text, &t, scan_find, &fs);
    rtext_release(&t);
    return fs.best;
}
