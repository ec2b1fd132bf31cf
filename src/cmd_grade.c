/* cmd_grade.c - pydrill grade: every submission against every drill, with
 * up to -j children at once, into one report (SPEC 3.4, 4).
 *
 * What does not depend on an answer (truths, expected values, requires) is
 * planned once for the batch; choice, explain and predict answers are
 * graded in the parent without a child; results are placed by (submission,
 * drill) index, so the report does not depend on -j or completion order. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "answers.h"
#include "cmd.h"
#include "engine.h"
#include "report.h"
#include "util.h"

/* Submissions loaded and not yet graded, per worker. */
#define LOAD_WINDOW_PER_JOB 16

typedef struct {
    const char **paths;
    size_t npaths;
    int jobs;
    const char *format;
    const char *output;
    int shard_k, shard_n;
    int reveal_hidden;
    int quiet;
} grade_opts;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int parse_int(const char *s, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 1 || v > 100000)
        return -1;
    *out = (int)v;
    return 0;
}

static int parse_args(int argc, char **argv, cmd_source *src, grade_opts *o)
{
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    o->jobs = ncpu > 0 ? (int)ncpu : 1;
    o->format = "text";
    o->paths = xcalloc((size_t)argc, sizeof *o->paths);
    int only_paths = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!only_paths && a[0] == '-' && a[1]) {
            int r = cmd_source_option(src, argc, argv, &i);
            if (r < 0)
                return -1;
            if (r)
                continue;
            const char *val = NULL;
            if (!strcmp(a, "--")) {
                only_paths = 1;
                continue;
            } else if (!strcmp(a, "--reveal-hidden")) {
                o->reveal_hidden = 1;
                continue;
            } else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
                o->quiet = 1;
                continue;
            }
            const char *opts[] = { "-j", "--jobs", "--format", "-o", "--output", "--shard" };
            size_t k;
            for (k = 0; k < ARRAY_SIZE(opts); k++) {
                size_t n = strlen(opts[k]);
                if (!strcmp(a, opts[k])) {
                    if (i + 1 >= argc) {
                        cmd_usage_error("grade: %s needs a value", a);
                        return -1;
                    }
                    val = argv[++i];
                    break;
                }
                if (!strncmp(a, opts[k], n) && a[n] == '=') {
                    val = a + n + 1;
                    break;
                }
                if (!strcmp(opts[k], "-j") && !strncmp(a, "-j", 2) && a[2]) {
                    val = a + 2;
                    break;
                }
            }
            if (k == ARRAY_SIZE(opts)) {
                cmd_usage_error("grade: unknown option \"%s\"", a);
                return -1;
            }
            if (k <= 1) {
                if (parse_int(val, &o->jobs) < 0) {
                    cmd_usage_error("grade: -j needs a positive number, not \"%s\"", val);
                    return -1;
                }
            } else if (k == 2) {
                o->format = val;
            } else if (k <= 4) {
                o->output = val;
            } else {
                char *slash = strchr(val, '/');
                char kbuf[16];
                if (!slash || (size_t)(slash - val) >= sizeof kbuf) {
                    cmd_usage_error("grade: --shard needs K/N, like 2/4");
                    return -1;
                }
                memcpy(kbuf, val, (size_t)(slash - val));
                kbuf[slash - val] = '\0';
                if (parse_int(kbuf, &o->shard_k) < 0 || parse_int(slash + 1, &o->shard_n) < 0 ||
                    o->shard_k > o->shard_n) {
                    cmd_usage_error("grade: --shard K/N needs 1 <= K <= N, not \"%s\"", val);
                    return -1;
                }
            }
            continue;
        }
        o->paths[o->npaths++] = a;
    }
    if (!report_find(o->format)) {
        cmd_usage_error("grade: unknown format \"%s\" (text, json, jsonl, junit, tap, html)", o->format);
        return -1;
    }
    if (!o->npaths) {
        cmd_usage_error("grade: no submissions given (answers files or folders)");
        return -1;
    }
    return 0;
}

static void progress(int show, size_t done, size_t total, double start)
{
    if (!show)
        return;
    double el = (util_now_ms() - start) / 1000.0;
    double rate = el > 0 ? (double)done / el : 0;
    double eta = rate > 0 ? (double)(total - done) / rate : 0;
    int width = 30, fill = total ? (int)((double)width * (double)done / (double)total) : width;
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu answers  %.0f/s  ETA %.0fs ", fill,
            "##############################", width - fill, "", done, total, rate, eta);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

/* Two submissions named alike are told apart by their paths: all of them,
 * so the names do not depend on which one comes last. */
static void disambiguate(submission_verdict *subs, size_t n)
{
    unsigned char *dup = xcalloc(n ? n : 1, 1);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (subs[i].candidate && subs[j].candidate && !strcmp(subs[i].candidate, subs[j].candidate))
                dup[i] = dup[j] = 1;
    for (size_t i = 0; i < n; i++)
        if (dup[i]) {
            char *named = xasprintf("%s (%s)", subs[i].candidate, subs[i].source);
            free(subs[i].candidate);
            subs[i].candidate = named;
        }
    free(dup);
}

int cmd_grade(int argc, char **argv)
{
    cmd_source src;
    cmd_source_init(&src);
    grade_opts o = { 0 };
    int rc = EXIT_OK, bad_input = 0;
    catalog c;
    catalog_init(&c);
    submission_verdict *sv = NULL;
    size_t nsubs = 0;

    if (parse_args(argc, argv, &src, &o) < 0) {
        rc = EXIT_USAGE;
        goto out;
    }
    qsort(o.paths, o.npaths, sizeof *o.paths, cmp_str);
    int lrc = cmd_load(&src, &c);
    if (lrc == 2) {
        rc = EXIT_USAGE;
        goto out;
    }
    bad_input = lrc != 0;
    if (cmd_start_runner() < 0) {
        rc = EXIT_USAGE;
        goto out;
    }
    diag dg;
    diag_init(&dg);
    if (engine_plan(&c, &dg) < 0)
        bad_input = 1;
    cmd_print_diag(&dg);
    diag_free(&dg);

    /* The positions this run grades (all, or one shard's). */
    size_t *pos = xcalloc(o.npaths ? o.npaths : 1, sizeof *pos);
    for (size_t p = 0; p < o.npaths; p++)
        if (!o.shard_n || (int)(p % (size_t)o.shard_n) == o.shard_k - 1)
            pos[nsubs++] = p;
    sv = xcalloc(nsubs ? nsubs : 1, sizeof *sv);
    size_t child_drills = 0;
    for (size_t d = 0; d < c.ndrills; d++)
        child_drills += engine_runs_answer(&c.drills[d]) && !c.drills[d].skip_reason;

    /* Workers are forked now, before any submission is loaded. */
    char *err = NULL;
    engine_batch *batch = nsubs ? engine_batch_start(&c, o.jobs, &err) : NULL;
    if (nsubs && !batch) {
        fprintf(stderr, "pydrill: error: %s\n", err);
        free(err);
        free(pos);
        rc = EXIT_USAGE;
        goto out;
    }

    /* Submissions are loaded as they are queued, a window at a time, and
     * their answers dropped once handed to the engine. */
    size_t window = (size_t)o.jobs * LOAD_WINDOW_PER_JOB;
    size_t next_load = 0, ndone = 0;
    size_t *ids = xcalloc(window, sizeof *ids);
    int show = !o.quiet && isatty(2);
    double start = util_now_ms();
    size_t total = nsubs * child_drills, unreadable = 0, shown = 0;
    progress(show && total, 0, total, start);
    while (ndone < nsubs) {
        while (next_load < nsubs && next_load - ndone < window) {
            size_t s = next_load++;
            const char *path = o.paths[pos[s]];
            submission sub;
            submission_init(&sub);
            submission_verdict_init(&sv[s]);
            diag ad;
            diag_init(&ad);
            if (answers_load(&sub, path, &ad) < 0) {
                sbuf sb;
                sbuf_init(&sb);
                for (size_t i = 0; i < ad.n; i++)
                    sbuf_addf(&sb, "%s%s", i ? "; " : "", ad.msgs[i]);
                sv[s].error = sbuf_detach(&sb, NULL);
                sbuf_release(&sb);
                cmd_print_diag(&ad);
                bad_input = 1;
            }
            diag_free(&ad);
            sv[s].candidate = xstrdup(sub.candidate ? sub.candidate : path);
            sv[s].source = xstrdup(path);
            if (sv[s].error) {
                submission_free(&sub);
                ndone++;
                unreadable += child_drills;
                continue;
            }
            for (size_t a = 0; a < sub.n; a++)
                if (!catalog_find(&c, sub.items[a].id))
                    diag_add(&sv[s].warnings, "%s: warning: answer for unknown drill \"%s\"", path, sub.items[a].id);
            cmd_print_diag(&sv[s].warnings);
            engine_batch_add(batch, s, &sub, &sv[s]);
            submission_free(&sub);
        }
        size_t n = engine_batch_wait(batch, ids, window, -1);
        ndone += n;
        size_t now = engine_batch_graded(batch) + unreadable;
        if (now != shown)
            progress(show && total, shown = now, total, start);
    }
    free(ids);
    free(pos);
    engine_batch_free(batch);

    int all_pass = 1;
    for (size_t s = 0; s < nsubs; s++) {
        submission_verdict_total(&sv[s]);
        for (size_t d = 0; d < sv[s].ndrills; d++)
            if (sv[s].drills[d].st != ST_PASS && sv[s].drills[d].st != ST_SKIPPED)
                all_pass = 0;
    }
    disambiguate(sv, nsubs);

    report rep = { .python_version = engine_python_version(), .catalog_title = c.title,
                   .subs = sv, .nsubs = nsubs, .reveal_hidden = o.reveal_hidden };
    char *doc = report_find(o.format)(&rep);
    if (o.output) {
        char *err = NULL;
        if (util_write_atomic(o.output, doc, strlen(doc), &err) < 0) {
            fprintf(stderr, "%s\n", err);
            free(err);
            bad_input = 1;
        }
    } else {
        fputs(doc, stdout);
        fflush(stdout);
    }
    free(doc);
    rc = bad_input ? EXIT_USAGE : all_pass ? EXIT_OK : EXIT_FAIL;

out:
    for (size_t s = 0; s < nsubs; s++)
        submission_verdict_free(&sv[s]);
    free(sv);
    free(o.paths);
    catalog_free(&c);
    cmd_source_free(&src);
    return rc;
}
