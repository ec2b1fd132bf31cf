/* cmd_run.c - pydrill run ID [FILE | -] [--watch]: grade one answer to one
 * drill and show each test's outcome. */
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "answers.h"
#include "cmd.h"
#include "report.h"
#include "engine.h"
#include "tui.h"
#include "util.h"

static const char run_usage[] =
    "usage: pydrill run ID [FILE | -] [--watch] [--catalog F | --pack F ...]\n"
    "\n"
    "Grades one answer to drill ID and prints each test's outcome; hidden tests are\n"
    "counted, never shown. The answer is read from FILE, or from standard input when\n"
    "FILE is - or absent.\n"
    "\n"
    "  --watch          show the drill and grade FILE again each time it is saved\n"
    "  --catalog FILE   the catalog (default: $PYDRILL_CATALOG, ./drills.json, else\n"
    "                   the installed one)\n"
    "  --pack FILE      a pack to load without a catalog (repeatable)\n"
    "  -h, --help       this help\n"
    "\n"
    "Exit status: 0 the answer passed (or the drill is skipped here); 1 it did not;\n"
    "2 a usage error, or an answer or drill that could not be read (or graded).\n";

/* The answer in FILE, or on standard input for "-": read to the limit of
 * one answer in a batch, and decoded as grade decodes each answer file of
 * a folder (answers_text), so that run and grade agree on the same file.
 * NULL (with the message printed) when it cannot be had; *raw is the
 * buffer to free. */
static const char *read_answer(const char *file, char **raw)
{
    char lim[32], *err = NULL;
    size_t len = 0;
    *raw = NULL;
    if (!strcmp(file, "-")) {
        int e = util_read_fd(STDIN_FILENO, ANSWER_MAX, raw, &len);
        if (e == EFBIG)
            fprintf(stderr, "pydrill: error: run: the answer on standard input is over the limit of %s\n",
                    util_fmt_size(lim, ANSWER_MAX));
        else if (e)
            fprintf(stderr, "pydrill: error: run: cannot read standard input: %s\n", strerror(e));
        if (e)
            return NULL;
    } else if (util_read_named(file, ANSWER_MAX, raw, &len, &err) < 0) {
        cmd_print_msg(err);
        free(err);
        return NULL;
    }
    const char *text = answers_text(file, *raw, &len, &err);
    if (!text) {
        cmd_print_msg(err);
        free(err);
    }
    return text;
}

enum { OPT_WATCH = CMD_OPT_FIRST_FREE };

int cmd_run(int argc, char **argv)
{
    static const struct option longopts[] = {
        CMD_SOURCE_OPTIONS,
        { "watch", no_argument, NULL, OPT_WATCH },
        CMD_COMMON_OPTIONS,
    };
    cmd_source src;
    cmd_source_init(&src);
    const char *id = NULL, *file = NULL;
    int watch = 0, rc = EXIT_OK;
    cmd_args a;
    cmd_args_init(&a, "run", run_usage, argc, argv, "h", longopts);
    int opt;
    while ((opt = cmd_args_next(&a)) != -1) {
        if (cmd_source_take(&src, opt, optarg))
            continue;
        if (opt == OPT_WATCH) {
            watch = 1;
            continue;
        }
        cmd_source_free(&src);
        return opt == 'h' ? cmd_help(&a) : EXIT_USAGE;
    }
    if (optind < argc)
        id = argv[optind++];
    if (optind < argc)
        file = argv[optind++];
    if (optind < argc) {
        cmd_source_free(&src);
        return cmd_args_error(&a, "unexpected argument \"%s\"", argv[optind]);
    }
    if (!id) {
        cmd_source_free(&src);
        return cmd_args_error(&a, "which drill? pydrill run ID [FILE | -]");
    }
    if (watch && (!file || !strcmp(file, "-"))) {
        cmd_source_free(&src);
        return cmd_args_error(&a, "--watch needs a FILE to watch");
    }

    catalog c;
    catalog_init(&c);
    int lrc = cmd_load(&src, &c);
    cmd_source_free(&src);
    drill *d = (drill *)catalog_find(&c, id);
    char *raw = NULL;
    const char *answer = NULL;
    if (!d) {
        /* after a load error, the drill may be in the pack and left out */
        if (lrc == 1)
            cmd_usage_error("no drill with id \"%s\" is loaded: if the pack has it, an error above left it "
                            "out (a drill is loaded whole or not at all)", id);
        else if (lrc != 2)
            cmd_usage_error("no drill with id \"%s\" (see pydrill list)", id);
        rc = EXIT_USAGE;
        goto out;
    }
    if (cmd_start_runner() < 0) {
        rc = EXIT_USAGE;
        goto out;
    }
    diag dg;
    diag_init(&dg);
    /* a drill the plan found broken (an expect that raises, a snippet over
     * its limit here) grades no one: not graded, and exit 2, as in grade */
    int broken = engine_plan_drill(d, &dg) < 0;
    cmd_print_diag(&dg);
    diag_free(&dg);
    if (cmd_grader_failed()) {
        rc = EXIT_USAGE;
        goto out;
    }
    if (watch) {
        rc = tui_watch(&c, d, file);
        goto out;
    }
    answer = read_answer(file ? file : "-", &raw);
    if (!answer) {
        rc = EXIT_USAGE;
        goto out;
    }
    submission_verdict sv;
    submission_verdict_init(&sv);
    sv.candidate = xstrdup(file && strcmp(file, "-") ? file : "stdin");
    sv.source = xstrdup(sv.candidate);
    sv.drills = xcalloc(1, sizeof *sv.drills);
    sv.ndrills = 1;
    cmd_judge(d, answer, NULL, &sv.drills[0]);
    if (sv.drills[0].internal) {
        /* no verdict to print: the grader failed, not the answer */
        fprintf(stderr, "pydrill: error: cannot grade the answer: %s\n",
                sv.drills[0].message ? sv.drills[0].message : "unknown reason");
        submission_verdict_free(&sv);
        rc = EXIT_USAGE;
        goto out;
    }
    submission_verdict_total(&sv);
    report_options ro = { .format = "text", .python_version = engine_python_version(), .title = c.title };
    char *text = report_render(&ro, &sv, 1, 0);
    fputs(text, stdout);
    free(text);
    rc = sv.drills[0].st == ST_PASS || sv.drills[0].st == ST_SKIPPED ? EXIT_OK : EXIT_FAIL;
    if (lrc || (broken && sv.drills[0].st == ST_SKIPPED))
        rc = EXIT_USAGE;
    submission_verdict_free(&sv);
out:
    free(raw);
    catalog_free(&c);
    return rc;
}
