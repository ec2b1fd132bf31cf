/* cmd_check.c - pydrill check: validate the catalog and packs, then verify
 * every drill against the live interpreter (SPEC 4).
 *
 * Predict snippets are run twice more than grading needs: once in this
 * process, and once in a second pydrill process started under another hash
 * seed (its objects land at other addresses too), so output that depends
 * on ids, addresses or the order of a set of strings is caught here rather
 * than by a candidate whose right answer is marked wrong. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cmd.h"
#include "engine.h"
#include "kind.h"
#include "testlint.h"
#include "util.h"

/* Runs "pydrill __truths SOURCE..." under another hash seed and returns
 * its {"id": truth} object, or NULL (with a message) when it failed. */
static cJSON *truths_elsewhere(int argc, char **argv, diag *dg)
{
    int p[2];
    if (pipe(p) < 0)
        return NULL;
    unsigned seed = 0;
    while (seed == 0 && getrandom(&seed, sizeof seed, 0) == (ssize_t)sizeof seed)
        ;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(p[0]);
        close(p[1]);
        return NULL;
    }
    if (pid == 0) {
        dup2(p[1], 1);
        close(p[0]);
        close(p[1]);
        /* This process has printed what loading the packs found already. */
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0) {
            dup2(null, 2);
            close(null);
        }
        char buf[16];
        snprintf(buf, sizeof buf, "%u", seed ? seed : 1);
        setenv("PYDRILL_HASH_SEED", buf, 1);
        char **args = xcalloc((size_t)argc + 2, sizeof *args);
        args[0] = "pydrill";
        args[1] = "__truths";
        for (int i = 1; i < argc; i++)
            args[i + 1] = argv[i];
        execv(cmd_self_path(), args);
        _exit(127);
    }
    close(p[1]);
    sbuf sb;
    sbuf_init(&sb);
    char chunk[65536];
    for (;;) {
        ssize_t r = read(p[0], chunk, sizeof chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        sbuf_add(&sb, chunk, (size_t)r);
    }
    close(p[0]);
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    cJSON *j = cJSON_ParseWithLength(sb.buf, sb.len);
    sbuf_release(&sb);
    if (!cJSON_IsObject(j)) {
        diag_add(dg, "pydrill: error: the second run of the predict snippets failed (exit %d)",
                 WIFEXITED(st) ? WEXITSTATUS(st) : -1);
        cJSON_Delete(j);
        return NULL;
    }
    return j;
}

/* what a test that imports the answer's code by a module name writes */
#define ANSWER_MODULE "answer"

/* mods ("a, b", or NULL; taken) without "answer" and its submodules,
 * which are no library an answer could patch but a test's mistake: the
 * answer's names are in the test's namespace already. *found says whether
 * it was there. Returns the rest ("a"), or NULL. */
static char *without_answer(char *mods, int *found)
{
    *found = 0;
    if (!mods)
        return NULL;
    sbuf rest;
    sbuf_init(&rest);
    for (char *p = mods; *p;) {
        size_t n = strcspn(p, ",");
        size_t k = strlen(ANSWER_MODULE);
        int is_answer = n >= k && strncmp(p, ANSWER_MODULE, k) == 0 && (n == k || p[k] == '.');
        *found |= is_answer;
        if (!is_answer) {
            sbuf_addstr(&rest, rest.len ? ", " : "");
            sbuf_add(&rest, p, n);
        }
        p += n;
        while (*p == ',' || *p == ' ')
            p++;
    }
    free(mods);
    if (!rest.len) {
        sbuf_release(&rest);
        return NULL;
    }
    return sbuf_detach(&rest, NULL);
}

static void judge_all(const drill *d, const char *answer, drill_verdict *v)
{
    engine_judge(d, answer, 0, v);
}

static const char check_usage[] =
    "usage: pydrill check [--catalog F | --pack F ...]\n"
    "\n"
    "Validates the catalog and packs, then verifies every drill against the live\n"
    "interpreter: each solution passes all its tests, each fix starter and write stub\n"
    "fails one, each wrong answer fails one (not only by a NameError, a crash or a\n"
    "hang), each predict snippet compiles, runs within its limits, prints the same\n"
    "in two processes and matches its pinned expect (whose version ranges give each\n"
    "Python 3.11 to 3.15 one output), each test expr is an expression, each model\n"
    "answer meets its rubric, each pack has a drill. Warns (and still passes) about\n"
    "a test that compares inside expr, where an answer's object could decide the\n"
    "result, about one that imports a module pydrill does not load before answers\n"
    "run, which an answer could patch first, and about one that imports answer.\n"
    "\n"
    "  --catalog FILE   the catalog (default: $PYDRILL_CATALOG, ./drills.json, else\n"
    "                   the installed one)\n"
    "  --pack FILE      a pack to check without a catalog (repeatable)\n"
    "  -h, --help       this help\n"
    "\n"
    "Exit status: 0 nothing found; 1 a drill has a problem; 2 a usage error, or the\n"
    "packs could not be loaded.\n";

/* The options check takes (and passes on to its second process): 0, 1 for
 * --help, -1 on a usage error. */
static int source_args(int argc, char **argv, cmd_source *src, const char *cmd)
{
    static const struct option longopts[] = { CMD_SOURCE_OPTIONS, CMD_COMMON_OPTIONS };
    cmd_args a;
    cmd_args_init(&a, cmd, check_usage, argc, argv, "h", longopts);
    int c;
    while ((c = cmd_args_next(&a)) != -1) {
        if (cmd_source_take(src, c, optarg))
            continue;
        if (c == 'h') {
            cmd_help(&a);
            return 1;
        }
        return -1;
    }
    if (optind < argc) {
        cmd_args_error(&a, "unexpected argument \"%s\"", argv[optind]);
        return -1;
    }
    return 0;
}

int cmd_truths(int argc, char **argv)
{
    cmd_source src;
    cmd_source_init(&src);
    catalog c;
    catalog_init(&c);
    int rc = EXIT_USAGE;
    if (source_args(argc, argv, &src, "__truths") != 0 || cmd_load(&src, &c) == 2 || cmd_start_runner() < 0)
        goto out;
    cJSON *o = cJSON_CreateObject();
    diag dg;
    diag_init(&dg);
    for (size_t i = 0; i < c.ndrills; i++) {
        drill *d = &c.drills[i];
        if (!kind_get(d->kind)->has_truth || engine_plan_drill(d, &dg) < 0 || d->skip_reason || !d->truth)
            continue;
        cJSON_AddStringToObject(o, d->id, d->truth);
    }
    diag_free(&dg);
    char *s = cJSON_PrintUnformatted(o);
    puts(s);
    free(s);
    cJSON_Delete(o);
    rc = EXIT_OK;
out:
    catalog_free(&c);
    cmd_source_free(&src);
    return rc;
}

int cmd_check(int argc, char **argv)
{
    cmd_source src;
    cmd_source_init(&src);
    int arc = source_args(argc, argv, &src, "check");
    if (arc != 0) {
        cmd_source_free(&src);
        return arc > 0 ? EXIT_OK : EXIT_USAGE;
    }
    catalog c;
    catalog_init(&c);
    int lrc = cmd_load(&src, &c);
    cmd_source_free(&src);
    if (lrc == 2 || cmd_start_runner() < 0) {
        printf("checked nothing: %s\n", lrc == 2 ? "the drills could not be loaded" : "the grader could not start");
        catalog_free(&c);
        return EXIT_USAGE;
    }
    diag dg, warn; /* problems fail the check; warnings are advice */
    diag_init(&dg);
    diag_init(&warn);
    size_t npredict = 0;
    for (size_t i = 0; i < c.ndrills; i++)
        npredict += kind_get(c.drills[i].kind)->has_truth;
    /* once for the whole catalog, and not again if it failed */
    cJSON *second = npredict ? truths_elsewhere(argc, argv, &dg) : NULL;
    kind_check_env env = { .judge = judge_all, .hexversion = engine_python_hexversion(), .other_truths = second };
    size_t bad = 0, skipped = 0;
    for (size_t i = 0; i < c.ndrills; i++) {
        drill *d = &c.drills[i];
        size_t before = dg.n;
        /* for a drill skipped here, what shows without running it is a
         * problem all the same: its expect ranges, or a requires no
         * machine meets */
        int skip_bad = catalog_expect_ranges_faulty(d, &dg);
        skip_bad |= engine_plan_drill(d, &dg) < 0 && d->skip_reason;
        if (d->skip_reason) {
            skipped += !skip_bad;
            bad += skip_bad;
            printf("skip %s: %s\n", d->id, d->skip_reason);
            continue;
        }
        int ok = dg.n == before;
        const kind_ops *ops = kind_get(d->kind);
        /* a kind whose planning failed has nothing to prove with */
        if (ops->check && (ok || !ops->runs_answer))
            ok = ops->check(d, &env, &dg) && ok;
        bad += !ok;
        for (size_t k = 0; k < d->ntests; k++) {
            int imports_answer;
            char *advice = testlint_test(&d->tests[k]);
            if (advice)
                diag_add(&warn, "%s: drill %s: warning: %s", d->pack_path, d->id, advice);
            free(advice);
            char *mods = without_answer(engine_unguarded_imports(&d->tests[k]), &imports_answer);
            if (imports_answer)
                diag_add(&warn,
                         "%s: drill %s: warning: test \"%s\" imports answer, which is no module: the answer's "
                         "names are already in the test's namespace, so call them as they are (f(1), not "
                         "answer.f(1))",
                         d->pack_path, d->id, d->tests[k].name);
            if (mods)
                diag_add(&warn,
                         "%s: drill %s: warning: test \"%s\" imports %s, which pydrill does not load before "
                         "an answer runs: an answer can import it first and patch what the test calls "
                         "(the modules loaded early are listed in docs/authoring.md)",
                         d->pack_path, d->id, d->tests[k].name, mods);
            free(mods);
        }
    }
    cJSON_Delete(second);
    /* A pack with no drill, a catalog with no pack, checks nothing: the
     * file is most likely not the one meant, or not finished. (A pack
     * whose drills all had load errors has said so already.) */
    if (!lrc && c.path && !c.npacks)
        diag_add(&dg, "%s: /packs: error: the catalog lists no pack, so there is nothing to check", c.path);
    for (size_t p = 0; !lrc && p < c.npacks; p++) {
        size_t n = 0;
        for (size_t i = 0; i < c.ndrills && !n; i++)
            n += c.drills[i].pack_index == p;
        if (!n)
            diag_add(&dg, "%s: /drills: error: the pack has no drill, so there is nothing to check", c.packs[p].path);
    }
    cmd_print_diag(&dg);
    cmd_print_diag(&warn);
    if (cmd_grader_failed()) {
        /* what was found may be the grader's failure, not the drills' */
        diag_free(&dg);
        diag_free(&warn);
        catalog_free(&c);
        return EXIT_USAGE;
    }
    size_t problems = dg.n, warnings = warn.n;
    diag_free(&dg);
    diag_free(&warn);
    char more[64] = "";
    if (warnings)
        snprintf(more, sizeof more, ", %zu warning%s", warnings, warnings == 1 ? "" : "s");
    printf("checked %zu drill%s in %zu pack%s: %zu ok, %zu with problems, %zu skipped%s%s\n", c.ndrills,
           c.ndrills == 1 ? "" : "s", c.npacks, c.npacks == 1 ? "" : "s", c.ndrills - bad - skipped, bad,
           skipped, more, lrc ? "; the packs have problems too (above)" : "");
    catalog_free(&c);
    if (lrc)
        return EXIT_USAGE;
    return problems ? EXIT_FAIL : EXIT_OK;
}
