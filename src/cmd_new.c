/* cmd_new.c - pydrill new KIND: a template drill to fill in, the kind's own
 * (kind.h), shaped so that `pydrill check` passes once its placeholders
 * are replaced by a real question. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "kind.h"

static const char new_usage[] =
    "usage: pydrill new KIND\n"
    "\n"
    "Prints a template drill of KIND (predict, fix, write, choice, explain,\n"
    "parsons) that passes pydrill check once its placeholders are replaced by a\n"
    "real question. Put it in a pack's \"drills\" array; docs/authoring.md\n"
    "describes every field.\n"
    "\n"
    "  -h, --help   this help\n";

int cmd_new(int argc, char **argv)
{
    static const struct option longopts[] = { CMD_COMMON_OPTIONS };
    cmd_args a;
    cmd_args_init(&a, "new", new_usage, argc, argv, "h", longopts);
    int opt = cmd_args_next(&a);
    if (opt != -1)
        return opt == 'h' ? cmd_help(&a) : EXIT_USAGE;
    if (optind + 1 != argc)
        return cmd_args_error(&a, optind < argc ? "one KIND, not several" : "which kind? %s", kind_names_text());
    const kind_ops *ops = kind_find(argv[optind]);
    if (!ops)
        return cmd_args_error(&a, "unknown kind \"%s\" (%s)", argv[optind], kind_names_text());
    fputs(ops->template_json, stdout);
    return EXIT_OK;
}
