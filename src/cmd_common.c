/* cmd_common.c - what the commands share: where drills come from, and how
 * messages reach the user. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int cmd_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("pydrill: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\n", stderr);
    va_end(ap);
    return EXIT_USAGE;
}

/* Matches "--name VALUE" and "--name=VALUE"; returns the value or NULL. */
static const char *option_value(const char *name, int argc, char **argv, int *i, int *missing)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) != 0)
        return NULL;
    if (a[n] == '=')
        return a + n + 1;
    if (a[n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        *missing = 1;
        return NULL;
    }
    return argv[++*i];
}

int cmd_source_option(cmd_source *s, int argc, char **argv, int *i)
{
    int missing = 0;
    const char *v = option_value("--catalog", argc, argv, i, &missing);
    if (v) {
        s->catalog = v;
        return 1;
    }
    if (missing) {
        cmd_usage_error("--catalog needs a file");
        return -1;
    }
    v = option_value("--pack", argc, argv, i, &missing);
    if (v) {
        s->packs = xrealloc(s->packs, (s->npacks + 1) * sizeof *s->packs);
        s->packs[s->npacks++] = v;
        return 1;
    }
    if (missing) {
        cmd_usage_error("--pack needs a file");
        return -1;
    }
    return 0;
}

void cmd_print_diag(const diag *d)
{
    for (size_t i = 0; i < d->n; i++)
        fprintf(stderr, "%s\n", d->msgs[i]);
}

static const char *find_catalog(const cmd_source *s)
{
    if (s->catalog)
        return s->catalog;
    const char *env = getenv("PYDRILL_CATALOG");
    if (env && *env)
        return env;
    if (access("drills.json", F_OK) == 0)
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
