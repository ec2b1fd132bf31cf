/* test_rubric.c - the explain matcher's rules (rubric.h): whole words,
 * phrases, prefixes and plurals, gaps, negation, contradictions,
 * misconceptions, keyword soup, UTF-8 and empty input; and the verdict
 * grade_explain builds from them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grade.h"
#include "report.h"
#include "rubric.h"
#include "util.h"

static rubric_found find(const char *pat, const char *text)
{
    return rubric_find(pat, text, strlen(text));
}

#define FOUND(p, t) assert_int_equal(find(p, t), RUBRIC_FOUND)
#define ABSENT(p, t) assert_int_equal(find(p, t), RUBRIC_ABSENT)
#define NEGATED(p, t) assert_int_equal(find(p, t), RUBRIC_NEGATED)
#define FRAGMENT(p, t) assert_int_equal(find(p, t), RUBRIC_NO_SENTENCE)

static void assert_has(const char *hay, const char *needle)
{
    if (!hay || !strstr(hay, needle))
        fail_msg("expected \"%s\" in \"%s\"", needle, hay ? hay : "(null)");
}

static void test_whole_words(void **state)
{
    FOUND("none", "It is None of your business.");
    ABSENT("none", "A nonexistent key raises KeyError.");
    ABSENT("gc", "The magic number is huge.");
    FOUND("GC", "the gc module collects cycles");
    ABSENT("cache", "It is a cachet of honour.");
    /* words keep their inner apostrophes and decimal points */
    FOUND("3.6", "The compact dict came in 3.6 and it is ordered.");
    ABSENT("3", "The compact dict came in 3.6 and it is ordered.");
    FOUND("don't rely", "You don't rely on it.");
    FOUND("cpython", "CPython's allocator is fast.");
    /* symbols are matched exactly, words around them whole */
    FOUND("__eq__", "== calls `__eq__` on the left operand.");
    ABSENT("eq", "== calls `__eq__` on the left operand.");
    FOUND("-5", "Ints from -5 to 256 are cached.");
    FOUND("o(n^2)", "That is O(n^2) in total.");
    FOUND("lst = []", "it writes lst=[] in the body");
    ABSENT("lst = []", "it writes lst=None in the body");
    FOUND("id(", "it compares id(a) with id(b)");
    /* case is folded beyond ASCII too, on both sides */
    FOUND("caf\xc3\xa9", "The CAF\xc3\x89 serves the dict.");
    FOUND("CAF\xc3\x89", "the caf\xc3\xa9 serves the dict");
    FOUND("\xce\xbb\xce\xb1\xce\xbc\xce\xb4\xce\xb1", "\xce\x9b\xce\x91\xce\x9c\xce\x94\xce\x91 is a Greek word"); /* λαμδα, ΛΑΜΔΑ */
    ABSENT("caf\xc3\xa9", "The cafe serves the dict.");
    /* and the plural of a word with letters beyond ASCII */
    FOUND("caf\xc3\xa9", "Both caf\xc3\xa9s serve it.");
}

static void test_phrases(void **state)
{
    FOUND("method resolution order", "It walks the Method-Resolution Order of the class.");
    FOUND("method resolution order", "it walks the method, resolution (order) of the class");
    ABSENT("method resolution order", "it walks the method resolution table order");
    /* not across a sentence end */
    ABSENT("same object", "It is the same. Object identity is what is compared.");
    /* a hyphen or slash inside a pattern is any punctuation, or none */
    FOUND("thread-safe", "The internals are not thread safe... they are thread safe here.");
    FOUND("thread safe", "refcounts are not thread-safe, so it is thread-safe with the lock");
    FOUND("i/o", "It is released around blocking I/O calls.");
    FOUND("i/o", "It is released around blocking I-O calls.");
}

static void test_prefix_and_plurals(void **state)
{
    FOUND("amortis*", "The cost is amortised over n appends.");
    FOUND("amorti*", "The amortized cost is O(1).");
    ABSENT("amortis*", "The cost is amortized.");
    FOUND("reference count", "Objects have reference counts that go up and down.");
    FOUND("copy", "the loop makes n copies of the string");
    FOUND("cache", "small ints live in caches here");
    FOUND("class", "it walks the classes in order");
    FOUND("class", "it walks the class's bases in order");
    ABSENT("cache", "the ints were cached by the runtime");
    /* short words do not take plurals: "is" is not "iss" */
    ABSENT("i", "it is what it is");
    FOUND("is", "it is what it is");
}

static void test_gaps(void **state)
{
    FOUND("identity ... same as ... equality", "Identity is basically the same as equality here.");
    ABSENT("identity ... same as ... equality", "Identity is the same thing, but equality is different.");
    /* a gap never crosses a sentence end */
    ABSENT("defaults ... once", "Defaults are stored on the function. They are evaluated once.");
    /* nor a clause */
    ABSENT("is ... value*", "is compares identity while == compares the values");
    ABSENT("is ... value*", "is compares identity; == compares the values");
    ABSENT("defaults ... once", "Defaults, for instance, are evaluated once.");
    /* nor more than six words */
    ABSENT("defaults ... once", "Defaults are stored on the function object and evaluated once.");
    FOUND("defaults ... once", "Defaults are evaluated only once, when def runs.");
    /* a gap never skips a negation cue: the phrase is not asserted */
    ABSENT("identity ... same as ... equality", "Identity is not the same as equality.");
}

static void test_negation(void **state)
{
    NEGATED("identity", "The is operator is not about identity.");
    NEGATED("identity", "It isn't identity that == checks.");
    NEGATED("identity", "It never compares identity.");
    NEGATED("value", "is compares identity rather than value");
    NEGATED("value", "is compares identity, not value");
    FOUND("identity", "is compares identity, not value");
    NEGATED("lst = []", "Instead of lst=[], the default should be None.");
    /* the cue must be in the same clause, and close */
    FOUND("identity", "It is not equality, it is identity.");
    FOUND("identity", "It does not look at values but compares identity.");
    FOUND("identity", "It is not just a value check: it compares object identity.");
    FOUND("identity", "It is not only faster but it compares identity.");
    FOUND("identity", "Not a big deal for small programs, whatever the identity.");
    FOUND("identity", "no matter the identity of the objects, == calls __eq__");
    /* a cue inside the pattern is the author's, not a negation */
    FOUND("not guaranteed", "Caching 257 is not guaranteed by the language.");
    NEGATED("guaranteed", "Caching 257 is not guaranteed by the language.");
    /* in code, not is Python */
    FOUND("none", "The fix: `if lst is not None: ...` and a None default is the sentinel.");
    FOUND("sentinel", "Write `lst is not None` and keep None as the sentinel.");
    NEGATED("sentinel", "There is no sentinel in this code.");
    NEGATED("guaranteed", "None of this is guaranteed by the language.");
    FOUND("sentinel", "None is the usual sentinel.");
    /* unlike: what follows is contrasted, not asserted */
    NEGATED("linked list", "Unlike a linked list, it is an array.");
    FOUND("array", "Unlike a linked list, it is an array.");
    /* a clause word right after a cue stays in the cue's clause */
    NEGATED("parallel*", "It is fast not because it runs in parallel but because of C.");
    /* `not` in a pattern is any negation */
    FOUND("not ... parallel*", "Threads can't run Python code in parallel.");
    FOUND("not ... parallel*", "Threads give no parallelism for CPU-bound code.");
    FOUND("not ... parallel*", "Threads never run bytecode in parallel.");
    FOUND("not thread-safe", "The refcounts aren't thread-safe.");
    ABSENT("not ... parallel*", "Threads run in parallel.");
}

static void test_sentences(void **state)
{
    FRAGMENT("small int cache", "- small int cache\n- identity\n");
    FOUND("small int cache", "- CPython has a small int cache\n- is compares identity\n");
    /* enough words to be a sentence: keyword soup is the whole answer's rule (below) */
    FOUND("identity", "identity equality cpython interning 256 cache");
    FOUND("identity", "The identity matters.\nIt is compared by is.");
    FOUND("identity", "Identity matters.\nIt is compared by is.");
    FRAGMENT("identity", "Identity, equality.\nIt is compared by is.");
    /* a sentence of content words alone needs three besides the match */
    FOUND("gc", "The gc module collects cycles.");
    FOUND("gc", "CPython's gc collects cycles.");
}

static void test_groups(void **state)
{
    FOUND("(schedul*|switch*) by the (os|kernel)", "Threads are switched by the kernel.");
    FOUND("(schedul*|switch*) by the (os|kernel)", "Threads are scheduled by the OS.");
    ABSENT("(schedul*|switch*) by the (os|kernel)", "Threads are scheduled by the loop.");
    FOUND("at (an |each )?await", "It switches at each await.");
    FOUND("at (an |each )?await", "It switches at await.");
    FOUND("the (event )?loop", "It blocks the loop.");
    FOUND("the (event )?loop", "It blocks the event loop.");
    /* parentheses without | or ? are literal */
    FOUND("o(n)", "Each append is O(n) at worst.");
    FOUND("hash((", "Return hash((self.x, self.y)) from it.");
    char *err = NULL;
    assert_int_equal(rubric_pattern_check("(a|b|c|d) (a|b|c|d) (a|b|c|d) (a|b)", &err), -1);
    assert_has(err, "more than 64 patterns");
    free(err);
    assert_int_equal(rubric_pattern_check("(a|) x", &err), 0);
    assert_int_equal(rubric_pattern_check("(a|...) x", &err), -1);
    assert_has(err, "\"... x\": a '...' must come between words");
    free(err);
}

static void test_bad_patterns(void **state)
{
    char *err = NULL;
    assert_int_equal(rubric_pattern_check("reference count", &err), 0);
    assert_null(err);
    assert_int_equal(rubric_pattern_check("a ... b ... c ... d", &err), 0);
    static const char *const bad[] = {
        "", "   ", "... identity", "identity ...", "a ... ... b", "x*", "a ... b ... c ... d ... e",
        /* regex and glob habits, which would match only as typed */
        "lazy|eager", "(lazy|eager", "lazy|eager)", "()", "lazy?", "[lazy]", "lazy.*", ".*lazy", "*lazy",
        "*lazy*", "[in|runs in] the background", "(on )?demand|request", "look* ?up", "(look* ?up|lookup)",
        "(id(x)|hash(x))", NULL,
    };
    for (size_t i = 0; bad[i]; i++) {
        if (rubric_pattern_check(bad[i], &err) != -1)
            fail_msg("pattern \"%s\" passed the check", bad[i]);
        assert_non_null(err);
        free(err);
        err = NULL;
    }
    char long_one[RUBRIC_PATTERN_MAX + 2];
    memset(long_one, 'a', sizeof long_one - 1);
    long_one[sizeof long_one - 1] = 0;
    assert_int_equal(rubric_pattern_check(long_one, &err), -1);
    assert_has(err, "longer than");
    free(err);
    /* what each habit is told to write instead */
    static const char *const advice[][2] = {
        { "lazy|eager", "choices go in parentheses, (lazy|eager)" }, { "(lazy|eager", "a '(' is not closed" },
        { "lazy|eager)", "a ')' has no '('" }, { "()", "an empty group" }, { "lazy?", "follows a group only" },
        { "[lazy]", "'[' makes no choice" }, { "lazy.*", "'...' skips up to 6 words" },
        { "*lazy", "a '*' ends a stem (laz*)" }, { NULL, NULL },
    };
    for (size_t i = 0; advice[i][0]; i++) {
        assert_int_equal(rubric_pattern_check(advice[i][0], &err), -1);
        assert_has(err, advice[i][1]);
        free(err);
        err = NULL;
    }
    /* the literal uses of those symbols stay: Python's operators, lists,
     * subscripts, calls and formulas */
    static const char *const good[] = {
        "d1 | d2", "d |= other", "lst = []", "[ x ] * 3", "[[]] * 3", "[0] * n", "d[key]", "a[i] = 1",
        "id(", "o(n", "next()", "lst = () ... append", "**kwargs", "f(*args)", "n*n", "hash((", NULL,
    };
    for (size_t i = 0; good[i]; i++) {
        if (rubric_pattern_check(good[i], &err) != 0)
            fail_msg("pattern \"%s\" refused: %s", good[i], err);
    }
    FOUND("d1 | d2", "Merge them with d1|d2 in 3.9.");
    FOUND("[ x ] * 3", "It builds [x] * 3, three references.");
    /* a '*' inside a formula is a symbol, not a prefix */
    assert_int_equal(rubric_pattern_check("n*n", &err), 0);
    FOUND("n*n", "The total is n*n copies.");
    assert_int_equal(rubric_pattern_check("n ** 2", &err), 0);
    FOUND("n ** 2", "The total is n**2 copies.");
}

static void test_utf8_and_empty(void **state)
{
    ABSENT("identity", "");
    assert_int_equal(rubric_find("identity", NULL, 0), RUBRIC_ABSENT);
    /* typographic apostrophes, quotes and dashes are their ASCII forms */
    FOUND("don't rely", "You don\xe2\x80\x99t rely on it.");
    NEGATED("identity", "It isn\xe2\x80\x99t identity.");
    FOUND("thread-safe", "not thread\xe2\x80\x91safe, and it is thread\xe2\x80\x91safe here");
    /* other scripts are words; ASCII folding leaves their bytes alone */
    FOUND("caf\xc3\xa9", "It is a CAF\xc3\xa9 of objects.");
    ABSENT("caf", "It is a caf\xc3\xa9 of objects.");
    FOUND("o(n\xc2\xb2)", "It is O(n\xc2\xb2) overall.");
    FOUND("5 \xc2\xb5s", "A call costs 5 \xc2\xb5s or so.");
    /* an em dash ends a clause */
    FOUND("identity", "It is not about value\xe2\x80\x94it is identity.");
    /* bad bytes and NUL are separators, never part of a word */
    const char bad[] = "It is the \xff\xfe identity\0of objects \xc3";
    assert_int_equal(rubric_find("identity", bad, sizeof bad - 1), RUBRIC_FOUND);
    assert_int_equal(rubric_find("objects", bad, sizeof bad - 1), RUBRIC_FOUND);
    const char trunc[] = "identity\xe2\x80";
    assert_int_equal(rubric_find("identity", trunc, sizeof trunc - 1), RUBRIC_NO_SENTENCE);
    /* every byte value, in every position, is read without harm */
    char all[512];
    for (size_t i = 0; i < sizeof all; i++)
        all[i] = (char)(i * 7 + 3);
    assert_int_equal(rubric_find("identity", all, sizeof all), RUBRIC_ABSENT);
}

/* ---- judging a whole rubric ---- */

static char *kw_id[] = { "identity", "same object" };
static char *ct_id[] = { "identity ... same as ... equality", "identical" };
static char *kw_eq[] = { "__eq__", "equality", "compares ... value*" };
static char *kw_cache[] = { "small int* ... cache*", "cach* ... -5", "-5 ... 256" };
static char *mis_value[] = { "is ... compares ... value*", "both compare ... value*" };
static char *mis_same[] = { "is and == are ... same", "is and == are identical" };

static rubric_point points3[] = {
    { "is compares identity", kw_id, 2, ct_id, 2 },
    { "== compares values through __eq__", kw_eq, 3, NULL, 0 },
    { "small ints are cached", kw_cache, 3, NULL, 0 },
};
static rubric_misconception mis2[] = {
    { "`is` compares identity, not value", mis_value, 2 },
    { "`is` and `==` ask different questions", mis_same, 2 },
};

static void judge(const char *answer, rubric_result *r)
{
    rubric_judge(points3, 3, mis2, 2, answer, strlen(answer), r);
}

static void test_judge_points(void **state)
{
    rubric_result r;
    rubric_result_init(&r);
    judge("`is` checks identity: both names refer to the same object. `==` calls __eq__, so two "
          "distinct objects can compare equal. CPython caches small ints from -5 to 256.",
          &r);
    assert_int_equal(r.npoints, 3);
    assert_int_equal(r.hits, 3);
    assert_null(r.misconception);
    assert_null(r.soup);
    for (size_t i = 0; i < 3; i++) {
        assert_true(r.points[i].hit);
        assert_null(r.points[i].note);
    }

    /* contradicted: the identity point is undone, with the words quoted */
    judge("`is` checks identity, and == calls __eq__; in the end identity is the same as equality.", &r);
    assert_int_equal(r.hits, 1);
    assert_false(r.points[0].hit);
    assert_has(r.points[0].note, "contradicted: \"identity is the same as equality\"");
    assert_true(r.points[1].hit);

    /* negated only */
    judge("The is operator is not about identity at all, I think.", &r);
    assert_int_equal(r.hits, 0);
    assert_has(r.points[0].note, "negated: \"not about identity\"");
    assert_null(r.points[1].note);

    /* a contradiction that is itself negated does not count */
    judge("Identity is not the same as equality: is compares identity and == calls __eq__.", &r);
    assert_int_equal(r.hits, 2);
    assert_true(r.points[0].hit);
    rubric_result_free(&r);
}

static void test_judge_misconceptions(void **state)
{
    rubric_result r;
    rubric_result_init(&r);
    /* the known case of issue 12 */
    judge("is and == are identical in CPython: both compare the value, so 256 is 256 and none of the "
          "rules differ. Identity is the same as equality.",
          &r);
    assert_non_null(r.misconception);
    assert_ptr_equal(r.misconception, &mis2[0]);
    assert_has(r.said, "both compare the value");
    assert_false(r.points[0].hit);

    /* negated, or disowned by the sentence, it is not stated */
    judge("`is` never compares the value: it compares identity. == calls __eq__.", &r);
    assert_null(r.misconception);
    judge("A common misconception is that is and == are the same; is compares identity and == calls "
          "__eq__.",
          &r);
    assert_null(r.misconception);
    assert_int_equal(r.hits, 2);
    judge("People think is compares values. It does not: is compares identity and == calls __eq__.", &r);
    assert_null(r.misconception);
    rubric_result_free(&r);
}

/* A disowning cue disowns its own clause, not the sentence: the audit's
 * answers (instructor6, D/ans/disown), against its drill's misconception. */
static void test_judge_disowning(void **state)
{
    static char *kw_lazy[] = { "lazy", "lazily", "on demand", "one at a time" };
    static char *kw_mem[] = { "constant memory", "(less|little|low) memory" };
    static char *kw_once[] = { "(only|just) once", "exhausted" };
    static char *mis_bg[] = { "(in|runs in) (the )?background", "in parallel", "in another thread" };
    rubric_point lazy[] = {
        { "lazy", kw_lazy, 4, NULL, 0 }, { "memory", kw_mem, 2, NULL, 0 }, { "once", kw_once, 2, NULL, 0 },
    };
    rubric_misconception bg[] = { { "not in parallel", mis_bg, 3 } };
    static const char *const base = "A generator is lazy and uses constant memory, and it can be consumed only once. ";
    static const char *const stated[] = {
        "It computes the values in parallel.",
        "It computes the values in parallel, and it is a mistake to think otherwise.",
        "Contrary to what people think, it computes the values in parallel with your code.",
        "Many tutorials wrongly say it is sequential: it computes the values in parallel.",
        "It is not true that it waits for next(): it computes the values in parallel.",
        "Many people think it waits, but it computes the values in parallel.",
        "It computes the values in parallel and it is wrong to say otherwise.",
        "Contrary to the myth it computes the values in parallel.",
        NULL,
    };
    static const char *const disowned[] = {
        "It is a myth that it computes the values in parallel.",
        "People think it computes the values in parallel; it does not.",
        "It is often said that it computes the values in parallel, which is a myth.",
        "Some say it computes the values in parallel, but that's a misconception.",
        "People often think, wrongly, that it computes the values in parallel.",
        "The idea that it computes the values in parallel is wrong.",
        "It is not true that it computes the values in parallel.",
        "It computes the values in parallel -- a common myth.",
        NULL,
    };
    rubric_result r;
    rubric_result_init(&r);
    char text[512];
    for (size_t i = 0; stated[i]; i++) {
        snprintf(text, sizeof text, "%s%s", base, stated[i]);
        rubric_judge(lazy, 3, bg, 1, text, strlen(text), &r);
        if (!r.misconception)
            fail_msg("not stated: %s", stated[i]);
    }
    for (size_t i = 0; disowned[i]; i++) {
        snprintf(text, sizeof text, "%s%s", base, disowned[i]);
        rubric_judge(lazy, 3, bg, 1, text, strlen(text), &r);
        if (r.misconception)
            fail_msg("stated: %s", disowned[i]);
        assert_int_equal(r.hits, 3);
    }
    rubric_result_free(&r);
}

static void test_judge_soup(void **state)
{
    rubric_result r;
    rubric_result_init(&r);
    judge("identity equality cpython interning 256 cache __eq__ same object", &r);
    assert_int_equal(r.hits, 0);
    assert_non_null(r.soup);
    /* the same words as a list of fragments */
    judge("- identity\n- same object\n- __eq__\n- small int cache -5", &r);
    assert_int_equal(r.hits, 0);
    /* padded with articles: still a list */
    judge("The identity, the same object, the __eq__, the equality, the cache of -5.", &r);
    assert_int_equal(r.hits, 0);
    assert_non_null(r.soup);
    assert_has(r.points[0].note, "not counted");
    /* terse, but two sentences */
    judge("is compares identity, == calls __eq__. Small ints from -5 to 256 are cached, so 256 is 256.",
          &r);
    assert_null(r.soup);
    assert_int_equal(r.hits, 3);
    /* a bare verb after a plural subject or a pronoun is a verb: sentences
     * in the plural are not soup (the verb of each is its only one) */
    static const char *const plural[] = {
        "Both names refer to the same object when they hold one identity; the equality operators compare "
        "values through __eq__, and small ints from -5 to 256 stay in one cache.",
        "Names never compare values: they refer to the same object or not. Small ints from -5 to 256 "
        "live in a cache, and equality operators call __eq__ instead.",
        "You compare identity with is: both names point at the same object. Operators like == call "
        "__eq__ instead, and we keep small ints from -5 to 256 in a cache.",
        NULL,
    };
    for (size_t i = 0; plural[i]; i++) {
        judge(plural[i], &r);
        if (r.soup)
            fail_msg("soup: %s: %s", r.soup, plural[i]);
        assert_int_equal(r.hits, 3);
    }
    /* lists of terms padded with articles stay soup: a verb form after an
     * article, in a compound or before "of" is a noun, and the bare forms
     * that head compounds are verbs only after a pronoun */
    static const char *const padded[] = {
        "The identity of the objects, the small ints cache of CPython, the equality through __eq__, "
        "the copies of -5 and 256.",
        "The same object for the names, the sparse indices hash table, the __eq__ for the equality, "
        "the shared small ints cache from -5 to 256.",
        "The same object, the threads lock, the calls of __eq__, the I/O-bound work, the late binding "
        "of the names, the caching of -5 to 256.",
        NULL,
    };
    for (size_t i = 0; padded[i]; i++) {
        judge(padded[i], &r);
        if (!r.soup)
            fail_msg("not soup: %s", padded[i]);
        assert_int_equal(r.hits, 0);
    }
    /* only code */
    judge("`a is b` `a.__eq__(b)`", &r);
    assert_int_equal(r.hits, 0);
    judge("", &r);
    assert_int_equal(r.hits, 0);
    assert_null(r.soup);
    rubric_result_free(&r);
}

static void test_judge_long_input(void **state)
{
    size_t n = RUBRIC_TEXT_MAX + 1000;
    char *big = xmalloc(n + 1);
    for (size_t i = 0; i < n; i++)
        big[i] = "is compares identity. "[i % 22];
    big[n] = 0;
    rubric_result r;
    rubric_result_init(&r);
    rubric_judge(points3, 3, mis2, 2, big, n, &r);
    assert_true(r.truncated);
    assert_false(r.cut_short);
    assert_true(r.points[0].hit);

    /* a rubric made to backtrack stops at a budget, and the answer fails */
    for (size_t i = 0; i < n; i++)
        big[i] = "a "[i % 2];
    static char *slow_kw[] = {
        "(a|b|c|d) ... (a|b|c|d) ... (a|b|c|d) ... z", "(a|b|c|d) ... (a|b|c|d) ... (a|b|c|d) ... y",
        "(a|b|c|d) ... (a|b|c|d) ... (a|b|c|d) ... x", "(a|b|c|d) ... (a|b|c|d) ... (a|b|c|d) ... w",
    };
    static char *a_kw[] = { "a" };
    rubric_point slow[] = { { "slow", slow_kw, 4, NULL, 0 }, { "a", a_kw, 1, NULL, 0 } };
    rubric_judge(slow, 2, NULL, 0, big, n, &r);
    assert_true(r.cut_short);
    drill d;
    memset(&d, 0, sizeof d);
    d.id = "slow";
    d.kind = KIND_EXPLAIN;
    d.rubric = slow;
    d.nrubric = 2;
    d.pass_score = 0.5;
    drill_verdict v;
    drill_verdict_init(&v, &d);
    grade_explain(&d, big, &v);
    assert_int_equal(v.st, ST_FAIL);
    assert_has(v.message, "took too long");
    drill_verdict_free(&v);
    rubric_result_free(&r);
    free(big);
}

/* ---- the verdict ---- */

static void test_grade_explain_verdict(void **state)
{
    drill d;
    memset(&d, 0, sizeof d);
    d.id = "is-vs-eq";
    d.kind = KIND_EXPLAIN;
    d.rubric = points3;
    d.nrubric = 3;
    d.misconceptions = mis2;
    d.nmisconceptions = 2;
    d.pass_score = 0.6;
    drill_verdict v;
    drill_verdict_init(&v, &d);

    grade_explain(&d, "`is` compares identity: whether both names refer to the same object; == calls __eq__.", &v);
    assert_int_equal(v.st, ST_PASS);
    assert_true(v.score == 2.0 / 3.0);
    assert_int_equal(v.npoints, 3);
    assert_string_equal(v.points[2].point, "small ints are cached");
    assert_false(v.points[2].hit);
    assert_has(v.message, "2 of 3 points; missed: small ints are cached");

    /* a misconception fails with its feedback first */
    grade_explain(&d, "is and == are identical: both compare the value, so the same object is equal.", &v);
    assert_int_equal(v.st, ST_FAIL);
    assert_has(v.message, "misconception: `is` compares identity, not value (the answer says \"both compare");
    assert_has(v.message, "points; missed:");

    /* and scores below the pass mark, whatever it hit: at most the most
     * points that fail (1 of 3 at 0.6), and fewer when it hit fewer */
    static const char every_point_and_a_misconception[] =
        "`is` checks identity: both names refer to the same object. `==` calls __eq__, so two distinct "
        "objects can compare equal. CPython caches small ints from -5 to 256. For small numbers both "
        "compare the value.";
    grade_explain(&d, every_point_and_a_misconception, &v);
    assert_int_equal(v.st, ST_FAIL);
    assert_true(v.score == 1.0 / 3.0);
    assert_has(v.message, "3 of 3 points, 1 counted: an answer that fails scores below the pass mark");
    d.pass_score = 1.0;
    grade_explain(&d, every_point_and_a_misconception, &v);
    assert_true(v.score == 2.0 / 3.0);
    assert_has(v.message, "3 of 3 points, 2 counted");
    d.pass_score = 0.3;
    grade_explain(&d, every_point_and_a_misconception, &v);
    assert_true(v.score == 0.0);
    assert_has(v.message, "3 of 3 points, 0 counted");
    d.pass_score = 0.6;
    grade_explain(&d, "Is and == are identical for small numbers, and the same object is equal to itself.", &v);
    assert_int_equal(v.st, ST_FAIL);
    assert_true(v.score == 0.0);
    assert_null(strstr(v.message, "counted"));

    /* every point missed says why, when the answer mentions it */
    grade_explain(&d, "`is` checks identity, and == calls __eq__; in the end identity is the same as equality.", &v);
    assert_has(v.message, "missed: is compares identity (contradicted: \"identity is the same as equality\"); "
                          "small ints are cached");
    grade_explain(&d, "The is operator is not about identity: == calls __eq__ and compares the values.", &v);
    assert_has(v.message, "missed: is compares identity (negated: \"not about identity\"); small ints are cached");
    grade_explain(&d, "`is` compares the identity of the objects, and == calls __eq__ on them.\n\n- small int cache\n",
                  &v);
    assert_has(v.message, "missed: small ints are cached (not in a sentence: \"small int cache\")");
    /* a quote holds no double quote, so that where it ends is known */
    grade_explain(&d, "is and == are identical: \"both\" compare the value.", &v);
    assert_has(v.message, "(the answer says \"both' compare the value\")");

    grade_explain(&d, "identity same object __eq__ equality small int cache -5 256", &v);
    assert_int_equal(v.st, ST_FAIL);
    assert_true(v.score == 0.0);
    assert_has(v.message, "list of keywords");
    assert_has(v.points[0].note, "not counted");

    grade_explain(&d, NULL, &v);
    assert_int_equal(v.st, ST_FAIL);
    assert_int_equal(v.npoints, 3);
    drill_verdict_free(&v);
    assert_null(v.points);
    assert_int_equal(v.npoints, 0);
}

/* What the platform formats (Gradescope, PrairieLearn), which students
 * read, say of a failed explain answer: why, never which points or
 * keywords; the answer's own words, which show what matched, neither. */
static char *withheld(const drill *d, const char *answer, drill_verdict *v)
{
    grade_explain(d, answer, v);
    report_drill rd;
    memset(&rd, 0, sizeof rd);
    rd.id = d->id;
    rd.kind = "explain";
    rd.st = v->st;
    rd.score = v->score;
    rd.message = v->message;
    return report_explain_withheld(&rd);
}

static void test_platform_reasons(void **state)
{
    drill d;
    memset(&d, 0, sizeof d);
    d.id = "is-vs-eq";
    d.kind = KIND_EXPLAIN;
    d.rubric = points3;
    d.nrubric = 3;
    d.misconceptions = mis2;
    d.nmisconceptions = 2;
    d.pass_score = 0.6;
    drill_verdict v;
    drill_verdict_init(&v, &d);

    char *w = withheld(&d, "`is` checks identity: both names refer to the same object. `==` calls __eq__. CPython "
                           "caches small ints from -5 to 256. For small numbers both compare the value.", &v);
    assert_non_null(w);
    assert_string_equal(w, "the answer states a misconception: `is` compares identity, not value\n");
    free(w);
    /* whatever the quote holds */
    w = withheld(&d, "is compares identity and == calls __eq__ on the objects. Both \"); compare the value; "
                     "the answer reads as a list of keywords.", &v);
    assert_has(v.message, "(the answer says \"Both '); compare the value\")");
    assert_non_null(w);
    assert_string_equal(w, "the answer states a misconception: `is` compares identity, not value\n");
    free(w);
    w = withheld(&d, "identity same object __eq__ equality small int cache -5 256", &v);
    assert_non_null(w);
    assert_string_equal(w, "the answer reads as a list of keywords, not sentences, so nothing it mentions counts\n");
    free(w);
    w = withheld(&d, "The is operator is not about identity at all.", &v);
    assert_non_null(w);
    assert_string_equal(w, "not every point the rubric asks for is made (which ones is not shown here)\n");
    free(w);
    /* a pass, and other kinds, are not this function's */
    w = withheld(&d, "`is` compares identity: whether both names refer to the same object; == calls __eq__.", &v);
    assert_int_equal(v.st, ST_PASS);
    assert_null(w);
    report_drill rd = { .id = "x", .kind = "choice", .st = ST_FAIL, .message = "misconception: x" };
    assert_null(report_explain_withheld(&rd));
    drill_verdict_free(&v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_whole_words),
        cmocka_unit_test(test_phrases),
        cmocka_unit_test(test_prefix_and_plurals),
        cmocka_unit_test(test_gaps),
        cmocka_unit_test(test_negation),
        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_groups),
        cmocka_unit_test(test_bad_patterns),
        cmocka_unit_test(test_utf8_and_empty),
        cmocka_unit_test(test_judge_points),
        cmocka_unit_test(test_judge_misconceptions),
        cmocka_unit_test(test_judge_disowning),
        cmocka_unit_test(test_judge_soup),
        cmocka_unit_test(test_judge_long_input),
        cmocka_unit_test(test_grade_explain_verdict),
        cmocka_unit_test(test_platform_reasons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
