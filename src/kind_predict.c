/* kind_predict.c - a predict drill: "what does this print?". The truth is
 * what the code prints when the embedded interpreter runs it, computed once
 * when the drill is planned; an answer is compared with it line by line,
 * in C (SPEC 2.3, 3.2). */
#include "kind.h"

#include <stdlib.h>
#include <string.h>

#include "jsontext.h"
#include "printed.h"
#include "pyversion.h"
#include "runner.h"
#include "textdiff.h"
#include "util.h"

static const char *const fields[] = { "mode", "expect", NULL };

/* A predict drill's `expect`: the output as a string, or an object whose
 * keys are version ranges and whose values are outputs (SPEC 2.3). */
static void parse_expect(vctx *v, const cJSON *obj, drill *dr)
{
    const cJSON *e = cJSON_GetObjectItemCaseSensitive(obj, "expect");
    if (!e)
        return;
    if (cJSON_IsString(e)) {
        dr->expect_output = xstrdup(e->valuestring);
        return;
    }
    if (!cJSON_IsObject(e)) {
        verr(v, "expect", "expected a string, or an object of version ranges and outputs, found %s",
             jsontext_type_name(e));
        return;
    }
    size_t mark = vpush(v, "expect");
    int count = cJSON_GetArraySize(e), ranges = 0;
    for (const cJSON *it = e->child; it; it = it->next)
        ranges += it->string[0] != '$';
    if (ranges == 0)
        verr(v, NULL, "must have at least one version range (e.g. {\"<3.13\": \"...\", \">=3.13\": \"...\"})");
    /* the same range twice is a load error, as any duplicated key is, not
     * two ranges that both hold when checked */
    if (vunique_keys(v, e))
        goto out;
    dr->expect_versions = xcalloc((size_t)count + 1, sizeof *dr->expect_versions);
    for (const cJSON *it = e->child; it; it = it->next) {
        char *why = NULL;
        if (it->string[0] == '$')
            continue; /* "$comment": the author's note, as anywhere */
        if (catalog_range_check(it->string, &why) < 0) {
            verr(v, it->string, "%s", why);
            free(why);
        } else if (!cJSON_IsString(it)) {
            verr(v, it->string, "expected the output (a string), found %s", jsontext_type_name(it));
        } else {
            versioned_output *vo = &dr->expect_versions[dr->nexpect_versions++];
            vo->range = xstrdup(it->string);
            vo->output = xstrdup(it->valuestring);
        }
    }
out:
    vpop(v, mark);
}


static void parse(vctx *v, const cJSON *obj, drill *dr)
{
    const cJSON *mode = cJSON_GetObjectItemCaseSensitive(obj, "mode");
    if (mode) {
        if (!cJSON_IsString(mode))
            verr(v, "mode", "expected a string, found %s", jsontext_type_name(mode));
        else if (strcmp(mode->valuestring, "repl") == 0)
            dr->repl = 1;
        else if (strcmp(mode->valuestring, "exec") != 0)
            verr(v, "mode", "unknown mode %s (expected \"exec\" or \"repl\")", vquote(v, mode->valuestring));
    }
    parse_expect(v, obj, dr);
}

/* The exceptions that say the code did not compile: SyntaxError and its
 * subclasses. */
static const char *const syntax_errors[] = { "SyntaxError:", "IndentationError:", "TabError:", NULL };

static int is_syntax_line(const char *line)
{
    for (const char *const *p = syntax_errors; *p; p++)
        if (!strncmp(line, *p, strlen(*p)))
            return 1;
    return 0;
}

static const char *last_line(const char *s)
{
    const char *nl = strrchr(s, '\n');
    return nl ? nl + 1 : s;
}

/* Whether the snippet itself does not compile (rather than raising a
 * SyntaxError as it runs: eval('1 +') is a fine drill). Asked only when
 * the truth ends in one, so grading pays nothing for it: a tests job with
 * no test compiles the code as an answer's and says where it fails. In
 * repl mode the prompt goes on after a statement that does not compile,
 * so only a truth of that one line counts (the snippet could not be split
 * into statements, or its only statement is refused: either way no one
 * could predict anything else, unless expect says it is the point). */
static void probe_syntax(drill *dr, const kind_env *env)
{
    free(dr->code_syntax);
    dr->code_syntax = NULL;
    if (!is_syntax_line(last_line(dr->truth)) || (dr->repl && strchr(dr->truth, '\n')))
        return;
    runner_job job = { .kind = JOB_TESTS, .limits = dr->limits, .source = dr->code };
    run_result r;
    env->run(&job, &r);
    if (r.syntax)
        dr->code_syntax = xasprintf("line %d, column %d: %s", r.syntax_line, r.syntax_col,
                                    r.syntax_msg && *r.syntax_msg ? r.syntax_msg : "invalid syntax");
    run_result_free(&r);
}

/* The truth: what the code prints (with a last "Name: message" line when
 * it ends in an exception), in a child like any answer. */
static int plan(drill *dr, const kind_env *env, diag *d)
{
    free(dr->truth);
    free(dr->truth_error);
    free(dr->code_syntax);
    dr->truth = dr->truth_error = dr->code_syntax = NULL;
    runner_job job = { .kind = JOB_PREDICT, .limits = dr->limits, .source = dr->code, .repl = dr->repl };
    run_result r;
    env->run(&job, &r);
    int rc = 0;
    if (r.status == RUN_OK && r.out) {
        dr->truth = printed_normalize(r.out, r.out_len, NULL);
        probe_syntax(dr, env);
    } else {
        dr->truth_error = xasprintf("the snippet did not run to the end: %s",
                                    r.message ? r.message : run_status_name(r.status));
        diag_add(d, "%s: drill %s: error: %s", dr->pack_path, dr->id, dr->truth_error);
        rc = -1;
    }
    run_result_free(&r);
    return rc;
}

/* The line at s, for a message: cut at VCTX_EXCERPT characters (an
 * expect or an output may be one 600 KB line). Caller frees. */
static char *line_excerpt(const char *s)
{
    char *line = xstrndup(s, strcspn(s, "\n"));
    char *ex = vctx_excerpt(line);
    free(line);
    return ex;
}

static char *first_line_diff(const char *got, const char *want, const char *want_name, const char *got_name)
{
    int line = 1;
    const char *a = got, *b = want;
    char *la_text, *lb_text, *msg;
    while (*a && *b) {
        size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");
        if (la != lb || memcmp(a, b, la)) {
            la_text = line_excerpt(a);
            lb_text = line_excerpt(b);
            /* the two quotes may read the same: say where they differ */
            char *where = textdiff_hidden(b, lb, a, la);
            msg = xasprintf("line %d: %s has \"%s\", %s \"%s\"%s%s%s", line, want_name, lb_text, got_name,
                            la_text, where ? " (" : "", where ? where : "", where ? ")" : "");
            free(where);
            free(la_text);
            free(lb_text);
            return msg;
        }
        a += la + (a[la] == '\n');
        b += lb + (b[lb] == '\n');
        line++;
    }
    if (*a) {
        la_text = line_excerpt(a);
        msg = xasprintf("line %d: %s \"%s\" after the end of %s", line, got_name, la_text, want_name);
        free(la_text);
        return msg;
    }
    lb_text = line_excerpt(b);
    msg = xasprintf("line %d: %s has \"%s\" after the end of the output", line, want_name, lb_text);
    free(lb_text);
    return msg;
}

/* Whether text has line as a line of its own (trailing blanks aside). */
static int has_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = text; p && (p = strstr(p, line)) != NULL; p += n)
        if ((p == text || p[-1] == '\n') && (!p[n] || p[n] == '\n' || p[n] == '\r' || p[n] == ' '))
            return 1;
    return 0;
}

/* Whether an `expect` (any of its versions) pins the snippet's own
 * SyntaxError: a drill about code that does not compile says so. */
static int expect_pins_syntax(const drill *d)
{
    const char *line = last_line(d->truth);
    if (d->expect_output && has_line(d->expect_output, line))
        return 1;
    for (size_t i = 0; i < d->nexpect_versions; i++)
        if (has_line(d->expect_versions[i].output, line))
            return 1;
    return 0;
}

static int check(const drill *d, const kind_check_env *env, diag *dg)
{
    if (!d->truth)
        return 0; /* plan reported why */
    int ok = 1;
    const char *expect = NULL;
    char *err = NULL;
    int have = catalog_expect_for(d, env->hexversion, &expect, &err);
    if (have < 0) {
        /* two ranges holding here, or none: cmd_check.c has said which
         * ranges overlap or what they leave out, on any Python */
        if (!catalog_expect_ranges_faulty(d, NULL))
            diag_add(dg, "%s: drill %s: error: %s", d->pack_path, d->id, err);
        free(err);
        ok = 0;
    } else if (have) {
        char *want = printed_normalize(expect, strlen(expect), NULL);
        if (strcmp(want, d->truth)) {
            char *why = first_line_diff(d->truth, want, "expect", "the interpreter prints");
            const char *range = NULL;
            for (size_t i = 0; i < d->nexpect_versions; i++)
                if (d->expect_versions[i].output == expect)
                    range = d->expect_versions[i].range;
            if (range)
                diag_add(dg, "%s: drill %s: error: stale expect for Python %s: %s", d->pack_path, d->id,
                         range, why);
            else {
                diag_add(dg, "%s: drill %s: error: stale expect: %s", d->pack_path, d->id, why);
                /* the Python the author saw may print the other: say which
                 * this one is, and how to pin both */
                diag_add(dg, "%s: drill %s: note: the interpreter is Python %lu.%lu.%lu; if another "
                             "version printed your expect, give each its own: \"expect\": {\"<3.N\": \"...\", "
                             "\">=3.N\": \"...\"}",
                         d->pack_path, d->id, (env->hexversion >> 24) & 0xff, (env->hexversion >> 16) & 0xff,
                         (env->hexversion >> 8) & 0xff);
            }
            free(why);
            ok = 0;
        }
        free(want);
    }
    if (!d->truth[0]) {
        diag_add(dg, "%s: drill %s: error: the snippet prints nothing, and an empty answer is no answer "
                     "(missing): no one could get it right; make it print what the drill is about",
                 d->pack_path, d->id);
        ok = 0;
    }
    if (!strncmp(last_line(d->truth), "PermissionError:", 16)) {
        diag_add(dg, "%s: drill %s: error: the snippet ends in %s: it needs something the sandbox refuses "
                     "(processes, sockets, files outside its folder); make it a choice or explain drill",
                 d->pack_path, d->id, last_line(d->truth));
        ok = 0;
    }
    if (d->code_syntax && !expect_pins_syntax(d)) {
        diag_add(dg, "%s: drill %s: error: the snippet does not compile: %s: every answer but \"%s\" is "
                     "wrong; fix the code, or, if the SyntaxError is the point, pin it in expect",
                 d->pack_path, d->id, d->code_syntax, last_line(d->truth));
        ok = 0;
    }
    const cJSON *other = env->other_truths ? cJSON_GetObjectItemCaseSensitive(env->other_truths, d->id) : NULL;
    if (cJSON_IsString(other) && strcmp(other->valuestring, d->truth)) {
        char *why = first_line_diff(other->valuestring, d->truth, "one run", "another prints");
        diag_add(dg, "%s: drill %s: error: the snippet prints something different from one process to "
                     "the next (ids, addresses, or the order of a set of strings?): %s",
                 d->pack_path, d->id, why);
        free(why);
        ok = 0;
    }
    return ok;
}


static void block(FILE *out, const char *title, const char *text)
{
    fprintf(out, "\n%s:\n", title);
    for (const char *p = text; *p;) {
        size_t n = strcspn(p, "\n");
        fprintf(out, "    %.*s\n", (int)n, p);
        p += n + (p[n] == '\n');
    }
}

static void show(const drill *d, int solution, FILE *out)
{
    if (!solution)
        return;
    if (d->expect_output)
        block(out, "Expected output", d->expect_output);
    for (size_t i = 0; i < d->nexpect_versions; i++) {
        char *title = xasprintf("Expected output on Python %s", d->expect_versions[i].range);
        block(out, title, d->expect_versions[i].output);
        free(title);
    }
}

static const char template_json[] =
    "{\n"
    "  \"id\": \"my-predict-drill\",\n"
    "  \"title\": \"What does this print?\",\n"
    "  \"topic\": \"functions\",\n"
    "  \"level\": 1,\n"
    "  \"kind\": \"predict\",\n"
    "  \"prompt\": \"What does this code print?\",\n"
    "  \"code\": \"def f(x, acc=[]):\\n    acc.append(x)\\n    return acc\\n\\nprint(f(1))\\nprint(f(2))\",\n"
    "  \"expect\": \"[1]\\n[1, 2]\",\n"
    "  \"explanation\": \"Default values are evaluated once, when the def runs, so every call shares one list.\"\n"
    "}\n";

const kind_ops kind_predict = {
    .name = "predict",
    .kind = KIND_PREDICT,
    .input = INPUT_TEXT,
    .code_required = 1,
    .has_truth = 1,
    .fields = fields,
    .parse = parse,
    .plan = plan,
    .judge = grade_predict,
    .check = check,
    .show = show,
    .template_json = template_json,
};
