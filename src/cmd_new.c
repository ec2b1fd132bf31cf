/* cmd_new.c - pydrill new KIND: a template drill to fill in, the kind's own
 * (kind.h), shaped so that `pydrill check` passes once its placeholders
 * are replaced by a real question. */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "kind.h"

int cmd_new(int argc, char **argv)
{
    if (argc != 2)
        return cmd_usage_error("usage: pydrill new KIND (%s)", kind_names_text());
    const kind_ops *ops = kind_find(argv[1]);
    if (!ops)
        return cmd_usage_error("new: unknown kind \"%s\" (%s)", argv[1], kind_names_text());
    fputs(ops->template_json, stdout);
    return EXIT_OK;
}
