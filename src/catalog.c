/* catalog.c - loads the catalog and its packs (SPEC 2.1-2.4) and validates
 * every field, reporting every problem of a file, located by JSON Pointer.
 *
 * Input is untrusted: a pack may be binary, deeply nested, huge, or full
 * of errors, so every loop here is linear in the input and the number of
 * messages kept per file is capped. */
#define _GNU_SOURCE
#include "catalog.h"
#include "kind.h"
#include "jsontext.h"
#include "pyversion.h"
#include "vctx.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int catalog_id_valid(const char *s)
{
    size_t n = 0;
    for (const char *p = s; *p; p++, n++) {
        char ch = *p;
        int ok = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || (ch == '-' && n > 0);
        if (!ok || n >= 64)
            return 0;
    }
    return n > 0;
}

/* ---- files ---- */

/* ---- freeing ---- */

static void free_strv(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

void catalog_drill_release(drill *dr)
{
    free(dr->id);
    free(dr->title);
    free(dr->topic);
    free_strv(dr->tags, dr->ntags);
    free(dr->prompt);
    free(dr->code);
    free_strv(dr->hints, dr->nhints);
    free(dr->explanation);
    free(dr->req_python);
    free_strv(dr->req_modules, dr->nreq_modules);
    free(dr->expect_output);
    for (size_t i = 0; i < dr->nexpect_versions; i++) {
        free(dr->expect_versions[i].range);
        free(dr->expect_versions[i].output);
    }
    free(dr->expect_versions);
    for (size_t i = 0; i < dr->ntests; i++) {
        drill_test *t = &dr->tests[i];
        free(t->name);
        free(t->setup);
        free(t->expr);
        free(t->expect);
        free(t->raises);
        free(t->stdout_expect);
        if (t->expect_value)
            value_free(t->expect_value);
        free(t->expect_error);
    }
    free(dr->tests);
    free_strv(dr->lines, dr->nlines);
    free_strv(dr->distractors, dr->ndistractors);
    free(dr->shown); /* borrows lines and distractors */
    free(dr->solution);
    free_strv(dr->wrong, dr->nwrong);
    free_strv(dr->choices, dr->nchoices);
    free(dr->answer);
    free(dr->model_answer);
    for (size_t i = 0; i < dr->nrubric; i++) {
        free(dr->rubric[i].point);
        free_strv(dr->rubric[i].keywords, dr->rubric[i].nkeywords);
        free_strv(dr->rubric[i].contradicts, dr->rubric[i].ncontradicts);
    }
    free(dr->rubric);
    for (size_t i = 0; i < dr->nmisconceptions; i++) {
        free(dr->misconceptions[i].feedback);
        free_strv(dr->misconceptions[i].keywords, dr->misconceptions[i].nkeywords);
    }
    free(dr->misconceptions);
    free(dr->pack_path);
    free(dr->skip_reason);
    free(dr->truth);
    free(dr->truth_error);
    free(dr->code_syntax);
    memset(dr, 0, sizeof *dr);
}

void catalog_init(catalog *c)
{
    memset(c, 0, sizeof *c);
}

void catalog_free(catalog *c)
{
    for (size_t i = 0; i < c->ndrills; i++)
        catalog_drill_release(&c->drills[i]);
    free(c->drills);
    free(c->id_slots);
    for (size_t i = 0; i < c->npacks; i++) {
        pack_info *p = &c->packs[i];
        free(p->path);
        free(p->name);
        free(p->title);
        free_strv(p->authors, p->nauthors);
    }
    free(c->packs);
    free(c->path);
    free(c->title);
    catalog_init(c);
}

static const char *const limit_names[] = { "timeout_ms", "memory_mb", "output_kb", NULL };
static const long limit_max[] = { 600000, 65536, 1048576 };

/* The "limits" object of obj, merged over what *lim holds. */
static void vget_limits(vctx *v, const cJSON *obj, drill_limits *lim)
{
    const cJSON *j = vget(v, obj, "limits", J_OBJ, 0);
    if (!j)
        return;
    size_t mark = vpush(v, "limits");
    int *slot[] = { &lim->timeout_ms, &lim->memory_mb, &lim->output_kb };
    vunique_keys(v, j);
    unsigned seen = 0;
    for (const cJSON *it = j->child; it; it = it->next) {
        if (it->string[0] == '$')
            continue; /* the author's note */
        int k = vctx_known_index(limit_names, it->string);
        if (k >= 0) {
            if (!(seen & (1u << k))) /* a second one is a duplicate, reported */
                vcheck_int(v, it->string, it, 1, limit_max[k], slot[k]);
            seen |= 1u << k;
            continue;
        }
        const char *guess = NULL;
        for (int i = 0; limit_names[i] && !guess; i++)
            if (vctx_looks_like(it->string, limit_names[i]) ||
                util_ascii_ncasecmp(it->string, limit_names[i], strlen(it->string)) == 0)
                guess = limit_names[i];
        if (guess)
            verr(v, it->string, "unknown limit %s (did you mean \"%s\"?)", vquote(v, it->string),
                 guess);
        else
            verr(v, it->string, "unknown limit %s (known: timeout_ms, memory_mb, output_kb)",
                 vquote(v, it->string));
    }
    vpop(v, mark);
}

/* Built-in exception classes of every Python pydrill supports (3.11 to
 * 3.15: dir(builtins) of each), with the minor version that first has
 * each; no class has left builtins since 3.11. */
static const struct {
    const char *name;
    int since;
} builtin_exceptions[] = {
    { "ArithmeticError", 11 }, { "AssertionError", 11 }, { "AttributeError", 11 },
    { "BaseException", 11 }, { "BaseExceptionGroup", 11 }, { "BlockingIOError", 11 },
    { "BrokenPipeError", 11 }, { "BufferError", 11 }, { "BytesWarning", 11 },
    { "ChildProcessError", 11 }, { "ConnectionAbortedError", 11 }, { "ConnectionError", 11 },
    { "ConnectionRefusedError", 11 }, { "ConnectionResetError", 11 }, { "DeprecationWarning", 11 },
    { "EOFError", 11 }, { "EncodingWarning", 11 }, { "EnvironmentError", 11 }, { "Exception", 11 },
    { "ExceptionGroup", 11 }, { "FileExistsError", 11 }, { "FileNotFoundError", 11 },
    { "FloatingPointError", 11 }, { "FutureWarning", 11 }, { "GeneratorExit", 11 }, { "IOError", 11 },
    { "ImportCycleError", 15 }, { "ImportError", 11 }, { "ImportWarning", 11 }, { "IndentationError", 11 },
    { "IndexError", 11 }, { "InterruptedError", 11 }, { "IsADirectoryError", 11 }, { "KeyError", 11 },
    { "KeyboardInterrupt", 11 }, { "LookupError", 11 }, { "MemoryError", 11 },
    { "ModuleNotFoundError", 11 }, { "NameError", 11 }, { "NotADirectoryError", 11 },
    { "NotImplementedError", 11 }, { "OSError", 11 }, { "OverflowError", 11 },
    { "PendingDeprecationWarning", 11 }, { "PermissionError", 11 }, { "ProcessLookupError", 11 },
    { "PythonFinalizationError", 13 }, { "RecursionError", 11 }, { "ReferenceError", 11 },
    { "ResourceWarning", 11 }, { "RuntimeError", 11 }, { "RuntimeWarning", 11 },
    { "StopAsyncIteration", 11 }, { "StopIteration", 11 }, { "SyntaxError", 11 }, { "SyntaxWarning", 11 },
    { "SystemError", 11 }, { "SystemExit", 11 }, { "TabError", 11 }, { "TimeoutError", 11 },
    { "TypeError", 11 }, { "UnboundLocalError", 11 }, { "UnicodeDecodeError", 11 },
    { "UnicodeEncodeError", 11 }, { "UnicodeError", 11 }, { "UnicodeTranslateError", 11 },
    { "UnicodeWarning", 11 }, { "UserWarning", 11 }, { "ValueError", 11 }, { "Warning", 11 },
    { "ZeroDivisionError", 11 },
};

int catalog_builtin_exception_since(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(builtin_exceptions); i++)
        if (strcmp(builtin_exceptions[i].name, name) == 0)
            return builtin_exceptions[i].since;
    return 0;
}

int catalog_builtin_exception(const char *name)
{
    return catalog_builtin_exception_since(name) != 0;
}

const char *catalog_builtin_exception_like(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(builtin_exceptions); i++) {
        const char *b = builtin_exceptions[i].name;
        /* a slip of a finger, not a class of the author's own: MyError is
         * no misspelt IOError, though two letters apart */
        if (vctx_looks_like(name, b) && util_ascii_lower((unsigned char)name[0]) == util_ascii_lower((unsigned char)b[0]))
            return b;
    }
    return NULL;
}

static int is_identifier_path(const char *s)
{
    int start = 1;
    for (; *s; s++) {
        char ch = *s;
        if (ch == '.') {
            if (start)
                return 0;
            start = 1;
        } else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' ||
                   (!start && ch >= '0' && ch <= '9')) {
            start = 0;
        } else {
            return 0;
        }
    }
    return !start;
}

int catalog_range_check(const char *range, char **why)
{
    if (strlen(range) <= VCTX_EXCERPT)
        return pyversion_range_check(range, why);
    if (pyversion_range_check(range, NULL) == 0)
        return 0;
    /* pyversion quotes the range whole: a 600 KB key made a 600 KB line */
    char *ex = vctx_excerpt(range);
    *why = xasprintf("invalid version range \"%s\" (write e.g. \">=3.12\" or \">=3.8,<3.13\")", ex);
    free(ex);
    return -1;
}

static const char *const requires_fields[] = { "python", "modules", NULL };

static void vget_requires(vctx *v, const cJSON *obj, drill *dr)
{
    const cJSON *j = vget(v, obj, "requires", J_OBJ, 0);
    if (!j)
        return;
    size_t mark = vpush(v, "requires");
    vscope saved = vfields(v, j, requires_fields);
    dr->req_python = vget_str(v, j, "python", 0);
    char *why = NULL;
    if (dr->req_python && catalog_range_check(dr->req_python, &why) < 0) {
        verr(v, "python", "%s", why);
        free(why);
    }
    dr->req_modules = vget_strv(v, j, "modules", 0, &dr->nreq_modules);
    for (size_t i = 0; i < dr->nreq_modules; i++)
        if (!is_identifier_path(dr->req_modules[i])) {
            size_t m2 = vpush(v, "modules");
            char idx[32];
            snprintf(idx, sizeof idx, "%zu", i);
            verr(v, idx, "invalid module name %s", vquote(v, dr->req_modules[i]));
            vpop(v, m2);
        }
    v->scope = saved;
    vpop(v, mark);
}

/* ---- drills ---- */

/* The fields every drill may have; each kind adds its own (kind.h). */
static const char *const common_fields[] = {
    "id", "revision", "title", "topic", "tags", "level", "kind", "prompt", "code", "hints",
    "explanation", "limits", "requires", NULL,
};

/* Every field any drill may have, for the misspelling check: the common
 * ones and every kind's. */
static const char *const *drill_fields(void)
{
    static const char **all;
    if (all)
        return all;
    size_t n = ARRAY_SIZE(common_fields);
    for (size_t k = 0; k < kind_count(); k++)
        for (const char *const *f = kind_at(k)->fields; f && *f; f++)
            n++;
    all = xcalloc(n + 1, sizeof *all);
    size_t i = 0;
    for (const char *const *f = common_fields; *f; f++)
        all[i++] = *f;
    for (size_t k = 0; k < kind_count(); k++)
        for (const char *const *f = kind_at(k)->fields; f && *f; f++) {
            size_t j = 0;
            while (j < i && strcmp(all[j], *f) != 0)
                j++;
            if (j == i)
                all[i++] = *f;
        }
    return all;
}

int catalog_expect_for(const drill *dr, unsigned long hexversion, const char **out, char **err)
{
    if (dr->expect_output) {
        *out = dr->expect_output;
        return 1;
    }
    if (!dr->nexpect_versions)
        return 0;
    const versioned_output *found = NULL;
    for (size_t i = 0; i < dr->nexpect_versions; i++) {
        const versioned_output *vo = &dr->expect_versions[i];
        if (pyversion_satisfies(vo->range, hexversion, NULL) != 1)
            continue;
        if (found) {
            *err = xasprintf("the expect ranges \"%s\" and \"%s\" both hold for Python %lu.%lu.%lu",
                             found->range, vo->range, (hexversion >> 24) & 0xff,
                             (hexversion >> 16) & 0xff, (hexversion >> 8) & 0xff);
            return -1;
        }
        found = vo;
    }
    if (!found) {
        sbuf sb;
        sbuf_init(&sb);
        for (size_t i = 0; i < dr->nexpect_versions; i++)
            sbuf_addf(&sb, "%s\"%s\"", i ? ", " : "", dr->expect_versions[i].range);
        *err = xasprintf("no expect range holds for Python %lu.%lu.%lu (the ranges are %s)",
                         (hexversion >> 24) & 0xff, (hexversion >> 16) & 0xff,
                         (hexversion >> 8) & 0xff, sb.buf);
        sbuf_release(&sb);
        return -1;
    }
    *out = found->output;
    return 1;
}

/* Found on any Python, not only on the one concerned, and for a drill
 * skipped here too. */
int catalog_expect_ranges_faulty(const drill *d, diag *dg)
{
    if (!d->nexpect_versions)
        return 0;
    const char **ranges = xcalloc(d->nexpect_versions, sizeof *ranges);
    for (size_t i = 0; i < d->nexpect_versions; i++)
        ranges[i] = d->expect_versions[i].range;
    size_t a, b;
    char *where = NULL;
    int overlap = pyversion_overlap(ranges, d->nexpect_versions, d->req_python, &a, &b, &where) == 1;
    if (overlap && dg)
        diag_add(dg, "%s: drill %s: error: the expect ranges \"%s\" and \"%s\" both hold for Python %s: "
                     "give each version one output",
                 d->pack_path, d->id, ranges[a], ranges[b], where);
    /* (quoted whole: pyversion analyses no range past PYVERSION_ANALYSED_MAX) */
    free(where);
    where = NULL;
    int gap = pyversion_gap(ranges, d->nexpect_versions, d->req_python, &where) == 1;
    if (gap && dg) {
        sbuf sb;
        sbuf_init(&sb);
        for (size_t i = 0; i < d->nexpect_versions; i++)
            sbuf_addf(&sb, "%s\"%s\"", i ? ", " : "", ranges[i]);
        diag_add(dg, "%s: drill %s: error: no expect range holds for Python %s (the ranges are %s); pydrill "
                     "runs on 3.%d to 3.%d, and each needs an output (or a \"requires\" that leaves it out)",
                 d->pack_path, d->id, where, sb.buf, PYVERSION_SUPPORTED_FIRST, PYVERSION_SUPPORTED_LAST);
        sbuf_release(&sb);
    }
    free(where);
    free(ranges);
    return overlap || gap;
}

/* Line ends as Windows writes them, "\r\n", become "\n" in what a drill
 * shows, so that no screen draws the "\r" (a '?' in the quiz, "\r" in
 * show). In code, a lone "\r" ends a line too: Python reads source so,
 * and the code that runs is the same. Output to compare (stdout, a
 * predict's expect) keeps a lone "\r", which a progress line may print;
 * its "\r\n" is "\n" when compared anyway (SPEC 3.2). */
static void line_ends(char *s, int code)
{
    if (!s)
        return;
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (r[0] == '\r' && r[1] == '\n')
            continue;
        *w++ = r[0] == '\r' && code ? '\n' : r[0];
    }
    *w = '\0';
}

static void line_ends_v(char **v, size_t n, int code)
{
    for (size_t i = 0; i < n; i++)
        line_ends(v[i], code);
}

static void drill_line_ends(drill *dr)
{
    line_ends(dr->prompt, 0);
    line_ends(dr->code, 1);
    line_ends_v(dr->hints, dr->nhints, 0);
    line_ends(dr->explanation, 0);
    line_ends(dr->expect_output, 0);
    for (size_t i = 0; i < dr->nexpect_versions; i++)
        line_ends(dr->expect_versions[i].output, 0);
    for (size_t i = 0; i < dr->ntests; i++) {
        line_ends(dr->tests[i].setup, 1);
        line_ends(dr->tests[i].expr, 1);
        line_ends(dr->tests[i].expect, 1);
        line_ends(dr->tests[i].stdout_expect, 0);
    }
    line_ends(dr->solution, 1);
    line_ends_v(dr->wrong, dr->nwrong, 1);
    line_ends_v(dr->choices, dr->nchoices, 0);
    line_ends(dr->model_answer, 0);
}

/* Reads drill i into *dr. Returns 0, or -1 (with *dr released) when it
 * had any problem: a drill is used whole or not at all. */
static int vparse_drill(vctx *v, const cJSON *j, size_t i, const drill_limits *defs, drill *dr)
{
    memset(dr, 0, sizeof *dr);
    size_t mark = vpush_index(v, i);
    size_t before = v->nerr;
    if (!cJSON_IsObject(j)) {
        verr(v, NULL, "expected a drill (an object), found %s", jsontext_type_name(j));
        goto out;
    }
    vscope saved = vfields(v, j, drill_fields());
    dr->id = vget_str(v, j, "id", V_REQUIRED);
    if (dr->id && !catalog_id_valid(dr->id))
        verr(v, "id", "invalid id %s: 1 to 64 lowercase letters, digits and '-', "
             "not starting with '-'", vquote(v, dr->id));
    dr->revision = 1;
    vget_int(v, j, "revision", 0, 1, INT_MAX, &dr->revision);
    dr->title = vget_str(v, j, "title", V_REQUIRED | V_NONEMPTY | V_ONELINE);
    dr->topic = vget_str(v, j, "topic", V_REQUIRED | V_NONEMPTY | V_ONELINE);
    dr->tags = vget_strv(v, j, "tags", 0, &dr->ntags);
    vget_int(v, j, "level", V_REQUIRED, 1, 3, &dr->level);
    const kind_ops *ops = NULL;
    char *kind = vget_str(v, j, "kind", V_REQUIRED);
    if (kind) {
        ops = kind_find(kind);
        if (ops)
            dr->kind = ops->kind;
        else
            verr(v, "kind", "unknown kind %s (expected %s)", vquote(v, kind), kind_names_text());
        free(kind);
    }
    dr->prompt = vget_str(v, j, "prompt", V_REQUIRED | V_NONEMPTY);
    dr->code = vget_str(v, j, "code", ops && ops->code_required ? V_REQUIRED | V_NONEMPTY : 0);
    dr->hints = vget_strv(v, j, "hints", 0, &dr->nhints);
    dr->explanation = vget_str(v, j, "explanation", V_REQUIRED | V_NONEMPTY);
    dr->limits = *defs;
    vget_limits(v, j, &dr->limits);
    vget_requires(v, j, dr);
    if (ops) {
        /* another kind's field is a mistake, not an extension */
        for (const cJSON *it = j->child; it; it = it->next) {
            const char *owners;
            if (it->string && kind_field_elsewhere(ops->kind, it->string, &owners))
                verr(v, it->string, "\"%s\" applies only to %s drills", it->string, owners);
        }
        ops->parse(v, j, dr);
    }
    v->scope = saved;
out:
    vpop(v, mark);
    if (v->nerr != before) {
        catalog_drill_release(dr);
        return -1;
    }
    drill_line_ends(dr);
    return 0;
}

/* ---- packs ---- */

static const char *const pack_fields[] = { "$schema", "format", "pack", "title", "authors",
                                           "defaults", "drills", NULL };
static const char *const defaults_fields[] = { "limits", NULL };

/* ---- the id index: a catalog may hold 100,000 drills ---- */

static size_t id_hash(const char *id)
{
    size_t h = 14695981039346656037ULL; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)id; *p; p++)
        h = (h ^ *p) * 1099511628211ULL;
    return h;
}

/* The slot of id: the one holding it, or the empty one where it goes. */
static size_t id_slot(const catalog *c, const char *id)
{
    size_t mask = c->id_nslots - 1, i = id_hash(id) & mask;
    while (c->id_slots[i] && strcmp(c->drills[c->id_slots[i] - 1].id, id) != 0)
        i = (i + 1) & mask;
    return i;
}

static void id_index_grow(catalog *c)
{
    size_t n = c->id_nslots ? 2 * c->id_nslots : 64;
    free(c->id_slots);
    c->id_slots = xcalloc(n, sizeof *c->id_slots);
    c->id_nslots = n;
    for (size_t k = 0; k < c->ndrills; k++)
        c->id_slots[id_slot(c, c->drills[k].id)] = k + 1;
}

/* The drill of that id, or NULL. */
static const drill *id_find(const catalog *c, const char *id)
{
    if (!c->id_nslots)
        return NULL;
    size_t s = c->id_slots[id_slot(c, id)];
    return s ? &c->drills[s - 1] : NULL;
}

/* Adds dr, unless a drill with its id is there already: then, as any
 * drill with a load error is, it is left out (and released), and both
 * places are named. A drill's progress is keyed by its id, so which one
 * counts must not depend on how many packs were loaded: the first. */
static int add_drill(catalog *c, vctx *v, drill *dr)
{
    const drill *first = id_find(c, dr->id);
    if (first) {
        verr_drill(v, dr->id, "duplicate id (first in %s at /drills/%zu): the drill at /drills/%zu is left out",
                   first->pack_path, first->index, dr->index);
        catalog_drill_release(dr);
        return -1;
    }
    if (c->ndrills >= c->drills_cap) {
        c->drills_cap = 2 * c->ndrills + 1;
        c->drills = xrealloc(c->drills, c->drills_cap * sizeof *c->drills);
    }
    c->drills[c->ndrills++] = *dr;
    if (2 * c->ndrills > c->id_nslots)
        id_index_grow(c);
    else
        c->id_slots[id_slot(c, dr->id)] = c->ndrills;
    return 0;
}

/* A pack's text; lister, when a catalog lists it, is the catalog's
 * context at the listing (/packs/N), where a catalog given as a pack is
 * said to be one: the listing is the mistake, not the file. */
static int pack_text(catalog *c, const char *path, const char *text, size_t len, diag *d, vctx *lister,
                     const char *listed)
{
    /* a sum of mixed hashes: the same packs in any order give the same */
    uint64_t h = util_fnv1a64(text, len);
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    c->digest += h;
    cJSON *root = jsontext_parse(path, text, len, d);
    if (!root)
        return -1;
    vctx v;
    vctx_init(&v, path, d);
    int ret = 0;
    /* The other file of the format, given where a pack goes: its fields
     * would each be "unknown" and hide the one mistake. */
    if (cJSON_HasObjectItem(root, "packs") && !cJSON_HasObjectItem(root, "drills") &&
        !cJSON_HasObjectItem(root, "pack")) {
        if (lister)
            verr(lister, NULL, "%s is a catalog, not a pack: catalogs do not nest, so list its packs here",
                 vquote(lister, listed));
        else
            verr(&v, NULL, "this is a catalog, not a pack: load it with --catalog FILE");
        ret = -1;
        goto done;
    }
    vfields(&v, root, pack_fields);
    char *format = vget_str(&v, root, "format", V_REQUIRED);
    if (format && strcmp(format, "pydrill/1") != 0) {
        verr(&v, "format", "unsupported format %s (expected \"pydrill/1\")", vquote(&v, format));
        free(format);
        goto done; /* another format's fields mean something else */
    }
    free(format);

    pack_info p = { 0 };
    p.path = xstrdup(path);
    p.name = vget_str(&v, root, "pack", V_REQUIRED | V_NONEMPTY);
    p.title = vget_str(&v, root, "title", V_REQUIRED | V_NONEMPTY);
    p.authors = vget_strv(&v, root, "authors", 0, &p.nauthors);
    p.defaults = (drill_limits){ 2000, 256, 64 };
    const cJSON *defs = vget(&v, root, "defaults", J_OBJ, 0);
    if (defs) {
        size_t mark = vpush(&v, "defaults");
        vscope saved = vfields(&v, defs, defaults_fields);
        vget_limits(&v, defs, &p.defaults);
        v.scope = saved;
        vpop(&v, mark);
    }
    size_t pack_index = c->npacks;
    c->packs = xrealloc(c->packs, (c->npacks + 1) * sizeof *c->packs);
    c->packs[c->npacks++] = p;

    const cJSON *drills = vget(&v, root, "drills", J_ARR, V_REQUIRED);
    if (drills) {
        size_t mark = vpush(&v, "drills");
        size_t i = 0;
        for (const cJSON *it = drills->child; it; it = it->next, i++) {
            drill dr;
            if (vparse_drill(&v, it, i, &p.defaults, &dr) == 0) {
                dr.pack_path = xstrdup(path);
                dr.pack_index = pack_index;
                dr.index = i;
                add_drill(c, &v, &dr);
            }
        }
        vpop(&v, mark);
    }
done:
    if (v.nerr)
        ret = -1;
    vctx_release(&v);
    cJSON_Delete(root);
    return ret;
}

int catalog_add_pack_text(catalog *c, const char *path, const char *text, size_t len, diag *d)
{
    return pack_text(c, path, text, len, d, NULL, NULL);
}

int catalog_add_pack(catalog *c, const char *path, diag *d)
{
    char *text, *err;
    size_t len;
    if (util_read_file(path, &text, &len, &err) < 0) {
        diag_take(d, err);
        return -1;
    }
    int ret = catalog_add_pack_text(c, path, text, len, d);
    free(text);
    return ret;
}

static const char *const catalog_fields[] = { "$schema", "format", "title", "packs", NULL };

int catalog_load(catalog *c, const char *path, diag *d)
{
    char *text, *err;
    size_t len;
    if (util_read_file(path, &text, &len, &err) < 0) {
        diag_take(d, err);
        return -1;
    }
    cJSON *root = jsontext_parse(path, text, len, d);
    free(text);
    if (!root)
        return -1;
    vctx v;
    vctx_init(&v, path, d);
    int failed = 0;
    if (!cJSON_HasObjectItem(root, "packs") &&
        (cJSON_HasObjectItem(root, "drills") || cJSON_HasObjectItem(root, "pack"))) {
        verr(&v, NULL, "this is a pack, not a catalog: load it with --pack FILE");
        goto done;
    }
    vfields(&v, root, catalog_fields);
    char *format = vget_str(&v, root, "format", V_REQUIRED);
    if (format && strcmp(format, "pydrill/1") != 0) {
        verr(&v, "format", "unsupported format %s (expected \"pydrill/1\")", vquote(&v, format));
        free(format);
        goto done;
    }
    free(format);
    free(c->path);
    c->path = xstrdup(path);
    char *title = vget_str(&v, root, "title", V_REQUIRED | V_NONEMPTY);
    if (title) {
        free(c->title);
        c->title = title;
    }
    const cJSON *packs = vget(&v, root, "packs", J_ARR, V_REQUIRED);
    if (!packs)
        goto done;
    char *dir = util_dirname(path);
    size_t mark = vpush(&v, "packs");
    size_t i = 0;
    /* each pack's file, to name one listed twice (under any path) once,
     * where it is listed, rather than each of its drills as a duplicate */
    struct listed {
        dev_t dev;
        ino_t ino;
    } *listed = xcalloc((size_t)cJSON_GetArraySize(packs) + 1, sizeof *listed);
    for (const cJSON *it = packs->child; it; it = it->next, i++) {
        size_t m2 = vpush_index(&v, i);
        if (!cJSON_IsString(it) || !it->valuestring[0]) {
            verr(&v, NULL, "expected a pack path (a non-empty string), found %s",
                 jsontext_type_name(it));
            vpop(&v, m2);
            continue;
        }
        char *full = util_path_join(dir, it->valuestring);
        char *ptext, *why;
        size_t plen;
        struct stat st;
        size_t before = i;
        if (stat(full, &st) == 0 && S_ISREG(st.st_mode)) {
            listed[i] = (struct listed){ st.st_dev, st.st_ino };
            for (before = 0; before < i; before++)
                if (listed[before].ino == st.st_ino && listed[before].dev == st.st_dev)
                    break;
        }
        if (before < i) {
            verr(&v, NULL, "%s is already listed at /packs/%zu", vquote(&v, it->valuestring), before);
        } else if (util_read_file_why(full, &ptext, &plen, &why) < 0) {
            verr(&v, NULL, "%s: %s", it->valuestring, why);
            free(why);
        } else {
            if (pack_text(c, full, ptext, plen, d, &v, it->valuestring) < 0)
                failed = 1;
            free(ptext);
        }
        free(full);
        vpop(&v, m2);
    }
    free(listed);
    vpop(&v, mark);
    free(dir);
done:
    if (v.nerr)
        failed = 1;
    vctx_release(&v);
    cJSON_Delete(root);
    return failed ? -1 : 0;
}

int catalog_keep(catalog *c, const char *const *ids, size_t n, char **err)
{
    for (size_t i = 0; i < n; i++)
        if (!id_find(c, ids[i])) {
            *err = xasprintf("no drill with id \"%s\" is loaded (see pydrill list)", ids[i]);
            return -1;
        }
    unsigned char *keep = xcalloc(c->ndrills ? c->ndrills : 1, 1);
    for (size_t i = 0; i < n; i++)
        keep[id_find(c, ids[i]) - c->drills] = 1;
    size_t k = 0;
    uint64_t chosen = 0;
    for (size_t i = 0; i < c->ndrills; i++) {
        if (!keep[i]) {
            catalog_drill_release(&c->drills[i]);
            continue;
        }
        uint64_t h = util_fnv1a64(c->drills[i].id, strlen(c->drills[i].id));
        chosen += h * 0x9e3779b97f4a7c15ULL + 1;
        c->drills[k++] = c->drills[i];
    }
    free(keep);
    c->ndrills = k;
    c->digest ^= chosen;
    c->id_nslots = 0;
    do
        id_index_grow(c);
    while (2 * c->ndrills > c->id_nslots);
    return 0;
}

void catalog_digest_hex(const catalog *c, char out[CATALOG_DIGEST_HEX])
{
    snprintf(out, CATALOG_DIGEST_HEX, "%016llx", (unsigned long long)c->digest);
}

/* ---- lookups ---- */

static int cmp_index_by_id(const void *a, const void *b, void *arg)
{
    const catalog *c = arg;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    int r = strcmp(c->drills[i].id, c->drills[j].id);
    if (r)
        return r;
    return i < j ? -1 : i > j;
}

int catalog_check_unique(const catalog *c, diag *d)
{
    if (c->ndrills < 2)
        return 0;
    size_t *order = xmalloc(c->ndrills * sizeof *order);
    size_t *first = xmalloc(c->ndrills * sizeof *first);
    for (size_t i = 0; i < c->ndrills; i++)
        order[i] = first[i] = i;
    qsort_r(order, c->ndrills, sizeof *order, cmp_index_by_id, (void *)c);
    for (size_t k = 1; k < c->ndrills; k++)
        if (strcmp(c->drills[order[k]].id, c->drills[order[k - 1]].id) == 0)
            first[order[k]] = first[order[k - 1]];
    int ret = 0;
    size_t shown = 0;
    for (size_t i = 0; i < c->ndrills; i++) {
        if (first[i] == i)
            continue;
        ret = -1;
        if (shown++ == MAX_SHOWN)
            diag_add(d, "%s: error: too many duplicate ids; the rest are not shown",
                     c->drills[i].pack_path);
        if (shown > MAX_SHOWN)
            continue;
        const drill *a = &c->drills[i], *b = &c->drills[first[i]];
        diag_add(d, "%s: drill %s: error: duplicate id (first in %s)", a->pack_path, a->id,
                 b->pack_path);
    }
    free(order);
    free(first);
    return ret;
}

const drill *catalog_find(const catalog *c, const char *id)
{
    if (c->id_nslots)
        return id_find(c, id);
    for (size_t i = 0; i < c->ndrills; i++) /* filled by hand, not loaded */
        if (strcmp(c->drills[i].id, id) == 0)
            return &c->drills[i];
    return NULL;
}
