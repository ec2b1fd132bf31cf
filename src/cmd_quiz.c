/* cmd_quiz.c - pydrill [quiz] [--catalog F | --pack F ...]
 * [--mode practice|interview|review] [--topic T] [--count N] [--minutes M] */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "tui.h"

/* --opt VALUE or --opt=VALUE; NULL (and *bad set) when the value is missing. */
static const char *opt_value(int argc, char **argv, int *i, const char *name, int *matched)
{
    size_t n = strlen(name);
    *matched = 0;
    if (strncmp(argv[*i], name, n))
        return NULL;
    if (argv[*i][n] == '=') {
        *matched = 1;
        return argv[*i] + n + 1;
    }
    if (argv[*i][n])
        return NULL;
    *matched = 1;
    if (*i + 1 >= argc)
        return NULL;
    return argv[++*i];
}

int cmd_quiz(int argc, char **argv)
{
    cmd_source src;
    cmd_source_init(&src);
    tui_options o = { .mode = MODE_PRACTICE, .count = 10, .minutes = 30 };
    int rc = EXIT_OK;
    int i = 1;
    if (argc > 1 && !strcmp(argv[1], "quiz"))
        i = 2; /* called as "pydrill quiz ..." with the whole argv */
    for (; i < argc; i++) {
        int r = cmd_source_option(&src, argc, argv, &i);
        if (r < 0) {
            rc = EXIT_USAGE;
            goto out;
        }
        if (r)
            continue;
        int m;
        const char *v;
        char *end;
        if ((v = opt_value(argc, argv, &i, "--mode", &m)) || m) {
            if (!v) {
                rc = cmd_usage_error("--mode needs a value: practice, interview or review");
                goto out;
            }
            if (!strcmp(v, "practice"))
                o.mode = MODE_PRACTICE;
            else if (!strcmp(v, "interview"))
                o.mode = MODE_INTERVIEW;
            else if (!strcmp(v, "review"))
                o.mode = MODE_REVIEW;
            else {
                rc = cmd_usage_error("--mode: \"%s\" is not practice, interview or review", v);
                goto out;
            }
        } else if ((v = opt_value(argc, argv, &i, "--topic", &m)) || m) {
            if (!v || !*v) {
                rc = cmd_usage_error("--topic needs a value");
                goto out;
            }
            o.topic = v;
        } else if ((v = opt_value(argc, argv, &i, "--count", &m)) || m) {
            errno = 0;
            long n = v ? strtol(v, &end, 10) : 0;
            if (!v || errno || *end || end == v || n < 1 || n > 100000) {
                rc = cmd_usage_error("--count needs a whole number of drills, 1 or more");
                goto out;
            }
            o.count = (int)n;
        } else if ((v = opt_value(argc, argv, &i, "--minutes", &m)) || m) {
            errno = 0;
            double x = v ? strtod(v, &end) : 0;
            if (!v || errno || *end || end == v || !(x > 0) || x > 1e6) {
                rc = cmd_usage_error("--minutes needs a positive number (fractions allowed, e.g. 0.5)");
                goto out;
            }
            o.minutes = x;
        } else if (argv[i][0] == '-') {
            rc = cmd_usage_error("quiz: unknown option \"%s\"", argv[i]);
            goto out;
        } else {
            rc = cmd_usage_error("quiz: unexpected argument \"%s\"", argv[i]);
            goto out;
        }
    }

    catalog c;
    catalog_init(&c);
    int lrc = cmd_load(&src, &c);
    if (lrc == 2 || c.ndrills == 0) {
        if (lrc != 2)
            fprintf(stderr, "pydrill: error: no drills to quiz on\n");
        rc = EXIT_USAGE;
        goto done;
    }
    if (o.topic) {
        size_t k;
        for (k = 0; k < c.ndrills; k++)
            if (!strcmp(c.drills[k].topic, o.topic))
                break;
        if (k == c.ndrills) {
            rc = cmd_usage_error("--topic: no drill has the topic \"%s\"", o.topic);
            goto done;
        }
    }
    if (cmd_start_runner() < 0) {
        rc = EXIT_USAGE;
        goto done;
    }
    rc = tui_quiz(&c, &o);
done:
    catalog_free(&c);
out:
    cmd_source_free(&src);
    return rc;
}
