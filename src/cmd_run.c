/* cmd_run.c - pydrill run ID [FILE | -] [--watch]: grade one answer to one
 * drill and show each test's outcome. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "plan.h"
#include "report.h"
#include "runner.h"
#include "tui.h"
#include "util.h"

static char *read_stdin(void)
{
    sbuf sb;
    sbuf_init(&sb);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, stdin)) > 0)
        sbuf_add(&sb, buf, n);
    return sbuf_detach(&sb, NULL);
}

int cmd_run(int argc, char **argv)
{
    cmd_source src;
    cmd_source_init(&src);
    const char *id = NULL, *file = NULL;
    int watch = 0, rc = EXIT_OK;
    for (int i = 1; i < argc; i++) {
        int r = cmd_source_option(&src, argc, argv, &i);
        if (r < 0)
            return EXIT_USAGE;
        if (r)
            continue;
        if (!strcmp(argv[i], "--watch"))
            watch = 1;
        else if (argv[i][0] == '-' && argv[i][1])
            return cmd_usage_error("run: unknown option \"%s\"", argv[i]);
        else if (!id)
            id = argv[i];
        else if (!file)
            file = argv[i];
        else
            return cmd_usage_error("run: unexpected argument \"%s\"", argv[i]);
    }
    if (!id)
        return cmd_usage_error("usage: pydrill run ID [FILE | -] [--watch]");
    if (watch && (!file || !strcmp(file, "-")))
        return cmd_usage_error("run: --watch needs a FILE to watch");

    catalog c;
    catalog_init(&c);
    int lrc = cmd_load(&src, &c);
    cmd_source_free(&src);
    drill *d = (drill *)catalog_find(&c, id);
    char *answer = NULL;
    if (!d) {
        if (lrc != 2)
            fprintf(stderr, "pydrill: error: no drill with id \"%s\" (see pydrill list)\n", id);
        rc = EXIT_USAGE;
        goto out;
    }
    if (cmd_start_runner() < 0) {
        rc = EXIT_USAGE;
        goto out;
    }
    diag dg;
    diag_init(&dg);
    plan_drill(d, &dg);
    cmd_print_diag(&dg);
    diag_free(&dg);
    if (watch) {
        rc = tui_watch(&c, d, file);
        goto out;
    }
    if (!file || !strcmp(file, "-")) {
        answer = read_stdin();
    } else {
        size_t len;
        char *err = NULL;
        if (util_read_file(file, &answer, &len, &err) < 0) {
            fprintf(stderr, "%s\n", err);
            free(err);
            rc = EXIT_USAGE;
            goto out;
        }
        if (memchr(answer, '\0', len) || !util_utf8_valid(answer, len)) {
            fprintf(stderr, "%s: error: not UTF-8 text\n", file);
            rc = EXIT_USAGE;
            goto out;
        }
    }
    submission_verdict sv;
    submission_verdict_init(&sv);
    sv.candidate = xstrdup(file && strcmp(file, "-") ? file : "stdin");
    sv.source = xstrdup(sv.candidate);
    sv.drills = xcalloc(1, sizeof *sv.drills);
    sv.ndrills = 1;
    cmd_judge(d, answer, NULL, &sv.drills[0]);
    submission_verdict_total(&sv);
    report r = { .python_version = runner_python_version(), .catalog_title = c.title, .subs = &sv, .nsubs = 1 };
    char *text = report_text(&r);
    fputs(text, stdout);
    free(text);
    rc = sv.drills[0].st == ST_PASS || sv.drills[0].st == ST_SKIPPED ? EXIT_OK : EXIT_FAIL;
    if (lrc)
        rc = EXIT_USAGE;
    submission_verdict_free(&sv);
out:
    free(answer);
    catalog_free(&c);
    return rc;
}
