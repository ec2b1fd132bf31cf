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

int cmd_list(int argc, char **argv)
{
    cmd_source src;
    cmd_source_init(&src);
    const char *format = "text";
    for (int i = 1; i < argc; i++) {
        int r = cmd_source_option(&src, argc, argv, &i);
        if (r < 0)
            return EXIT_USAGE;
        if (r)
            continue;
        if (!strcmp(argv[i], "--format") && i + 1 < argc)
            format = argv[++i];
        else if (!strncmp(argv[i], "--format=", 9))
            format = argv[i] + 9;
        else {
            cmd_source_free(&src);
            return cmd_usage_error("list: unexpected argument \"%s\"", argv[i]);
        }
    }
    if (strcmp(format, "text") && strcmp(format, "json")) {
        cmd_source_free(&src);
        return cmd_usage_error("list: unknown format \"%s\" (text or json)", format);
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
        if (c.title)
            printf("%s (%zu drills)\n", c.title, c.ndrills);
        const char *topic = NULL;
        for (size_t i = 0; i < c.ndrills; i++) {
            const drill *d = order[i];
            if (!topic || strcmp(topic, d->topic)) {
                topic = d->topic;
                printf("\n%s\n", topic);
            }
            printf("  %-34s %-8s L%d  %s\n", d->id, drill_kind_name(d->kind), d->level, d->title);
        }
    }
    free(order);
    catalog_free(&c);
    return rc ? EXIT_USAGE : EXIT_OK;
}
