/* cmd_show.c - pydrill show ID [--solution]: a drill as text. Hidden tests
 * are counted, never shown, unless --solution is given. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static void block(const char *title, const char *text)
{
    if (!text)
        return;
    printf("\n%s:\n", title);
    const char *p = text;
    while (*p) {
        size_t n = strcspn(p, "\n");
        printf("    %.*s\n", (int)n, p);
        p += n + (p[n] == '\n');
    }
}

int cmd_show(int argc, char **argv)
{
    cmd_source src;
    cmd_source_init(&src);
    const char *id = NULL;
    int solution = 0;
    for (int i = 1; i < argc; i++) {
        int r = cmd_source_option(&src, argc, argv, &i);
        if (r < 0)
            return EXIT_USAGE;
        if (r)
            continue;
        if (!strcmp(argv[i], "--solution"))
            solution = 1;
        else if (argv[i][0] == '-' || id) {
            cmd_source_free(&src);
            return cmd_usage_error("show: unexpected argument \"%s\"", argv[i]);
        } else
            id = argv[i];
    }
    if (!id) {
        cmd_source_free(&src);
        return cmd_usage_error("usage: pydrill show ID [--solution]");
    }
    catalog c;
    catalog_init(&c);
    int lrc = cmd_load(&src, &c);
    cmd_source_free(&src);
    const drill *d = catalog_find(&c, id);
    if (!d) {
        if (lrc != 2)
            fprintf(stderr, "pydrill: error: no drill with id \"%s\" (see pydrill list)\n", id);
        catalog_free(&c);
        return EXIT_USAGE;
    }
    printf("%s — %s\n", d->id, d->title);
    printf("kind %s, level %d, topic %s", drill_kind_name(d->kind), d->level, d->topic);
    if (d->ntags) {
        printf(", tags");
        for (size_t i = 0; i < d->ntags; i++)
            printf(" %s", d->tags[i]);
    }
    printf("\n");
    block("Question", d->prompt);
    block(d->kind == KIND_PREDICT && d->repl ? "Code (typed at the >>> prompt, one statement at a time)" : "Code",
          d->code);
    for (size_t i = 0; i < d->nchoices; i++)
        printf("%s  %c) %s\n", i ? "" : "\n", 'a' + (int)i, d->choices[i]);
    size_t hidden = 0;
    int first = 1;
    for (size_t i = 0; i < d->ntests; i++) {
        const drill_test *t = &d->tests[i];
        if (t->hidden && !solution) {
            hidden++;
            continue;
        }
        if (first)
            printf("\nTests:\n");
        first = 0;
        printf("    %s%s: ", t->name, t->hidden ? " (hidden)" : "");
        if (t->setup)
            printf("after `%s`, ", t->setup);
        if (t->raises)
            printf("`%s` raises %s\n", t->expr, t->raises);
        else
            printf("`%s` == %s\n", t->expr, t->expect);
        if (t->stdout_expect)
            printf("        and prints: %s\n", t->stdout_expect);
    }
    if (hidden)
        printf("    and %zu hidden test%s\n", hidden, hidden == 1 ? "" : "s");
    if (d->nhints && solution)
        for (size_t i = 0; i < d->nhints; i++)
            printf("%sHint %zu: %s\n", i ? "" : "\n", i + 1, d->hints[i]);
    if (solution) {
        block("Solution", d->solution);
        if (d->nanswer) {
            printf("\nAnswer:");
            for (size_t i = 0; i < d->nanswer; i++)
                printf(" %c", 'a' + d->answer[i]);
            printf("\n");
        }
        block("Expected output", d->expect_output);
        for (size_t i = 0; i < d->nexpect_versions; i++) {
            char *title = xasprintf("Expected output on Python %s", d->expect_versions[i].range);
            block(title, d->expect_versions[i].output);
            free(title);
        }
        block("Model answer", d->model_answer);
        block("Explanation", d->explanation);
    }
    catalog_free(&c);
    return lrc ? EXIT_USAGE : EXIT_OK;
}
