/* cmd_show.c - pydrill show ID [--solution]: a drill as text. Hidden tests
 * are counted, never shown, unless --solution is given.
 *
 * A pack is untrusted: the page is composed in memory, then written line
 * by line through util_escape_controls (as `trace` writes what it shows),
 * so that no title, prompt, code, test or hint can drive the terminal
 * (ESC, OSC 52, clear screen) or reorder a line (bidi overrides). Tabs
 * are drawn as spaces to stops of eight. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "kind.h"
#include "util.h"

/* Tab stops of the page, as a terminal sets them. */
#define SHOW_TAB 8

static void block(FILE *out, const char *title, const char *text)
{
    if (!text)
        return;
    fprintf(out, "\n%s:\n", title);
    const char *p = text;
    while (*p) {
        size_t n = strcspn(p, "\n");
        fprintf(out, "%s%.*s\n", n ? "    " : "", (int)n, p);
        p += n + (p[n] == '\n');
    }
}

/* Writes the page, each line with its tabs drawn as spaces and its
 * control characters and bidi overrides escaped. */
static void put_page(const char *page, size_t len)
{
    sbuf line;
    sbuf_init(&line);
    const char *p = page, *end = page + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        line.len = 0;
        size_t col = 0;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)p[i];
            if (c == '\t') {
                do
                    sbuf_addch(&line, ' ');
                while (++col % SHOW_TAB);
                continue;
            }
            /* a NUL cannot come from JSON text, but would end the line */
            sbuf_add(&line, c ? (const char *)&p[i] : "\\x00", c ? 1 : 4);
            col += (c & 0xC0) != 0x80;
        }
        sbuf_addch(&line, '\0');
        char *e = util_escape_controls(line.buf);
        fputs(e, stdout);
        fputc('\n', stdout);
        free(e);
        p += n + (nl != NULL);
    }
    sbuf_release(&line);
}

static const char show_usage[] =
    "usage: pydrill show ID [--solution] [--catalog F | --pack F ...]\n"
    "\n"
    "A drill's question, code and visible tests; hidden tests are counted.\n"
    "\n"
    "  --solution       add the hidden tests, wrong answers, solution, hints,\n"
    "                   model answer, rubric and explanation\n"
    "  --catalog FILE   the catalog (default: $PYDRILL_CATALOG, ./drills.json, else\n"
    "                   the installed one)\n"
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
        /* after a load error, the drill may be in the pack and left out */
        if (lrc == 1)
            cmd_usage_error("no drill with id \"%s\" is loaded: if the pack has it, an error above left it "
                            "out (a drill is loaded whole or not at all)", id);
        else if (lrc != 2)
            cmd_usage_error("no drill with id \"%s\" (see pydrill list)", id);
        catalog_free(&c);
        return EXIT_USAGE;
    }
    char *page = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&page, &len);
    if (!out)
        abort(); /* out of memory, as xmalloc */
    fprintf(out, "%s — %s\n", d->id, d->title);
    fprintf(out, "kind %s, level %d, topic %s", drill_kind_name(d->kind), d->level, d->topic);
    if (d->ntags) {
        fprintf(out, ", tags");
        for (size_t i = 0; i < d->ntags; i++)
            fprintf(out, " %s", d->tags[i]);
    }
    fprintf(out, "\n");
    block(out, "Question", d->prompt);
    /* repl mode echoes what exec mode does not: the drill says which */
    block(out, d->repl ? "Code (typed at the >>> prompt, one statement at a time)" : "Code", d->code);
    kind_get(d->kind)->show(d, solution, out);
    if (d->nhints && solution)
        for (size_t i = 0; i < d->nhints; i++)
            fprintf(out, "%sHint %zu: %s\n", i ? "" : "\n", i + 1, d->hints[i]);
    if (solution) {
        block(out, "Solution", d->solution);
        block(out, "Explanation", d->explanation);
    }
    if (fclose(out) != 0)
        abort();
    put_page(page, len);
    free(page);
    catalog_free(&c);
    return lrc ? EXIT_USAGE : EXIT_OK;
}
