/* cmd_check.c - pydrill check: validate the catalog and packs, then verify
 * every drill against the live interpreter (SPEC 4). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "plan.h"
#include "runner.h"
#include "util.h"

static int solution_passes(const drill *d, diag *dg)
{
    drill_verdict v;
    cmd_judge(d, d->solution, NULL, &v);
    int ok = v.st == ST_PASS;
    if (!ok) {
        const char *why = v.message;
        const char *which = NULL;
        for (size_t i = 0; i < v.ntests; i++)
            if (v.tests[i].st != ST_PASS) {
                which = v.tests[i].name;
                why = v.tests[i].message ? v.tests[i].message : why;
                break;
            }
        if (which)
            diag_add(dg, "%s: drill %s: error: the solution fails test \"%s\" (%s): %s", d->pack_path,
                     d->id, which, status_name(v.st), why ? why : "");
        else
            diag_add(dg, "%s: drill %s: error: the solution does not pass (%s): %s", d->pack_path, d->id,
                     status_name(v.st), why ? why : "");
    }
    drill_verdict_free(&v);
    return ok;
}

static int starter_fails(const drill *d, diag *dg)
{
    if (!d->code)
        return 1; /* a write drill without a stub */
    drill_verdict v;
    cmd_judge(d, d->code, NULL, &v);
    int ok = v.st != ST_PASS;
    if (!ok)
        diag_add(dg, "%s: drill %s: error: the %s already passes every test", d->pack_path, d->id,
                 d->kind == KIND_FIX ? "starter code" : "stub");
    drill_verdict_free(&v);
    return ok;
}

static char *first_line_diff(const char *a, const char *b)
{
    int line = 1;
    while (*a && *b) {
        size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");
        if (la != lb || memcmp(a, b, la))
            return xasprintf("line %d: expect has \"%.*s\", the interpreter prints \"%.*s\"", line, (int)lb,
                             b, (int)la, a);
        a += la + (a[la] == '\n');
        b += lb + (b[lb] == '\n');
        line++;
    }
    if (*a)
        return xasprintf("line %d: the interpreter prints \"%.*s\" after the end of expect", line,
                         (int)strcspn(a, "\n"), a);
    return xasprintf("line %d: expect has \"%.*s\" after the end of the output", line, (int)strcspn(b, "\n"), b);
}

static int predict_ok(drill *d, diag *dg)
{
    if (!d->truth)
        return 0; /* plan reported why */
    int ok = 1;
    if (d->expect_output) {
        char *want = grade_normalize_output(d->expect_output, strlen(d->expect_output));
        if (strcmp(want, d->truth)) {
            char *why = first_line_diff(d->truth, want);
            diag_add(dg, "%s: drill %s: error: stale expect: %s", d->pack_path, d->id, why);
            free(why);
            ok = 0;
        }
        free(want);
    }
    /* A second run catches output that depends on ordering or addresses. */
    char *first = d->truth;
    d->truth = NULL;
    diag tmp;
    diag_init(&tmp);
    plan_drill(d, &tmp);
    diag_free(&tmp);
    if (d->truth && strcmp(first, d->truth)) {
        diag_add(dg, "%s: drill %s: error: the snippet prints something different on each run "
                     "(ids, addresses, timing or set order?)", d->pack_path, d->id);
        ok = 0;
    }
    free(d->truth);
    d->truth = first;
    return ok;
}

int cmd_check(int argc, char **argv)
{
    cmd_source src;
    cmd_source_init(&src);
    for (int i = 1; i < argc; i++) {
        int r = cmd_source_option(&src, argc, argv, &i);
        if (r < 0)
            return EXIT_USAGE;
        if (!r) {
            cmd_source_free(&src);
            return cmd_usage_error("check: unexpected argument \"%s\"", argv[i]);
        }
    }
    catalog c;
    catalog_init(&c);
    int lrc = cmd_load(&src, &c);
    cmd_source_free(&src);
    if (lrc == 2) {
        catalog_free(&c);
        return EXIT_USAGE;
    }
    if (cmd_start_runner() < 0) {
        catalog_free(&c);
        return EXIT_USAGE;
    }
    diag dg;
    diag_init(&dg);
    size_t bad = 0, skipped = 0;
    for (size_t i = 0; i < c.ndrills; i++) {
        drill *d = &c.drills[i];
        size_t before = dg.n;
        plan_drill(d, &dg);
        if (d->skip_reason) {
            skipped++;
            printf("skip %s: %s\n", d->id, d->skip_reason);
            continue;
        }
        int ok = dg.n == before;
        if (ok && (d->kind == KIND_FIX || d->kind == KIND_WRITE))
            ok = solution_passes(d, &dg) & starter_fails(d, &dg);
        else if (d->kind == KIND_PREDICT)
            ok = ok & predict_ok(d, &dg);
        bad += !ok;
    }
    cmd_print_diag(&dg);
    size_t problems = dg.n;
    diag_free(&dg);
    printf("checked %zu drills in %zu packs: %zu ok, %zu with problems, %zu skipped\n", c.ndrills,
           c.npacks, c.ndrills - bad - skipped, bad, skipped);
    catalog_free(&c);
    if (lrc)
        return EXIT_USAGE;
    return problems ? EXIT_FAIL : EXIT_OK;
}
