/* cmd_show.c - pydrill show ID [--solution]: a drill as text. Hidden tests
 * are counted, never shown, unless --solution is given. */
#include <stdio.h>
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

static const char show_usage[] =
    "usage: pydrill show ID [--solution] [--catalog F | --pack F ...]\n"
    "\n"
    "A drill's question, code and visible tests; hidden tests are counted.\n"
    "\n"
    "  --solution       add the hidden tests, solution, hints, model answer and explanation\n"
    "  --catalog FILE   the catalog (default: $PYDRILL_CATALOG, ./drills.json, the installed one)\n"
    "  --pack FILE      a pack to load without a catalog (repeatable)\n"
    "  -h, --help       this help\n";

enum { OPT_SOLUTION = CMD_OPT_FIRST_FREE };

int cmd_show(int argc, char **argv)
{
    static const struct option longopts[] = {
        CMD_SOURCE_OPTIONS,
        { "solution", no_argument, NULL, OPT_SOLUTION },
        CMD_COMMON_OPTIONS,
    };
    cmd_source src;
    cmd_source_init(&src);
    const char *id = NULL;
    int solution = 0;
    cmd_args a;
    cmd_args_init(&a, "show", show_usage, argc, argv, "h", longopts);
    int opt;
    while ((opt = cmd_args_next(&a)) != -1) {
        if (cmd_source_take(&src, opt, optarg))
            continue;
        if (opt == OPT_SOLUTION) {
            solution = 1;
            continue;
        }
        cmd_source_free(&src);
        return opt == 'h' ? cmd_help(&a) : EXIT_USAGE;
    }
    if (optind < argc)
        id = argv[optind++];
    if (optind < argc) {
        cmd_source_free(&src);
        return cmd_args_error(&a, "unexpected argument \"%s\"", argv[optind]);
    }
    if (!id) {
        cmd_source_free(&src);
        return cmd_args_error(&a, "which drill? pydrill show ID [--solution]");
    }
    catalog c;
    catalog_init(&c);
    int lrc = cmd_load(&src, &c);
    cmd_source_free(&src);
    const drill *d = catalog_find(&c, id);
    if (!d) {
        if (lrc != 2)
            cmd_usage_error("no drill with id \"%s\" (see pydrill list)", id);
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
        block("Model answer", d->model_answer);
        block("Explanation", d->explanation);
    }
    catalog_free(&c);
    return lrc ? EXIT_USAGE : EXIT_OK;
}
