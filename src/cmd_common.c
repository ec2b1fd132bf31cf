/* cmd_common.c - what the commands share: where drills come from, and how
 * messages reach the user. */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "engine.h"
#include "util.h"

#ifndef PYDRILL_DATADIR
#define PYDRILL_DATADIR "/usr/local/share/pydrill"
#endif

void cmd_source_init(cmd_source *s)
{
    memset(s, 0, sizeof *s);
}

void cmd_source_free(cmd_source *s)
{
    free(s->packs);
    cmd_source_init(s);
}

/* Prints one line to stderr with control characters escaped. */
static void print_escaped(const char *prefix, const char *msg)
{
    char *e = util_escape_controls(msg);
    fprintf(stderr, "%s%s\n", prefix, e);
    free(e);
}

int cmd_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    print_escaped("pydrill: error: ", msg);
    free(msg);
    return EXIT_USAGE;
}

int cmd_args_error(const cmd_args *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = xvasprintf(fmt, ap);
    va_end(ap);
    char *prefix = xasprintf("pydrill: error: %s: ", a->cmd);
    print_escaped(prefix, msg);
    fprintf(stderr, "(pydrill %s --help shows the usage)\n", a->cmd);
    free(prefix);
    free(msg);
    return EXIT_USAGE;
}

void cmd_args_init(cmd_args *a, const char *cmd, const char *usage, int argc, char **argv, const char *shortopts,
                   const struct option *longopts)
{
    a->cmd = cmd;
    a->usage = usage;
    a->argc = argc;
    a->argv = argv;
    a->shortopts = shortopts;
    a->longopts = longopts;
    optind = 0; /* glibc: start again from scratch, for this argv */
    opterr = 0;
}

int cmd_args_next(cmd_args *a)
{
    /* a leading ':' tells a missing value from an unknown option */
    char *spec = xasprintf(":%s", a->shortopts);
    optopt = 0;
    int c = getopt_long(a->argc, a->argv, spec, a->longopts, NULL);
    free(spec);
    if (c != ':' && c != '?')
        return c;
    /* GNU getopt has moved past what it complains about */
    const char *arg = optind >= 1 && optind - 1 < a->argc ? a->argv[optind - 1] : "";
    int is_long = !strncmp(arg, "--", 2);
    int len = (int)strcspn(arg, "=");
    if (c == ':')
        cmd_args_error(a, "%s needs a value", is_long ? arg : (char[]){ '-', (char)optopt, 0 });
    else if (!is_long)
        cmd_args_error(a, "unknown option -%c", optopt ? optopt : '?');
    else if (optopt)
        cmd_args_error(a, "%.*s takes no value", len, arg);
    else
        cmd_args_error(a, "unknown option \"%.*s\"", len, arg);
    return '?';
}

int cmd_help(const cmd_args *a)
{
    fputs(a->usage, stdout);
    return EXIT_OK;
}

int cmd_source_take(cmd_source *s, int c, const char *value)
{
    if (c == CMD_OPT_CATALOG) {
        s->catalog = value;
        return 1;
    }
    if (c == CMD_OPT_PACK) {
        s->packs = xrealloc(s->packs, (s->npacks + 1) * sizeof *s->packs);
        s->packs[s->npacks++] = value;
        return 1;
    }
    return 0;
}

void cmd_print_diag(const diag *d)
{
    for (size_t i = 0; i < d->n; i++)
        print_escaped("", d->msgs[i]);
}

void cmd_print_msg(const char *msg)
{
    print_escaped("", msg);
}

/* 1 when standard output is a pipe nobody reads any more. The write that
 * found out may be long past (its errno gone), so the pipe is asked. */
static int stdout_reader_gone(void)
{
    struct pollfd p = { .fd = STDOUT_FILENO, .events = POLLOUT };
    return poll(&p, 1, 0) == 1 && (p.revents & POLLERR);
}

int cmd_finish_stdout(void)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return EXIT_OK;
    int e = errno;
    /* a reader that went away (pydrill list | head) is not an error */
    if (e == EPIPE || stdout_reader_gone())
        return EXIT_OK;
    if (e)
        fprintf(stderr, "pydrill: error: cannot write to standard output: %s\n", strerror(e));
    else
        fprintf(stderr, "pydrill: error: cannot write to standard output: a write failed, and what was "
                        "written is incomplete\n");
    return EXIT_USAGE;
}

static const char *find_catalog(const cmd_source *s)
{
    if (s->catalog)
        return s->catalog;
    const char *env = getenv("PYDRILL_CATALOG");
    if (env && *env)
        return env;
    struct stat st;
    /* a link there that leads nowhere is taken, and fails to open with
     * its name, rather than passed over for the installed catalog */
    if (lstat("drills.json", &st) == 0)
        return "drills.json";
    if (access(PYDRILL_DATADIR "/drills.json", F_OK) == 0)
        return PYDRILL_DATADIR "/drills.json";
    return NULL;
}

int cmd_load(const cmd_source *s, catalog *c)
{
    diag d;
    diag_init(&d);
    int rc = 0;
    if (s->catalog && s->npacks) {
        fprintf(stderr, "pydrill: error: use --catalog or --pack, not both\n");
        return 2;
    }
    if (s->npacks) {
        for (size_t i = 0; i < s->npacks; i++)
            if (catalog_add_pack(c, s->packs[i], &d) < 0)
                rc = 1;
    } else {
        const char *path = find_catalog(s);
        if (!path) {
            fprintf(stderr, "pydrill: error: no catalog: give --catalog FILE or --pack FILE, set "
                            "PYDRILL_CATALOG, or run where drills.json is\n");
            return 2;
        }
        if (catalog_load(c, path, &d) < 0)
            rc = 1;
    }
    if (catalog_check_unique(c, &d) < 0)
        rc = 1;
    cmd_print_diag(&d);
    diag_free(&d);
    if (c->ndrills == 0 && rc)
        return 2;
    return rc;
}

int cmd_grader_failed(void)
{
    const char *why = NULL;
    size_t lost = engine_internal_failures(&why);
    if (!lost)
        return 0;
    fprintf(stderr, "pydrill: error: %zu run%s could not be started (%s): nothing can be graded now, and the "
                    "problems above are pydrill's, not the pack's\n",
            lost, lost == 1 ? "" : "s", why);
    return 1;
}

int cmd_start_runner(void)
{
    char *err = NULL, *warning = NULL;
    if (engine_start(&err, &warning) < 0) {
        fprintf(stderr, "pydrill: error: cannot start the grader: %s\n", err);
        free(err);
        return -1;
    }
    if (warning)
        fprintf(stderr, "pydrill: %s\n", warning);
    free(warning);
    return 0;
}

void cmd_judge(const drill *d, const char *answer, const unsigned char *run_mask, drill_verdict *v)
{
    (void)run_mask;
    engine_judge(d, answer, 0, v);
}

static char *self_path;

void cmd_set_argv0(const char *argv0)
{
    free(self_path);
    self_path = NULL;
    if (argv0 && strchr(argv0, '/'))
        self_path = realpath(argv0, NULL);
}

const char *cmd_self_path(void)
{
    return self_path && access(self_path, X_OK) == 0 ? self_path : "/proc/self/exe";
}

/* The folder a path would be written in, resolved (NULL if it cannot be). */
static char *parent_real(const char *path)
{
    char *copy = xstrdup(path);
    char *slash = strrchr(copy, '/');
    const char *dir = !slash ? "." : slash == copy ? "/" : (*slash = '\0', copy);
    char *real = realpath(dir, NULL);
    free(copy);
    return real;
}

int cmd_check_output(const char *output, const char *const *inputs, size_t ninputs)
{
    if (!output || !strcmp(output, "-"))
        return 0;
    struct stat ost, ist;
    int have = stat(output, &ost) == 0;
    char *odir = parent_real(output);
    int rc = 0;
    for (size_t i = 0; i < ninputs && rc == 0; i++) {
        const char *in = inputs[i];
        if (!in || !strcmp(in, "-") || stat(in, &ist) < 0)
            continue;
        if (have && ost.st_dev == ist.st_dev && ost.st_ino == ist.st_ino) {
            rc = cmd_usage_error("-o %s is one of the inputs (%s): writing the report would replace it; "
                                 "write it elsewhere", output, in);
        } else if (S_ISDIR(ist.st_mode) && odir) {
            char *real = realpath(in, NULL);
            size_t n = real ? strlen(real) : 0;
            if (real && !strncmp(odir, real, n) && (odir[n] == '\0' || odir[n] == '/' || n == 1))
                rc = cmd_usage_error("-o %s is inside %s, a submissions folder given: the next grade would "
                                     "read the report as a submission; write it elsewhere", output, in);
            free(real);
        }
    }
    free(odir);
    return rc ? -1 : 0;
}
