/* cmd_list.c - pydrill list: the drills loaded, grouped by topic. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd.h"
#include "util.h"

static int by_topic(const void *a, const void *b)
{
    const drill *x = *(const drill *const *)a, *y = *(const drill *const *)b;
    int c = strcmp(x->topic, y->topic);
    if (c)
        return c;
    return x < y ? -1 : x > y;
}

static const char list_usage[] =
    "usage: pydrill list [--catalog F | --pack F ...] [--format text|json]\n"
    "\n"
    "The drills loaded, grouped by topic, with kind, level and title.\n"
    "\n"
    "  --catalog FILE   the catalog (default: $PYDRILL_CATALOG, ./drills.json, else\n"
    "                   the installed one)\n"
    "  --pack FILE      a pack to load without a catalog (repeatable)\n"
    "  --format FMT     text (default) or json: an array of {id, title, topic,\n"
    "                   kind, level, revision, tags, pack}\n"
    "  -h, --help       this help\n"
    "\n"
    "Exit status: 0, or 2 for a usage error or drills that could not be loaded.\n";

enum { OPT_FORMAT = CMD_OPT_FIRST_FREE };

int cmd_list(int argc, char **argv)
{
    static const struct option longopts[] = {
        CMD_SOURCE_OPTIONS,
        { "format", required_argument, NULL, OPT_FORMAT },
        CMD_COMMON_OPTIONS,
    };
    cmd_source src;
    cmd_source_init(&src);
    const char *format = "text";
    cmd_args a;
    cmd_args_init(&a, "list", list_usage, argc, argv, "h", longopts);
    int opt;
    while ((opt = cmd_args_next(&a)) != -1) {
        if (cmd_source_take(&src, opt, optarg))
            continue;
        if (opt == OPT_FORMAT) {
            format = optarg;
            continue;
        }
        cmd_source_free(&src);
        return opt == 'h' ? cmd_help(&a) : EXIT_USAGE;
    }
    if (optind < argc) {
        cmd_source_free(&src);
        return cmd_args_error(&a, "unexpected argument \"%s\"", argv[optind]);
    }
    if (strcmp(format, "text") && strcmp(format, "json")) {
        cmd_source_free(&src);
        return cmd_args_error(&a, "unknown format \"%s\" (text or json)", format);
    }
    catalog c;
    catalog_init(&c);
    int rc = cmd_load(&src, &c);
    cmd_source_free(&src);
    if (rc == 2) {
        catalog_free(&c);
        return EXIT_USAGE;
    }
    const drill **order = xcalloc(c.ndrills ? c.ndrills : 1, sizeof *order);
    for (size_t i = 0; i < c.ndrills; i++)
        order[i] = &c.drills[i];
    /* stable by topic, keeping the packs' own order within a topic */
    qsort(order, c.ndrills, sizeof *order, by_topic);
    if (!strcmp(format, "json")) {
        cJSON *arr = cJSON_CreateArray();
        for (size_t i = 0; i < c.ndrills; i++) {
            const drill *d = order[i];
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "id", d->id);
            cJSON_AddStringToObject(o, "title", d->title);
            cJSON_AddStringToObject(o, "topic", d->topic);
            cJSON_AddStringToObject(o, "kind", drill_kind_name(d->kind));
            cJSON_AddNumberToObject(o, "level", d->level);
            cJSON_AddNumberToObject(o, "revision", d->revision);
            cJSON *tags = cJSON_AddArrayToObject(o, "tags");
            for (size_t t = 0; t < d->ntags; t++)
                cJSON_AddItemToArray(tags, cJSON_CreateString(d->tags[t]));
            cJSON_AddStringToObject(o, "pack", d->pack_path);
            cJSON_AddItemToArray(arr, o);
        }
        char *s = cJSON_Print(arr);
        printf("%s\n", s);
        free(s);
        cJSON_Delete(arr);
    } else {
        /* a pack is untrusted: its words are written escaped, as trace
         * and show write them, so that none can drive the terminal */
        if (c.title) {
            char *t = util_escape_controls(c.title);
            printf("%s (%zu drills)\n", t, c.ndrills);
            free(t);
        }
        const char *topic = NULL;
        for (size_t i = 0; i < c.ndrills; i++) {
            const drill *d = order[i];
            if (!topic || strcmp(topic, d->topic)) {
                topic = d->topic;
                char *t = util_escape_controls(topic);
                /* a blank line between topics, and after the title, not first */
                printf("%s%s\n", i || c.title ? "\n" : "", t);
                free(t);
            }
            char *id = util_escape_controls(d->id), *title = util_escape_controls(d->title);
            printf("  %-34s %-8s L%d  %s\n", id, drill_kind_name(d->kind), d->level, title);
            free(id);
            free(title);
        }
    }
    free(order);
    catalog_free(&c);
    return rc ? EXIT_USAGE : EXIT_OK;
}
