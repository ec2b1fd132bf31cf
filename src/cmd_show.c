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
