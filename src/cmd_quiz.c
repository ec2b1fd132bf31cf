/* cmd_quiz.c - pydrill [quiz] [--catalog F | --pack F ...]
 * [--mode practice|interview|review] [--topic T] [--count N] [--minutes M] */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "tui.h"

/* a countdown longer than this (about two years) is a typo */
#define QUIZ_MINUTES_MAX 1000000

static const char quiz_usage[] =
    "usage: pydrill [quiz] [--catalog F | --pack F ...]\n"
    "                      [--mode practice|interview|review]\n"
    "                      [--topic T] [--count N] [--minutes M]\n"
    "\n"
    "The ncurses quiz (the default command). Press ? in it for the keys.\n"
    "\n"
    "  --catalog FILE   the catalog (default: $PYDRILL_CATALOG, ./drills.json, else\n"
    "                   the installed one)\n"
    "  --pack FILE      a pack to load without a catalog (repeatable)\n"
    "  --mode MODE      practice (the list, default), interview (start one at\n"
    "                   once) or review (the drills due for review)\n"
    "  --topic T        start with the topic filter on T (an interview draws from\n"
    "                   T only)\n"
    "  --count N        drills in an interview (default 10)\n"
    "  --minutes M      an interview's countdown, fractions allowed (default 30)\n"
    "  -h, --help       this help\n"
    "\n"
    "Progress is kept in $XDG_STATE_HOME/pydrill/ (default ~/.local/state/pydrill/).\n";

enum { OPT_MODE = CMD_OPT_FIRST_FREE, OPT_TOPIC, OPT_COUNT, OPT_MINUTES };

int cmd_quiz(int argc, char **argv)
{
    static const struct option longopts[] = {
        CMD_SOURCE_OPTIONS,
        { "mode", required_argument, NULL, OPT_MODE },
        { "topic", required_argument, NULL, OPT_TOPIC },
        { "count", required_argument, NULL, OPT_COUNT },
        { "minutes", required_argument, NULL, OPT_MINUTES },
        CMD_COMMON_OPTIONS,
    };
    cmd_source src;
    cmd_source_init(&src);
    tui_options o = { .mode = MODE_PRACTICE, .count = 10, .minutes = 30 };
    int rc = EXIT_OK;
    cmd_args a;
    cmd_args_init(&a, "quiz", quiz_usage, argc, argv, "h", longopts);
    int opt;
    while ((opt = cmd_args_next(&a)) != -1) {
        if (cmd_source_take(&src, opt, optarg))
            continue;
        const char *v = optarg;
        switch (opt) {
        case 'h':
            rc = cmd_help(&a);
            goto out;
        case OPT_MODE:
            if (!strcmp(v, "practice"))
                o.mode = MODE_PRACTICE;
            else if (!strcmp(v, "interview"))
                o.mode = MODE_INTERVIEW;
            else if (!strcmp(v, "review"))
                o.mode = MODE_REVIEW;
            else {
                rc = cmd_args_error(&a, "--mode: \"%s\" is not practice, interview or review", v);
                goto out;
            }
            break;
        case OPT_TOPIC:
            if (!*v) {
                rc = cmd_args_error(&a, "--topic needs a value");
                goto out;
            }
            o.topic = v;
            break;
        case OPT_COUNT: {
            long n;
            if (util_parse_long(v, 1, 100000, &n) < 0) {
                rc = cmd_args_error(&a, "--count needs a whole number of drills, 1 or more");
                goto out;
            }
            o.count = (int)n;
            break;
        }
        case OPT_MINUTES: {
            double x;
            if (util_parse_decimal(v, 0, QUIZ_MINUTES_MAX, &x) < 0 || !(x > 0)) {
                rc = cmd_args_error(&a, "--minutes needs a positive number of minutes, at most %d (fractions allowed, "
                                        "e.g. 0.5)", QUIZ_MINUTES_MAX);
                goto out;
            }
            o.minutes = x;
            break;
        }
        default:
            rc = EXIT_USAGE;
            goto out;
        }
    }
    if (optind < argc) {
        /* main has moved a command named after options to the front: a
         * word left here names none (or came after "--") */
        rc = cmd_args_error(&a, "unexpected argument \"%s\" (the quiz takes none; pydrill --help lists the "
                                "commands)", argv[optind]);
        goto out;
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
    /* no-color.org: NO_COLOR turns colours off when present and not an
     * empty string; curses' side asks only whether it is set */
    const char *no_color = getenv("NO_COLOR");
    if (no_color && !*no_color)
        unsetenv("NO_COLOR");
    rc = tui_quiz(&c, &o);
done:
    catalog_free(&c);
out:
    cmd_source_free(&src);
    return rc;
}
