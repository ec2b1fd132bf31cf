/* cmd_export.c - `pydrill export [-o FILE]`: the quiz's saved answers as a
 * pydrill-answers/1 file (SPEC 2.6), so a practice session can be graded
 * with `pydrill grade` like any other submission. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "state.h"
#include "util.h"

static const char export_usage[] =
    "usage: pydrill export [-o FILE]\n"
    "\n"
    "Writes the last submitted answer to every drill tried in the quiz as an\n"
    "answers file (format pydrill-answers/1; candidate $USER) to standard\n"
    "output, or to FILE with -o (replaced whole, never half-written), so that\n"
    "pydrill grade can grade a quiz session.\n"
    "\n"
    "  -o, --output FILE   where to write (- for standard output)\n"
    "  -h, --help          this help\n";

/* Library messages are either located ("FILE: error: ...") or already
 * prefixed; anything else gets the program's prefix. */
static void print_error(const char *err)
{
    if (strncmp(err, "pydrill:", 8) == 0 || strstr(err, ": error:"))
        cmd_print_msg(err);
    else
        cmd_usage_error("%s", err);
}

int cmd_export(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "output", required_argument, NULL, 'o' },
        CMD_COMMON_OPTIONS,
    };
    const char *out = NULL;
    cmd_args a;
    cmd_args_init(&a, "export", export_usage, argc, argv, "o:h", longopts);
    int opt;
    while ((opt = cmd_args_next(&a)) != -1) {
        if (opt == 'o') {
            out = optarg;
            continue;
        }
        return opt == 'h' ? cmd_help(&a) : EXIT_USAGE;
    }
    if (optind < argc)
        return cmd_args_error(&a, "unexpected argument \"%s\"", argv[optind]);
    if (out && !out[0])
        return cmd_args_error(&a, "-o needs a file name");
    if (out && strcmp(out, "-") == 0)
        out = NULL;

    state s;
    char *err = NULL;
    if (state_load(&s, &err) < 0) {
        print_error(err);
        free(err);
        state_free(&s);
        return EXIT_USAGE;
    }
    if (s.notice)
        fprintf(stderr, "pydrill: warning: %s\n", s.notice);
    int rc = EXIT_OK;
    if (state_export(&s, out, &err) < 0) {
        print_error(err);
        free(err);
        rc = EXIT_USAGE;
    }
    state_free(&s);
    return rc;
}
