/* cmd_export.c - `pydrill export [-o FILE]`: the quiz's saved answers as a
 * pydrill-answers/1 file (SPEC 2.6), so a practice session can be graded
 * with `pydrill grade` like any other submission; and the quiz's kept
 * interview reports, listed or one of them as text, HTML or JSON. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "interview.h"
#include "state.h"
#include "util.h"

static const char export_usage[] =
    "usage: pydrill export [-o FILE]\n"
    "       pydrill export --interviews\n"
    "       pydrill export --interview N [--format text|html|json] [-o FILE]\n"
    "\n"
    "Writes the last submitted answer to every drill tried in the quiz as an\n"
    "answers file (format pydrill-answers/1; candidate $USER) to standard\n"
    "output, or to FILE with -o (replaced whole, never half-written), so that\n"
    "pydrill grade can grade a quiz session.\n"
    "\n"
    "  -o, --output FILE   where to write (- for standard output)\n"
    "  --interviews        list the interviews the quiz kept, newest first (1)\n"
    "  --interview N       that interview's report instead (1: the newest)\n"
    "  --format FORMAT     of the report: text (default), html or json\n"
    "  -h, --help          this help\n";

enum { OPT_INTERVIEW = CMD_OPT_FIRST_FREE, OPT_INTERVIEWS, OPT_FORMAT };

static int export_output(const char *text, const char *out)
{
    char *err = NULL;
    if (out) {
        if (util_write_atomic(out, text, strlen(text), &err) < 0) {
            cmd_print_msg(err);
            free(err);
            return EXIT_USAGE;
        }
        return EXIT_OK;
    }
    fputs(text, stdout);
    return cmd_finish_stdout();
}

/* -o inside the quiz's state folder: its progress file and interview
 * records are the only copies there are, and export reads them; a report
 * renamed over one would replace it. Refused, as grade and report refuse
 * an -o that names one of their inputs. */
static int output_in_state(const char *out)
{
    char *dir = state_dir();
    char *sreal = dir ? realpath(dir, NULL) : NULL;
    char *odir = util_dirname(out);
    char *oreal = realpath(odir, NULL);
    int in = 0;
    if (sreal && oreal) {
        size_t n = strlen(sreal);
        in = !strncmp(oreal, sreal, n) && (oreal[n] == '\0' || oreal[n] == '/');
    }
    if (in)
        cmd_usage_error("-o %s is inside the quiz's state folder (%s), where its progress and interviews are "
                        "kept: writing there could replace one of them; write it elsewhere",
                        out, dir);
    free(oreal);
    free(odir);
    free(sreal);
    free(dir);
    return in;
}

/* --interviews, or --interview N: the reports under the state folder. */
static int export_interviews(long n, const char *format, const char *out)
{
    char *dir = state_dir();
    if (!dir)
        return cmd_usage_error("export: no state folder: neither XDG_STATE_HOME nor HOME is set");
    interview_record *list;
    size_t count, unreadable;
    char **why;
    int lerr = interview_list(dir, &list, &count, &unreadable, &why);
    if (lerr) {
        int rc = cmd_usage_error("export: cannot read %s/interviews: %s", dir, strerror(lerr));
        free(dir);
        return rc;
    }
    /* each one named, so that it can be looked at or moved away */
    for (size_t i = 0; i < unreadable; i++) {
        char *line = xasprintf("pydrill: warning: %s (left alone)", why[i]);
        cmd_print_msg(line);
        free(line);
        free(why[i]);
    }
    free(why);
    int rc = EXIT_OK;
    char *text = NULL;
    if (n == 0) {
        sbuf sb;
        sbuf_init(&sb);
        for (size_t i = 0; i < count; i++) {
            char when[32];
            interview_when(list[i].started, when);
            long secs = (long)(list[i].seconds + 0.5);
            /* as `grade` counts: a drill not graded here is out of both */
            sbuf_addf(&sb, "%zu  %s  %.2f/%zu  %ldm%02lds %s", i + 1, when, interview_score(&list[i]),
                      interview_max(&list[i]), secs / 60, secs % 60, list[i].interrupted ? " INTERRUPTED" : "");
            for (size_t k = 0; k < list[i].n; k++) {
                /* a report file is anyone's to edit: its ids reach the
                 * terminal escaped, as --interview N has them */
                char *id = util_escape_controls(list[i].items[k].id);
                sbuf_addf(&sb, " %s", id);
                free(id);
            }
            sbuf_addch(&sb, '\n');
        }
        text = sbuf_detach(&sb, NULL);
        if (!count) {
            /* not silence: the wrong user or XDG_STATE_HOME looks the same */
            char *line = xasprintf("pydrill: no interviews kept in %s/interviews", dir);
            cmd_print_msg(line);
            free(line);
        }
    } else if ((size_t)n > count) {
        rc = cmd_usage_error("export: --interview %ld: the quiz has kept %zu interview%s (in %s/interviews)", n,
                             count, count == 1 ? "" : "s", dir);
    } else {
        const interview_record *r = &list[n - 1];
        text = !strcmp(format, "html")   ? interview_html(r)
               : !strcmp(format, "json") ? interview_to_json(r)
                                         : interview_text(r);
    }
    if (text)
        rc = export_output(text, out);
    free(text);
    for (size_t i = 0; i < count; i++)
        interview_record_free(&list[i]);
    free(list);
    free(dir);
    return rc;
}

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
        { "interview", required_argument, NULL, OPT_INTERVIEW },
        { "interviews", no_argument, NULL, OPT_INTERVIEWS },
        { "format", required_argument, NULL, OPT_FORMAT },
        CMD_COMMON_OPTIONS,
    };
    const char *out = NULL, *format = NULL;
    long interview = -1; /* 0: the list */
    int listed = 0, numbered = 0;
    cmd_args a;
    cmd_args_init(&a, "export", export_usage, argc, argv, "o:h", longopts);
    int opt;
    while ((opt = cmd_args_next(&a)) != -1) {
        switch (opt) {
        case 'o': out = optarg; continue;
        case OPT_INTERVIEWS:
            listed = 1;
            interview = 0;
            continue;
        case OPT_INTERVIEW:
            numbered = 1;
            if (util_parse_long(optarg, 1, 1000000, &interview) < 0)
                return cmd_args_error(&a, "--interview needs a number, 1 for the newest interview");
            continue;
        case OPT_FORMAT:
            if (strcmp(optarg, "text") && strcmp(optarg, "html") && strcmp(optarg, "json"))
                return cmd_args_error(&a, "--format: \"%s\" is not text, html or json", optarg);
            format = optarg;
            continue;
        }
        return opt == 'h' ? cmd_help(&a) : EXIT_USAGE;
    }
    if (optind < argc)
        return cmd_args_error(&a, "unexpected argument \"%s\"", argv[optind]);
    if (listed && numbered)
        return cmd_args_error(&a, "--interviews lists them, --interview N writes one: give one of the two");
    if (out && !out[0])
        return cmd_args_error(&a, "-o needs a file name");
    if (out && strcmp(out, "-") == 0)
        out = NULL;
    if (out && output_in_state(out))
        return EXIT_USAGE;
    if (format && interview < 1)
        return cmd_args_error(&a, "--format goes with --interview N");
    if (interview >= 0)
        return export_interviews(interview, format ? format : "text", out);

    /* a read-only command: a corrupt state file is said to be one and left
     * where it is (the quiz sets it aside when it next starts) */
    state s;
    char *err = NULL;
    if (state_load_readonly(&s, &err) < 0) {
        print_error(err);
        free(err);
        state_free(&s);
        return EXIT_USAGE;
    }
    int rc = EXIT_OK;
    if (state_export(&s, out, &err) < 0) {
        print_error(err);
        free(err);
        rc = EXIT_USAGE;
    }
    state_free(&s);
    return rc;
}
