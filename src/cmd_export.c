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
    "output, or atomically to FILE with -o.\n";

/* Library messages are either located ("FILE: error: ...") or already
 * prefixed; anything else gets the program's prefix. */
static void print_error(const char *err)
{
    if (strncmp(err, "pydrill:", 8) == 0 || strstr(err, ": error:"))
        fprintf(stderr, "%s\n", err);
    else
        fprintf(stderr, "pydrill: error: %s\n", err);
}

int cmd_export(int argc, char **argv)
{
    const char *out = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(export_usage, stdout);
            return EXIT_OK;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (i + 1 >= argc)
                return cmd_usage_error("export: %s needs a file name", a);
            out = argv[++i];
        } else if (strncmp(a, "--output=", 9) == 0) {
            out = a + 9;
        } else if (strncmp(a, "-o", 2) == 0) {
            out = a + 2;
        } else if (a[0] == '-' && a[1]) {
            return cmd_usage_error("export: unknown option '%s' (usage: pydrill export [-o FILE])", a);
        } else {
            return cmd_usage_error("export: unexpected argument '%s' (usage: pydrill export [-o FILE])", a);
        }
    }
    if (out && !out[0])
        return cmd_usage_error("export: -o needs a file name");
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
