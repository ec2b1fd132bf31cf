/* cmd_show.c - pydrill show ID [--solution]: a drill as text. Hidden tests
 * are counted, never shown, unless --solution is given. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "kind.h"

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
    block("Code", d->code);
    kind_get(d->kind)->show(d, solution, stdout);
    if (d->nhints && solution)
        for (size_t i = 0; i < d->nhints; i++)
            printf("%sHint %zu: %s\n", i ? "" : "\n", i + 1, d->hints[i]);
    if (solution) {
        block("Solution", d->solution);
        block("Explanation", d->explanation);
    }
    catalog_free(&c);
    return lrc ? EXIT_USAGE : EXIT_OK;
}
