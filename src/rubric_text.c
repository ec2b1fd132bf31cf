/* rubric_text.c - reading an answer for the explain matcher (rubric.c):
 * normalised to valid UTF-8 with ASCII punctuation, cut into words and
 * symbols, marked with what the rules need (code spans, negation cues,
 * function words and verbs, sentences and clauses, sentences that disown
 * what they say). The word lists are here, and why each is what it is. */
#define _GNU_SOURCE
#include "rubric_impl.h"

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "util.h"

/* ---- characters ---- */

unsigned char rubric_fold(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

int rubric_eq_fold(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (rubric_fold((unsigned char)a[i]) != rubric_fold((unsigned char)b[i]))
            return 0;
    return 1;
}

static size_t u8dec(const unsigned char *s, size_t n, uint32_t *cp)
{
    return util_utf8_decode(s, n, cp, 0);
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

/* Lower case beyond ASCII ("CAFÉ" is "café"), from the C.UTF-8 locale's
 * tables, asked for without touching the process's own locale; where
 * that locale is missing, ASCII alone is folded (rubric_fold). */
static uint32_t lower_cp(uint32_t c)
{
    static locale_t utf8;
    static int tried;
    if (!tried) {
        tried = 1;
        utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    }
    return utf8 ? (uint32_t)towlower_l((wint_t)c, utf8) : c;
}

/* Normalised copy of s: valid UTF-8, no NUL or control characters but \n
 * and \t, typographic punctuation as ASCII, letters beyond ASCII in lower
 * case. Never longer than s. */
char *rubric_normalise(const char *s, size_t n, size_t *outlen)
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
        } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
            out[o++] = (c == '\n' || c == '\t') ? (char)c : ' ';
        } else {
            char lc[4];
            uint32_t l = c >= 0x80 ? lower_cp(c) : c;
            size_t ll = l != c && l >= 0x80 && l <= 0x10FFFF ? util_utf8_encode(l, lc) : 0;
            /* (a lower case that is longer in UTF-8 is rare: kept as it was) */
            if (ll && ll <= k) {
                memcpy(out + o, lc, ll);
                o += ll;
            } else {
                memcpy(out + o, p + i, k);
                o += k;
            }
        }
        i += k;
    }
    out[o] = 0;
    *outlen = o;
    return out;
}

/* ---- lexing: shared by answers and patterns ---- */

static int ascii_digit(char c) { return c >= '0' && c <= '9'; }

int rubric_word_at(const char *s, size_t n, size_t i, size_t *k)
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
int rubric_lex(const char *s, size_t n, size_t *i, rubric_tok *t)
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
    t->flags = space ? RT_SPACE : 0;
    size_t k;
    if (!rubric_word_at(s, n, j, &k)) {
        t->kind = RT_SYM;
        t->len = (uint32_t)k;
        *i = j + k;
        return 1;
    }
    t->kind = RT_WORD;
    size_t e = j + k;
    for (;;) {
        if (e < n && rubric_word_at(s, n, e, &k)) {
            e += k;
            continue;
        }
        if (e + 1 < n && (s[e] == '\'' || (s[e] == '.' && ascii_digit(s[e - 1]) && ascii_digit(s[e + 1]))) &&
            rubric_word_at(s, n, e + 1, &k)) {
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
        if (strlen(list[i]) == n && rubric_eq_fold(w, list[i], n))
            return 1;
    return 0;
}

static int ends_with(const char *w, size_t n, const char *suffix)
{
    size_t m = strlen(suffix);
    return n > m && rubric_eq_fold(w + n - m, suffix, m);
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

/* A sentence has a verb: an auxiliary, an inflected form of a verb
 * (glue_verbs, and those of verbs[] below) that is not used as a noun or
 * adjective (unmark_noun_forms), or a bare form after a subject
 * (mark_bare_verbs). */
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

/* Bare forms that are verbs after a subject: "they pause", "threads never
 * run" (verbs[], and glue verbs besides those inflected above). */
static const char *const glue_bare_verbs[] = {
    "get", "make", "use", "keep", "let", "need", "mean", "go", "give", "take", "put", "say", "see", NULL,
};
/* Bare forms of verbs[] that head a compound noun as often as they are
 * verbs ("the indices hash table", "small ints cache"): not verbs after a
 * noun, only after a pronoun. */
static const char *const noun_verbs[] = {
    "access", "alias", "block", "box", "break", "cache", "call", "change", "check", "copy", "cost",
    "count", "end", "fix", "free", "hash", "help", "hit", "jump", "last", "leak", "load",
    "lock", "look", "loop", "match", "measure", "note", "pass", "pay", "point", "pop", "print",
    "probe", "push", "return", "save", "search", "speed", "split", "start", "stop", "store",
    "switch", "touch", "track", "try", "turn", "update", "walk", "work", NULL,
};
#define PLURAL_MIN 4 /* letters of a plural noun taken as a subject: ints, ones */
static const char *const subject_pronouns[] = { "i", "we", "you", "they", NULL };
/* Adverbs that may stand between a subject and its verb. */
static const char *const verb_adverbs[] = {
    "never", "only", "also", "always", "just", "still", "often", "usually", "sometimes", "rarely",
    "all", "both", "each", "then", "really", "actually", "simply", "merely", "typically", "normally",
    "generally", "first", NULL,
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
        return b[bl - 1] == 'y' && n == bl + 2 && rubric_eq_fold(w, b, bl - 1) &&
               (rubric_eq_fold(w + bl - 1, "ies", 3) || rubric_eq_fold(w + bl - 1, "ied", 3));
    }
    if (b[bl - 1] == 'y' && n == bl + 2 && rubric_eq_fold(w, b, bl - 1) &&
        (rubric_eq_fold(w + bl - 1, "ies", 3) || rubric_eq_fold(w + bl - 1, "ied", 3)))
        return 1;
    /* bases ending in e drop it before -ing and -ed: compare -> comparing, compared */
    if (b[bl - 1] == 'e' && rubric_eq_fold(w, b, bl - 1)) {
        const char *r = w + bl - 1;
        size_t rl = n - (bl - 1);
        if ((rl == 3 && rubric_eq_fold(r, "ing", 3)) || (rl == 2 && rubric_eq_fold(r, "ed", 2)))
            return 1;
    }
    if (!rubric_eq_fold(w, b, bl))
        return 0;
    const char *r = w + bl;
    size_t rl = n - bl;
    if ((rl == 1 && rubric_fold((unsigned char)r[0]) == 's') || (rl == 2 && rubric_eq_fold(r, "es", 2)) ||
        (rl == 2 && rubric_eq_fold(r, "ed", 2)) || (rl == 3 && rubric_eq_fold(r, "ing", 3)))
        return 1;
    /* stop -> stopped, stopping */
    return rubric_fold((unsigned char)r[0]) == rubric_fold((unsigned char)b[bl - 1]) &&
           ((rl == 3 && rubric_eq_fold(r + 1, "ed", 2)) || (rl == 4 && rubric_eq_fold(r + 1, "ing", 3)));
}

static int is_verb_form(const char *w, size_t n)
{
    if (word_in(w, n, irregular_verbs))
        return 1;
    for (size_t i = 0; verbs[i]; i++)
        if (rubric_fold((unsigned char)w[0]) == verbs[i][0] && verb_form_of(w, n, verbs[i]))
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
    "mistakenly", "wrongly", "incorrectly", "falsely", "folklore", "fallacy",
    "naive", "naively", "misleading", "untrue", "tempting", NULL,
};
static const char *const refute_verbs[] = {
    "think", "thinks", "believe", "believes", "assume", "assumes", "claim", "claims", NULL,
};
static const char *const refute_subjects[] = {
    "people", "many", "some", "might", "may", "would", "could", "often", "beginners",
    "juniors", "folks", "commonly", NULL,
};

#define OTHERWISE_WINDOW 4 /* tokens after a disowning word within which "otherwise" turns it around */

static const char *const abbreviations[] = {
    "etc", "vs", "cf", "approx", "ie", "eg", "al", "resp", "fig", "mr", "dr", NULL,
};

/* ---- the answer ---- */


static int tok_is(const rubric_text *t, size_t i, const char *w)
{
    return i < t->ntok && t->tok[i].kind == RT_WORD && t->tok[i].len == strlen(w) &&
           rubric_eq_fold(rubric_tk(t, i), w, t->tok[i].len);
}

static int tok_sym(const rubric_text *t, size_t i, char c)
{
    return i < t->ntok && t->tok[i].kind == RT_SYM && t->tok[i].len == 1 && rubric_tk(t, i)[0] == c;
}

static int tok_in(const rubric_text *t, size_t i, const char *const *list)
{
    return i < t->ntok && t->tok[i].kind == RT_WORD && word_in(rubric_tk(t, i), t->tok[i].len, list);
}

/* Code spans: `inline` (to the next backtick or the end of the line) and
 * ``` fences (to the next fence). */
static void mark_code(rubric_text *t)
{
    int mode = 0; /* 0 prose, 1 inline, 2 fence */
    for (size_t i = 0; i < t->ntok; i++) {
        if (mode == 1 && t->tok[i].nl)
            mode = 0;
        if (tok_sym(t, i, '`')) {
            int fence = tok_sym(t, i + 1, '`') && tok_sym(t, i + 2, '`') &&
                        !(t->tok[i + 1].flags & RT_SPACE) && !(t->tok[i + 2].flags & RT_SPACE);
            size_t n = fence ? 3 : 1;
            for (size_t k = 0; k < n; k++)
                t->tok[i + k].flags |= RT_CODE;
            if (fence)
                mode = mode == 2 ? 0 : 2;
            else if (mode != 2)
                mode = mode == 1 ? 0 : 1;
            i += n - 1;
            continue;
        }
        if (mode)
            t->tok[i].flags |= RT_CODE;
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
    if ((rl == 2 && (rubric_eq_fold(rest, "re", 2) || rubric_eq_fold(rest, "ll", 2) || rubric_eq_fold(rest, "ve", 2))) ||
        (rl == 1 && (rubric_fold((unsigned char)rest[0]) == 'd' || rubric_fold((unsigned char)rest[0]) == 'm')))
        return 1;
    return rl == 1 && rubric_fold((unsigned char)rest[0]) == 's' && word_in(w, base, function_words);
}

static void mark_words(rubric_text *t)
{
    for (size_t i = 0; i < t->ntok; i++) {
        rubric_tok *k = &t->tok[i];
        if (k->kind != RT_WORD || (k->flags & RT_CODE))
            continue;
        const char *w = rubric_tk(t, i);
        if (word_in(w, k->len, function_words) || is_contraction_nt(w, k->len) ||
            is_contraction_verb(w, k->len))
            k->flags |= RT_FUNC | RT_GLUE;
        else if (word_in(w, k->len, glue_words) || is_verb_form(w, k->len))
            k->flags |= RT_GLUE;
        if (word_in(w, k->len, auxiliaries) || is_contraction_nt(w, k->len) ||
            is_contraction_verb(w, k->len) || word_in(w, k->len, glue_verbs) || is_verb_form(w, k->len))
            k->flags |= RT_VERB;
        int cue = word_in(w, k->len, cue_words) || is_contraction_nt(w, k->len);
        if (cue && tok_is(t, i, "not") && tok_in(t, i + 1, not_cue_after_not))
            cue = 0;
        if (cue && tok_is(t, i, "no") && (tok_is(t, i + 1, "matter") || tok_is(t, i + 1, "doubt")))
            cue = 0;
        if (cue && tok_is(t, i, "not") && i >= 2 && tok_is(t, i - 1, "or") && tok_is(t, i - 2, "whether"))
            cue = 0;
        /* "none of": a negation; None alone is Python's */
        if (tok_is(t, i, "none") && tok_is(t, i + 1, "of"))
            cue = 1;
        /* the cue of "rather than", "instead of", "as opposed to" is its last word */
        if ((tok_is(t, i, "than") && i >= 1 && tok_is(t, i - 1, "rather")) ||
            (tok_is(t, i, "of") && i >= 1 && tok_is(t, i - 1, "instead")) ||
            (tok_is(t, i, "to") && i >= 2 && tok_is(t, i - 1, "opposed") && tok_is(t, i - 2, "as")))
            cue = 1;
        if (cue)
            k->flags |= RT_CUE;
    }
}

/* A line that starts with a bullet or "1." starts a sentence. */
static int bullet_at(const rubric_text *t, size_t i)
{
    if (!t->tok[i].nl)
        return 0;
    if (t->tok[i].kind == RT_SYM)
        return tok_sym(t, i, '-') || tok_sym(t, i, '*') || tok_sym(t, i, '+') ||
               (t->tok[i].len == 3 && memcmp(rubric_tk(t, i), "\xE2\x80\xA2", 3) == 0); /* • */
    const char *w = rubric_tk(t, i);
    for (size_t k = 0; k < t->tok[i].len; k++)
        if (!ascii_digit(w[k]))
            return 0;
    return tok_sym(t, i + 1, '.') || tok_sym(t, i + 1, ')');
}

/* Whether the '.' at i ends a sentence: followed by white space (or the
 * end), and not the dot of e.g., i.e., etc. */
static int full_stop(const rubric_text *t, size_t i)
{
    if (i + 1 < t->ntok && !(t->tok[i + 1].flags & RT_SPACE))
        return 0;
    if (i >= 1 && tok_in(t, i - 1, abbreviations))
        return 0;
    if (i >= 3 && t->tok[i - 1].kind == RT_WORD && t->tok[i - 1].len == 1 && tok_sym(t, i - 2, '.') &&
        t->tok[i - 3].kind == RT_WORD && t->tok[i - 3].len == 1)
        return 0;
    return 1;
}

static int ends_sentence(const rubric_text *t, size_t i)
{
    return tok_sym(t, i, '!') || tok_sym(t, i, '?') || (tok_sym(t, i, '.') && full_stop(t, i));
}

static int ends_clause(const rubric_text *t, size_t i)
{
    static const char syms[] = ",;:()[]{}\"";
    if (t->tok[i].kind != RT_SYM)
        return 0;
    if (t->tok[i].len == 1 && strchr(syms, rubric_tk(t, i)[0]))
        return 1;
    /* a dash between spaces, or --, or an en or em dash */
    if (tok_sym(t, i, '-'))
        return ((t->tok[i].flags & RT_SPACE) && (i + 1 >= t->ntok || (t->tok[i + 1].flags & RT_SPACE))) ||
               tok_sym(t, i + 1, '-');
    return t->tok[i].len == 3 && (memcmp(rubric_tk(t, i), "\xE2\x80\x93", 3) == 0 || memcmp(rubric_tk(t, i), "\xE2\x80\x94", 3) == 0);
}

/* A plural noun, as a subject may be: "generators", "threads", "ones";
 * not a function word, glue word or verb form, nor "status", "class",
 * "analysis" or a possessive. */
static int plural_noun_at(const rubric_text *t, size_t i)
{
    const rubric_tok *k = &t->tok[i];
    if (k->kind != RT_WORD || (k->flags & (RT_CODE | RT_GLUE)) || k->len < PLURAL_MIN)
        return 0;
    const char *w = rubric_tk(t, i);
    char last = (char)rubric_fold((unsigned char)w[k->len - 1]);
    char before = (char)rubric_fold((unsigned char)w[k->len - 2]);
    return last == 's' && before != 's' && before != 'u' && before != 'i' && before != '\'';
}

/* Bare verbs after a subject. verbs[] leaves bare forms out, since they
 * double as nouns ("the cache", "a lock"), so a sentence in the plural
 * ("Generators pause at each yield", "threads never run in parallel")
 * had no verb and read as keyword soup. A bare form is a verb when a
 * subject pronoun (they, we, you, I) or a plural noun comes right before
 * it in its clause, an adverb at most between. After a noun, which may
 * be a modifier instead, the form must not be one that heads compound
 * nouns (noun_verbs) and must be followed by a word of its clause other
 * than "of": "the small ints cache", "the indices hash table", "the
 * threads lock" stay noun phrases. */
static void mark_bare_verbs(rubric_text *t)
{
    for (size_t j = 1; j < t->ntok; j++) {
        rubric_tok *v = &t->tok[j];
        if (v->kind != RT_WORD || (v->flags & (RT_CODE | RT_VERB)))
            continue;
        const char *w = rubric_tk(t, j);
        if (!word_in(w, v->len, verbs) && !word_in(w, v->len, glue_bare_verbs))
            continue;
        size_t s = j - 1;
        if (tok_in(t, s, verb_adverbs) && s > 0)
            s--;
        if (t->tok[s].kind != RT_WORD || (t->tok[s].flags & RT_CODE) || t->tok[s].clause != v->clause)
            continue;
        int subject = tok_in(t, s, subject_pronouns);
        if (!subject && plural_noun_at(t, s) && !word_in(w, v->len, noun_verbs)) {
            const rubric_tok *n = j + 1 < t->ntok ? &t->tok[j + 1] : NULL;
            subject = n && n->kind == RT_WORD && n->clause == v->clause && !tok_is(t, j + 1, "of");
        }
        if (subject)
            v->flags |= RT_VERB | RT_GLUE;
    }
}

static const char *const determiners[] = {
    "a", "an", "the", "this", "these", "those", "its", "their", "his", "her", "my", "our", "your",
    "each", "every", NULL,
};
static const char *const prepositions[] = {
    "about", "after", "against", "at", "before", "by", "for", "from", "in", "into", "of", "on",
    "through", "via", "with", "without", NULL,
};

static int ends_in(const rubric_text *t, size_t i, const char *suffix)
{
    return ends_with(rubric_tk(t, i), t->tok[i].len, suffix);
}

/* Verb forms used as nouns and adjectives are not the verb a sentence
 * needs: after an article or a possessive ("the copies", "the shared
 * list", "its binding"), joined to a word by a hyphen ("I/O-bound",
 * "heap-allocated"), an -s or -ing form before "of" ("the reference
 * counts of"), an -ing form after a preposition or after an article and
 * one word ("by sharing", "the late binding"). Lists of terms padded with
 * articles are full of them; the auxiliaries and contractions stay
 * verbs. */
static void unmark_noun_forms(rubric_text *t)
{
    for (size_t j = 1; j < t->ntok; j++) {
        rubric_tok *v = &t->tok[j];
        if (!(v->flags & RT_VERB) || (v->flags & RT_FUNC))
            continue;
        int ing = ends_in(t, j, "ing"), s_form = ends_in(t, j, "s") || ing;
        int noun = tok_in(t, j - 1, determiners) ||
                   (tok_sym(t, j - 1, '-') && !(t->tok[j - 1].flags & RT_SPACE) && !(v->flags & RT_SPACE) &&
                    j >= 2 && t->tok[j - 2].kind == RT_WORD) ||
                   (s_form && tok_is(t, j + 1, "of") && t->tok[j + 1].clause == v->clause) ||
                   (ing && (tok_in(t, j - 1, prepositions) || (j >= 2 && tok_in(t, j - 2, determiners) &&
                                                               t->tok[j - 1].kind == RT_WORD)));
        if (noun)
            v->flags &= (unsigned short)~RT_VERB;
    }
}

/* Sentences and clauses of every token. */
static void mark_clauses(rubric_text *t)
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
                if (t->tok[i - 1].flags & RT_CUE)
                    t->tok[i - 1].flags |= RT_WIDE;
                else
                    clause++;
            }
        }
        t->tok[i].sent = sent;
        t->tok[i].clause = clause;
    }
    t->nsent = t->ntok ? (size_t)sent + 1 : 0;
    t->nclause = t->ntok ? (size_t)clause + 1 : 0;
}

/* Whether the word at i disowns what its clause says: "myth",
 * "wrongly", "people think", "is wrong", "not true"... but not when it
 * disowns the opposite ("it is a mistake to think otherwise") or what
 * others think in a phrase that asserts the rest ("contrary to what
 * people think, ...": contrary is set when "contrary" came before it in
 * its clause). */
static int refutes_at(const rubric_text *t, size_t i, int contrary)
{
    int after_be = i >= 1 && (tok_is(t, i - 1, "is") || tok_is(t, i - 1, "are") || tok_is(t, i - 1, "was") ||
                              tok_is(t, i - 1, "be"));
    int after_not = i >= 1 && (tok_is(t, i - 1, "not") || is_contraction_nt(rubric_tk(t, i - 1), t->tok[i - 1].len));
    int refute = tok_in(t, i, refute_words) || (tok_in(t, i, refute_verbs) && i >= 1 && tok_in(t, i - 1, refute_subjects)) ||
                 ((tok_is(t, i, "wrong") || tok_is(t, i, "false")) && after_be) || (tok_is(t, i, "true") && after_not);
    if (!refute || contrary)
        return 0;
    for (size_t j = i + 1; j < t->ntok && j <= i + OTHERWISE_WINDOW && t->tok[j].sent == t->tok[i].sent; j++)
        if (tok_is(t, j, "otherwise"))
            return 0;
    return 1;
}

/* The first word of the clause that starts at token i, past an opening
 * conjunction, or ntok. */
static size_t clause_word(const rubric_text *t, size_t i)
{
    static const char *const openers[] = { "but", "and", "yet", "though", "although", NULL };
    uint32_t c = i < t->ntok ? t->tok[i].clause : 0;
    while (i < t->ntok && t->tok[i].clause == c && t->tok[i].kind != RT_WORD)
        i++;
    if (i >= t->ntok || t->tok[i].clause != c)
        return t->ntok;
    return tok_in(t, i, openers) ? i + 1 : i;
}

/* Whether a clause that disowns what it says (starting at token first)
 * points back at the clause before it: "..., which is a myth", "..., but
 * that's a misconception", "... -- a common myth" (no verb of its own). */
static int refers_back(const rubric_text *t, size_t first, int has_verb)
{
    static const char *const pronouns[] = { "that", "this", "it", NULL };
    static const char *const short_be[] = { "that's", "this's", "it's", NULL };
    if (!has_verb)
        return 1;
    size_t i = clause_word(t, first);
    return tok_is(t, i, "which") || tok_in(t, i, short_be) ||
           (tok_in(t, i, pronouns) && (tok_is(t, i + 1, "is") || tok_is(t, i + 1, "was")));
}

/* Clauses that disown what they say. A cue disowns its own clause only,
 * as a negation does: in "X, and it is a mistake to think otherwise" or
 * "Contrary to what people think, X" or "Many think they differ, but X",
 * X is asserted. Besides, a disowning clause that points back (above)
 * disowns the clause before it, and one that begins with "that" is
 * disowned with the clause it completes, the nearest before it in its
 * sentence that has a verb or disowns: "People think, wrongly, that X".
 * One pass over the tokens, one over the clauses. */
static void mark_refuted(rubric_text *t)
{
    size_t n = t->nclause;
    unsigned char *own = xcalloc(n + 1, 1), *verb = xcalloc(n + 1, 1);
    size_t *first = xcalloc(n + 1, sizeof *first);
    uint32_t *sent = xcalloc(n + 1, sizeof *sent);
    t->clause_refuted = xcalloc(n + 1, 1);
    int contrary = 0;
    for (size_t i = 0; i < t->ntok; i++) {
        uint32_t c = t->tok[i].clause;
        if (i == 0 || t->tok[i - 1].clause != c) {
            first[c] = i;
            sent[c] = t->tok[i].sent;
            contrary = 0;
        }
        if (t->tok[i].kind != RT_WORD || (t->tok[i].flags & RT_CODE))
            continue;
        verb[c] |= (t->tok[i].flags & RT_VERB) != 0;
        own[c] |= refutes_at(t, i, contrary) != 0;
        contrary |= tok_is(t, i, "contrary");
    }
    size_t saying = n; /* the last clause of the sentence with a verb or a disowning word */
    for (size_t c = 0; c < n; c++) {
        if (c > 0 && sent[c] != sent[c - 1])
            saying = n;
        unsigned char r = own[c];
        if (c + 1 < n && own[c + 1] && sent[c + 1] == sent[c] && refers_back(t, first[c + 1], verb[c + 1]))
            r = 1;
        size_t w = clause_word(t, first[c]);
        if (tok_is(t, w, "that") && t->tok[w].clause == c && !tok_is(t, w + 1, "is") && !tok_is(t, w + 1, "was") &&
            saying < n && own[saying])
            r = 1;
        t->clause_refuted[c] = r;
        if (own[c] || verb[c])
            saying = c;
    }
    free(own);
    free(verb);
    free(first);
    free(sent);
}

static void mark_sentences(rubric_text *t)
{
    mark_clauses(t);
    unmark_noun_forms(t);
    mark_bare_verbs(t);
    t->sent_glue = xcalloc(t->nsent + 1, sizeof *t->sent_glue);
    t->sent_other = xcalloc(t->nsent + 1, sizeof *t->sent_other);
    for (size_t i = 0; i < t->ntok; i++) {
        const rubric_tok *k = &t->tok[i];
        if (k->kind != RT_WORD)
            continue;
        if (k->flags & RT_GLUE)
            t->sent_glue[k->sent]++;
        else
            t->sent_other[k->sent]++;
    }
    mark_refuted(t);
}

void rubric_text_init(rubric_text *t, const char *s, size_t n)
{
    memset(t, 0, sizeof *t);
    t->norm = rubric_normalise(s, n, &t->nlen);
    /* every token takes at least one byte */
    t->tok = xmalloc((t->nlen + 1) * sizeof *t->tok);
    size_t i = 0;
    while (rubric_lex(t->norm, t->nlen, &i, &t->tok[t->ntok]))
        t->ntok++;
    mark_code(t);
    mark_words(t);
    mark_sentences(t);
}

void rubric_text_release(rubric_text *t)
{
    free(t->norm);
    free(t->tok);
    free(t->sent_glue);
    free(t->sent_other);
    free(t->clause_refuted);
    memset(t, 0, sizeof *t);
}

